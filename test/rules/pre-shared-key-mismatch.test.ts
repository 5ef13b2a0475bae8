import { describe, expect, it } from 'vitest';
import { lintDir, lintInputs, readConfigDir, type Input } from '../helpers/rule-harness.js';
import { at, ruleTester } from '../helpers/rule-tester.js';
import { applyFixes } from '../../src/fix/generate.js';
import { parseConfig } from '../../src/ast/parse.js';
import { splitLines } from '../../src/text/lines.js';
import { preSharedKeyCommand } from '../../rules/_lib/key-command.js';
import { patchedPair } from '../helpers/tunnel-pair.js';

const ID = 'pre-shared-key-mismatch';
const dir = `configs-examples/${ID}`;
const fixed = `${dir}/fixed`;

describe(ID, () => {
  ruleTester(ID, {
    fixedExample: true,
    documentationSets: true,
    valid: [
      { name: 'is quiet on equal plaintext keys', inputs: () => patchedPair(`${dir}/flagged`, { b: [['Blue-Harbor-27', 'Blue-Harbour-27']] }) },
      {
        name: 'never compares ciphertexts',
        inputs: () => patchedPair(`${dir}/flagged`, { b: [[' pre-shared-key simple Blue-Harbor-27', ' pre-shared-key %^%#Zq7v1bx8c;a9~FPN~n%^%#']] }),
      },
    ],
    invalid: [
      {
        name: 'flags different plaintext keys at both key lines',
        inputs: () => readConfigDir(`${dir}/flagged`),
        findings: ([a, b]) => [
          { ...at(a, 'pre-shared-key simple'), column: 24, objectPath: 'ike-peer:branch', related: [{ ...at(b, 'pre-shared-key simple'), column: 24 }] },
          at(b, 'pre-shared-key simple'),
        ],
      },
      {
        name: 'compares keys typed in plaintext in a hand-written config',
        inputs: () =>
          patchedPair(`${dir}/flagged`, {
            a: [[' pre-shared-key simple Blue-Harbour-27', ' pre-shared-key Blue-Harbour-27']],
            b: [[' pre-shared-key simple Blue-Harbor-27', ' pre-shared-key Blue-Harbor-27']],
          }),
        findings: ([a, b]) => [at(a, ' pre-shared-key Blue-Harbour-27'), at(b, ' pre-shared-key Blue-Harbor-27')],
      },
    ],
  });

  it('never shows the key in a finding', () => {
    const findings = lintDir(`${dir}/flagged`, [ID]);
    expect(findings).toHaveLength(2);
    for (const finding of findings) {
      const text = JSON.stringify(finding);
      expect(text).not.toContain('Blue-Harbo');
    }
  });

  it('never compares ciphertexts: a note says it cannot verify them', () => {
    const outcome = lintInputs(readConfigDir(fixed), [ID]);
    expect(outcome.findings).toEqual([]);
    expect(outcome.notes.some((n) => n.message.startsWith('cannot verify the pre-shared keys'))).toBe(true);
  });

  /** The key values of the inputs, as the files hold them (plaintext or ciphertext). */
  const keysOf = (inputs: readonly Input[]): string[] =>
    inputs.flatMap((input) => splitLines(input.text).flatMap((l) => (l.secret ? [input.text.slice(l.secret.start, l.secret.end)] : [])));

  function expectCommandsOnly(inputs: Input[], command: string): void {
    const keys = keysOf(inputs);
    expect(keys.length).toBeGreaterThanOrEqual(2);
    const findings = lintInputs(inputs, [ID]).findings;
    expect(findings).toHaveLength(2);
    for (const finding of findings) {
      expect(finding.fix).toBeUndefined();
      expect(finding.suggestions).toHaveLength(1);
      const [suggestion] = finding.suggestions ?? [];
      const peer = finding.objectPath.replace('ike-peer:', '');
      expect(suggestion.desc).toMatch(/^Make the key of IKE peer "\w+" the key of peer "\w+" on \S+: type these commands on \S+ with that key in place of <the key of the other end>, then edit this file by hand \(fwlint never writes a key, so the file is left unchanged\)$/);
      expect(suggestion.fix).toMatchObject({ file: finding.file, text: '', commandsOnly: true, commands: ['system-view', `ike peer ${peer}`, command, 'return'] });
      const input = inputs.find((i) => i.file === finding.file);
      expect(input).toBeDefined();
      const text = input?.text ?? '';
      expect(suggestion.fix.range).toEqual([text.lastIndexOf('\n', text.indexOf(' pre-shared-key')) + 1, text.lastIndexOf('\n', text.indexOf(' pre-shared-key')) + 1]);
      expect(applyFixes(text, [suggestion.fix]).text).toBe(text);
      // The file is unchanged, so the finding stays: the key is typed on the device and in the file by hand.
      const after = lintInputs(inputs.map((i) => (i.file === finding.file ? { ...i, text: applyFixes(i.text, [suggestion.fix]).text } : i)), [ID]).findings;
      expect(after).toHaveLength(2);
      const shown = JSON.stringify(finding);
      for (const key of keys) expect(shown).not.toContain(key);
      expect(shown).not.toMatch(/Blue-Harbou?r-27|Gr[e]en-Key|%\^%#/);
    }
  }

  it('suggests on each end the commands making its key the other end\'s, with the placeholder, never a key; the file unchanged (USG: no cipher keyword)', () => {
    expectCommandsOnly(readConfigDir(`${dir}/flagged`), 'pre-shared-key <the key of the other end>');
  });

  it('on AR the command is pre-shared-key cipher (hand-written "cipher" plaintext and "simple" keys)', () => {
    const ar = patchedPair(`${dir}/flagged`, {
      a: [['!Software Version V500R005C10SPC300', '[V300R019C10SPC300]'], [' pre-shared-key simple Blue-Harbour-27', ' pre-shared-key cipher Blue-Harbour-27']],
      b: [['!Software Version V500R005C10SPC300', '[V300R019C10SPC300]']],
    });
    expect(ar.map((i) => parseConfig(i.text, i.file).ast.platform)).toEqual(['ar', 'ar']);
    expectCommandsOnly(ar, 'pre-shared-key cipher <the key of the other end>');
  });

  it('the command per platform: USG the key alone, AR "cipher", an unknown platform the form of the line', () => {
    expect(preSharedKeyCommand('usg', { form: 'simple' })).toBe('pre-shared-key <the key of the other end>');
    expect(preSharedKeyCommand('ar', { form: 'plain' })).toBe('pre-shared-key cipher <the key of the other end>');
    expect(preSharedKeyCommand('unknown', { form: 'simple' })).toBe('pre-shared-key cipher <the key of the other end>');
    expect(preSharedKeyCommand('unknown', { form: 'cipher' })).toBe('pre-shared-key cipher <the key of the other end>');
    expect(preSharedKeyCommand('unknown', { form: 'plain' })).toBe('pre-shared-key <the key of the other end>');
  });

  it('no suggestion (nothing reported) when a key is ciphertext: no %^%# value reaches any output', () => {
    const mixed = patchedPair(`${dir}/flagged`, { b: [[' pre-shared-key simple Blue-Harbor-27', ' pre-shared-key cipher %^%#Zq7v1bx8c;a9~FPN~n%^%#']] });
    const outcome = lintInputs(mixed, [ID]);
    expect(outcome.findings).toEqual([]);
    expect(JSON.stringify({ findings: outcome.findings, notes: outcome.notes })).not.toMatch(/%\^%#|Blue-Harbou?r-27/);
  });
});
