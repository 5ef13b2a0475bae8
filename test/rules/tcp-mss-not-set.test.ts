import { describe, expect, it } from 'vitest';
import { lint, lineOf, readConfigDir } from '../helpers/rule-harness.js';

const ID = 'tcp-mss-not-set';

describe(ID, () => {
  it('flags the IPSec binding of each end without an MSS limit', () => {
    const inputs = readConfigDir(`configs-examples/${ID}/flagged`);
    const findings = lint(inputs, [ID]);
    expect(findings.map((f) => [f.file, f.line, f.column, f.endColumn])).toEqual(
      inputs.map((input) => [input.file, lineOf(input.text, ' ipsec policy map1'), 2, 19]),
    );
    expect(findings[0].message).toContain('"firewall tcp-mss 1350"');
  });

  it('accepts a global "firewall tcp-mss" or an interface "tcp adjust-mss"', () => {
    expect(lint(readConfigDir(`configs-examples/${ID}/fixed`), [ID])).toEqual([]);
    const text = [
      '#', 'ipsec policy map1 10 isakmp', '#', 'interface Dialer1', ' ip address 203.0.113.9 255.255.255.255',
      ' tcp adjust-mss 1300', ' ipsec policy map1', '#', 'return', '',
    ].join('\n');
    expect(lint([{ file: 'r.cfg', text }], [ID])).toEqual([]);
    expect(lint([{ file: 'r.cfg', text: text.replace(' tcp adjust-mss 1300\n', '') }], [ID])).toHaveLength(1);
  });

  it('is only in the strict preset', async () => {
    const { default: rule } = await import('../../rules/tcp-mss-not-set.js');
    expect(rule.meta.presets).toEqual(['strict']);
  });
});
