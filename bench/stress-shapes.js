// Ordinary-looking inputs that once made fwlint blow up (issue #20 item 5), as seeded generators:
// bench/stress.js lints them with the built CLI, test/hardening/stress-shapes.test.ts checks that
// each finishes within a generous bound and that the answers stay right. Every generator is
// deterministic for a given seed.

/** Mulberry32: a small seeded PRNG, so a shape is the same file on every run. */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const ip = (n) => `${(n >>> 24) & 255}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;

const PROPOSALS = ['ike proposal 10', ' encryption-algorithm aes-256', ' dh group14', ' authentication-algorithm sha2-256',
  ' authentication-method pre-share', ' integrity-algorithm hmac-sha2-256', ' prf hmac-sha2-256', '#',
  'ipsec proposal p10', ' encapsulation-mode tunnel', ' esp authentication-algorithm sha2-256', ' esp encryption-algorithm aes-256', '#'];

/** One IPSec policy with ACL 3000 on GigabitEthernet1/0/0, zones and a default route: the rest of a plain VPN end. */
function tunnelEnd(lines) {
  const [wan, gateway, peer] = ['203.0.113.1', '203.0.113.14', '198.51.100.1'];
  lines.push(...PROPOSALS);
  lines.push('ike peer peer1', ' undo version 2', ' pre-shared-key %^%#Stress0Key1x%^%#', ' ike-proposal 10', ` remote-address ${peer}`, ' dpd type periodic', '#');
  lines.push('ipsec policy map1 10 isakmp', ' security acl 3000', ' ike-peer peer1', ' proposal p10', ' pfs dh-group14', ' sa trigger-mode auto', '#');
  lines.push('interface GigabitEthernet1/0/0', ' undo shutdown', ` ip address ${wan} 255.255.255.240`, ' ipsec policy map1', '#');
  lines.push('interface GigabitEthernet1/0/1', ' undo shutdown', ' ip address 10.0.0.1 255.0.0.0', '#');
  lines.push('firewall zone trust', ' set priority 85', ' add interface GigabitEthernet1/0/1', '#');
  lines.push('firewall zone untrust', ' set priority 5', ' add interface GigabitEthernet1/0/0', '#');
  lines.push(`ip route-static 0.0.0.0 0.0.0.0 ${gateway}`, '#');
}

function header(name) {
  return ['#', '!Software Version V500R005C10SPC300', '#', ` sysname ${name}`, '#', ' firewall tcp-mss 1350', '#', 'ike dpd type periodic', '#'];
}

/**
 * One random security ACL rule: permit or deny, ip / tcp / udp, source in 10.0.0.0/12 and
 * destination in 172.16.0.0/12 drawn from few bits so that rules overlap a lot, port ranges.
 * `nonContiguous` gives wildcards with holes (0.0.15.240 …), which split into many cubes.
 */
function randomAclRule(next, id, nonContiguous) {
  const action = next() < 0.3 ? 'deny' : 'permit';
  const protocol = ['ip', 'tcp', 'udp', 'tcp'][Math.floor(next() * 4)];
  const operand = (base) => {
    const address = (base | (Math.floor(next() * 2 ** 20) & 0xfffff)) >>> 0;
    let wildcard;
    if (nonContiguous && next() < 0.6) wildcard = Math.floor(next() * 2 ** 20) & Math.floor(next() * 2 ** 20) & 0xfffff;
    else wildcard = 2 ** (8 + Math.floor(next() * 12)) - 1;
    return `${ip((address & ~wildcard) >>> 0)} ${ip(wildcard)}`;
  };
  let text = ` rule ${id} ${action} ${protocol} source ${operand(0x0a000000)} destination ${operand(0xac100000)}`;
  if (protocol !== 'ip') {
    const range = () => {
      const low = Math.floor(next() * 2000);
      return [low, low + Math.floor(next() * 3000)];
    };
    if (next() < 0.4) {
      const [low, high] = range();
      text += ` source-port range ${low} ${high}`;
    }
    if (next() < 0.8) {
      const [low, high] = range();
      text += next() < 0.5 ? ` destination-port range ${low} ${high}` : ` destination-port eq ${low}`;
    }
  }
  return text;
}

/** One ACL of `rules` random, overlapping permit/deny rules with port ranges, the security ACL of one policy. */
export function aclOverlapConfig({ rules = 1000, nonContiguous = false, seed = 1 } = {}) {
  const next = random(seed);
  const lines = header('ACL-OVERLAP');
  lines.push('acl number 3000');
  for (let i = 0; i < rules; i++) lines.push(randomAclRule(next, (i + 1) * 5, nonContiguous));
  lines.push('#');
  tunnelEnd(lines);
  lines.push('return', '');
  return lines.join('\n');
}

/** ACL rule options and their words: every line below is a valid rule, only long. */
const OPTIONS = [
  (next) => ['source', ip((0x0a000000 | Math.floor(next() * 2 ** 24)) >>> 0), next() < 0.5 ? '0' : '0.0.0.255'],
  (next) => ['destination', ip((0xac100000 | Math.floor(next() * 2 ** 20)) >>> 0), next() < 0.5 ? '0' : '0.0.255.255'],
  () => ['logging'],
  () => ['counting'],
  () => ['fragment'],
  (next) => ['time-range', `t${Math.floor(next() * 100)}`],
  (next) => ['vpn-instance', `v${Math.floor(next() * 100)}`],
  (next) => ['precedence', String(Math.floor(next() * 8))],
  (next) => ['tos', String(Math.floor(next() * 16))],
  (next) => ['dscp', String(Math.floor(next() * 64))],
];

/**
 * `lines` ACL rules of about `words` words each (about 4 KB a line, under the 512-word cap), each a
 * different random sequence of valid options (source, destination, logging, time-range, tos …),
 * so no two lines share a shape and the grammar must read every one of them to its end.
 */
export function longAclLinesConfig({ lines: count = 800, words = 505, seed = 2 } = {}) {
  const next = random(seed);
  const lines = header('LONG-LINES');
  lines.push('acl number 3000');
  for (let i = 0; i < count; i++) {
    const parts = ['rule', String((i + 1) * 5), 'permit', 'ip'];
    for (;;) {
      const option = OPTIONS[Math.floor(next() * OPTIONS.length)](next);
      if (parts.length + option.length > words) break;
      parts.push(...option);
    }
    while (parts.length < words) parts.push('logging');
    lines.push(` ${parts.join(' ')}`);
  }
  lines.push('#');
  tunnelEnd(lines);
  lines.push('return', '');
  return lines.join('\n');
}

/**
 * `members` address-set members (about 4.4 MB at the default size), split over `sets` address
 * sets that the security policy and the NAT policy reference. Members are globs — an address with
 * a dotted second operand, which address sets read as a mask, so `10.1.2.0 0.0.0.255` is every
 * address ending in .0 — host /32s and, one in eight, an unaligned `range` of up to 4,096
 * addresses (a dozen or more prefixes each): hundreds of thousands of cubes in all.
 */
export function addressSetGlobsConfig({ members = 160_000, sets = 4, seed = 3 } = {}) {
  const next = random(seed);
  const lines = header('ADDRESS-SETS');
  const perSet = Math.ceil(members / sets);
  for (let s = 0; s < sets; s++) {
    lines.push(`ip address-set glob${s} type object`);
    for (let m = 0; m < perSet && s * perSet + m < members; m++) {
      const address = (0x0a000000 | (Math.floor(next() * 2 ** 24) & 0xffffff)) >>> 0;
      const pick = next();
      if (pick < 0.125) lines.push(` address range ${ip(address)} ${ip(address + 1 + Math.floor(next() * 4096))}`);
      else if (pick < 0.5) lines.push(` address ${ip(address)} mask 32`);
      else lines.push(` address ${ip((address & ~255) >>> 0)} ${ip(Math.floor(next() * 256) << 8 | 255)}`);
    }
    lines.push('#');
  }
  lines.push('acl number 3000', ' rule 5 permit ip source 10.0.0.0 0.255.255.255 destination 172.16.0.0 0.15.255.255', '#');
  tunnelEnd(lines);
  lines.push('security-policy');
  for (let s = 0; s < sets; s++) {
    lines.push(` rule name set${s}`, '  source-zone trust', '  destination-zone untrust', `  source-address address-set glob${s}`, '  destination-address 172.16.0.0 mask 255.240.0.0', '  action permit');
  }
  lines.push('#', 'nat-policy');
  for (let s = 0; s < sets; s++) {
    lines.push(` rule name nat${s}`, '  source-zone trust', '  destination-zone untrust', `  source-address address-set glob${s}`, '  action source-nat easy-ip');
  }
  lines.push('#', 'return', '');
  return lines.join('\n');
}

/**
 * `security` security-policy rules and `nat` NAT rules in front of one tunnel, each about a
 * different /24 of the tunnel's protected flow (10.0.0.0/8 → 172.16.0.0/12): a security rule
 * permits its /24's web traffic, a NAT rule exempts its /24 from NAT towards one /16, and the
 * covering rules come last. Each rule takes a slice, so the flow left over splinters as the
 * first-match walk goes down the list.
 */
export function policyAndNatConfig({ security = 10_000, nat = 10_000 } = {}) {
  const lines = header('POLICY-NAT');
  const slice = (i) => `10.${(i >> 8) & 255}.${i & 255}.0 mask 255.255.255.0`;
  lines.push('acl number 3000', ' rule 5 permit ip source 10.0.0.0 0.255.255.255 destination 172.16.0.0 0.15.255.255', '#');
  tunnelEnd(lines);
  lines.push('security-policy');
  for (let i = 0; i < security; i++) {
    lines.push(` rule name web${i}`, '  source-zone trust', '  destination-zone untrust', `  source-address ${slice(i)}`,
      '  destination-address 172.16.0.0 mask 255.240.0.0', '  service http', '  action permit');
  }
  lines.push(' rule name vpn-out', '  source-zone trust', '  destination-zone untrust', '  source-address 10.0.0.0 mask 255.0.0.0', '  destination-address 172.16.0.0 mask 255.240.0.0', '  action permit');
  lines.push(' rule name vpn-in', '  source-zone untrust', '  destination-zone trust', '  source-address 172.16.0.0 mask 255.240.0.0', '  destination-address 10.0.0.0 mask 255.0.0.0', '  action permit');
  lines.push('#', 'nat-policy');
  for (let i = 0; i < nat; i++) {
    lines.push(` rule name slice${i}`, '  source-zone trust', '  destination-zone untrust', `  source-address ${slice(i)}`,
      `  destination-address 172.${16 + (i % 16)}.0.0 mask 255.255.0.0`, '  action no-nat');
  }
  lines.push(' rule name vpn-no-nat', '  source-zone trust', '  destination-zone untrust', '  source-address 10.0.0.0 mask 255.0.0.0', '  destination-address 172.16.0.0 mask 255.240.0.0', '  action no-nat');
  lines.push(' rule name internet', '  source-zone trust', '  destination-zone untrust', '  source-address 10.0.0.0 mask 255.0.0.0', '  action source-nat easy-ip', '#', 'return', '');
  return lines.join('\n');
}

/** The shapes of issue #20 item 5 at the sizes it reported, by name. */
export const STRESS_SHAPES = [
  { name: 'acl-overlap, 500 rules, contiguous', make: () => aclOverlapConfig({ rules: 500 }) },
  { name: 'acl-overlap, 1,000 rules, contiguous', make: () => aclOverlapConfig({ rules: 1000 }) },
  { name: 'acl-overlap, 2,000 rules, contiguous', make: () => aclOverlapConfig({ rules: 2000 }) },
  { name: 'acl-overlap, 1,000 rules, non-contiguous', make: () => aclOverlapConfig({ rules: 1000, nonContiguous: true }) },
  { name: 'acl-overlap, 2,000 rules, non-contiguous', make: () => aclOverlapConfig({ rules: 2000, nonContiguous: true }) },
  // past the sizes: the ACL budgets hold it (a 48,000-rule ACL of the same kind, 5.1 MB, still takes ~8.5 s)
  { name: 'acl-overlap, 10,000 rules, non-contiguous', make: () => aclOverlapConfig({ rules: 10000, nonContiguous: true }) },
  { name: '800 ACL lines of 505 words', make: () => longAclLinesConfig() },
  { name: 'address sets of 160,000 members (globs, hosts, ranges)', make: () => addressSetGlobsConfig() },
  { name: '10,000 security + 10,000 NAT rules, one tunnel', make: () => policyAndNatConfig() },
];
