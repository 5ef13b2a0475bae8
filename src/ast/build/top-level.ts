import type { Val } from '../../text/range.js';
import { canonicalIpv6, formatIpv6, ipv6Network, parseIpv6, parseIpv6PrefixLength } from '../../flow/ipv6.js';
import { parseMask } from '../values.js';
import type { Handlers, Owner } from './context.js';
import { ip, num } from './operands.js';

/** Top-level statements that open no view: device globals and static routes. */
export const TOP_LEVEL: Handlers<Owner> = {
  Sysname: (b, st) => {
    b.ast.globals.sysname = st.text('name');
    return true;
  },
  RouteStatic: (b, st) => {
    const range = st.range;
    const destination = ip(st.text('routeDestination'));
    const maskText = st.text('mask');
    const maskValue = maskText ? parseMask(maskText.value) : undefined;
    if (!destination || maskValue === undefined || !maskText) return false;
    const nextHop = ip(st.text('nextHop'));
    const iface = st.text('interface');
    const vpn = st.text('vpn');
    const preference = num(st.text('preference'));
    const via = nextHop ? st.text('nextHop')!.value : st.has('public') ? 'public' : iface?.value ?? '';
    b.ast.routes.push({
      kind: 'route', range, path: `route:${vpn ? `${vpn.value}:` : ''}${st.text('routeDestination')!.value}/${maskText.value}/${via}`,
      destination, mask: { value: maskValue, range: maskText.range },
      ...(vpn ? { vpnInstance: vpn } : {}), ...(iface ? { interface: iface } : {}), ...(nextHop ? { nextHop } : {}),
      ...(st.has('public') ? { toPublic: true } : {}), ...(preference ? { preference } : {}),
    });
    return true;
  },
  RouteStatic6: (b, st) => {
    const range = st.range;
    const destText = st.text('routeDestination6')!;
    const lengthText = st.text('routeLength6');
    const slash = destText.value.indexOf('/');
    const words = parseIpv6(slash >= 0 ? destText.value.slice(0, slash) : destText.value);
    const lengthWord = lengthText?.value ?? (slash >= 0 ? destText.value.slice(slash + 1) : undefined);
    const length = lengthWord === undefined ? undefined : parseIpv6PrefixLength(lengthWord);
    if (!words || length === undefined) return false;
    // ` ipv6 route-static D L [IFNAME] [NEXTHOP]`: a word that reads as an IPv6 address is the next hop
    let iface: Val<string> | undefined;
    let nextHop: Val<string> | undefined;
    for (const hop of st.all('routeHop')) {
      const canonical = canonicalIpv6(hop.value);
      if (canonical !== undefined && !nextHop) nextHop = { value: canonical, range: hop.range };
      else if (canonical === undefined && !iface && !nextHop) iface = hop;
      else return false;
    }
    const vpn = st.text('vpn');
    const preference = num(st.text('preference'));
    const destination = formatIpv6(ipv6Network(words, length));
    b.ast.ipv6Routes.push({
      kind: 'ipv6-route', range, path: `ipv6-route:${vpn ? `${vpn.value}:` : ''}${destination}/${length}/${nextHop?.value ?? iface?.value ?? ''}`,
      destination: { value: destination, range: destText.range }, length: { value: length, range: lengthText?.range ?? destText.range },
      ...(vpn ? { vpnInstance: vpn } : {}), ...(iface ? { interface: iface } : {}), ...(nextHop ? { nextHop } : {}),
      ...(preference ? { preference } : {}),
    });
    return true;
  },
  NonVrpRoute: (b, st, _owner, node) => {
    b.ast.diagnostics.push({
      code: 'non-vrp-syntax',
      severity: 'warning',
      message: '"ip route" is not VRP syntax; Huawei devices use "ip route-static"',
      range: st.range,
    });
    b.generic(node);
    return true;
  },
  IkeDpd: (b, st) => {
    const g = b.ast.globals;
    const type = st.text('dpdType');
    if (type) g.ikeDpdType = type;
    const idle = num(st.text('dpdIdleTime'));
    if (idle) g.ikeDpdIdleTime = idle;
    const retrans = num(st.text('dpdRetransmitInterval'));
    if (retrans) g.ikeDpdRetransmitInterval = retrans;
    const retry = num(st.text('dpdRetryLimit'));
    if (retry) g.ikeDpdRetryLimit = retry;
    const msg = st.text('dpdMsg');
    if (msg) g.ikeDpdMsg = msg;
    const interval = st.list('dpdInterval');
    if (interval) g.ikeDpdInterval = { value: interval.value.map(Number), range: interval.range };
    return true;
  },
  IpsecSha2Compatible: (b, st) => {
    b.ast.globals.ipsecSha2Compatible = st.range;
    return true;
  },
  IpsecAuthSha2Compatible: (b, st) => {
    b.ast.globals.ipsecAuthenticationSha2Compatible = st.range;
    return true;
  },
  FirewallTcpMss: (b, st) => {
    const v = num(st.text('value'));
    if (v) b.ast.globals.firewallTcpMss = v;
    return true;
  },
  Ikev1SaDependent: (b, st) => {
    b.ast.globals.ikev1Phase1Phase2SaDependent = { value: true, range: st.range };
    return true;
  },
  Ikev1SaIndependent: (b, st) => {
    b.ast.globals.ikev1Phase1Phase2SaDependent = { value: false, range: st.range };
    return true;
  },
  DnsResolve: (b, st) => {
    b.ast.globals.dnsResolve = st.range;
    return true;
  },
  DnsServer: (b, st) => {
    b.ast.globals.dnsServer ??= st.range;
    return true;
  },
  IpHost: (b, st) => {
    const name = st.text('hostName');
    const address = ip(st.text('hostAddress'));
    if (!name || !address) return false;
    (b.ast.globals.ipHosts ??= []).push({ name, address, range: st.range });
    return true;
  },
  IkeLocalName: (b, st) => {
    b.ast.globals.ikeLocalName = st.text('name');
    return true;
  },
  IkeHeartbeatTimer: (b, st) => {
    const range = st.range;
    // The whole line is the range: a finding about heartbeats points at the line to change.
    const interval = num(st.text('heartbeatInterval'));
    if (interval) b.ast.globals.ikeHeartbeatInterval = { value: interval.value, range };
    const timeout = num(st.text('heartbeatTimeout'));
    if (timeout) b.ast.globals.ikeHeartbeatTimeout = { value: timeout.value, range };
    return true;
  },
  L2tpEnable: (b, st) => {
    b.ast.globals.l2tpEnable = st.range;
    return true;
  },
  Hrp: (b, st) => {
    const range = st.range;
    if (st.has('hrpEnable')) b.ast.globals.hrpEnable = range;
    if (st.has('hrpStandbyDevice')) b.ast.globals.hrpStandbyDevice = range;
    const remote = ip(st.text('hrpRemote'));
    if (remote) b.ast.globals.hrpRemote = remote;
    // Other hrp commands (track, preempt, mirror session, auto-sync) stay generic statements.
    return st.has('hrpEnable') || st.has('hrpStandbyDevice') || st.has('interface');
  },
};
