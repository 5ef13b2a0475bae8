import { describe, expect, it } from 'vitest';
import { expectSilentOnFixedAndDocs, type Input, lineOf, lint, readConfigDir } from '../helpers/rule-harness.js';

const ID = 'ecmp-routes-without-tunnel-local';

function flaggedSiteA(change: (text: string) => string = (text) => text): Input {
  const [siteA] = readConfigDir(`configs-examples/${ID}/flagged`);
  return { ...siteA, text: change(siteA.text) };
}

describe(ID, () => {
  it('flags the policy header when two equal default routes cover the peer', () => {
    const inputs = readConfigDir(`configs-examples/${ID}/flagged`);
    const [siteA] = inputs;
    const findings = lint(inputs, [ID]);
    expect(findings).toEqual([
      expect.objectContaining({
        ruleId: ID,
        severity: 'warning',
        file: siteA.file,
        line: lineOf(siteA.text, 'ipsec policy map1 10 isakmp'),
        column: 1,
        endColumn: 28,
        objectPath: 'ipsec-policy:map1/10/ecmp:198.51.27.17',
        related: [
          expect.objectContaining({ line: lineOf(siteA.text, 'ip route-static 0.0.0.0 0.0.0.0 203.0.27.30') }),
          expect.objectContaining({ line: lineOf(siteA.text, 'ip route-static 0.0.0.0 0.0.0.0 192.0.27.30') }),
        ],
      }),
    ]);
    expect(findings[0].message).toContain('GigabitEthernet1/0/1 and GigabitEthernet1/0/2');
  });

  it('is silent on the fixed example (specific route to the peer) and the documentation pairs', () => {
    expectSilentOnFixedAndDocs(ID);
  });

  it('is silent with "tunnel local" or with a preference that breaks the tie', () => {
    const withLocal = flaggedSiteA((text) => text.replace(' sa trigger-mode auto\n', ' sa trigger-mode auto\n tunnel local 203.0.27.17\n'));
    expect(lint([withLocal], [ID])).toEqual([]);
    const backup = flaggedSiteA((text) => text.replace('ip route-static 0.0.0.0 0.0.0.0 192.0.27.30', 'ip route-static 0.0.0.0 0.0.0.0 192.0.27.30 preference 70'));
    expect(backup.text).toContain('preference 70');
    expect(lint([backup], [ID])).toEqual([]);
  });

  it('does not count two equal routes through the same interface', () => {
    const sameInterface = flaggedSiteA((text) =>
      text.replace('ip route-static 0.0.0.0 0.0.0.0 192.0.27.30', 'ip route-static 0.0.0.0 0.0.0.0 203.0.27.29'),
    );
    expect(lint([sameInterface], [ID])).toEqual([]);
  });
});
