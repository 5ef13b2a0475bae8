import { spanRanges, type Range, type Val } from '../../text/range.js';
import { formatIpv6, ipv6Network, parseIpv6, parseIpv6PrefixLength } from '../../flow/ipv6.js';
import type { InterfaceNode } from '../types.js';
import { parseMask } from '../values.js';
import { joined, viewRange, type BuildContext, type Handlers, type Owner, type OwnerOf } from './context.js';
import { ip, num } from './operands.js';

/**
 * `interface GigabitEthernet 1/0/1` is an input form the device stores as `GigabitEthernet1/0/1`;
 * a blank beside a slash (`GigabitEthernet1 /0/2`, a documentation typo) is rejected by the device:
 * it is reported once, here, and read as the intended name so the lines under it still apply.
 */
function interfaceHeaderName(b: BuildContext, name: Val<string>, unit: Val<string> | undefined, range: Range): Val<string> {
  if (!unit) return name;
  const whole = { value: name.value + unit.value, range: spanRanges(name.range, unit.range) };
  if (name.value.endsWith('/') || unit.value.startsWith('/')) {
    b.ast.diagnostics.push({
      code: 'statement-syntax',
      severity: 'warning',
      message: `"interface ${name.value} ${unit.value}": the device rejects an interface name with a blank beside "/", so the commands under it are not applied there; write "interface ${whole.value}" (read as ${whole.value} here)`,
      range,
    });
  }
  return whole;
}

export const INTERFACE_HEADER: Handlers<Owner> = {
  InterfaceHeader: (b, st) => {
    const name = interfaceHeaderName(b, st.text('name')!, st.text('interfaceUnit'), st.range);
    const n: InterfaceNode = {
      kind: 'interface', ...viewRange(st), path: `interface:${name.value}`, name,
      key: name.value.replace(/\s+/g, '').toLowerCase(), addresses: [], vrrpVirtualIps: [], natOutbound: [],
    };
    return b.openView(b.ast.interfaces, { kind: 'interface', node: n });
  },
};

/** The lines of an `interface X` view. */
export const INTERFACE_VIEW: Handlers<OwnerOf<'interface'>> = {
  IfAddress: (_b, st, { node: n }) => {
    const address = ip(st.text('address'));
    const maskText = st.text('mask')!;
    const mask = parseMask(maskText.value);
    if (!address || mask === undefined) return false;
    n.addresses.push({
      range: st.range, path: `${n.path}/address:${st.text('address')!.value}`, address,
      mask: { value: mask, range: maskText.range }, sub: st.has('sub'),
    });
    return true;
  },
  IfDynamicAddress: (_b, st, { node: n }) => {
    const kind = st.has('unnumbered') ? 'unnumbered' : st.has('pppNegotiate') ? 'ppp-negotiate' : 'dhcp-alloc';
    const at = st.rangeOf('unnumbered') ?? st.rangeOf('pppNegotiate') ?? st.rangeOf('dhcpAlloc')!;
    n.dynamicAddress = { value: kind, range: at };
    const borrowed = st.text('borrowed');
    if (borrowed) n.unnumberedFrom = borrowed;
    return true;
  },
  IfIpsecPolicy: (_b, st, { node: n }) => {
    const option = st.text('option');
    n.ipsecPolicy = { name: st.text('name')!, range: st.range, ...(option ? { option } : {}) };
    return true;
  },
  IfIpsecProfile: (_b, st, { node: n }) => {
    n.ipsecProfile = st.text('name');
    return true;
  },
  IfEfficientVpn: (_b, st, { node: n }) => {
    n.ipsecEfficientVpn = st.text('name');
    return true;
  },
  IfTcpMss: (_b, st, { node: n }) => {
    n.tcpAdjustMss = num(st.text('value'));
    return true;
  },
  IfMtu: (_b, st, { node: n }) => {
    n.mtu = num(st.text('value'));
    return true;
  },
  IfTunnelProtocol: (_b, st, { node: n }) => {
    n.tunnelProtocol = st.text('value');
    return true;
  },
  IfSource: (_b, st, { node: n }) => {
    n.tunnelSource = joined(st.all('value'));
    return true;
  },
  IfDestination: (_b, st, { node: n }) => {
    const ipv4 = ip(st.text('value'));
    if (ipv4) n.tunnelDestination = ipv4;
    return true;
  },
  IfVrrp: (_b, st, { node: n }) => {
    const ipv4 = ip(st.text('virtualIp'));
    if (ipv4) n.vrrpVirtualIps.push(ipv4);
    if (ipv4 && st.text('vrrpState')?.value.toLowerCase() === 'standby') (n.vrrpStandbyIps ??= []).push(ipv4);
    return true;
  },
  IfNatOutbound: (_b, st, { node: n }) => {
    const parts = [...st.all('interface'), ...st.all('interfaceUnit')];
    const group = st.text('group');
    n.natOutbound.push({
      acl: st.text('acl')!, range: st.range, ...(group ? { addressGroup: group } : {}),
      ...(parts.length ? { interface: joined(parts) } : {}),
    });
    return true;
  },
  IfShutdown: (_b, st, { node: n }) => {
    n.shutdown = st.range;
    return true;
  },
  IfVpnBinding: (_b, st, { node: n }) => {
    n.vpnBinding = { name: st.text('vpn')!, range: st.range };
    return true;
  },
  IfIpv6Enable: (_b, st, { node: n }) => {
    n.ipv6Enabled = st.range;
    return true;
  },
  IfIpv6Address: (_b, st, { node: n }) => {
    const range = st.range;
    const list = (n.ipv6Addresses ??= []);
    const kindWord = st.text('ipv6Kind')?.value.toLowerCase();
    if (st.has('ipv6Auto')) {
      list.push({ form: 'auto', range, path: `${n.path}/ipv6-address:auto${kindWord ? `-${kindWord}` : ''}` });
      return true;
    }
    const text = st.text('address')!;
    const lengthText = st.text('length');
    const slash = text.value.indexOf('/');
    const words = parseIpv6(slash >= 0 ? text.value.slice(0, slash) : text.value);
    const form: 'global' | 'eui-64' | 'link-local' = kindWord === 'eui-64' ? 'eui-64' : kindWord === 'link-local' ? 'link-local' : 'global';
    const lengthWord = lengthText?.value ?? (slash >= 0 ? text.value.slice(slash + 1) : form === 'link-local' ? '10' : undefined);
    const length = lengthWord === undefined ? undefined : parseIpv6PrefixLength(lengthWord);
    if (!words || length === undefined) return false;
    const addressRange = slash >= 0 ? { ...text.range, endLine: text.range.line, endColumn: text.range.column + slash, endOffset: text.range.offset + slash } : text.range;
    list.push({
      form, range, path: `${n.path}/ipv6-address:${text.value}`,
      address: { value: form === 'eui-64' ? formatIpv6(ipv6Network(words, length)) : formatIpv6(words), range: addressRange },
      length: { value: length, range: lengthText?.range ?? text.range },
    });
    return true;
  },
};
