import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allCorpusFiles, corpus, examplesDir, lineOf, lint, lintDir, readConfigDir } from '../helpers/rule-harness.js';
import { siteConfig } from '../helpers/site-config.js';

const RULE = 'template-policy-name-collision';
const dir = path.join(examplesDir, RULE);

describe(RULE, () => {
  it('flags the policy defined after a template of the same name, with the template as related location', () => {
    const inputs = readConfigDir(path.join(dir, 'flagged'));
    const findings = lint(inputs, [RULE]);
    const a = inputs[0];
    expect(findings).toEqual([
      expect.objectContaining({
        ruleId: RULE,
        severity: 'error',
        file: a.file,
        line: lineOf(a.text, 'ipsec policy map1 10 isakmp template map1'),
        column: 14,
        endColumn: 18,
        objectPath: 'ipsec-policy:map1/10',
        related: [expect.objectContaining({ file: a.file, line: lineOf(a.text, 'ipsec policy-template map1 10'), column: 1 })],
      }),
    ]);
    expect(findings[0].message).toContain('IPSec policy "map1" has the same name as an IPSec policy template');
  });

  it('finds nothing in the fixed example', () => {
    expect(lintDir(path.join(dir, 'fixed'), [RULE])).toEqual([]);
  });

  it('flags the template when it is defined after the policy, once per name', () => {
    const text = `#
 sysname X
#
ipsec policy vpn 10 isakmp
 ike-peer p
#
ipsec policy vpn 20 isakmp
 ike-peer p
#
ipsec policy-template vpn 10
 ike-peer p
#
ipsec policy-template vpn 20
 ike-peer p
#
return
`;
    const findings = lint([{ file: 'x.cfg', text }], [RULE]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ line: lineOf(text, 'ipsec policy-template vpn 10'), column: 23, endColumn: 26 });
    expect(findings[0].related[0].line).toBe(lineOf(text, 'ipsec policy vpn 10 isakmp'));
    expect(findings[0].message).toContain('IPSec policy template "vpn"');
  });

  it('does not flag a template policy referencing a differently named template', () => {
    const text = siteConfig({ sysname: 'X', wan: '203.0.113.1/28', gateway: '203.0.113.14', lan: '10.1.1.0/24', remoteLan: '10.2.1.0/24', mode: 'template', policy: 'map1', template: 'map2' });
    expect(lint([{ file: 'x.cfg', text }], [RULE])).toEqual([]);
  });

  it('finds nothing in the corpus (the documentation pairs name templates and policies differently)', () => {
    expect(lint(corpus(...allCorpusFiles()), [RULE])).toEqual([]);
  });
});
