import { describe, expect, it } from 'vitest';
import { expectSilentOnFixedAndDocs, lineOf, lint, lintDir, lintInputs, readConfigDir, type Input } from '../helpers/rule-harness.js';
import { applyFixes, type GeneratedFix } from '../../src/fix/generate.js';
import { patchedPair } from '../helpers/tunnel-pair.js';

const ID = 'ipsec-proposal-mismatch';
const dir = `configs-examples/${ID}`;
const fixed = `${dir}/fixed`;

describe(ID, () => {
  it('flags the esp encryption-algorithm line of each end with the other end as related', () => {
    const [a, b] = readConfigDir(`${dir}/flagged`);
    const findings = lintDir(`${dir}/flagged`, [ID]);
    expect(findings).toHaveLength(2);
    const lineA = lineOf(a.text, 'esp encryption-algorithm aes-256');
    const lineB = lineOf(b.text, 'esp encryption-algorithm aes-128');
    expect(findings[0]).toMatchObject({ ruleId: ID, file: a.file, line: lineA, column: 27, endColumn: 34, objectPath: 'ipsec-proposal:p10' });
    expect(findings[0].related).toEqual([expect.objectContaining({ file: b.file, line: lineB, column: 27 })]);
    expect(findings[1]).toMatchObject({ file: b.file, line: lineB });
    expect(findings[1].message).toContain('"aes-128"');
  });

  it('is quiet on the fixed pair and the documentation pairs', () => {
    expectSilentOnFixedAndDocs(ID);
  });

  it('accepts encapsulation-mode auto against tunnel or transport, flags tunnel against transport', () => {
    const auto = patchedPair(fixed, { a: [[' encapsulation-mode tunnel', ' encapsulation-mode auto']], b: [[' encapsulation-mode tunnel', ' encapsulation-mode transport']] });
    expect(lint(auto, [ID])).toEqual([]);
    const transport = patchedPair(fixed, { b: [[' encapsulation-mode tunnel', ' encapsulation-mode transport']] });
    const findings = lint(transport, [ID]);
    expect(findings.map((f) => [f.file, f.line])).toEqual([
      [transport[0].file, lineOf(transport[0].text, 'encapsulation-mode tunnel')],
      [transport[1].file, lineOf(transport[1].text, 'encapsulation-mode transport')],
    ]);
  });

  it('flags a different transform and AH authentication', () => {
    const transform = patchedPair(fixed, { b: [[' encapsulation-mode tunnel\n', ' encapsulation-mode tunnel\n transform ah-esp\n ah authentication-algorithm sha2-256\n']] });
    const findings = lint(transform, [ID]);
    expect(findings).toHaveLength(2);
    expect(findings[1].line).toBe(lineOf(transform[1].text, ' transform ah-esp'));
    expect(findings[0].line).toBe(lineOf(transform[0].text, 'ipsec proposal p10'));
    const ah = patchedPair(fixed, {
      a: [[' encapsulation-mode tunnel\n', ' encapsulation-mode tunnel\n transform ah\n ah authentication-algorithm sha2-256\n']],
      b: [[' encapsulation-mode tunnel\n', ' encapsulation-mode tunnel\n transform ah\n ah authentication-algorithm sha2-512\n']],
    });
    expect(lint(ah, [ID]).map((f) => f.line)).toEqual([
      lineOf(ah[0].text, 'ah authentication-algorithm'),
      lineOf(ah[1].text, 'ah authentication-algorithm'),
    ]);
  });

  it('matches when any pair of several proposals matches', () => {
    const inputs = patchedPair(fixed, {
      a: [['ipsec proposal p10\n', 'ipsec proposal p5\n esp encryption-algorithm aes-128\n#\nipsec proposal p10\n'], [' proposal p10\n', ' proposal p5 p10\n']],
      b: [[' esp encryption-algorithm aes-256', ' esp encryption-algorithm aes-128']],
    });
    expect(lint(inputs, [ID])).toEqual([]);
  });

  it('never claims a mismatch on unknown defaults', () => {
    const inputs = patchedPair(fixed, {
      a: [['V500R005C10SPC300', 'V500R001C30SPC100'], [' esp encryption-algorithm aes-256\n', '']],
      b: [['V500R005C10SPC300', 'V500R001C30SPC100']],
    });
    expect(lint(inputs, [ID])).toEqual([]);
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
