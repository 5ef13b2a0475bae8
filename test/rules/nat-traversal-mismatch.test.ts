import { describe, expect, it } from 'vitest';
import { expectSilentOnDocs, lineOf, lint, lintDir, lintInputs, readConfigDir } from '../helpers/rule-harness.js';
import { applyFixes } from '../../src/fix/generate.js';
import { patchedPair } from '../helpers/tunnel-pair.js';

const ID = 'nat-traversal-mismatch';
const dir = `configs-examples/${ID}`;
const fixed = `${dir}/fixed`;

describe(ID, () => {
  it('flags undo nat traversal on a tunnel crossing a NAT, at that line', () => {
    const [a, b] = readConfigDir(`${dir}/flagged`);
    const findings = lintDir(`${dir}/flagged`, [ID]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: ID,
      severity: 'error',
      file: a.file,
      line: lineOf(a.text, 'undo nat traversal'),
      column: 2,
      endColumn: 20,
      objectPath: 'ike-peer:peer1',
    });
    expect(findings[0].related).toEqual([expect.objectContaining({ file: b.file, line: lineOf(b.text, 'ike peer peer1'), column: 1 })]);
    expect(findings[0].message).toContain('ntm-B-flagged');
  });

  it('is quiet on the fixed pair, on an explicit "nat traversal" and on the documentation pairs', () => {
    expect(lintDir(fixed, [ID])).toEqual([]);
    expect(lint(patchedPair(fixed, { b: [[' ike-proposal 10\n', ' ike-proposal 10\n nat traversal\n']] }), [ID])).toEqual([]);
    expectSilentOnDocs(ID);
  });

  it('warns when there is no NAT and only one end disables NAT traversal', () => {
    const inputs = patchedPair('configs-examples/pfs-mismatch/fixed', { b: [[' ike-proposal 10\n', ' ike-proposal 10\n undo nat traversal\n']] });
    const findings = lint(inputs, [ID]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'warning', file: inputs[1].file, line: lineOf(inputs[1].text, 'undo nat traversal'), column: 2 });
    expect(findings[0].related[0]).toMatchObject({ file: inputs[0].file, line: lineOf(inputs[0].text, 'ike peer branch') });
    expect(findings[0].message).toContain('"disabled"');
    expect(findings[0].message).toContain('"enabled (default)"');
  });

  it('reports both explicit lines when one end writes "nat traversal" and the other disables it', () => {
    const inputs = patchedPair('configs-examples/pfs-mismatch/fixed', {
      a: [[' ike-proposal 10\n', ' ike-proposal 10\n nat traversal\n']],
      b: [[' ike-proposal 10\n', ' ike-proposal 10\n undo nat traversal\n']],
    });
    const findings = lint(inputs, [ID]);
    expect(findings.map((f) => [f.file, f.line])).toEqual([
      [inputs[0].file, lineOf(inputs[0].text, ' nat traversal')],
      [inputs[1].file, lineOf(inputs[1].text, 'undo nat traversal')],
    ]);
  });

  it('fixes "undo nat traversal" across a NAT (safe: the device types "nat traversal", the file loses the undo line)', () => {
    const inputs = readConfigDir(`${dir}/flagged`);
    const [finding] = lintInputs(inputs, [ID]).findings;
    expect(finding.fix).toMatchObject({ applicability: 'safe', commands: ['system-view', 'ike peer peer1', 'nat traversal', 'return'] });
    const edited = inputs.map((i) => (i.file === finding.fix?.file ? { ...i, text: applyFixes(i.text, [finding.fix]).text } : i));
    expect(edited[0].text).not.toContain('nat traversal');
    expect(lint(edited, [ID])).toEqual([]);
  });

  it('without a NAT, the disabling end gets an unsafe fix enabling it; the enabling end gets none', () => {
    const inputs = patchedPair('configs-examples/pfs-mismatch/fixed', {
      a: [[' ike-proposal 10\n', ' ike-proposal 10\n nat traversal\n']],
      b: [[' ike-proposal 10\n', ' ike-proposal 10\n undo nat traversal\n']],
    });
    const findings = lintInputs(inputs, [ID]).findings;
    expect(findings.map((f) => [f.file, f.fix?.applicability, f.suggestions])).toEqual([
      [inputs[0].file, undefined, undefined],
      [inputs[1].file, 'unsafe', undefined],
    ]);
    const fix = findings[1].fix!;
    expect(lint(inputs.map((i) => (i.file === fix.file ? { ...i, text: applyFixes(i.text, [fix]).text } : i)), [ID])).toEqual([]);
  });
});
