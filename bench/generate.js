// Synthetic Huawei USG configurations for benchmarks: a hub whose single policy group has one
// sequence per spoke, filler ACL and security-policy rules, and spokes mirroring the hub. Every
// device is a correct VPN end (DPD, TCP MSS, mirrored ACLs, zones, routes, security and NAT
// policies), so the recommended rules report nothing.

const ip = (n) => `${(n >>> 24) & 255}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
/** Hub LAN 10.0.0.0/16; filler rules use its /24s. */
const subnet = (i) => ip((10 << 24) + (i << 8));
/** Spoke `i`'s LAN, a /24 inside 172.16.0.0/12. */
const remoteSubnet = (i) => ip((172 << 24) + (16 << 16) + (i << 8));
/** Spoke `i`'s WAN /30: gateway .1, spoke .2. */
const spokeWan = (i) => ip((100 << 24) + i * 4 + 2);
const spokeGateway = (i) => ip((100 << 24) + i * 4 + 1);
const HUB_WAN = '203.0.113.1';
const HUB_GATEWAY = '203.0.113.2';

const header = (name) => ['!Software Version V500R005C10SPC300', '#', ` sysname ${name}`, '#',
  ' ike dpd type periodic', ' ike dpd idle-time 10', ' ike dpd retransmit-interval 5', '#', ' firewall tcp-mss 1350', '#'];

const proposals = ['ike proposal 10', ' encryption-algorithm aes-256', ' dh group14', ' authentication-algorithm sha2-256',
  ' authentication-method pre-share', ' integrity-algorithm hmac-sha2-256', ' prf hmac-sha2-256', '#',
  'ipsec proposal p10', ' encapsulation-mode tunnel', ' esp authentication-algorithm sha2-256', ' esp encryption-algorithm aes-256', '#'];

const peer = (name, remote, key) => [`ike peer ${name}`, ' undo version 2', ' exchange-mode main', ` pre-shared-key %^%#${key}%^%#`,
  ' ike-proposal 10', ` remote-address ${remote}`, ' dpd type periodic', '#'];

const policy = (sequence, acl, peerName, local) => [`ipsec policy map1 ${sequence} isakmp`, ` security acl ${acl}`, ` ike-peer ${peerName}`,
  ' proposal p10', ' pfs dh-group14', ` tunnel local ${local}`, ' sa trigger-mode auto', ' sa duration time-based 3600', '#'];

const interfacesAndZones = (wan, wanMask, lan, lanMask) => ['interface GigabitEthernet1/0/0', ` ip address ${wan} ${wanMask}`,
  ' service-manage ping permit', ' ipsec policy map1', '#', 'interface GigabitEthernet1/0/1', ` ip address ${lan} ${lanMask}`, '#',
  'firewall zone local', ' set priority 100', '#', 'firewall zone trust', ' set priority 85', ' add interface GigabitEthernet1/0/1', '#',
  'firewall zone untrust', ' set priority 5', ' add interface GigabitEthernet1/0/0', '#'];

const securityRule = (name, from, to, source, destination, service) => [` rule name ${name}`, `  source-zone ${from}`,
  `  destination-zone ${to}`, `  source-address ${source}`, `  destination-address ${destination}`, ...(service ? [`  service ${service}`] : []),
  '  action permit'];

const vpnSecurityRules = (localLan, remoteLan, wan, remoteWan) => [
  ...securityRule('vpn-out', 'trust', 'untrust', localLan, remoteLan),
  ...securityRule('vpn-in', 'untrust', 'trust', remoteLan, localLan),
  ...securityRule('ike-esp-out', 'local', 'untrust', `${wan} mask 255.255.255.255`, remoteWan),
  ...securityRule('ike-esp-in', 'untrust', 'local', remoteWan, `${wan} mask 255.255.255.255`),
];

const natPolicy = (localLan, remoteLan) => ['nat-policy', ' rule name no-nat-vpn', '  source-zone trust', '  destination-zone untrust',
  `  source-address ${localLan}`, `  destination-address ${remoteLan}`, '  action no-nat', ' rule name internet', '  source-zone trust',
  '  egress-interface GigabitEthernet1/0/0', `  source-address ${localLan}`, '  action source-nat easy-ip', '#'];

const HUB_LAN = '10.0.0.0 mask 255.255.0.0';
const SPOKES_LAN = '172.16.0.0 mask 255.240.0.0';
const SPOKES_WAN = '100.0.0.0 mask 255.0.0.0';

/**
 * A hub with `policies` sequences in policy group map1 (one named ACL, IKE peer and sequence per
 * spoke), `aclRules` filler rules in ACL 3999 and `securityRules` filler security rules.
 */
export function generateHub({ policies = 10, aclRules = 0, securityRules = 0 } = {}) {
  const out = [...header('HUB'), ...proposals];
  for (let i = 0; i < policies; i++) {
    out.push(`acl name SPOKE-${i} advance`, ` rule 5 permit ip source 10.0.0.0 0.0.255.255 destination ${remoteSubnet(i)} 0.0.0.255`, '#');
    out.push(...peer(`spoke${i}`, spokeWan(i), 'x'.repeat(40)));
    out.push(...policy(i + 1, `SPOKE-${i}`, `spoke${i}`, HUB_WAN));
  }
  out.push('acl number 3999');
  for (let i = 0; i < aclRules; i++) {
    out.push(` rule ${(i + 1) * 5} permit tcp source ${subnet(i % 250)} 0.0.0.255 destination ${remoteSubnet(i % 250)} 0.0.0.255 destination-port eq ${1024 + (i % 5000)}`);
  }
  out.push('#', ...interfacesAndZones(HUB_WAN, '255.255.255.252', '10.0.0.1', '255.255.0.0'));
  out.push(` ip route-static 0.0.0.0 0.0.0.0 ${HUB_GATEWAY}`, ` ip route-static 172.16.0.0 255.240.0.0 ${HUB_GATEWAY}`, '#');
  out.push('security-policy', ...vpnSecurityRules(HUB_LAN, SPOKES_LAN, HUB_WAN, SPOKES_WAN));
  for (let i = 0; i < securityRules; i++) {
    out.push(...securityRule(`r${i}`, 'trust', 'untrust', `${subnet(i % 250)} mask 255.255.255.0`, `${remoteSubnet(i % 250)} mask 255.255.255.0`, 'http'));
  }
  out.push('#', ...natPolicy(HUB_LAN, SPOKES_LAN), 'return');
  return out.join('\n') + '\n';
}

/** Spoke `i` of `generateHub`: the mirror of the hub's sequence `i + 1`. */
export function generateSpoke(i) {
  const lan = `${remoteSubnet(i)} mask 255.255.255.0`;
  return [...header(`SPOKE${i}`),
    'acl number 3000', ` rule 5 permit ip source ${remoteSubnet(i)} 0.0.0.255 destination 10.0.0.0 0.0.255.255`, '#',
    ...proposals, ...peer('hub', HUB_WAN, 'x'.repeat(40)), ...policy(10, '3000', 'hub', spokeWan(i)),
    ...interfacesAndZones(spokeWan(i), '255.255.255.252', ip((172 << 24) + (16 << 16) + (i << 8) + 1), '255.255.255.0'),
    ` ip route-static 0.0.0.0 0.0.0.0 ${spokeGateway(i)}`, ` ip route-static 10.0.0.0 255.255.0.0 ${spokeGateway(i)}`, '#',
    'security-policy', ...vpnSecurityRules(lan, HUB_LAN, spokeWan(i), `${HUB_WAN} mask 255.255.255.255`), '#',
    ...natPolicy(lan, HUB_LAN), 'return', ''].join('\n');
}

/** The benchmark network of size `n`: the hub (~170 lines per spoke with its filler) and `n` spokes. */
export function generateNetwork(n) {
  const files = [{ name: 'hub.cfg', text: generateHub({ policies: n, aclRules: 24 * n, securityRules: 18 * n }) }];
  for (let i = 0; i < n; i++) files.push({ name: `spoke-${String(i).padStart(4, '0')}.cfg`, text: generateSpoke(i) });
  return files;
}
