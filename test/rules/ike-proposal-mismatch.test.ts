import { describe, expect, it } from 'vitest';
import { expectSilentOnFixedAndDocs, lineOf, lint, lintDir, lintInputs, readConfigDir } from '../helpers/rule-harness.js';
import { applyFixes } from '../../src/fix/generate.js';
import { patchedPair } from '../helpers/tunnel-pair.js';

const ID = 'ike-proposal-mismatch';
const dir = `configs-examples/${ID}`;
const fixed = `${dir}/fixed`;

describe(ID, () => {
  it('flags the encryption-algorithm line of each end (guide case: aes-128 against aes-256, both peers on proposal 10)', () => {
    const [a, b] = readConfigDir(`${dir}/flagged`);
    const findings = lintDir(`${dir}/flagged`, [ID]);
    expect(findings).toHaveLength(2);
    const lineA = lineOf(a.text, 'encryption-algorithm aes-256');
    const lineB = lineOf(b.text, 'encryption-algorithm aes-128');
    expect(findings[0]).toMatchObject({ ruleId: ID, file: a.file, line: lineA, column: 23, endColumn: 30, severity: 'error' });
    expect(findings[0].related).toEqual([expect.objectContaining({ file: b.file, line: lineB, column: 23 })]);
    expect(findings[0].message).toContain('"aes-256"');
    expect(findings[0].message).toContain('"aes-128"');
    expect(findings[0].objectPath).toBe('ike-proposal:10');
    expect(findings[1]).toMatchObject({ file: b.file, line: lineB, column: 23 });
    expect(findings[1].related[0]).toMatchObject({ file: a.file, line: lineA });
  });

  it('flags an aggressive-mode initiator without ike-proposal: it offers only the default proposal (guide FAQ)', () => {
    const group20 = [' dh group14', ' dh group20'] as [string, string];
    const defaultOnly = patchedPair(fixed, {
      a: [group20, [' exchange-mode main', ' exchange-mode aggressive'], [' ike-proposal 10\n', '']],
      b: [group20, [' exchange-mode main', ' exchange-mode aggressive']],
    });
    const [a, b] = defaultOnly;
    const findings = lint(defaultOnly, [ID]);
    expect(findings).toEqual([
      expect.objectContaining({ file: a.file, line: lineOf(a.text, 'exchange-mode aggressive'), column: 16, endColumn: 26, objectPath: 'ike-peer:branch' }),
    ]);
    expect(findings[0].related).toEqual([expect.objectContaining({ file: b.file, line: lineOf(b.text, 'dh group20') })]);
    expect(findings[0].message).toMatch(/offers only the default proposal, and .* accepts no proposal with its dh "group14" \(it has "group20" in proposal "10"\)/);

    const mainMode = patchedPair(fixed, { a: [group20, [' ike-proposal 10\n', '']], b: [group20] });
    expect(lint(mainMode, [ID])).toEqual([]);
    const named = patchedPair(fixed, { a: [group20, [' exchange-mode main', ' exchange-mode aggressive']], b: [group20, [' exchange-mode main', ' exchange-mode aggressive']] });
    expect(lint(named, [ID])).toEqual([]);
    const defaultAccepted = patchedPair(fixed, { a: [[' exchange-mode main', ' exchange-mode aggressive'], [' ike-proposal 10\n', '']], b: [[' exchange-mode main', ' exchange-mode aggressive']] });
    expect(lint(defaultAccepted, [ID])).toEqual([]);
  });

  it('is quiet on the fixed pair and the documentation pairs', () => {
    expectSilentOnFixedAndDocs(ID);
  });

  it('intersects multi-valued lines', () => {
    const inputs = patchedPair(fixed, {
      a: [['ike proposal 10\n encryption-algorithm aes-256', 'ike proposal 10\n encryption-algorithm aes-256 aes-128']],
      b: [['ike proposal 10\n encryption-algorithm aes-256', 'ike proposal 10\n encryption-algorithm aes-128 3des']],
    });
    expect(lint(inputs, [ID])).toEqual([]);
  });

  it('compares authentication-algorithm for IKEv1 and integrity/prf for IKEv2', () => {
    const v1 = patchedPair(fixed, { b: [[' authentication-algorithm sha2-256', ' authentication-algorithm sha2-512']] });
    const v1Findings = lint(v1, [ID]);
    expect(v1Findings).toHaveLength(2);
    expect(v1Findings[0].line).toBe(lineOf(v1[0].text, ' authentication-algorithm sha2-256'));
    const v2 = patchedPair(fixed, {
      a: [[' undo version 2\n', '']],
      b: [[' undo version 2\n', ''], [' authentication-algorithm sha2-256', ' authentication-algorithm sha2-512']],
    });
    expect(lint(v2, [ID])).toEqual([]);
    const v2Integrity = patchedPair(fixed, {
      a: [[' undo version 2\n', '']],
      b: [[' undo version 2\n', ''], [' prf hmac-sha2-256', ' prf hmac-sha2-384']],
    });
    const findings = lint(v2Integrity, [ID]);
    expect(findings.map((f) => [f.file, f.line])).toEqual([
      [v2Integrity[0].file, lineOf(v2Integrity[0].text, ' prf hmac-sha2-256')],
      [v2Integrity[1].file, lineOf(v2Integrity[1].text, ' prf hmac-sha2-384')],
    ]);
    expect(findings[0].message).toContain('IKEv2');
  });

  it('flags the authentication method and the DH group', () => {
    const inputs = patchedPair(fixed, { b: [[' authentication-method pre-share', ' authentication-method rsa-signature'], [' dh group14', ' dh group19']] });
    const findings = lint(inputs, [ID]);
    expect(findings.filter((f) => f.file === inputs[1].file).map((f) => f.line).sort()).toEqual(
      [lineOf(inputs[1].text, ' dh group19'), lineOf(inputs[1].text, 'authentication-method rsa')].sort(),
    );
  });

  it('lets a peer without ike-proposal offer every proposal plus the built-in default (guide FAQ)', () => {
    const inputs = patchedPair(fixed, {
      a: [[' ike-proposal 10\n', '']],
      b: [[' ike-proposal 10\n', ''], ['ike proposal 10\n encryption-algorithm aes-256', 'ike proposal 10\n encryption-algorithm aes-128']],
    });
    expect(lint(inputs, [ID])).toEqual([]);
  });

  it('never claims a mismatch on values unknown for the platform version', () => {
    const inputs = patchedPair(fixed, {
      a: [['V500R005C10SPC300', 'V500R001C30SPC100'], ['ike proposal 10\n encryption-algorithm aes-256\n', 'ike proposal 10\n']],
      b: [['V500R005C10SPC300', 'V500R001C30SPC100']],
    });
    expect(lint(inputs, [ID])).toEqual([]);
  });

  it('suggests on each end making its proposal line match the other end (a choice: suggestions, no fix)', () => {
    const inputs = readConfigDir(`${dir}/flagged`);
    const findings = lintInputs(inputs, [ID]).findings;
    expect(findings.every((f) => f.fix === undefined)).toBe(true);
    expect(findings.map((f) => f.suggestions?.map((s) => [s.desc, s.fix.commands]))).toEqual([
      [['Make ikeprop-A-flagged match ikeprop-B-flagged: "encryption-algorithm aes-128" in IKE proposal 10', ['system-view', 'ike proposal 10', 'encryption-algorithm aes-128', 'return']]],
      [['Make ikeprop-B-flagged match ikeprop-A-flagged: "encryption-algorithm aes-256" in IKE proposal 10', ['system-view', 'ike proposal 10', 'encryption-algorithm aes-256', 'return']]],
    ]);
    // A proposal on the default value gets the line added.
    const onDefault = patchedPair(fixed, { a: [[' dh group14', ' dh group20']], b: [[' dh group14\n', '']] });
    const [suggestion] = lintInputs(onDefault, [ID]).findings.find((f) => f.file === onDefault[1].file)?.suggestions ?? [];
    expect(suggestion?.fix.commands).toEqual(['system-view', 'ike proposal 10', 'dh group20', 'return']);
    const edited = onDefault.map((i) => (i.file === suggestion.fix.file ? { ...i, text: applyFixes(i.text, [suggestion.fix]).text } : i));
    expect(lint(edited, [ID])).toEqual([]);
  });

  it('suggests naming, in an aggressive-mode peer, a configured proposal the responder accepts', () => {
    const group20 = [' dh group14', ' dh group20'] as [string, string];
    const proposal20 = 'ike proposal 20\n encryption-algorithm aes-256\n dh group20\n authentication-algorithm sha2-256\n authentication-method pre-share\n integrity-algorithm hmac-sha2-256\n prf hmac-sha2-256\n#\nike peer branch';
    const inputs = patchedPair(fixed, {
      a: [['ike peer branch', proposal20], [' exchange-mode main', ' exchange-mode aggressive'], [' ike-proposal 10\n', '']],
      b: [group20, [' exchange-mode main', ' exchange-mode aggressive']],
    });
    const [finding] = lintInputs(inputs, [ID]).findings;
    expect(finding.suggestions?.map((s) => s.fix.commands)).toEqual([['system-view', 'ike peer branch', 'ike-proposal 20', 'return']]);
    const edited = inputs.map((i) => (i.file === finding.file ? { ...i, text: applyFixes(i.text, [finding.suggestions![0].fix]).text } : i));
    expect(lint(edited, [ID])).toEqual([]);
  });
});
