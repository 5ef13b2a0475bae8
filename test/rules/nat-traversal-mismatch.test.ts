import { describe, expect, it } from 'vitest';
import { lint, lintInputs, readConfigDir } from '../helpers/rule-harness.js';
import { at, ruleTester } from '../helpers/rule-tester.js';
import { applyFixes } from '../../src/fix/generate.js';
import { patchedPair } from '../helpers/tunnel-pair.js';

const ID = 'nat-traversal-mismatch';
const dir = `configs-examples/${ID}`;
const fixed = `${dir}/fixed`;

describe(ID, () => {
  const bothExplicit = () =>
    patchedPair('configs-examples/pfs-mismatch/fixed', {
      a: [[' ike-proposal 10\n', ' ike-proposal 10\n nat traversal\n']],
      b: [[' ike-proposal 10\n', ' ike-proposal 10\n undo nat traversal\n']],
    });

  ruleTester(ID, {
    fixedExample: true,
    documentationSets: true,
    valid: [{ name: 'is quiet on an explicit "nat traversal"', inputs: () => patchedPair(fixed, { b: [[' ike-proposal 10\n', ' ike-proposal 10\n nat traversal\n']] }) }],
    invalid: [
      {
        name: 'flags undo nat traversal on a tunnel crossing a NAT, at that line',
        inputs: () => readConfigDir(`${dir}/flagged`),
        findings: ([a, b]) => [
          {
            ...at(a, 'undo nat traversal'),
            severity: 'error',
            column: 2,
            endColumn: 20,
            objectPath: 'ike-peer:peer1',
            message: 'ntm-B-flagged',
            related: [{ ...at(b, 'ike peer peer1'), column: 1 }],
          },
        ],
      },
      {
        name: 'warns when there is no NAT and only one end disables NAT traversal',
        inputs: () => patchedPair('configs-examples/pfs-mismatch/fixed', { b: [[' ike-proposal 10\n', ' ike-proposal 10\n undo nat traversal\n']] }),
        findings: ([a, b]) => [
          { ...at(b, 'undo nat traversal'), severity: 'warning', column: 2, message: ['"disabled"', '"enabled (default)"'], related: [at(a, 'ike peer branch')] },
        ],
      },
      {
        name: 'reports both explicit lines when one end writes "nat traversal" and the other disables it',
        inputs: bothExplicit,
        findings: ([a, b]) => [at(a, ' nat traversal'), at(b, 'undo nat traversal')],
      },
    ],
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
    const inputs = bothExplicit();
    const findings = lintInputs(inputs, [ID]).findings;
    expect(findings.map((f) => [f.file, f.fix?.applicability, f.suggestions])).toEqual([
      [inputs[0].file, undefined, undefined],
      [inputs[1].file, 'unsafe', undefined],
    ]);
    const fix = findings[1].fix!;
    expect(lint(inputs.map((i) => (i.file === fix.file ? { ...i, text: applyFixes(i.text, [fix]).text } : i)), [ID])).toEqual([]);
  });
});
