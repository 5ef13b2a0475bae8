import { describe, expect, it } from 'vitest';
import { expectSilentOnFixedAndDocs, lineOf, lint, readConfigDir } from '../helpers/rule-harness.js';

const ID = 'ipsec-policy-unapplied';

const LONE = `#
 sysname R
#
acl number 3000
 rule 5 permit ip source 10.1.1.0 0.0.0.255 destination 10.2.1.0 0.0.0.255
#
ike peer p1
 pre-shared-key %^%#abcdefgh%^%#
 remote-address 198.51.100.1
#
ipsec proposal prop1
 esp encryption-algorithm aes-256
#
ipsec policy map1 10 isakmp
 security acl 3000
 ike-peer p1
 proposal prop1
#
ipsec policy map1 20 isakmp
 security acl 3000
 ike-peer p1
 proposal prop1
#
ipsec profile prof1
 ike-peer p1
 proposal prop1
#
interface GigabitEthernet1/0/1
 ip address 203.0.113.1 255.255.255.0
#
return
`;

describe(ID, () => {
  it('reports an error when the peer negotiates with the device, with the peer line as related location', () => {
    const inputs = readConfigDir(`configs-examples/${ID}/flagged`);
    const [siteA, siteB] = inputs;
    const findings = lint(inputs, [ID]);
    expect(findings).toEqual([
      expect.objectContaining({
        ruleId: ID,
        severity: 'error',
        file: siteA.file,
        line: lineOf(siteA.text, 'ipsec policy map1 10 isakmp'),
        column: 1,
        endColumn: 28,
        objectPath: 'ipsec-policy:map1',
        related: [expect.objectContaining({ file: siteB.file, line: lineOf(siteB.text, ' remote-address 203.0.22.17'), column: 2 })],
      }),
    ]);
    expect(findings[0].message).toContain('"map1"');
    expect(findings[0].message).toContain('no policy applied on interface');
  });

  it('is silent on the fixed example and the documentation pairs', () => {
    expectSilentOnFixedAndDocs(ID);
  });

  it('warns once per unbound group and per unbound profile when nobody points at the device', () => {
    const findings = lint([{ file: 'r.cfg', text: LONE }], [ID]);
    expect(findings.map((f) => [f.severity, f.line, f.column, f.objectPath])).toEqual([
      ['warning', lineOf(LONE, 'ipsec policy map1 10'), 1, 'ipsec-policy:map1'],
      ['warning', lineOf(LONE, 'ipsec profile prof1'), 1, 'ipsec-profile:prof1'],
    ]);
  });

  it('stays silent once the group and the profile are bound', () => {
    const text = LONE.replace(' ip address 203.0.113.1 255.255.255.0\n', ' ip address 203.0.113.1 255.255.255.0\n ipsec policy map1\n').replace(
      'return\n',
      'interface Tunnel0/0/1\n ip address 172.16.1.1 255.255.255.252\n tunnel-protocol ipsec\n ipsec profile prof1\n#\nreturn\n',
    );
    expect(lint([{ file: 'r.cfg', text }], [ID])).toEqual([]);
  });
});
