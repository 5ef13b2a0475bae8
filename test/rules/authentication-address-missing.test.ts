import { describe, expect, it } from 'vitest';
import { applyFixes } from '../../src/fix/generate.js';
import { expectSilentOnFixedAndDocs, lineOf, lint, lintDir, lintInputs, readConfigDir } from '../helpers/rule-harness.js';
import { patchedPair } from '../helpers/tunnel-pair.js';

const ID = 'authentication-address-missing';
const dir = `configs-examples/${ID}`;

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
  it('flags the public end without an authentication address for the NATed end', () => {
    const [a, b] = readConfigDir(`${dir}/flagged`);
    const findings = lintDir(`${dir}/flagged`, [ID]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: ID,
      severity: 'error',
      file: b.file,
      line: lineOf(b.text, ' remote-address 203.0.17.17'),
      column: 2,
      objectPath: 'ike-peer:peer1',
    });
    expect(findings[0].message).toContain('"192.168.17.17"');
    expect(findings[0].related).toEqual([expect.objectContaining({ file: a.file, line: lineOf(a.text, ' ip address 192.168.17.17'), column: 2 })]);
  });

  it('is quiet on the fixed pair and on the FQDN / template documentation pair', () => {
    expectSilentOnFixedAndDocs(ID);
  });

  it('is quiet with FQDN identities and with a template responder', () => {
    const flagged = `${dir}/flagged`;
    const fqdn = patchedPair(flagged, {
      a: [[' ike-proposal 10\n', ' ike-proposal 10\n local-id-type fqdn\n']],
      b: [[' ike-proposal 10\n', ' ike-proposal 10\n local-id-type fqdn\n']],
    });
    expect(lint(fqdn, [ID])).toEqual([]);
    expect(lintDir('configs-examples/nat-traversal-mismatch/fixed', [ID])).toEqual([]);
  });

  it('reports at the peer header when the public end has no plain remote-address line', () => {
    const inputs = patchedPair(`${dir}/flagged`, { b: [[' remote-address 203.0.17.17\n', '']] });
    const findings = lint(inputs, [ID]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ file: inputs[1].file, line: lineOf(inputs[1].text, 'ike peer peer1'), column: 1 });
  });
});
