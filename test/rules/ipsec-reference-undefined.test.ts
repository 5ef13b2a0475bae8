import { describe, expect, it } from 'vitest';
import { expectSilentOnFixedAndDocs, lineOf, lint, readConfigDir } from '../helpers/rule-harness.js';

const ID = 'ipsec-reference-undefined';

const BASE = `#
 sysname R
#
acl number 3000
 rule 5 permit ip source 10.1.1.0 0.0.0.255 destination 10.2.1.0 0.0.0.255
#
ike proposal 10
 encryption-algorithm aes-256
#
ike peer p1
 pre-shared-key %^%#abcdefgh%^%#
 ike-proposal 10
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
interface GigabitEthernet1/0/1
 ip address 203.0.113.1 255.255.255.0
 ipsec policy map1
#
return
`;

describe(ID, () => {
  it('flags the undefined ACL of the flagged example at the ACL name', () => {
    const inputs = readConfigDir(`configs-examples/${ID}/flagged`);
    const siteA = inputs.find((input) => input.file.endsWith('site-a.cfg'))!;
    const findings = lint(inputs, [ID]);
    expect(findings).toEqual([
      expect.objectContaining({
        ruleId: ID,
        severity: 'error',
        file: siteA.file,
        line: lineOf(siteA.text, ' security acl 3001'),
        column: 15,
        endColumn: 19,
        objectPath: 'ipsec-policy:map1/10/acl:3001',
      }),
    ]);
    expect(findings[0].message).toContain('"3001"');
  });

  it('is silent on the fixed example and the documentation pairs', () => {
    expectSilentOnFixedAndDocs(ID);
  });

  it.each([
    ['IPSec proposal', ' proposal prop1\n#\ninterface', ' proposal prop2\n#\ninterface', ' proposal prop2', 11, 16],
    ['IKE peer', ' ike-peer p1\n', ' ike-peer p9\n', ' ike-peer p9', 11, 13],
    ['IKE proposal', ' ike-proposal 10\n', ' ike-proposal 20\n', ' ike-proposal 20', 15, 17],
    ['IPSec policy', ' ipsec policy map1\n', ' ipsec policy map2\n', ' ipsec policy map2', 15, 19],
  ])('flags a missing %s at the name', (kind, from, to, needle, column, endColumn) => {
    const text = BASE.replace(from, to);
    const findings = lint([{ file: 'r.cfg', text }], [ID]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ line: lineOf(text, needle), column, endColumn });
    expect(findings[0].message).toContain(`The ${kind} "`);
  });

  it('flags a missing policy template and a missing profile binding', () => {
    const text = BASE.replace(' ipsec policy map1\n', '').replace(
      'return\n',
      '#\nipsec policy dyn 10 isakmp template tpl\n#\ninterface Tunnel0/0/1\n ip address 172.16.1.1 255.255.255.252\n tunnel-protocol ipsec\n ipsec profile prof1\n#\nreturn\n',
    );
    const findings = lint([{ file: 'r.cfg', text }], [ID]);
    expect(findings.map((f) => [f.line, f.message.slice(0, 40)])).toEqual([
      [lineOf(text, 'template tpl'), 'The IPSec policy template "tpl" is not d'],
      [lineOf(text, ' ipsec profile prof1'), 'The IPSec profile "prof1" is not defined'],
    ]);
  });

  it('accepts the built-in "default" IKE proposal and leaves NAT ACLs to the NAT rules', () => {
    const text = BASE.replace(' ike-proposal 10\n', ' ike-proposal default\n').replace(
      ' ipsec policy map1\n',
      ' ipsec policy map1\n nat outbound 2999\n',
    );
    expect(lint([{ file: 'r.cfg', text }], [ID])).toEqual([]);
  });
});
