import { describe, expect, it } from 'vitest';
import { lint, lintInputs, readConfigDir, type Input } from '../helpers/rule-harness.js';
import { at, ruleTester } from '../helpers/rule-tester.js';
import { applyFixes, type GeneratedFix } from '../../src/fix/generate.js';
import { patchedPair } from '../helpers/tunnel-pair.js';

const ID = 'ipsec-proposal-mismatch';
const dir = `configs-examples/${ID}`;
const fixed = `${dir}/fixed`;

describe(ID, () => {
  ruleTester(ID, {
    fixedExample: true,
    documentationSets: true,
    valid: [
      {
        name: 'accepts encapsulation-mode auto against tunnel or transport',
        inputs: () => patchedPair(fixed, { a: [[' encapsulation-mode tunnel', ' encapsulation-mode auto']], b: [[' encapsulation-mode tunnel', ' encapsulation-mode transport']] }),
      },
      {
        name: 'matches when any pair of several proposals matches',
        inputs: () =>
          patchedPair(fixed, {
            a: [['ipsec proposal p10\n', 'ipsec proposal p5\n esp encryption-algorithm aes-128\n#\nipsec proposal p10\n'], [' proposal p10\n', ' proposal p5 p10\n']],
            b: [[' esp encryption-algorithm aes-256', ' esp encryption-algorithm aes-128']],
          }),
      },
      {
        name: 'never claims a mismatch on unknown defaults',
        inputs: () =>
          patchedPair(fixed, {
            a: [['V500R005C10SPC300', 'V500R001C30SPC100'], [' esp encryption-algorithm aes-256\n', '']],
            b: [['V500R005C10SPC300', 'V500R001C30SPC100']],
          }),
      },
    ],
    invalid: [
      {
        name: 'flags the esp encryption-algorithm line of each end with the other end as related',
        inputs: () => readConfigDir(`${dir}/flagged`),
        findings: ([a, b]) => [
          { ...at(a, 'esp encryption-algorithm aes-256'), column: 27, endColumn: 34, objectPath: 'ipsec-proposal:p10', related: [{ ...at(b, 'esp encryption-algorithm aes-128'), column: 27 }] },
          { ...at(b, 'esp encryption-algorithm aes-128'), message: '"aes-128"' },
        ],
      },
      {
        name: 'flags tunnel against transport',
        inputs: () => patchedPair(fixed, { b: [[' encapsulation-mode tunnel', ' encapsulation-mode transport']] }),
        findings: ([a, b]) => [at(a, 'encapsulation-mode tunnel'), at(b, 'encapsulation-mode transport')],
      },
      {
        name: 'flags a different transform',
        inputs: () => patchedPair(fixed, { b: [[' encapsulation-mode tunnel\n', ' encapsulation-mode tunnel\n transform ah-esp\n ah authentication-algorithm sha2-256\n']] }),
        findings: ([a, b]) => [at(a, 'ipsec proposal p10'), at(b, ' transform ah-esp')],
      },
      {
        name: 'flags a different AH authentication',
        inputs: () =>
          patchedPair(fixed, {
            a: [[' encapsulation-mode tunnel\n', ' encapsulation-mode tunnel\n transform ah\n ah authentication-algorithm sha2-256\n']],
            b: [[' encapsulation-mode tunnel\n', ' encapsulation-mode tunnel\n transform ah\n ah authentication-algorithm sha2-512\n']],
          }),
        findings: ([a, b]) => [at(a, 'ah authentication-algorithm'), at(b, 'ah authentication-algorithm')],
      },
    ],
  });

  const apply = (inputs: readonly Input[], fix: GeneratedFix): Input[] => inputs.map((i) => (i.file === fix.file ? { ...i, text: applyFixes(i.text, [fix]).text } : i));

  it('suggests on each end making its proposal match the other (a choice: no fix)', () => {
    const inputs = readConfigDir(`${dir}/flagged`);
    const findings = lintInputs(inputs, [ID]).findings;
    expect(findings.every((f) => f.fix === undefined)).toBe(true);
    expect(findings.map((f) => f.suggestions?.map((s) => s.fix.commands))).toEqual([
      [['system-view', 'ipsec proposal p10', 'esp encryption-algorithm aes-128', 'return']],
      [['system-view', 'ipsec proposal p10', 'esp encryption-algorithm aes-256', 'return']],
    ]);
  });

  it('a different transform: the suggestion brings the other end\'s algorithms of that transform along', () => {
    const inputs = patchedPair(fixed, { b: [[' encapsulation-mode tunnel\n', ' encapsulation-mode tunnel\n transform ah-esp\n ah authentication-algorithm sha2-512\n']] });
    const findings = lintInputs(inputs, [ID]).findings;
    const onA = findings.find((f) => f.file === inputs[0].file)?.suggestions?.[0];
    expect(onA?.desc).toContain('"transform ah-esp", "ah authentication-algorithm sha2-512"');
    expect(onA?.fix.commands).toEqual(['system-view', 'ipsec proposal p10', 'transform ah-esp', 'ah authentication-algorithm sha2-512', 'return']);
    expect(lint(apply(inputs, onA!.fix), [ID])).toEqual([]);
    const onB = findings.find((f) => f.file === inputs[1].file)?.suggestions?.[0];
    expect(onB?.fix.commands).toEqual(['system-view', 'ipsec proposal p10', 'transform esp', 'return']);
    expect(lint(apply(inputs, onB!.fix), [ID])).toEqual([]);
  });
});
