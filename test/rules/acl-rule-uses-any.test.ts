import { describe, expect, it } from 'vitest';
import { corpus, lint, lineOf, readConfigDir } from '../helpers/rule-harness.js';

const ID = 'acl-rule-uses-any';

describe(ID, () => {
  it('flags the written "any" token of each end of the flagged pair', () => {
    const inputs = readConfigDir(`configs-examples/${ID}/flagged`);
    const findings = lint(inputs, [ID]);
    const [a, b] = inputs;
    expect(findings.map((f) => [f.file, f.line, f.column, f.endColumn])).toEqual([
      [a.file, lineOf(a.text, ' rule 5 permit'), 59, 62],
      [b.file, lineOf(b.text, ' rule 5 permit'), 26, 29],
    ]);
    expect(findings[0].message).toContain('destination "any"');
    expect(findings[1].message).toContain('source "any"');
  });

  it('reports the whole rule when a side is omitted, and ignores deny rules and unreferenced ACLs', () => {
    const text = [
      '#', 'acl number 3000', ' rule 5 deny ip source any', ' rule 10 permit ip', '#',
      'acl number 3001', ' rule 5 permit ip', '#',
      'ipsec policy map1 10 isakmp', ' security acl 3000', '#', 'return', '',
    ].join('\n');
    const findings = lint([{ file: 'r.cfg', text }], [ID]);
    expect(findings.map((f) => [f.line, f.column, f.endColumn])).toEqual([[4, 2, 19]]);
    expect(findings[0].message).toContain('source and destination "any"');
  });

  it('is silent on the fixed pair and the corpus documentation pairs', () => {
    expect(lint(readConfigDir(`configs-examples/${ID}/fixed`), [ID])).toEqual([]);
    expect(lint(corpus('hwdoc-ar-natt-routera.cfg', 'hwdoc-ar-natt-routerb.cfg', 'hwdoc-ar-redundant-routerc.cfg'), [ID])).toEqual([]);
  });
});
