export interface NatDeviceOptions {
  aclRules?: string[];
  /** Lines of the nat-policy view (rules at one-space indent) or a legacy `nat-policy interzone` block. */
  natPolicy?: string;
  /** Top-level lines (nat server …, legacy NAT blocks). */
  extra?: string;
  /** Lines added to the WAN interface (AR `nat outbound …`). */
  wanLines?: string[];
  /** Extra ACLs (`acl number 2000` blocks). */
  acls?: string;
  bind?: boolean;
}

/**
 * A USG with a WAN (GigabitEthernet1/0/1, 203.0.113.1, untrust), a LAN (GigabitEthernet1/0/2,
 * 10.1.1.0/24, trust) and a DMZ (GigabitEthernet1/0/3, 10.1.2.0/24, dmz); policy "map1" 10 to
 * 198.51.100.1 protecting ACL 3000 (default: 10.1.1.0/24 → 10.2.1.0/24).
 */
export function natDevice(options: NatDeviceOptions = {}): string {
  const aclRules = options.aclRules ?? ['rule 5 permit ip source 10.1.1.0 0.0.0.255 destination 10.2.1.0 0.0.0.255'];
  return [
    '#',
    ' sysname FW1',
    ...(options.extra ? [options.extra] : []),
    '#',
    'acl number 3000',
    ...aclRules.map((r) => ` ${r}`),
    '#',
    ...(options.acls ? [options.acls, '#'] : []),
    'ike peer p',
    ' pre-shared-key %^%#Zx8Cv7Bn6Mm5%^%#',
    ' remote-address 198.51.100.1',
    '#',
    'ipsec proposal p10',
    ' esp authentication-algorithm sha2-256',
    ' esp encryption-algorithm aes-256',
    '#',
    'ipsec policy map1 10 isakmp',
    ' security acl 3000',
    ' ike-peer p',
    ' proposal p10',
    '#',
    'interface GigabitEthernet1/0/1',
    ' ip address 203.0.113.1 255.255.255.0',
    ...(options.bind === false ? [] : [' ipsec policy map1']),
    ...(options.wanLines ?? []).map((l) => ` ${l}`),
    '#',
    'interface GigabitEthernet1/0/2',
    ' ip address 10.1.1.1 255.255.255.0',
    '#',
    'interface GigabitEthernet1/0/3',
    ' ip address 10.1.2.1 255.255.255.0',
    '#',
    'firewall zone trust',
    ' add interface GigabitEthernet1/0/2',
    '#',
    'firewall zone untrust',
    ' add interface GigabitEthernet1/0/1',
    '#',
    'firewall zone dmz',
    ' add interface GigabitEthernet1/0/3',
    '#',
    ' ip route-static 0.0.0.0 0.0.0.0 203.0.113.254',
    '#',
    ...(options.natPolicy ? (options.natPolicy.startsWith('nat-policy') ? [options.natPolicy] : ['nat-policy', options.natPolicy]) : []),
    '#',
    'return',
    '',
  ].join('\n');
}

export const EASY_IP_ALL = ` rule name internet
  source-zone trust
  destination-zone untrust
  source-address 10.1.0.0 mask 255.255.0.0
  action source-nat easy-ip`;

export const NO_NAT_VPN = ` rule name vpn
  source-zone trust
  destination-zone untrust
  source-address 10.1.1.0 mask 255.255.255.0
  destination-address 10.2.1.0 mask 255.255.255.0
  action no-nat`;

/** ACL 3000 rules protecting 10.1.1.0/24 towards `count` spoke LANs (172.16.0.0/24, 172.16.1.0/24, …), numbered 5, 10, … */
export function spokeAclRules(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `rule ${5 * (i + 1)} permit ip source 10.1.1.0 0.0.0.255 destination 172.${16 + (i >> 8)}.${i & 255}.0 0.0.0.255`);
}
