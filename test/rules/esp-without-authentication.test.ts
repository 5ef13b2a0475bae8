import { describe, expect, it } from 'vitest';
import { corpus, lintInputs, readConfigDir } from '../helpers/rule-harness.js';
import { at, ruleTester } from '../helpers/rule-tester.js';

const ID = 'esp-without-authentication';

describe(ID, () => {
  ruleTester(ID, {
    fixedExample: true,
    valid: [
      { name: 'is silent on AH-ESP (AH authenticates)', inputs: [{ file: 'r.cfg', text: '#\nipsec proposal p1\n transform ah-esp\n undo esp authentication-algorithm\n#\nreturn\n' }] },
      { name: 'is silent on the corpus NAT traversal pair', inputs: () => corpus('hwdoc-ar-natt-routera.cfg', 'hwdoc-ar-natt-routerb.cfg') },
    ],
    invalid: [
      {
        name: 'flags "undo esp authentication-algorithm" on both ends of the flagged pair',
        inputs: () => readConfigDir(`configs-examples/${ID}/flagged`),
        findings: (inputs) =>
          inputs.map((input) => ({ ...at(input, ' undo esp authentication-algorithm'), column: 2, endColumn: 35, message: '"esp authentication-algorithm sha2-256"' })),
      },
    ],
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
