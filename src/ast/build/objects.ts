import type { AddressSetNode, L2tpGroupNode, NatAddressGroupNode, ServiceSetNode, ZoneNode } from '../types.js';
import { parsePort, parseProtocol } from '../values.js';
import { joined, viewRange, type Handlers, type Owner, type OwnerOf, type SharedHandler } from './context.js';
import { address, ip, num } from './operands.js';

/** Named objects the policies refer to: zones, address and service sets, NAT address groups, L2TP groups. */
export const OBJECT_HEADERS: Handlers<Owner> = {
  ZoneHeader: (b, st) => {
    const raw = st.text('name')!;
    const name = { value: raw.value.toLowerCase(), range: raw.range };
    const n: ZoneNode = { kind: 'zone', ...viewRange(st), path: `zone:${name.value}`, name, interfaces: [] };
    return b.openView(b.ast.zones, { kind: 'zone', node: n });
  },
  AddressSetHeader: (b, st) => {
    const name = st.text('name')!;
    const n: AddressSetNode = {
      kind: 'address-set', ...viewRange(st), path: `address-set:${name.value}`, name,
      type: st.text('type')?.value.toLowerCase() === 'group' ? 'group' : 'object', members: [],
    };
    return b.openView(b.ast.addressSets, { kind: 'address-set', node: n });
  },
  ServiceSetHeader: (b, st) => {
    const name = st.text('name')!;
    const n: ServiceSetNode = { kind: 'service-set', ...viewRange(st), path: `service-set:${name.value}`, name, members: [], includes: [] };
    return b.openView(b.ast.serviceSets, { kind: 'service-set', node: n });
  },
  NatAddressGroupHeader: (b, st) => {
    const name = st.text('name')!;
    const n: NatAddressGroupNode = { kind: 'nat-address-group', ...viewRange(st), path: `nat-address-group:${name.value}`, name, sections: [] };
    const first = ip(st.text('first'));
    const last = ip(st.text('last'));
    if (first && last) n.sections.push({ first, last });
    const opened = b.openView(b.ast.natAddressGroups, { kind: 'nat-address-group', node: n });
    if (opened.kind === 'nat-address-group' && opened.node !== n) opened.node.sections.push(...n.sections);
    return opened;
  },
  L2tpGroupHeader: (b, st) => {
    const name = st.text('name')!;
    const n: L2tpGroupNode = { kind: 'l2tp-group', ...viewRange(st), path: `l2tp-group:${name.value}`, name, lnsAddresses: [] };
    return b.openView(b.ast.l2tpGroups, { kind: 'l2tp-group', node: n });
  },
};

export const ZONE_VIEW: Handlers<OwnerOf<'zone'>> = {
  ZonePriority: (_b, st, { node }) => {
    const v = num(st.text('value'));
    if (v) node.priority = v;
    return true;
  },
  ZoneAddInterface: (_b, st, { node }) => {
    const parts = [...st.all('interface'), ...st.all('interfaceUnit')];
    node.interfaces.push(joined(parts));
    return true;
  },
};

export const ADDRESS_SET_VIEW: Handlers<OwnerOf<'address-set'>> = {
  SetDescription: () => true,
  AddressSetMember: (_b, st, { node }) => {
    node.members.push(address(st, false));
    return true;
  },
};

export const SERVICE_SET_VIEW: Handlers<OwnerOf<'service-set'>> = {
  SetDescription: () => true,
  ServiceInclude: (_b, st, { node }) => {
    node.includes.push(st.text('name')!);
    return true;
  },
  ServiceMember: (_b, st, { node }) => {
    const protocol = parseProtocol(st.text('protocol')!.value);
    const ports = (field: 'sourcePort' | 'destinationPort'): [number, number] | undefined => {
      const p = st.all(field).map((v) => parsePort(v.value));
      if (p.length === 0 || p.some((x) => x === undefined)) return undefined;
      return [p[0]!, p[p.length - 1]!];
    };
    const sp = ports('sourcePort');
    const dp = ports('destinationPort');
    node.members.push({
      protocol: protocol === undefined ? null : protocol, range: st.range,
      ...(sp ? { sourcePorts: sp } : {}), ...(dp ? { destinationPorts: dp } : {}),
    });
    return true;
  },
};

export const NAT_ADDRESS_GROUP_VIEW: Handlers<OwnerOf<'nat-address-group'>> = {
  GroupSection: (_b, st, { node }) => {
    const first = ip(st.text('first'));
    const last = ip(st.text('last'));
    if (first && last) node.sections.push({ first, last });
    return true;
  },
  GroupMode: (_b, st, { node }) => {
    node.mode = st.text('value');
    return true;
  },
  GroupRoute: () => true,
};

const lnsAddresses: SharedHandler<'L2tpLnsIp' | 'L2tpStart', OwnerOf<'l2tp-group'>> = (_b, st, { node }) => {
  for (const v of st.all('lns')) {
    const lns = ip(v);
    if (lns) node.lnsAddresses.push(lns);
  }
  return true;
};

export const L2TP_GROUP_VIEW: Handlers<OwnerOf<'l2tp-group'>> = {
  L2tpAllow: (_b, st, { node }) => {
    node.virtualTemplate = st.text('virtualTemplate');
    return true;
  },
  L2tpLnsIp: lnsAddresses,
  L2tpStart: lnsAddresses,
};
