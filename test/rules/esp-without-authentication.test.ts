import { describe, expect, it } from 'vitest';
import { corpus, lint, lineOf, lintInputs, readConfigDir } from '../helpers/rule-harness.js';

const ID = 'esp-without-authentication';

describe(ID, () => {
  it('flags "undo esp authentication-algorithm" on both ends of the flagged pair', () => {
    const inputs = readConfigDir(`configs-examples/${ID}/flagged`);
    const findings = lint(inputs, [ID]);
    expect(findings.map((f) => [f.file, f.line, f.column, f.endColumn])).toEqual(
      inputs.map((input) => [input.file, lineOf(input.text, ' undo esp authentication-algorithm'), 2, 35]),
    );
    expect(findings[0].message).toContain('"esp authentication-algorithm sha2-256"');
  });

  it('is silent on the fixed pair, on AH-ESP (AH authenticates) and on the corpus pairs', () => {
    expect(lint(readConfigDir(`configs-examples/${ID}/fixed`), [ID])).toEqual([]);
    const ahEsp = '#\nipsec proposal p1\n transform ah-esp\n undo esp authentication-algorithm\n#\nreturn\n';
    expect(lint([{ file: 'r.cfg', text: ahEsp }], [ID])).toEqual([]);
    expect(lint(corpus('hwdoc-ar-natt-routera.cfg', 'hwdoc-ar-natt-routerb.cfg'), [ID])).toEqual([]);
  });

  it('fixes (unsafe) each end with the same authentication line in place of the undo line', () => {
    const findings = lintInputs(readConfigDir(`configs-examples/${ID}/flagged`), [ID]).findings;
    expect(findings).toHaveLength(2);
    for (const finding of findings) {
      expect(finding.fix?.applicability).toBe('unsafe');
      expect(finding.fix?.commands).toEqual(['system-view', 'ipsec proposal p10', 'esp authentication-algorithm sha2-256', 'return']);
      expect(finding.fix?.text).toBe('esp authentication-algorithm sha2-256');
    }
  });
});
