import { describe, expect, it } from 'vitest';
import { applyFixes } from '../../src/fix/generate.js';
import { lintInputs, corpus, lint, readConfigDir, type Input } from '../helpers/rule-harness.js';
import { at, ruleTester } from '../helpers/rule-tester.js';
import { patchedPair } from '../helpers/tunnel-pair.js';

const ID = 'dpd-not-configured';
const dir = `configs-examples/${ID}`;
const fixed = `${dir}/fixed`;

describe(ID, () => {

  it("fixes a peer without DPD with 'dpd type periodic' (safe), and the other end's payload order on an IKEv1 tunnel", () => {
    const inputs = readConfigDir(`configs-examples/${ID}/flagged`);
    const [finding] = lintInputs(inputs, [ID]).findings;
    const fix = finding.fix!;
    expect(fix.applicability).toBe('safe');
    expect(fix.commands).toEqual(['system-view', 'ike peer branch', 'dpd type periodic', 'dpd msg seq-hash-notify', 'return']);
    const fixed = inputs.map((input) => (input.file === fix.file ? { ...input, text: applyFixes(input.text, [fix]).text } : input));
    expect(fixed.find((i) => i.file === fix.file)!.text).toContain(' remote-address 198.51.19.17\n dpd type periodic\n dpd msg seq-hash-notify\n#');
    expect(lint(fixed, [ID])).toEqual([]);
  });
  /** A warning at the header of each named peer (`ike peer <name>`), in `input`. */
  const peers = (input: Input, ...names: string[]) => names.map((name) => ({ ...at(input, `ike peer ${name}`), severity: 'warning' as const, objectPath: `ike-peer:${name}` }));

  ruleTester(ID, {
    fixedExample: true,
    valid: [
      {
        name: 'is quiet when both ends set the same payload order',
        inputs: () =>
          patchedPair(fixed, {
            a: [[' ike dpd idle-time 10\n', ' ike dpd idle-time 10\n ike dpd msg seq-hash-notify\n']],
            b: [['\n dpd type periodic\n', '\n dpd type periodic\n dpd msg seq-hash-notify\n']],
          }),
      },
      {
        name: 'lets the peer line override the global one',
        inputs: () =>
          patchedPair(fixed, {
            a: [[' ike dpd idle-time 10\n', ' ike dpd idle-time 10\n ike dpd msg seq-hash-notify\n'], ['\n dpd type periodic\n', '\n dpd type periodic\n dpd msg seq-notify-hash\n']],
          }),
      },
      {
        name: 'ignores payload order under IKEv2',
        inputs: () =>
          patchedPair(fixed, {
            a: [[' undo version 2\n', ''], [' ike dpd idle-time 10\n', ' ike dpd idle-time 10\n ike dpd msg seq-hash-notify\n']],
            b: [[' undo version 2\n', '']],
          }),
      },
    ],
    invalid: [
      {
        name: 'warns at the IKE peer without DPD and flags the different IKEv1 payload order at the msg line',
        inputs: () => readConfigDir(`${dir}/flagged`),
        findings: ([a, b]) => [
          { ...at(a, 'ike peer branch'), severity: 'warning', column: 1, endColumn: 16, objectPath: 'ike-peer:branch', message: '"branch"' },
          { ...at(b, 'ike dpd msg'), severity: 'error', column: 14, endColumn: 29, message: ['"seq-hash-notify"', '"seq-notify-hash"'], related: [at(a, 'ike peer branch')] },
        ],
      },
      // The documented true warnings on the documentation configurations.
      {
        name: 'documentation set hwdoc-ar-natt: both peers lack DPD',
        inputs: () => corpus('hwdoc-ar-natt-routera.cfg', 'hwdoc-ar-natt-routerb.cfg'),
        findings: ([a, b]) => [...peers(a, 'rta'), ...peers(b, 'rtb')],
      },
      {
        name: 'documentation set hwdoc-ar-redundant: each peer rut1 lacks DPD',
        inputs: () => corpus('hwdoc-ar-redundant-routera.cfg', 'hwdoc-ar-redundant-routerb.cfg', 'hwdoc-ar-redundant-routerc.cfg'),
        findings: (inputs) => inputs.flatMap((input) => peers(input, 'rut1')),
      },
      {
        name: 'documentation set hwdoc-ar-evpn: router B lacks DPD',
        inputs: () => corpus('hwdoc-ar-evpn-routera.cfg', 'hwdoc-ar-evpn-routerb.cfg'),
        findings: ([, b]) => peers(b, 'rut3'),
      },
      {
        name: 'documentation set ghidx-ar-border: the hub\'s two branch peers and the branch\'s HQ peer',
        inputs: () => corpus('ghidx9309639414-ar-border01-hq01.cfg', 'ghidx9454352902-ar-border01-br01.cfg'),
        findings: ([hq, br]) => [...peers(hq, 'BRANCH-01', 'BRANCH-02'), ...peers(br, 'HQ-01')],
      },
    ],
  });
});
