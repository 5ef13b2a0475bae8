import { describe } from 'vitest';
import { corpus, readConfigDir } from '../helpers/rule-harness.js';
import { at, ruleTester } from '../helpers/rule-tester.js';

const ID = 'sa-trigger-traffic-based';

const policy = (binding: string, trigger: string) =>
  [
    '#', 'ike peer p', ' remote-address 198.51.100.1', '#', 'ipsec policy map1 10 isakmp', ' ike-peer p', trigger, '#',
    'interface GigabitEthernet1/0/0', ' ip address 203.0.113.1 255.255.255.0', binding, '#', 'return', '',
  ].join('\n');

describe(ID, () => {
  ruleTester(ID, {
    fixedExample: true,
    valid: [
      { name: 'accepts "auto-neg" on the binding', inputs: [{ file: 'r.cfg', text: policy(' ipsec policy map1 auto-neg', ' alias x') }] },
      { name: 'is silent on template responders and AR routers', inputs: () => corpus('hwdoc-ar-redundant-routera.cfg', 'hwdoc-ar-redundant-routerc.cfg') },
    ],
    invalid: [
      {
        name: 'flags the policy header of each initiating end without "sa trigger-mode auto"',
        inputs: () => readConfigDir(`configs-examples/${ID}/flagged`),
        findings: (inputs) => inputs.map((input) => ({ ...at(input, 'ipsec policy map1 10 isakmp'), column: 1 })),
      },
      {
        name: 'points at an explicit "sa trigger-mode traffic-based" line',
        inputs: [{ file: 'r.cfg', text: policy(' ipsec policy map1', ' sa trigger-mode traffic-based') }],
        findings: [{ file: 'r.cfg', line: 7, column: 18 }],
      },
    ],
  });
});
