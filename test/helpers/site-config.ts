import type { Input } from './rule-harness.js';

/** Options of a generated USG site configuration (a correct VPN end unless told otherwise). */
export interface SiteOptions {
  sysname: string;
  /** WAN address with prefix length, e.g. `203.0.113.1/28`. */
  wan: string;
  gateway: string;
  /** Protected LAN and the remote LAN, e.g. `10.1.1.0/24`. */
  lan: string;
  remoteLan: string;
  remoteAddresses?: string[];
  mode?: 'isakmp' | 'template';
  policy?: string;
  template?: string;
  transform?: 'esp' | 'ah' | 'ah-esp';
  tunnelLocal?: string;
  subAddresses?: string[];
  natTraversal?: boolean;
  autoNeg?: boolean;
  /** Extra top-level blocks inserted before the interfaces. */
  extra?: string;
}

function prefixMask(length: number): string {
  const mask = length === 0 ? 0 : (0xffffffff << (32 - length)) >>> 0;
  return [24, 16, 8, 0].map((shift) => (mask >>> shift) & 255).join('.');
}

function wildcard(length: number): string {
  return prefixMask(length)
    .split('.')
    .map((octet) => 255 - Number(octet))
    .join('.');
}

function split(cidr: string): { address: string; length: number } {
  const [address, length] = cidr.split('/');
  return { address, length: Number(length) };
}

function firstHost(network: string): string {
  const octets = network.split('.').map(Number);
  octets[3] += 1;
  return octets.join('.');
}

/** A USG V500R005-style `display current-configuration` of one VPN end. */
export function siteConfig(o: SiteOptions): string {
  const wan = split(o.wan);
  const lan = split(o.lan);
  const remote = split(o.remoteLan);
  const policy = o.policy ?? 'map1';
  const template = o.template ?? 'tpl1';
  const lines: string[] = ['#', ` sysname ${o.sysname}`, '#', ' ike dpd type periodic', '#', ' firewall tcp-mss 1350', '#'];
  lines.push('acl number 3000', ` rule 5 permit ip source ${lan.address} ${wildcard(lan.length)} destination ${remote.address} ${wildcard(remote.length)}`, '#');
  lines.push('ike proposal 10', ' encryption-algorithm aes-256', ' dh group14', ' authentication-algorithm sha2-256', ' authentication-method pre-share', ' integrity-algorithm hmac-sha2-256', ' prf hmac-sha2-256', '#');
  lines.push('ike peer peer1', ' undo version 2', ' exchange-mode main', ` pre-shared-key %^%#${o.sysname}Key9x%^%#`, ' ike-proposal 10');
  for (const address of o.remoteAddresses ?? []) lines.push(` remote-address ${address}`);
  if (o.natTraversal) lines.push(' nat traversal');
  lines.push(' dpd type periodic', '#', 'ipsec proposal p10');
  if (o.transform) lines.push(` transform ${o.transform}`);
  lines.push(' encapsulation-mode tunnel');
  if (o.transform === 'ah' || o.transform === 'ah-esp') lines.push(' ah authentication-algorithm sha2-256');
  if (o.transform !== 'ah') lines.push(' esp authentication-algorithm sha2-256', ' esp encryption-algorithm aes-256');
  lines.push('#');
  const settings = [' security acl 3000', ' ike-peer peer1', ' proposal p10', ' pfs dh-group14'];
  if (o.tunnelLocal) settings.push(` tunnel local ${o.tunnelLocal}`);
  if (o.mode === 'template') {
    lines.push(`ipsec policy-template ${template} 10`, ...settings, '#', `ipsec policy ${policy} 10 isakmp template ${template}`, '#');
  } else {
    lines.push(`ipsec policy ${policy} 10 isakmp`, ...settings, ' sa trigger-mode auto', '#');
  }
  if (o.extra) lines.push(o.extra.trimEnd(), '#');
  lines.push('interface GigabitEthernet1/0/0', ` ip address ${wan.address} ${prefixMask(wan.length)}`);
  for (const sub of o.subAddresses ?? []) lines.push(` ip address ${sub} ${prefixMask(wan.length)} sub`);
  lines.push(` ipsec policy ${policy}${o.autoNeg ? ' auto-neg' : ''}`, '#');
  lines.push('interface GigabitEthernet1/0/1', ` ip address ${firstHost(lan.address)} ${prefixMask(lan.length)}`, '#');
  lines.push('firewall zone trust', ' set priority 85', ' add interface GigabitEthernet1/0/1', '#');
  lines.push('firewall zone untrust', ' set priority 5', ' add interface GigabitEthernet1/0/0', '#');
  lines.push(` ip route-static 0.0.0.0 0.0.0.0 ${o.gateway}`, ` ip route-static ${remote.address} ${prefixMask(remote.length)} ${o.gateway}`, '#', 'return');
  return `${lines.join('\n')}\n`;
}

/** Site A of the standard pair: WAN 203.0.113.1, LAN 10.1.1.0/24, peering with site B. */
export const SITE_A: SiteOptions = {
  sysname: 'A', wan: '203.0.113.1/28', gateway: '203.0.113.14', lan: '10.1.1.0/24', remoteLan: '10.2.1.0/24', remoteAddresses: ['198.51.100.1'],
};

/** Site B of the standard pair: WAN 198.51.100.1, LAN 10.2.1.0/24, peering with site A. */
export const SITE_B: SiteOptions = {
  sysname: 'B', wan: '198.51.100.1/28', gateway: '198.51.100.14', lan: '10.2.1.0/24', remoteLan: '10.1.1.0/24', remoteAddresses: ['203.0.113.1'],
};

/** `a.cfg`: site A with `changes` applied. */
export function siteA(changes: Partial<SiteOptions> = {}): Input {
  return { file: 'a.cfg', text: siteConfig({ ...SITE_A, ...changes }) };
}

/** `b.cfg`: site B with `changes` applied. */
export function siteB(changes: Partial<SiteOptions> = {}): Input {
  return { file: 'b.cfg', text: siteConfig({ ...SITE_B, ...changes }) };
}
