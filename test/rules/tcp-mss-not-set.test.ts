import { describe, expect, it } from 'vitest';
import { readConfigDir } from '../helpers/rule-harness.js';
import { at, ruleTester } from '../helpers/rule-tester.js';

const ID = 'tcp-mss-not-set';

const text = [
  '#', 'ipsec policy map1 10 isakmp', '#', 'interface Dialer1', ' ip address 203.0.113.9 255.255.255.255',
  ' tcp adjust-mss 1300', ' ipsec policy map1', '#', 'return', '',
].join('\n');

describe(ID, () => {
  ruleTester(ID, {
    fixedExample: true,
    valid: [{ name: 'accepts an interface "tcp adjust-mss"', inputs: [{ file: 'r.cfg', text }] }],
    invalid: [
      {
        name: 'flags the IPSec binding of each end without an MSS limit (the global "firewall tcp-mss" is the remedy)',
        inputs: () => readConfigDir(`configs-examples/${ID}/flagged`),
        findings: (inputs) => inputs.map((input) => ({ ...at(input, ' ipsec policy map1'), column: 2, endColumn: 19, message: '"firewall tcp-mss 1350"' })),
      },
      {
        name: 'flags the binding once "tcp adjust-mss" is gone',
        inputs: [{ file: 'r.cfg', text: text.replace(' tcp adjust-mss 1300\n', '') }],
        findings: [{ file: 'r.cfg', line: 6 }],
      },
    ],
  });

  it('is only in the strict preset', async () => {
    const { default: rule } = await import('../../rules/tcp-mss-not-set.js');
    expect(rule.meta.presets).toEqual(['strict']);
  });
});
