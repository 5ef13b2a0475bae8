import { describe, expect, it } from 'vitest';
import { corpus, lint, lineOf, readConfigDir } from '../helpers/rule-harness.js';

const ID = 'sa-trigger-traffic-based';

describe(ID, () => {
  it('flags the policy header of each initiating end without "sa trigger-mode auto"', () => {
    const inputs = readConfigDir(`configs-examples/${ID}/flagged`);
    const findings = lint(inputs, [ID]);
    expect(findings.map((f) => [f.file, f.line, f.column])).toEqual(
      inputs.map((input) => [input.file, lineOf(input.text, 'ipsec policy map1 10 isakmp'), 1]),
    );
  });

  it('points at an explicit "sa trigger-mode traffic-based" line and accepts "auto-neg"', () => {
    const policy = (binding: string, trigger: string) =>
      [
        '#', 'ike peer p', ' remote-address 198.51.100.1', '#', 'ipsec policy map1 10 isakmp', ' ike-peer p', trigger, '#',
        'interface GigabitEthernet1/0/0', ' ip address 203.0.113.1 255.255.255.0', binding, '#', 'return', '',
      ].join('\n');
    const explicit = policy(' ipsec policy map1', ' sa trigger-mode traffic-based');
    expect(lint([{ file: 'r.cfg', text: explicit }], [ID]).map((f) => [f.line, f.column])).toEqual([[7, 18]]);
    expect(lint([{ file: 'r.cfg', text: policy(' ipsec policy map1 auto-neg', ' alias x') }], [ID])).toEqual([]);
  });

  it('is silent on the fixed pair, template responders and AR routers', () => {
    expect(lint(readConfigDir(`configs-examples/${ID}/fixed`), [ID])).toEqual([]);
    expect(lint(corpus('hwdoc-ar-redundant-routera.cfg', 'hwdoc-ar-redundant-routerc.cfg'), [ID])).toEqual([]);
  });
});
