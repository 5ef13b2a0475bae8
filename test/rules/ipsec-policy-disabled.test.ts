import { describe } from 'vitest';
import { readConfigDir } from '../helpers/rule-harness.js';
import { at, ruleTester } from '../helpers/rule-tester.js';

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
  ruleTester(ID, {
    fixedExample: true,
    documentationSets: true,
    valid: [{ name: 'leaves unbound groups to ipsec-policy-unapplied', inputs: [{ file: 'r.cfg', text: policy(false) }] }],
    invalid: [
      {
        name: 'flags the "undo policy enable" line of the flagged example',
        inputs: () => readConfigDir(`configs-examples/${ID}/flagged`),
        findings: (inputs) => {
          const siteA = inputs.find((input) => input.file.endsWith('site-a.cfg'))!;
          return [
            {
              ...at(siteA, ' undo policy enable'),
              messageId: 'disabled',
              severity: 'warning',
              column: 2,
              endColumn: 20,
              objectPath: 'ipsec-policy:map1/10/disabled',
              message: 'GigabitEthernet1/0/1',
            },
          ];
        },
      },
      {
        name: 'flags a disabled policy and a disabled template of a bound group, each at its own line',
        inputs: [{ file: 'r.cfg', text: policy(true) }],
        findings: ([r]) => [
          { ...at(r, ' undo policy enable', 1), column: 2, messageId: 'disabled' },
          { ...at(r, ' undo policy enable', 2), column: 2, messageId: 'disabled' },
        ],
      },
    ],
  });
});
