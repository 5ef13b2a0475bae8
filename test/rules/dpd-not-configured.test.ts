import { describe, expect, it } from 'vitest';
import { applyFixes } from '../../src/fix/generate.js';
import { lintInputs, corpus, lint, lintDir, lineOf, readConfigDir } from '../helpers/rule-harness.js';
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
  it('warns at the IKE peer without DPD and flags the different IKEv1 payload order at the msg line', () => {
    const [a, b] = readConfigDir(`${dir}/flagged`);
    const findings = lintDir(`${dir}/flagged`, [ID]);
    expect(findings).toHaveLength(2);
    const warning = findings.find((f) => f.severity === 'warning');
    expect(warning).toMatchObject({ ruleId: ID, file: a.file, line: lineOf(a.text, 'ike peer branch'), column: 1, endColumn: 16, objectPath: 'ike-peer:branch' });
    expect(warning?.message).toContain('"branch"');
    const error = findings.find((f) => f.severity === 'error');
    expect(error).toMatchObject({ file: b.file, line: lineOf(b.text, 'ike dpd msg'), column: 14, endColumn: 29 });
    expect(error?.message).toContain('"seq-hash-notify"');
    expect(error?.message).toContain('"seq-notify-hash"');
    expect(error?.related).toEqual([expect.objectContaining({ file: a.file, line: lineOf(a.text, 'ike peer branch') })]);
  });

  it('is quiet on the fixed pair and when both ends set the same payload order', () => {
    expect(lintDir(fixed, [ID])).toEqual([]);
    const same = patchedPair(fixed, {
      a: [[' ike dpd idle-time 10\n', ' ike dpd idle-time 10\n ike dpd msg seq-hash-notify\n']],
      b: [['\n dpd type periodic\n', '\n dpd type periodic\n dpd msg seq-hash-notify\n']],
    });
    expect(lint(same, [ID])).toEqual([]);
  });

  it('lets the peer line override the global one and ignores payload order under IKEv2', () => {
    const peerOverride = patchedPair(fixed, {
      a: [[' ike dpd idle-time 10\n', ' ike dpd idle-time 10\n ike dpd msg seq-hash-notify\n'], ['\n dpd type periodic\n', '\n dpd type periodic\n dpd msg seq-notify-hash\n']],
    });
    expect(lint(peerOverride, [ID])).toEqual([]);
    const ikev2 = patchedPair(fixed, {
      a: [[' undo version 2\n', ''], [' ike dpd idle-time 10\n', ' ike dpd idle-time 10\n ike dpd msg seq-hash-notify\n']],
      b: [[' undo version 2\n', '']],
    });
    expect(lint(ikev2, [ID])).toEqual([]);
  });

  it('gives exactly the documented true warnings on the documentation configurations', () => {
    const peers = (names: string[]) => lint(corpus(...names), [ID]).map((f) => [f.file, f.severity, f.objectPath]);
    expect(peers(['hwdoc-ar-natt-routera.cfg', 'hwdoc-ar-natt-routerb.cfg'])).toEqual([
      ['corpus/hwdoc-ar-natt-routera.cfg', 'warning', 'ike-peer:rta'],
      ['corpus/hwdoc-ar-natt-routerb.cfg', 'warning', 'ike-peer:rtb'],
    ]);
    expect(peers(['hwdoc-ar-redundant-routera.cfg', 'hwdoc-ar-redundant-routerb.cfg', 'hwdoc-ar-redundant-routerc.cfg'])).toEqual([
      ['corpus/hwdoc-ar-redundant-routera.cfg', 'warning', 'ike-peer:rut1'],
      ['corpus/hwdoc-ar-redundant-routerb.cfg', 'warning', 'ike-peer:rut1'],
      ['corpus/hwdoc-ar-redundant-routerc.cfg', 'warning', 'ike-peer:rut1'],
    ]);
    expect(peers(['hwdoc-ar-evpn-routera.cfg', 'hwdoc-ar-evpn-routerb.cfg'])).toEqual([['corpus/hwdoc-ar-evpn-routerb.cfg', 'warning', 'ike-peer:rut3']]);
    expect(peers(['ghidx9309639414-ar-border01-hq01.cfg', 'ghidx9454352902-ar-border01-br01.cfg'])).toEqual([
      ['corpus/ghidx9309639414-ar-border01-hq01.cfg', 'warning', 'ike-peer:BRANCH-01'],
      ['corpus/ghidx9309639414-ar-border01-hq01.cfg', 'warning', 'ike-peer:BRANCH-02'],
      ['corpus/ghidx9454352902-ar-border01-br01.cfg', 'warning', 'ike-peer:HQ-01'],
    ]);
  });
});
