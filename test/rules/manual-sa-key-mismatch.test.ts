import { describe, expect, it } from 'vitest';
import { lint, lintInputs, readConfigDir, type Input } from '../helpers/rule-harness.js';
import { at, ruleTester } from '../helpers/rule-tester.js';
import { patchedPair } from '../helpers/tunnel-pair.js';
import { applyFixes } from '../../src/fix/generate.js';
import { splitLines } from '../../src/text/lines.js';
import { rules } from '../../rules/index.js';
import { manualSaKeyCommand } from '../../rules/_lib/key-command.js';

const ID = 'manual-sa-key-mismatch';
const dir = `configs-examples/${ID}`;
const fixed = `${dir}/fixed`;
const A_OUT = 'sa string-key outbound esp cipher %^%#Mk20A2out!Zr8e@W2xLk9pV3%^%#';
const B_IN = 'sa string-key inbound esp cipher %^%#Mk20B2in!Xc4d@Q7yMn2bR6%^%#';
const ALL = rules.map((r) => r.meta.id);
const errorsOf = (inputs: readonly Input[]): string[] =>
  lint(inputs, ALL).filter((f) => f.severity === 'error').map((f) => `${f.ruleId} ${f.file}:${f.line}:${f.column} ${f.message}`);
/** The key values of the inputs, as the files hold them (plaintext or ciphertext). */
const keysOf = (inputs: readonly Input[]): string[] =>
  inputs.flatMap((input) => splitLines(input.text).flatMap((l) => (l.secret ? [input.text.slice(l.secret.start, l.secret.end)] : [])));

const stringKeys = (keyA: string, keyB: string): Input[] =>
  patchedPair(fixed, {
    a: [[A_OUT, `sa string-key outbound esp simple ${keyA}`]],
    b: [[B_IN, `sa string-key inbound esp simple ${keyB}`]],
  });
const hexAtB = (): Input[] => patchedPair(fixed, { b: [[B_IN, 'sa authentication-hex inbound esp simple 00112233445566778899aabbccddeeff']] });

describe(ID, () => {
  ruleTester(ID, {
    fixedExample: true,
    valid: [
      { name: 'accepts equal plaintext keys (compared by digest)', inputs: () => stringKeys('Secret-One', 'Secret-One') },
      { name: 'ignores IKE tunnels', inputs: () => readConfigDir('configs-examples/pfs-mismatch/fixed') },
    ],
    invalid: [
      {
        name: "flags an outbound SPI that is not the other end's inbound SPI, at both lines",
        inputs: () => readConfigDir(`${dir}/flagged`),
        findings: ([a, b]) => [
          { ...at(a, 'sa spi outbound esp'), severity: 'error', column: 22, endColumn: 27, message: ['"12345"', '"12354"'], related: [{ ...at(b, 'sa spi inbound esp'), column: 21 }] },
          { ...at(b, 'sa spi inbound esp'), objectPath: 'ipsec-policy:map1/10' },
        ],
      },
      {
        name: 'flags different plaintext keys at both key values',
        inputs: () => stringKeys('Secret-One', 'Secret-Two'),
        findings: ([a, b]) => [
          { ...at(a, 'sa string-key outbound'), column: 36 },
          { ...at(b, 'sa string-key inbound'), column: 35 },
        ],
      },
      {
        name: 'flags a string key at one end and a hexadecimal key at the other',
        inputs: hexAtB,
        findings: ([a, b]) => [{ ...at(a, 'sa string-key outbound'), message: '"sa authentication-hex"' }, at(b, 'sa authentication-hex inbound')],
      },
      {
        name: 'flags different hexadecimal keys at both lines',
        inputs: () =>
          patchedPair(fixed, {
            a: [[A_OUT, 'sa authentication-hex outbound esp simple 00112233445566778899aabbccddeeff']],
            b: [[B_IN, 'sa authentication-hex inbound esp simple ffeeddccbbaa99887766554433221100']],
          }),
        findings: ([a, b]) => [at(a, 'sa authentication-hex outbound'), at(b, 'sa authentication-hex inbound')],
      },
    ],
  });

  it('notes on the fixed pair that encrypted keys cannot be compared', () => {
    const notes = lintInputs(readConfigDir(fixed), [ID]).notes.filter((n) => n.message.includes('cannot verify'));
    expect(notes.length).toBeGreaterThan(0);
    expect(notes[0].message).toContain('encrypted');
  });

  it('never prints a plaintext or hexadecimal key in a message', () => {
    const findings = lint(stringKeys('Secret-One', 'Secret-Two'), [ID]);
    expect(findings).toHaveLength(2);
    for (const f of findings) expect(f.message).not.toMatch(/Secret/);
    const mixed = lint(hexAtB(), [ID]);
    expect(mixed).toHaveLength(2);
    for (const f of mixed) expect(f.message).not.toContain('0011');
  });

  it('suggests on each end the SPI mirroring the other end (no fix); applied and re-linted, the finding is gone and no error is new', () => {
    const inputs = readConfigDir(`${dir}/flagged`);
    const findings = lintInputs(inputs, [ID]).findings;
    expect(findings).toHaveLength(2);
    const before = errorsOf(inputs).filter((e) => !e.startsWith(`${ID} `));
    const expected = [
      { commands: ['system-view', 'ipsec policy map1 10 manual', 'sa spi outbound esp 12354', 'return'], line: 'sa spi outbound esp 12354', desc: 'Make msk-A-flagged match msk-B-flagged: sa spi outbound esp 12354 (the inbound ESP SPI there)' },
      { commands: ['system-view', 'ipsec policy map1 10 manual', 'sa spi inbound esp 12345', 'return'], line: 'sa spi inbound esp 12345', desc: 'Make msk-B-flagged match msk-A-flagged: sa spi inbound esp 12345 (the outbound ESP SPI there)' },
    ];
    findings.forEach((finding, n) => {
      expect(finding.fix).toBeUndefined();
      expect(finding.suggestions).toHaveLength(1);
      const [suggestion] = finding.suggestions ?? [];
      expect(suggestion.desc).toBe(expected[n].desc);
      expect(suggestion.fix).toMatchObject({ file: finding.file, commands: expected[n].commands });
      expect(suggestion.fix.commandsOnly).toBeUndefined();
      const applied = inputs.map((i) => (i.file === suggestion.fix.file ? { ...i, text: applyFixes(i.text, [suggestion.fix]).text } : i));
      expect(applied.find((i) => i.file === finding.file)?.text).toContain(`\n ${expected[n].line}\n`);
      expect(lint(applied, [ID])).toEqual([]);
      const after = errorsOf(applied);
      for (const error of after) expect(before, `new error after the suggestion: ${error}`).toContain(error);
    });
  });

  /** Two findings, each with one commands-only suggestion: the placeholder, no key of any input, the file unchanged. */
  function expectKeyCommands(inputs: Input[], expected: { command: string; desc: RegExp }[]): void {
    const keys = keysOf(inputs);
    expect(keys.length).toBeGreaterThanOrEqual(4);
    const outcome = lintInputs(inputs, [ID]);
    const { findings } = outcome;
    expect(findings).toHaveLength(2);
    findings.forEach((finding, n) => {
      expect(finding.fix).toBeUndefined();
      expect(finding.suggestions).toHaveLength(1);
      const [suggestion] = finding.suggestions ?? [];
      expect(suggestion.desc).toMatch(expected[n].desc);
      expect(suggestion.desc).toMatch(/: type these commands on \S+ with that key in place of <the key of the other end>, then edit this file by hand \(fwlint never writes a key, so the file is left unchanged\)$/);
      expect(suggestion.fix).toMatchObject({ file: finding.file, text: '', commandsOnly: true, commands: ['system-view', 'ipsec policy map1 10 manual', expected[n].command, 'return'] });
      const input = inputs.find((i) => i.file === finding.file);
      expect(input).toBeDefined();
      const text = input?.text ?? '';
      // The empty edit sits at the start of the reported key line.
      const lineStart = splitLines(text)[finding.range.line - 1]?.start;
      expect(suggestion.fix.range).toEqual([lineStart, lineStart]);
      expect(applyFixes(text, [suggestion.fix]).text).toBe(text);
      // The file is unchanged, so the finding stays: the key is typed on the device and in the file by hand.
      const after = lintInputs(inputs.map((i) => (i.file === finding.file ? { ...i, text: applyFixes(i.text, [suggestion.fix]).text } : i)), [ID]).findings;
      expect(after).toHaveLength(2);
    });
    const shown = JSON.stringify({ findings, notes: outcome.notes });
    for (const key of keys) expect(shown).not.toContain(key);
    expect(shown).not.toMatch(/Secret-(One|Two)|0011223344|ffeeddcc|%\^%#/);
  }

  it('suggests for different string keys the commands entering the other end\'s key, with the placeholder, never a key; the file unchanged', () => {
    const differ = patchedPair(fixed, {
      a: [[A_OUT, 'sa string-key outbound esp simple Secret-One']],
      b: [[B_IN, 'sa string-key inbound esp simple Secret-Two']],
    });
    expectKeyCommands(differ, [
      { command: 'sa string-key outbound esp <the key of the other end>', desc: /^Make the outbound ESP key of msk-A-fixed \("sa string-key"\) the inbound key on msk-B-fixed: / },
      { command: 'sa string-key inbound esp <the key of the other end>', desc: /^Make the inbound ESP key of msk-B-fixed \("sa string-key"\) the outbound key on msk-A-fixed: / },
    ]);
  });

  it('suggests for different hexadecimal keys the command of the line\'s kind and direction', () => {
    const differ = patchedPair(fixed, {
      a: [[A_OUT, 'sa authentication-hex outbound esp simple 00112233445566778899aabbccddeeff']],
      b: [[B_IN, 'sa authentication-hex inbound esp simple ffeeddccbbaa99887766554433221100']],
    });
    expectKeyCommands(differ, [
      { command: 'sa authentication-hex outbound esp <the key of the other end>', desc: /^Make the outbound ESP key of msk-A-fixed \("sa authentication-hex"\) the inbound key on msk-B-fixed: / },
      { command: 'sa authentication-hex inbound esp <the key of the other end>', desc: /^Make the inbound ESP key of msk-B-fixed \("sa authentication-hex"\) the outbound key on msk-A-fixed: / },
    ]);
  });

  it('suggests for a string key against a hexadecimal one the other end\'s form on each end, never a key', () => {
    const inputs = patchedPair(fixed, { b: [[B_IN, 'sa authentication-hex inbound esp simple 00112233445566778899aabbccddeeff']] });
    expectKeyCommands(inputs, [
      { command: 'sa authentication-hex outbound esp <the key of the other end>', desc: /^Enter the outbound ESP key of msk-A-fixed as msk-B-fixed does, as a hexadecimal \("sa authentication-hex" instead of "sa string-key"\), with the inbound key there: / },
      { command: 'sa string-key inbound esp <the key of the other end>', desc: /^Enter the inbound ESP key of msk-B-fixed as msk-A-fixed does, as a string \("sa string-key" instead of "sa authentication-hex"\), with the outbound key there: / },
    ]);
  });

  it('the manual SA key command: kind, direction, protocol and the placeholder', () => {
    expect(manualSaKeyCommand('string-key', 'outbound', 'esp')).toBe('sa string-key outbound esp <the key of the other end>');
    expect(manualSaKeyCommand('encryption-hex', 'inbound', 'ah')).toBe('sa encryption-hex inbound ah <the key of the other end>');
  });
});
