import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/ast/parse.js';
import { deviceFrom } from '../model/helpers.js';

// FW_BJ (USG6305) of the "site to site vpn over IPv6" configuration (silence-kai/IPsecVPN), as published,
// with the interface names written without the typo blank.
const FW_BJ = `#
acl ipv6 number 3000
 rule 1 permit ipv6 source FC00:1::0/64 destination FC00:2::0/64
 rule 2 permit tcp source 2001:DB8:1:: 64 destination 2001:db8:2::/64 destination-port eq 80
 rule 3 deny ipv6 source any
#
ike peer b
 pre-shared-key xxxxxxxxx
 remote-address 2001::1
#
ipsec policy map1 10 isakmp
 security acl ipv6 3000
 ike-peer b
#
interface GigabitEthernet1/0/2
 undo shutdown
 ipv6 enable
 ipv6 address FC00::2:1/64
#
interface GigabitEthernet1/0/0
 undo shutdown
 ipv6 enable
 ipv6 address 2002::1 64
 ipv6 address 2003:: 64 eui-64
 ipv6 address FE80::1 link-local
 ipv6 address auto link-local
 ipsec policy map1
#
ipv6 route-static 2001::1 64 2002::2
ipv6 route-static FC00:1::0 64 GigabitEthernet1/0/0 2002::2 preference 70
ipv6 route-static vpn-instance v1 FC00:9:: 48 GigabitEthernet1/0/0
#
security-policy
 rule name policy1
  source-address FC00:1::1 64
  destination-address 2001:db8::/64
  action permit
#
nat-policy
 rule name NATIPv6
  source-address range FC00:2::1 FC00:2::FFFF:FFFF:FFFF:FFFF
  action no-nat
#
return
`;

describe('IPv6 statements (#17)', () => {
  const { ast } = parseConfig(FW_BJ, 'fw_bj.cfg');

  it('reads every line: no statement is left unrecognised', () => {
    expect(ast.unrecognised).toEqual([]);
    expect(ast.diagnostics).toEqual([]);
  });

  it('interfaces: ipv6 enable and every ipv6 address form', () => {
    const wan = ast.interfaces.find((i) => i.key === 'gigabitethernet1/0/0')!;
    expect(wan.ipv6Enabled).toBeDefined();
    expect(wan.ipv6Addresses!.map((a) => [a.form, a.address?.value, a.length?.value])).toEqual([
      ['global', '2002::1', 64],
      ['eui-64', '2003::', 64],
      ['link-local', 'fe80::1', 10],
      ['auto', undefined, undefined],
    ]);
    expect(ast.interfaces[0].ipv6Addresses!.map((a) => [a.address?.value, a.length?.value])).toEqual([['fc00::2:1', 64]]);
  });

  it('ipv6 route-static with a next hop, an interface and a next hop, and a vpn-instance', () => {
    expect(ast.routes).toEqual([]);
    expect(ast.ipv6Routes.map((r) => [r.destination.value, r.length.value, r.interface?.value, r.nextHop?.value, r.preference?.value, r.vpnInstance?.value])).toEqual([
      ['2001::', 64, undefined, '2002::2', undefined, undefined],
      ['fc00:1::', 64, 'GigabitEthernet1/0/0', '2002::2', 70, undefined],
      ['fc00:9::', 48, 'GigabitEthernet1/0/0', undefined, undefined, 'v1'],
    ]);
  });

  it('IPv6 ACL rules and security/NAT operands are read as prefixes and ranges', () => {
    const acl = ast.acls[0];
    expect(acl.type).toBe('ipv6');
    const op = (spec: (typeof acl.rules)[number]['source']) => (spec?.form === 'ipv6' ? [spec.address, spec.length, spec.last] : spec?.form);
    expect(acl.rules.map((r) => [op(r.source), op(r.destination)])).toEqual([
      [['fc00:1::', 64, undefined], ['fc00:2::', 64, undefined]],
      [['2001:db8:1::', 64, undefined], ['2001:db8:2::', 64, undefined]],
      ['any', undefined],
    ]);
    const rule = ast.securityPolicy!.rules[0];
    expect(rule.sourceAddresses.map(op)).toEqual([['fc00:1::1', 64, undefined]]);
    expect(rule.destinationAddresses.map(op)).toEqual([['2001:db8::', 64, undefined]]);
    expect(ast.natRules[0].sourceAddresses.map(op)).toEqual([['fc00:2::1', undefined, 'fc00:2::ffff:ffff:ffff:ffff']]);
    expect(ast.ipsecPolicies[0].aclIpv6?.value).toBe('3000');
  });

  it('the model takes the policy’s flows from the IPv6 ACL and routes IPv6 destinations', () => {
    const d = deviceFrom(FW_BJ, 'fw_bj.cfg');
    const entry = d.entries[0];
    expect(entry.acl?.type).toBe('ipv6');
    expect(entry.protectedFlows.describe()).toContain('source fc00:1::/64 → destination fc00:2::/64');
    expect(d.brokenReferences).toEqual([]);
    expect(d.routeFor('fc00:1::5').routes.map((r) => r.range.line)).toEqual([FW_BJ.split('\n').findIndex((l) => l.startsWith('ipv6 route-static FC00:1::0')) + 1]);
    expect(d.routeFor('2001::1').interfaces.map((i) => (typeof i === 'string' ? i : i.key))).toEqual(['gigabitethernet1/0/0']);
    expect(d.routeFor('2002::9').direct?.key).toBe('gigabitethernet1/0/0');
    expect(d.routeFor('fc00:9::1').routes).toEqual([]);
    // the IPv6 tunnel's local address is the interface's first global IPv6 address, with its line
    expect(entry.localAddress.value).toMatchObject({ source: 'explicit', value: '2002::1' });
    expect(entry.localAddress.via).toBe('interface');
  });
});
