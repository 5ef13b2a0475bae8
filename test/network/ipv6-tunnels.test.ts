import { describe, expect, it } from 'vitest';
import { lineOf, lint } from '../helpers/rule-harness.js';
import { rules } from '../../rules/index.js';
import { parseConfig } from '../../src/ast/parse.js';
import { buildDevice } from '../../src/model/device.js';
import { buildNetwork } from '../../src/network/build.js';

/*
 * A site-to-site tunnel over IPv6 between two USG firewalls, written as the published "site to
 * site vpn over IPv6" configuration (silence-kai/IPsecVPN, FW_BJ, USG6305) shows it: FW_BJ with its
 * published security policy, whose local-zone rules name the two tunnel addresses the wrong way
 * round (policy3 lets 2001::/64 → 2002::/64 leave the device, policy4 lets 2002::/64 in, so IKE
 * between 2002::1 and 2001::1 is denied both ways), and FW_SH, the mirror end, written alike.
 * The published file's LAN prefix and route typos are corrected so only the security policy is wrong.
 */
const FW_BJ = `#
sysname FW_BJ
#
acl ipv6 number 3000
 rule 1 permit ipv6 source FC00:1::0/64 destination FC00:2::0/64
#
ipsec proposal tran1
 esp authentication-algorithm sha2-256
 esp encryption-algorithm aes-256
#
ike proposal 10
 encryption-algorithm aes-256
 authentication-algorithm sha2-256
 authentication-method pre-share
 integrity-algorithm hmac-sha2-256
 dh group14
#
ike peer b
 pre-shared-key %^%#bjKeyCipherText0000%^%#
 ike-proposal 10
 remote-address 2001::1
#
ipsec policy map1 10 isakmp
 security acl ipv6 3000
 ike-peer b
 proposal tran1
#
interface GigabitEthernet1/0/2
 undo shutdown
 ipv6 enable
 ipv6 address FC00:1::1/64
#
interface GigabitEthernet1/0/0
 undo shutdown
 ipv6 enable
 ipv6 address 2002::1/64
 ipsec policy map1
#
firewall zone trust
 set priority 85
 add interface GigabitEthernet1/0/2
#
firewall zone untrust
 set priority 5
 add interface GigabitEthernet1/0/0
#
ipv6 route-static 2001::1 64 2002::2
ipv6 route-static FC00:2::0 64 2002::2
#
security-policy
 rule name policy1
  source-zone trust
  destination-zone untrust
  source-address FC00:1::1 64
  destination-address FC00:2::1 64
  action permit
 rule name policy2
  source-zone untrust
  destination-zone trust
  source-address FC00:2::1 64
  destination-address FC00:1::1 64
  action permit
 rule name policy3
  source-zone local
  destination-zone untrust
  source-address 2001::1 64
  destination-address 2002::1 64
  action permit
 rule name policy4
  source-zone untrust
  destination-zone local
  source-address 2002::1 64
  destination-address 2001::1 64
  action permit
#
return
`;

/** FW_BJ with the local-zone rules naming its own address as the source of what leaves it. */
const FW_BJ_FIXED = FW_BJ.replace(
  ` rule name policy3
  source-zone local
  destination-zone untrust
  source-address 2001::1 64
  destination-address 2002::1 64`,
  ` rule name policy3
  source-zone local
  destination-zone untrust
  source-address 2002::1 64
  destination-address 2001::1 64`,
).replace(
  ` rule name policy4
  source-zone untrust
  destination-zone local
  source-address 2002::1 64
  destination-address 2001::1 64`,
  ` rule name policy4
  source-zone untrust
  destination-zone local
  source-address 2001::1 64
  destination-address 2002::1 64`,
);

const FW_SH = `#
sysname FW_SH
#
acl ipv6 number 3000
 rule 1 permit ipv6 source FC00:2::0/64 destination FC00:1::0/64
#
ipsec proposal tran1
 esp authentication-algorithm sha2-256
 esp encryption-algorithm aes-256
#
ike proposal 10
 encryption-algorithm aes-256
 authentication-algorithm sha2-256
 authentication-method pre-share
 integrity-algorithm hmac-sha2-256
 dh group14
#
ike peer a
 pre-shared-key %^%#shKeyCipherText0000%^%#
 ike-proposal 10
 remote-address 2002::1
#
ipsec policy map1 10 isakmp
 security acl ipv6 3000
 ike-peer a
 proposal tran1
#
interface GigabitEthernet1/0/2
 undo shutdown
 ipv6 enable
 ipv6 address FC00:2::1/64
#
interface GigabitEthernet1/0/0
 undo shutdown
 ipv6 enable
 ipv6 address 2001::1/64
 ipsec policy map1
#
firewall zone trust
 set priority 85
 add interface GigabitEthernet1/0/2
#
firewall zone untrust
 set priority 5
 add interface GigabitEthernet1/0/0
#
ipv6 route-static 2002::1 64 2001::2
ipv6 route-static FC00:1::0 64 2001::2
#
security-policy
 rule name policy1
  source-zone trust
  destination-zone untrust
  source-address FC00:2::1 64
  destination-address FC00:1::1 64
  action permit
 rule name policy2
  source-zone untrust
  destination-zone trust
  source-address FC00:1::1 64
  destination-address FC00:2::1 64
  action permit
 rule name policy3
  source-zone local
  destination-zone untrust
  source-address 2001::1 128
  destination-address 2002::1 128
  action permit
 rule name policy4
  source-zone untrust
  destination-zone local
  source-address 2002::1 128
  destination-address 2001::1 128
  action permit
#
return
`;

const bj = (text = FW_BJ_FIXED) => ({ file: 'fw_bj.cfg', text });
const sh = (text = FW_SH) => ({ file: 'fw_sh.cfg', text });
const errors = (inputs: { file: string; text: string }[]) => lint(inputs, rules.map((rule) => rule.meta.id)).filter((f) => f.severity === 'error');

function networkOf(...inputs: { file: string; text: string }[]) {
  return buildNetwork(inputs.map(({ file, text }, index) => buildDevice({ file, text, ast: parseConfig(text, file).ast, index })));
}

describe('IPv6 tunnels (#17)', () => {
  it('pairs the two ends by their IPv6 addresses, the local one read from the interface', () => {
    const network = networkOf(bj(), sh());
    expect(network.tunnels).toHaveLength(1);
    const [a, b] = network.tunnels[0].ends;
    expect(a.localAddress).toMatchObject({ source: 'explicit', value: '2002::1' });
    expect(b.localAddress).toMatchObject({ source: 'explicit', value: '2001::1' });
    expect(network.tunnels[0].nat.present).toBe(false);
  });

  it('gives no error on the corrected pair', () => {
    expect(errors([bj(), sh()])).toEqual([]);
  });

  it('reports the published security policy that denies IKE between the tunnel addresses, in both directions', () => {
    const findings = lint([bj(FW_BJ), sh()], ['security-policy-blocks-ike']);
    expect(findings.map((f) => [f.file, f.line, f.objectPath])).toEqual([
      ['fw_bj.cfg', lineOf(FW_BJ, ' remote-address 2001::1'), 'ipsec-policy:map1/10/ike:2001::1/inbound'],
      ['fw_bj.cfg', lineOf(FW_BJ, ' remote-address 2001::1'), 'ipsec-policy:map1/10/ike:2001::1/outbound'],
    ]);
    expect(findings[0].message).toContain('2001::1');
    expect(findings[0].message).toContain('2002::1');
  });

  it('reports a remote-address that is not the other end\'s IPv6 address, at that line', () => {
    const wrong = FW_SH.replace(' remote-address 2002::1', ' remote-address 2002::9');
    const findings = lint([bj(), sh(wrong)], ['remote-address-mismatch']);
    // 2002::9 is nobody's: the SH end pairs only as the responder of BJ's tunnel
    expect(findings).toEqual([
      expect.objectContaining({ file: 'fw_sh.cfg', line: lineOf(wrong, ' remote-address 2002::9'), column: 2 }),
    ]);
    expect(findings[0].message).toContain('"2002::1"');
  });

  it('compares the proposals of the two ends of an IPv6 tunnel', () => {
    const other = FW_SH.replace(' dh group14', ' dh group2');
    const findings = lint([bj(), sh(other)], ['ike-proposal-mismatch']);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.map((f) => f.file).sort()).toContain('fw_sh.cfg');
  });

  it('checks that the IPv6 security ACLs mirror each other', () => {
    const other = FW_SH.replace(' rule 1 permit ipv6 source FC00:2::0/64 destination FC00:1::0/64', ' rule 1 permit ipv6 source FC00:2::0/64 destination FC00:7::0/64');
    const findings = lint([bj(), sh(other)], ['security-acl-mismatch']);
    expect(findings.length).toBeGreaterThan(0);
  });

  it('reports a missing IPv6 route to the IKE peer, and none when the ipv6 route-static line is there', () => {
    const noRoute = FW_SH.replace('ipv6 route-static 2002::1 64 2001::2\n', '');
    const findings = lint([bj(), sh(noRoute)], ['route-missing-to-ike-peer']);
    expect(findings).toEqual([expect.objectContaining({ file: 'fw_sh.cfg', line: lineOf(noRoute, ' remote-address 2002::1') })]);
    expect(lint([bj(), sh()], ['route-missing-to-ike-peer'])).toEqual([]);
  });

  it('accepts "remote-address ipv6 A" and "tunnel local ipv6 A" as the same addresses', () => {
    const keyword = FW_SH.replace(' remote-address 2002::1', ' remote-address ipv6 2002::1');
    expect(networkOf(bj(), sh(keyword)).tunnels).toHaveLength(1);
    expect(errors([bj(), sh(keyword)])).toEqual([]);
  });
  it('reports the protected IPv6 flow a security policy denies, and no IPv4 finding on an IPv6-only device', () => {
    const noInbound = FW_SH.replace(/ rule name policy2\n( {2}.*\n)+? {2}action permit\n/, '');
    const findings = lint([bj(), sh(noInbound)], ['security-policy-blocks-protected-flow']);
    expect(findings.map((f) => f.file)).toEqual(['fw_sh.cfg']);
    expect(findings[0].message).toMatch(/fc00:1::\/64/i);
    expect(lint([bj(), sh()], ['security-policy-blocks-protected-flow'])).toEqual([]);
  });

  it('pairs a dual-stack template responder on the address family the initiator uses', () => {
    const responder = FW_SH.replace(' remote-address 2002::1\n', '')
      .replace('ipsec policy map1 10 isakmp\n security acl ipv6 3000\n ike-peer a\n proposal tran1\n', 'ipsec policy-template tpl 1\n security acl ipv6 3000\n ike-peer a\n proposal tran1\n#\nipsec policy map1 10 isakmp template tpl\n')
      .replace(' ipv6 address 2001::1/64\n', ' ip address 198.51.100.1 255.255.255.0\n ipv6 address 2001::1/64\n');
    const network = networkOf(bj(), sh(responder));
    expect(network.tunnels).toHaveLength(1);
    const end = network.tunnels[0].ends.find((e) => e.device.file === 'fw_sh.cfg');
    expect(end?.localAddress).toMatchObject({ value: '2001::1' });
    expect(errors([bj(), sh(responder)]).filter((f) => f.ruleId === 'remote-address-mismatch')).toEqual([]);
  });
  it('reports a nat-policy rule translating the protected IPv6 flow, and none below a no-nat rule for it', () => {
    const nat = (rules: string) => FW_BJ_FIXED.replace('#\nreturn\n', `#\nnat-policy\n${rules}#\nreturn\n`);
    const translating = ' rule name nat66\n  source-zone trust\n  destination-zone untrust\n  source-address FC00:1::0 64\n  action source-nat easy-ip\n';
    const exempt = ' rule name no-nat-vpn\n  source-zone trust\n  destination-zone untrust\n  source-address FC00:1::0 64\n  destination-address FC00:2::0 64\n  action no-nat\n';
    const flagged = nat(translating);
    const findings = lint([bj(flagged), sh()], ['nat-not-excluding-protected-flow']);
    expect(findings).toEqual([expect.objectContaining({ file: 'fw_bj.cfg', line: lineOf(flagged, ' rule name nat66') })]);
    expect(lint([bj(nat(exempt + translating)), sh()], ['nat-not-excluding-protected-flow'])).toEqual([]);
  });
  it('reads IPv6 address-sets in the security policy: IKE permitted through them, denied when the set misses the peer', () => {
    const withSets = (peer: string) =>
      FW_SH.replace('#\nsecurity-policy\n', `#\nip address-set me type object\n address 0 2001::1 128\n#\nip address-set peer type object\n address 0 ${peer}\n#\nsecurity-policy\n`)
        .replace('  source-address 2001::1 128\n  destination-address 2002::1 128\n', '  source-address address-set me\n  destination-address address-set peer\n')
        .replace('  source-address 2002::1 128\n  destination-address 2001::1 128\n', '  source-address address-set peer\n  destination-address address-set me\n');
    expect(lint([bj(), sh(withSets('range 2002::1 2002::ff'))], ['security-policy-blocks-ike'])).toEqual([]);
    const missing = lint([bj(), sh(withSets('2002::100 128'))], ['security-policy-blocks-ike']);
    expect(missing.map((f) => [f.file, f.objectPath])).toEqual([
      ['fw_sh.cfg', 'ipsec-policy:map1/10/ike:2002::1/inbound'],
      ['fw_sh.cfg', 'ipsec-policy:map1/10/ike:2002::1/outbound'],
    ]);
  });
});
