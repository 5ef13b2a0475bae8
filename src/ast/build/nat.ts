import { rangeOnLine } from '../../text/lines.js';
import type { Range, Val } from '../../text/range.js';
import type { NatRuleNode } from '../types.js';
import { parsePort, parseProtocol } from '../values.js';
import { joined, type Handlers, type Owner, type OwnerOf } from './context.js';
import { address, ip } from './operands.js';
import { ruleBase } from './rule.js';

export const NAT_HEADERS: Handlers<Owner> = {
  NatPolicyHeader: () => ({ kind: 'nat-policy' }),
  LegacyNatHeader: (_b, st) => {
    const zones = st.all('zone').map((z) => z.value.toLowerCase());
    return { kind: 'nat-interzone', zones: [zones[0] ?? '', zones[1] ?? '', st.text('direction')?.value ?? ''] };
  },
  NatServer: (b, st, owner) => {
    const range = st.range;
    const global = ip(st.text('global'));
    const inside = ip(st.text('inside'));
    if (!global || !inside) return false;
    const name = st.text('name');
    const protoText = st.text('protocol');
    const protocol = protoText ? parseProtocol(protoText.value) : undefined;
    const port = (v: Val<string> | undefined): Val<number> | undefined => {
      const p = v ? parsePort(v.value) : undefined;
      return v && p !== undefined ? { value: p, range: v.range } : undefined;
    };
    const globalPort = port(st.text('globalPort'));
    const insidePort = port(st.text('insidePort'));
    const zone = st.text('zone');
    // AR writes interface-level `nat server` inside `interface X`: it applies to that interface only.
    const iface = owner.kind === 'interface' ? owner.node : undefined;
    b.ast.natServers.push({
      kind: 'nat-server', range, path: `${iface ? `${iface.path}/` : ''}nat-server:${name?.value ?? st.text('global')!.value}`,
      global, inside, ...(iface ? { interface: iface.name } : {}),
      ...(name ? { name } : {}), ...(protoText && protocol !== undefined ? { protocol: { value: protocol, range: protoText.range } } : {}),
      ...(globalPort ? { globalPort } : {}), ...(insidePort ? { insidePort } : {}), ...(zone ? { zone } : {}),
      ...(st.has('noReverse') ? { noReverse: st.rangeOf('noReverse')! } : {}),
    });
    return true;
  },
};

/** The lines of `nat-policy`: its `rule name X` views. */
export const NAT_POLICY_VIEW: Handlers<OwnerOf<'nat-policy'>> = {
  RuleName: (b, st) => {
    const base = ruleBase(st);
    const rule: NatRuleNode = { kind: 'nat-rule', ...base, path: `nat-policy/rule:${base.name.value}`, legacy: false, egressInterfaces: [] };
    b.ast.natRules.push(rule);
    return { kind: 'nat-rule', node: rule };
  },
};

/** The lines of a legacy `nat-policy interzone A B outbound` view: its ` policy N` views. */
export const NAT_INTERZONE_VIEW: Handlers<OwnerOf<'nat-interzone'>> = {
  LegacyPolicy: (b, st, owner, node) => {
    const range = st.range;
    const id = st.text('id')!;
    const [from, to, direction] = owner.zones;
    const rule: NatRuleNode = {
      kind: 'nat-rule', range, blockRange: range, path: `nat-policy/rule:interzone-${from}-${to}-${direction}/${id.value}`,
      name: id, legacy: true, sourceZones: [], destinationZones: [], egressInterfaces: [], sourceAddresses: [],
      destinationAddresses: [], services: [],
    };
    // `nat-policy interzone A B outbound`: traffic from the higher-priority zone A towards B.
    const header = node.parent!.line;
    const at = (i: number): Range => rangeOnLine(header, header.tokenStart(i), header.tokenEnd(i));
    if (header.tokenCount >= 5 && header.word(1).toLowerCase() === 'interzone') {
      const inbound = direction.toLowerCase() === 'inbound';
      rule.sourceZones.push({ value: inbound ? to : from, range: at(inbound ? 3 : 2) });
      rule.destinationZones.push({ value: inbound ? from : to, range: at(inbound ? 2 : 3) });
    }
    b.ast.natRules.push(rule);
    return { kind: 'legacy-nat-rule', node: rule };
  },
};

/** Legacy ` policy N` children (`action source-nat`, `policy source …`, `easy-ip IF`, `address-group G`). */
export const LEGACY_NAT_RULE_VIEW: Handlers<OwnerOf<'legacy-nat-rule'>> = {
  LegacyAction: (_b, st, { node: rule }) => {
    if (st.has('noNat')) rule.action = { value: 'no-nat', range: st.range };
    else if (st.has('sourceNat')) {
      // The translation kind comes from a separate `easy-ip` / `address-group` line.
      if (!rule.action || rule.action.value === 'other') rule.action = { value: 'other', range: st.range };
    } else rule.action = { value: 'other', range: st.range };
    return true;
  },
  LegacySource: (_b, st, { node: rule }) => {
    rule.sourceAddresses.push(address(st, true));
    return true;
  },
  LegacyDestination: (_b, st, { node: rule }) => {
    rule.destinationAddresses.push(address(st, true));
    return true;
  },
  LegacyService: () => true,
  LegacyEasyIp: (_b, st, { node: rule }) => {
    const parts = [...st.all('interface'), ...st.all('interfaceUnit')];
    rule.action = { value: 'source-nat-easy-ip', range: st.range };
    rule.egressInterfaces.push(joined(parts));
    return true;
  },
  LegacyAddressGroup: (_b, st, { node: rule }) => {
    rule.action = { value: 'source-nat-address-group', range: st.range };
    rule.addressGroup = st.text('group');
    return true;
  },
};
