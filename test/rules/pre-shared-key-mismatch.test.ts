import { describe, expect, it } from 'vitest';
import { expectSilentOnFixedAndDocs, lineOf, lint, lintDir, lintInputs, readConfigDir } from '../helpers/rule-harness.js';
import { patchedPair } from '../helpers/tunnel-pair.js';

const ID = 'pre-shared-key-mismatch';
const dir = `configs-examples/${ID}`;
const fixed = `${dir}/fixed`;

describe(ID, () => {
  it('flags different plaintext keys at both key lines without showing the key', () => {
    const [a, b] = readConfigDir(`${dir}/flagged`);
    const findings = lintDir(`${dir}/flagged`, [ID]);
    expect(findings).toHaveLength(2);
    expect(findings[0]).toMatchObject({ ruleId: ID, file: a.file, line: lineOf(a.text, 'pre-shared-key simple'), column: 24, objectPath: 'ike-peer:branch' });
    expect(findings[0].related).toEqual([expect.objectContaining({ file: b.file, line: lineOf(b.text, 'pre-shared-key simple'), column: 24 })]);
    expect(findings[1]).toMatchObject({ file: b.file, line: lineOf(b.text, 'pre-shared-key simple') });
    for (const finding of findings) {
      const text = JSON.stringify(finding);
      expect(text).not.toContain('Blue-Harbo');
    }
  });

  it('is quiet on equal plaintext keys, the fixed pair and the documentation pairs', () => {
    const equal = patchedPair(`${dir}/flagged`, { b: [['Blue-Harbor-27', 'Blue-Harbour-27']] });
    expect(lint(equal, [ID])).toEqual([]);
    expectSilentOnFixedAndDocs(ID);
  });

  it('never compares ciphertexts: a note says it cannot verify them', () => {
    const outcome = lintInputs(readConfigDir(fixed), [ID]);
    expect(outcome.findings).toEqual([]);
    expect(outcome.notes.some((n) => n.message.startsWith('cannot verify the pre-shared keys'))).toBe(true);
    const mixed = patchedPair(`${dir}/flagged`, { b: [[' pre-shared-key simple Blue-Harbor-27', ' pre-shared-key %^%#Zq7v1bx8c;a9~FPN~n%^%#']] });
    expect(lint(mixed, [ID])).toEqual([]);
  });

  it('compares keys typed in plaintext in a hand-written config', () => {
    const typed = patchedPair(`${dir}/flagged`, {
      a: [[' pre-shared-key simple Blue-Harbour-27', ' pre-shared-key Blue-Harbour-27']],
      b: [[' pre-shared-key simple Blue-Harbor-27', ' pre-shared-key Blue-Harbor-27']],
    });
    expect(lint(typed, [ID])).toHaveLength(2);
  });

  it('offers no fix nor suggestion (the right key is a secret) and says so in meta.noFix, without a key', () => {
    const inputs = readConfigDir(`configs-examples/${ID}/flagged`);
    const findings = lintInputs(inputs, [ID]).findings;
    expect(findings).toHaveLength(2);
    expect(findings.every((f) => f.fix === undefined && f.suggestions === undefined)).toBe(true);
    const json = JSON.stringify(findings);
    for (const key of ['Blue-Harbour-27', 'Blue-Harbor-27']) expect(json).not.toContain(key);
  });
});
