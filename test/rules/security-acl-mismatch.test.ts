import { describe, expect, it } from 'vitest';
import { expectSilentOnFixedAndDocs, lineOf, lint, lintDir, readConfigDir } from '../helpers/rule-harness.js';
import { patchedPair } from '../helpers/tunnel-pair.js';

const ID = 'security-acl-mismatch';
const dir = `configs-examples/${ID}`;
const fixed = `${dir}/fixed`;
const B_RULE = ' rule 5 permit ip source 10.15.22.0 0.0.0.255 destination 10.15.12.0 0.0.0.255';

describe(ID, () => {
  it('flags ACLs with different protocols at both rule lines, as an error', () => {
    const [a, b] = readConfigDir(`${dir}/flagged`);
    const findings = lintDir(`${dir}/flagged`, [ID]);
    expect(findings).toHaveLength(2);
    expect(findings[0]).toMatchObject({ ruleId: ID, severity: 'error', file: a.file, line: lineOf(a.text, ' rule 5 permit'), column: 2, objectPath: 'acl:3000/rule:5' });
    expect(findings[0].related).toEqual([expect.objectContaining({ file: b.file, line: lineOf(b.text, ' security acl 3000'), column: 15 })]);
    expect(findings[0].related[0].message).toBe('security ACL "3000" of sam-B-flagged protects source 10.15.21.0/24 → destination 10.15.11.0/24, tcp');
    expect(findings[0].message).toContain('source 10.15.11.0/24 → destination 10.15.21.0/24');
    expect(findings[0].message).toContain('whichever end initiates');
    expect(findings[1]).toMatchObject({ severity: 'error', file: b.file, line: lineOf(b.text, ' rule 5 permit tcp') });
  });

  it('is quiet on the fixed pair and on the documentation pairs', () => {
    expectSilentOnFixedAndDocs(ID);
  });

  it('errors on the guide example: ranges that do not meet at all', () => {
    const inputs = patchedPair(fixed, { b: [[B_RULE, ' rule 5 permit ip source 10.15.22.0 0.0.0.255 destination 10.15.32.0 0.0.0.255']] });
    const findings = lint(inputs, [ID]);
    expect(findings.map((f) => [f.file, f.line, f.severity])).toEqual([
      [inputs[0].file, 12, 'error'],
      [inputs[1].file, 12, 'error'],
    ]);
  });

  it('warns under IKEv1 when the ranges work only when the narrower end initiates', () => {
    const inputs = patchedPair(fixed, { b: [[B_RULE, ' rule 5 permit ip source 10.15.22.0 0.0.0.127 destination 10.15.12.0 0.0.0.255']] });
    const findings = lint(inputs, [ID]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'warning', file: inputs[0].file, line: 12 });
    expect(findings[0].message).toContain('only when sam-B-fixed initiates');
    expect(findings[0].message).toContain('10.15.22.0/25');
  });

  it('under IKEv2 accepts overlapping ranges but warns that they are not mirrored', () => {
    const inputs = patchedPair(fixed, {
      a: [[' undo version 2\n', '']],
      b: [[' undo version 2\n', ''], [B_RULE, ' rule 5 permit ip source 10.15.22.0 0.0.0.127 destination 10.15.12.0 0.0.0.255']],
    });
    const findings = lint(inputs, [ID]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'warning', file: inputs[0].file, line: 12 });
    expect(findings[0].message).toContain('not mirrored');
    expect(findings[0].message).toContain('10.15.22.128/25');
  });

  it('accepts any flow at a template responder without ACL and requires inclusion at one with an ACL', () => {
    const natFixed = 'configs-examples/nat-traversal-mismatch/fixed';
    const noAcl = patchedPair(natFixed, { b: [[' security acl 3000\n', '']] });
    expect(lint(noAcl, [ID])).toEqual([]);
    const narrower = patchedPair(natFixed, { b: [[' rule 5 permit ip source 10.16.22.0 0.0.0.255', ' rule 5 permit ip source 10.16.22.0 0.0.0.127']] });
    const findings = lint(narrower, [ID]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'error', file: narrower[0].file, line: 12 });
    expect(findings[0].related[0]).toMatchObject({ file: narrower[1].file, line: lineOf(narrower[1].text, ' security acl 3000') });
    const wider = patchedPair(natFixed, { b: [[' rule 5 permit ip source 10.16.22.0 0.0.0.255', ' rule 5 permit ip source 10.16.0.0 0.0.255.255']] });
    expect(lint(wider, [ID])).toEqual([]);
  });
});
