import { describe, expect, it } from 'vitest';
import { expectSilentOnFixedAndDocs, lineOf, lint, readConfigDir } from '../helpers/rule-harness.js';

const ID = 'ipsec-policy-disabled';

const policy = (bound: boolean) => `#
 sysname R
#
acl number 3000
 rule 5 permit ip source 10.1.1.0 0.0.0.255 destination 10.2.1.0 0.0.0.255
#
ipsec policy map1 10 isakmp
 security acl 3000
 undo policy enable
#
ipsec policy-template tpl 1
 undo policy enable
#
ipsec policy map1 20 isakmp template tpl
#
interface GigabitEthernet1/0/1
 ip address 203.0.113.1 255.255.255.0
${bound ? ' ipsec policy map1\n' : ''}#
return
`;

describe(ID, () => {
  it('flags the "undo policy enable" line of the flagged example', () => {
    const inputs = readConfigDir(`configs-examples/${ID}/flagged`);
    const siteA = inputs.find((input) => input.file.endsWith('site-a.cfg'))!;
    const findings = lint(inputs, [ID]);
    expect(findings).toEqual([
      expect.objectContaining({
        ruleId: ID,
        severity: 'warning',
        file: siteA.file,
        line: lineOf(siteA.text, ' undo policy enable'),
        column: 2,
        endColumn: 20,
        objectPath: 'ipsec-policy:map1/10/disabled',
      }),
    ]);
    expect(findings[0].message).toContain('GigabitEthernet1/0/1');
  });

  it('is silent on the fixed example and the documentation pairs', () => {
    expectSilentOnFixedAndDocs(ID);
  });

  it('flags a disabled policy and a disabled template of a bound group, each at its own line', () => {
    const text = policy(true);
    const findings = lint([{ file: 'r.cfg', text }], [ID]);
    expect(findings.map((f) => [f.line, f.column])).toEqual([
      [lineOf(text, ' undo policy enable', 1), 2],
      [lineOf(text, ' undo policy enable', 2), 2],
    ]);
  });

  it('leaves unbound groups to ipsec-policy-unapplied', () => {
    expect(lint([{ file: 'r.cfg', text: policy(false) }], [ID])).toEqual([]);
  });
});
