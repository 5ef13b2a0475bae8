import { describe, expect, it } from 'vitest';
import { lint, lintInputs, readConfigDir } from '../helpers/rule-harness.js';
import { at, ruleTester } from '../helpers/rule-tester.js';
import { applyFixes } from '../../src/fix/generate.js';
import { patchedPair } from '../helpers/tunnel-pair.js';

const ID = 'ike-proposal-mismatch';
const dir = `configs-examples/${ID}`;
const fixed = `${dir}/fixed`;

describe(ID, () => {
  const group20 = [' dh group14', ' dh group20'] as [string, string];
  const aggressive = [' exchange-mode main', ' exchange-mode aggressive'] as [string, string];
  const noProposal = [' ike-proposal 10\n', ''] as [string, string];

  ruleTester(ID, {
    fixedExample: true,
    documentationSets: true,
    valid: [
      { name: 'a main-mode initiator without ike-proposal offers every proposal', inputs: () => patchedPair(fixed, { a: [group20, noProposal], b: [group20] }) },
      { name: 'an aggressive-mode initiator naming its proposal', inputs: () => patchedPair(fixed, { a: [group20, aggressive], b: [group20, aggressive] }) },
      { name: 'an aggressive-mode initiator whose default proposal is accepted', inputs: () => patchedPair(fixed, { a: [aggressive, noProposal], b: [aggressive] }) },
      {
        name: 'intersects multi-valued lines',
        inputs: () =>
          patchedPair(fixed, {
            a: [['ike proposal 10\n encryption-algorithm aes-256', 'ike proposal 10\n encryption-algorithm aes-256 aes-128']],
            b: [['ike proposal 10\n encryption-algorithm aes-256', 'ike proposal 10\n encryption-algorithm aes-128 3des']],
          }),
      },
      {
        name: 'does not compare authentication-algorithm for IKEv2',
        inputs: () =>
          patchedPair(fixed, {
            a: [[' undo version 2\n', '']],
            b: [[' undo version 2\n', ''], [' authentication-algorithm sha2-256', ' authentication-algorithm sha2-512']],
          }),
      },
      {
        name: 'lets a peer without ike-proposal offer every proposal plus the built-in default (guide FAQ)',
        inputs: () =>
          patchedPair(fixed, {
            a: [noProposal],
            b: [noProposal, ['ike proposal 10\n encryption-algorithm aes-256', 'ike proposal 10\n encryption-algorithm aes-128']],
          }),
      },
      {
        name: 'never claims a mismatch on values unknown for the platform version',
        inputs: () =>
          patchedPair(fixed, {
            a: [['V500R005C10SPC300', 'V500R001C30SPC100'], ['ike proposal 10\n encryption-algorithm aes-256\n', 'ike proposal 10\n']],
            b: [['V500R005C10SPC300', 'V500R001C30SPC100']],
          }),
      },
    ],
    invalid: [
      {
        name: 'flags the encryption-algorithm line of each end (guide case: aes-128 against aes-256, both peers on proposal 10)',
        inputs: () => readConfigDir(`${dir}/flagged`),
        findings: ([a, b]) => [
          {
            ...at(a, 'encryption-algorithm aes-256'),
            column: 23,
            endColumn: 30,
            severity: 'error',
            objectPath: 'ike-proposal:10',
            message: ['"aes-256"', '"aes-128"'],
            related: [{ ...at(b, 'encryption-algorithm aes-128'), column: 23 }],
          },
          { ...at(b, 'encryption-algorithm aes-128'), column: 23, related: [at(a, 'encryption-algorithm aes-256')] },
        ],
      },
      {
        name: 'flags an aggressive-mode initiator without ike-proposal: it offers only the default proposal (guide FAQ)',
        inputs: () => patchedPair(fixed, { a: [group20, aggressive, noProposal], b: [group20, aggressive] }),
        findings: ([a, b]) => [
          {
            ...at(a, 'exchange-mode aggressive'),
            column: 16,
            endColumn: 26,
            objectPath: 'ike-peer:branch',
            message: /offers only the default proposal, and .* accepts no proposal with its dh "group14" \(it has "group20" in proposal "10"\)/,
            related: [at(b, 'dh group20')],
          },
        ],
      },
      {
        name: 'compares authentication-algorithm for IKEv1',
        inputs: () => patchedPair(fixed, { b: [[' authentication-algorithm sha2-256', ' authentication-algorithm sha2-512']] }),
        findings: ([a, b]) => [at(a, ' authentication-algorithm sha2-256'), at(b, ' authentication-algorithm sha2-512')],
      },
      {
        name: 'compares integrity/prf for IKEv2',
        inputs: () =>
          patchedPair(fixed, {
            a: [[' undo version 2\n', '']],
            b: [[' undo version 2\n', ''], [' prf hmac-sha2-256', ' prf hmac-sha2-384']],
          }),
        findings: ([a, b]) => [{ ...at(a, ' prf hmac-sha2-256'), message: 'IKEv2' }, at(b, ' prf hmac-sha2-384')],
      },
      {
        name: 'flags the authentication method and the DH group',
        inputs: () => patchedPair(fixed, { b: [[' authentication-method pre-share', ' authentication-method rsa-signature'], [' dh group14', ' dh group19']] }),
        findings: ([a, b]) => [at(a, ' dh group14'), at(a, ' authentication-method pre-share'), at(b, ' dh group19'), at(b, 'authentication-method rsa')],
      },
    ],
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
