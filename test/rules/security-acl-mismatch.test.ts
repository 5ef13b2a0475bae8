import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import type { Finding } from '../../src/engine/findings.js';
import { applyFixes, type GeneratedFix } from '../../src/fix/generate.js';
import { expectSilentOnFixedAndDocs, type Input, lineOf, lint, lintDir, lintInputs, readConfigDir } from '../helpers/rule-harness.js';
import { patchedPair } from '../helpers/tunnel-pair.js';

const ID = 'security-acl-mismatch';
const dir = `configs-examples/${ID}`;
const fixed = `${dir}/fixed`;
const ALL = rules.map((r) => r.meta.id);
const key = (f: Finding): string => `${f.ruleId} ${f.file} ${f.objectPath} ${f.message}`;
const applied = (inputs: readonly Input[], fix: GeneratedFix): Input[] =>
  inputs.map((input) => (input.file === fix.file ? { ...input, text: applyFixes(input.text, [fix]).text } : input));

/** The change applied, the network linted again with every rule: no finding of this rule, no new error. */
function expectResolves(inputs: readonly Input[], fix: GeneratedFix): Input[] {
  const before = lintInputs(inputs, ALL).findings;
  const after = lintInputs(applied(inputs, fix), ALL).findings;
  expect(after.filter((f) => f.ruleId === ID).map(key)).toEqual([]);
  const old = new Set(before.map(key));
  expect(after.filter((f) => f.severity === 'error' && !old.has(key(f))).map(key)).toEqual([]);
  return applied(inputs, fix);
}

const B_RULE = ' rule 5 permit ip source 10.15.22.0 0.0.0.255 destination 10.15.12.0 0.0.0.255';

describe(ID, () => {
  it('flags ACLs with different protocols at the rule line of the initiator and the security acl line of the template responder, as errors', () => {
    const [a, b] = readConfigDir(`${dir}/flagged`);
    const findings = lintDir(`${dir}/flagged`, [ID]);
    expect(findings).toHaveLength(2);
    expect(findings[0]).toMatchObject({ ruleId: ID, severity: 'error', file: a.file, line: lineOf(a.text, ' rule 5 permit'), column: 2, objectPath: 'acl:3000/rule:5' });
    expect(findings[0].related).toEqual([expect.objectContaining({ file: b.file, line: lineOf(b.text, ' security acl 3000'), column: 15 })]);
    expect(findings[0].related[0].message).toBe('security ACL "3000" of sam-B-flagged protects source 10.15.21.0/24 → destination 10.15.11.0/24, tcp');
    expect(findings[0].message).toContain('source 10.15.11.0/24 → destination 10.15.21.0/24');
    expect(findings[1]).toMatchObject({ severity: 'error', file: b.file, line: lineOf(b.text, ' security acl 3000'), objectPath: 'ipsec-policy:map1/10/security-acl' });
    expect(findings[1].message).toContain('sam-A-flagged is the only end that can start the negotiation');
    expect(findings[1].related).toEqual([expect.objectContaining({ file: a.file, line: lineOf(a.text, ' rule 5 permit') })]);
  });

  it('when both ends can initiate, reports at both rule lines', () => {
    const inputs = patchedPair(fixed, { b: [[B_RULE, B_RULE.replace('permit ip', 'permit tcp')]] });
    const findings = lint(inputs, [ID]);
    expect(findings.map((f) => [f.file, f.line, f.severity])).toEqual([
      [inputs[0].file, 12, 'error'],
      [inputs[1].file, 12, 'error'],
    ]);
    expect(findings[0].message).toContain('whichever end initiates');
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
    expect(findings).toHaveLength(2);
    expect(findings[0]).toMatchObject({ severity: 'error', file: narrower[0].file, line: 12 });
    expect(findings[0].related[0]).toMatchObject({ file: narrower[1].file, line: lineOf(narrower[1].text, ' security acl 3000') });
    // The template only responds: its side is reported too, where the fix goes.
    expect(findings[1]).toMatchObject({ severity: 'error', file: narrower[1].file, line: lineOf(narrower[1].text, ' security acl 3000'), objectPath: 'ipsec-policy:map1/10/security-acl' });
    expect(findings[1].message).toContain('ntm-A-fixed is the only end that can start the negotiation');
    const wider = patchedPair(natFixed, { b: [[' rule 5 permit ip source 10.16.22.0 0.0.0.255', ' rule 5 permit ip source 10.16.0.0 0.0.255.255']] });
    expect(lint(wider, [ID])).toEqual([]);
  });

  describe('fix and suggestions', () => {
    const natFixed = 'configs-examples/nat-traversal-mismatch/fixed';
    const A_RULE = ' rule 5 permit ip source 10.16.12.0 0.0.0.255 destination 10.16.22.0 0.0.0.255';

    it('the flagged example: the template responder mirrors its only initiator (safe fix); the initiator suggests the other way', () => {
      const inputs = readConfigDir(`${dir}/flagged`);
      const findings = lintInputs(inputs, [ID]).findings;
      expect(findings.map((f) => [f.file, Boolean(f.fix), f.suggestions?.length ?? 0])).toEqual([
        [inputs[0].file, false, 1],
        [inputs[1].file, true, 0],
      ]);
      const suggestion = findings[0].suggestions![0];
      expect(suggestion.fix).toMatchObject({ file: inputs[0].file, applicability: 'unsafe' });
      expect(suggestion.fix.commands).toEqual(['system-view', 'acl number 3000', 'undo rule 5', 'rule 5 permit tcp source 10.15.11.0 0.0.0.255 destination 10.15.21.0 0.0.0.255', 'return']);
      expectResolves(inputs, suggestion.fix);
      const fix = findings[1].fix!;
      expect(fix).toMatchObject({ file: inputs[1].file, applicability: 'safe' });
      expect(fix.commands).toEqual(['system-view', 'acl number 3000', 'undo rule 5', 'rule 5 permit ip source 10.15.21.0 0.0.0.255 destination 10.15.11.0 0.0.0.255', 'return']);
      const fixed = expectResolves(inputs, fix);
      expect(fixed[1].text).toContain('acl number 3000\n rule 5 permit ip source 10.15.21.0 0.0.0.255 destination 10.15.11.0 0.0.0.255\n#');
    });

    it('a template responder mirrors its only initiator (safe fix at its security acl line): only the differing rule is replaced', () => {
      const inputs = patchedPair(natFixed, {
        a: [[A_RULE, ' rule 5 permit ip source 10.16.12.0 0.0.0.127 destination 10.16.22.0 0.0.0.255\n rule 10 permit tcp source 10.16.12.128 0.0.0.127 destination 10.16.22.0 0.0.0.255 destination-port eq 443']],
        b: [[' rule 5 permit ip source 10.16.22.0 0.0.0.255', ' rule 5 permit ip source 10.16.22.0 0.0.0.127']],
      });
      const findings = lintInputs(inputs, [ID]).findings;
      expect(findings.filter((f) => f.file === inputs[0].file).every((f) => !f.fix && f.suggestions?.length === 1)).toBe(true);
      const responder = findings.find((f) => f.file === inputs[1].file);
      expect(responder?.fix).toMatchObject({ file: inputs[1].file, applicability: 'safe' });
      const fix = responder!.fix!;
      expect(fix.commands).toEqual([
        'system-view',
        'acl number 3000',
        'rule 10 permit tcp source 10.16.22.0 0.0.0.255 source-port eq 443 destination 10.16.12.128 0.0.0.127',
        'undo rule 5',
        'rule 5 permit ip source 10.16.22.0 0.0.0.255 destination 10.16.12.0 0.0.0.127',
        'return',
      ]);
      const fixed = expectResolves(inputs, fix);
      expect(fixed[1].text).toContain(
        'acl number 3000\n rule 5 permit ip source 10.16.22.0 0.0.0.255 destination 10.16.12.0 0.0.0.127\n rule 10 permit tcp source 10.16.22.0 0.0.0.255 source-port eq 443 destination 10.16.12.128 0.0.0.127\n#',
      );
    });

    it('gives no fix when a rule cannot be repeated exactly (an option it carries), and keeps the message', () => {
      const inputs = patchedPair(natFixed, {
        a: [[A_RULE, `${A_RULE} logging`]],
        b: [[' rule 5 permit ip source 10.16.22.0 0.0.0.255', ' rule 5 permit ip source 10.16.22.0 0.0.0.127']],
      });
      const findings = lintInputs(inputs, [ID]).findings;
      expect(findings.map((f) => f.objectPath)).toEqual(['acl:3000/rule:5', 'ipsec-policy:map1/10/security-acl']);
      expect(findings[1].message).toContain('make this ACL the mirror of the ACL of ntm-A-fixed');
      expect(findings[1].fix).toBeUndefined();
      expect(findings[1].suggestions).toBeUndefined();
      // The other way (the initiator mirroring the template) is still written: the template's rule has no option.
      expect(findings[0].fix).toBeUndefined();
      expect(findings[0].suggestions).toHaveLength(1);
    });

    it('when both ends can initiate, each finding suggests either end mirroring the other, no fix; each suggestion resolves the network', () => {
      const inputs = patchedPair(fixed, { b: [[B_RULE, B_RULE.replace('permit ip', 'permit tcp')]] });
      const findings = lintInputs(inputs, [ID]).findings;
      expect(findings).toHaveLength(2);
      for (const finding of findings) {
        expect(finding.fix).toBeUndefined();
        expect(finding.suggestions?.map((s) => s.fix.file)).toEqual([finding.file, ...inputs.map((i) => i.file).filter((f) => f !== finding.file)]);
        for (const suggestion of finding.suggestions ?? []) expectResolves(inputs, suggestion.fix);
      }
      const [onA] = findings[0].suggestions ?? [];
      expect(onA.desc).toBe('Make security ACL "3000" of sam-A-fixed the mirror of ACL "3000" of sam-B-fixed (source and destination swapped, same protocols and ports)');
      expect(onA.fix.commands).toEqual(['system-view', 'acl number 3000', 'undo rule 5', 'rule 5 permit tcp source 10.15.12.0 0.0.0.255 destination 10.15.22.0 0.0.0.255', 'return']);
      // Applied together (a user choosing both) they would swap the protocols and mismatch again: they are suggestions, never fixes.
      expect(findings[1].suggestions?.[0].fix.commands).toContain('rule 5 permit ip source 10.15.22.0 0.0.0.255 destination 10.15.12.0 0.0.0.255');
    });

    it('under IKEv1 a one-direction warning also carries both suggestions', () => {
      const inputs = patchedPair(fixed, { b: [[B_RULE, ' rule 5 permit ip source 10.15.22.0 0.0.0.127 destination 10.15.12.0 0.0.0.255']] });
      const [finding] = lintInputs(inputs, [ID]).findings;
      expect(finding.severity).toBe('warning');
      expect(finding.fix).toBeUndefined();
      expect(finding.suggestions?.map((s) => s.fix.file)).toEqual([inputs[0].file, inputs[1].file]);
      for (const suggestion of finding.suggestions ?? []) expectResolves(inputs, suggestion.fix);
    });
  });
});
