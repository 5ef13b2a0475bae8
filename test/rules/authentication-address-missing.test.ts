import { describe, expect, it } from 'vitest';
import { applyFixes } from '../../src/fix/generate.js';
import { lint, lintInputs, readConfigDir } from '../helpers/rule-harness.js';
import { at, ruleTester } from '../helpers/rule-tester.js';
import { patchedPair } from '../helpers/tunnel-pair.js';

const ID = 'authentication-address-missing';
const dir = `configs-examples/${ID}`;
const flagged = `${dir}/flagged`;

describe(ID, () => {
  it("fixes the public end with the private end's address as authentication address (safe), after its remote-address line", () => {
    const inputs = readConfigDir(`configs-examples/${ID}/flagged`);
    const [finding] = lintInputs(inputs, [ID]).findings;
    const fix = finding.fix!;
    expect(fix.applicability).toBe('safe');
    expect(fix.commands).toEqual(['system-view', 'ike peer peer1', 'remote-address authentication-address 192.168.17.17', 'return']);
    const fixed = inputs.map((input) => (input.file === fix.file ? { ...input, text: applyFixes(input.text, [fix]).text } : input));
    expect(fixed.find((i) => i.file === fix.file)!.text).toContain(' remote-address 203.0.17.17\n remote-address authentication-address 192.168.17.17\n');
    expect(lint(fixed, [ID])).toEqual([]);
  });

  ruleTester(ID, {
    fixedExample: true,
    documentationSets: true,
    valid: [
      {
        name: 'is quiet with FQDN identities',
        inputs: () =>
          patchedPair(flagged, {
            a: [[' ike-proposal 10\n', ' ike-proposal 10\n local-id-type fqdn\n']],
            b: [[' ike-proposal 10\n', ' ike-proposal 10\n local-id-type fqdn\n']],
          }),
      },
      { name: 'is quiet with a template responder', inputs: () => readConfigDir('configs-examples/nat-traversal-mismatch/fixed') },
    ],
    invalid: [
      {
        name: 'flags the public end without an authentication address for the NATed end',
        inputs: () => readConfigDir(flagged),
        findings: ([a, b]) => [
          {
            ...at(b, ' remote-address 203.0.17.17'),
            severity: 'error',
            column: 2,
            objectPath: 'ike-peer:peer1',
            message: '"192.168.17.17"',
            related: [{ ...at(a, ' ip address 192.168.17.17'), column: 2 }],
          },
        ],
      },
      {
        name: 'reports at the peer header when the public end has no plain remote-address line',
        inputs: () => patchedPair(flagged, { b: [[' remote-address 203.0.17.17\n', '']] }),
        findings: ([, b]) => [{ ...at(b, 'ike peer peer1'), column: 1 }],
      },
    ],
  });
});
