import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import type { Finding } from '../../src/engine/findings.js';
import { applyFixes, type GeneratedFix } from '../../src/fix/generate.js';
import { type Input, lintInputs, readConfigDir } from '../helpers/rule-harness.js';
import { at, exactly, ruleTester } from '../helpers/rule-tester.js';
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

const NAT_FIXED = 'configs-examples/nat-traversal-mismatch/fixed';
const NAT_A_RULE = ' rule 5 permit ip source 10.16.12.0 0.0.0.255 destination 10.16.22.0 0.0.0.255';
const NAT_B_RULE = ' rule 5 permit ip source 10.16.22.0 0.0.0.255';
const bRule = (rule: string) => (): Input[] => patchedPair(fixed, { b: [[B_RULE, rule]] });

describe(ID, () => {
  ruleTester(ID, {
    fixedExample: true,
    documentationSets: true,
    valid: [
      { name: 'accepts any flow at a template responder without ACL', inputs: () => patchedPair(NAT_FIXED, { b: [[' security acl 3000\n', '']] }) },
      { name: "accepts a template responder's ACL wider than its initiator's", inputs: () => patchedPair(NAT_FIXED, { b: [[NAT_B_RULE, ' rule 5 permit ip source 10.16.0.0 0.0.255.255']] }) },
    ],
    invalid: [
      {
        name: 'flags ACLs with different protocols at the rule line of the initiator and the security acl line of the template responder, as errors',
        inputs: () => readConfigDir(`${dir}/flagged`),
        findings: ([a, b]) => [
          {
            ...at(a, ' rule 5 permit'),
            severity: 'error',
            column: 2,
            objectPath: 'acl:3000/rule:5',
            message: 'source 10.15.11.0/24 → destination 10.15.21.0/24',
            related: [{ ...at(b, ' security acl 3000'), column: 15, message: exactly('security ACL "3000" of sam-B-flagged protects source 10.15.21.0/24 → destination 10.15.11.0/24, tcp') }],
          },
          {
            ...at(b, ' security acl 3000'),
            severity: 'error',
            objectPath: 'ipsec-policy:map1/10/security-acl',
            message: 'sam-A-flagged is the only end that can start the negotiation',
            related: [at(a, ' rule 5 permit')],
          },
        ],
      },
      {
        name: 'when both ends can initiate, reports at both rule lines',
        inputs: bRule(B_RULE.replace('permit ip', 'permit tcp')),
        findings: ([a, b]) => [
          { ...at(a, ' rule 5 permit'), line: 12, severity: 'error', message: 'whichever end initiates' },
          { ...at(b, ' rule 5 permit'), line: 12, severity: 'error', message: 'whichever end initiates' },
        ],
      },
      {
        name: 'errors on the guide example: ranges that do not meet at all',
        inputs: bRule(' rule 5 permit ip source 10.15.22.0 0.0.0.255 destination 10.15.32.0 0.0.0.255'),
        findings: ([a, b]) => [
          { file: a.file, line: 12, severity: 'error' },
          { file: b.file, line: 12, severity: 'error' },
        ],
      },
      {
        name: 'warns under IKEv1 when the ranges work only when the narrower end initiates',
        inputs: bRule(' rule 5 permit ip source 10.15.22.0 0.0.0.127 destination 10.15.12.0 0.0.0.255'),
        findings: ([a]) => [{ file: a.file, line: 12, severity: 'warning', message: ['only when sam-B-fixed initiates', '10.15.22.0/25'] }],
      },
      {
        name: 'under IKEv2 accepts overlapping ranges but warns that they are not mirrored',
        inputs: () =>
          patchedPair(fixed, {
            a: [[' undo version 2\n', '']],
            b: [[' undo version 2\n', ''], [B_RULE, ' rule 5 permit ip source 10.15.22.0 0.0.0.127 destination 10.15.12.0 0.0.0.255']],
          }),
        findings: ([a]) => [{ file: a.file, line: 12, severity: 'warning', message: ['not mirrored', '10.15.22.128/25'] }],
      },
      {
        name: "requires inclusion at a template responder with an ACL, and reports the template's side too, where the fix goes",
        inputs: () => patchedPair(NAT_FIXED, { b: [[NAT_B_RULE, ' rule 5 permit ip source 10.16.22.0 0.0.0.127']] }),
        findings: ([a, b]) => [
          { file: a.file, line: 12, severity: 'error', related: [at(b, ' security acl 3000')] },
          { ...at(b, ' security acl 3000'), severity: 'error', objectPath: 'ipsec-policy:map1/10/security-acl', message: 'ntm-A-fixed is the only end that can start the negotiation' },
        ],
      },
      {
        name: 'reports both rules of a two-rule initiator against a narrower template responder, and the responder once',
        inputs: () =>
          patchedPair(NAT_FIXED, {
            a: [[NAT_A_RULE, ' rule 5 permit ip source 10.16.12.0 0.0.0.127 destination 10.16.22.0 0.0.0.255\n rule 10 permit tcp source 10.16.12.128 0.0.0.127 destination 10.16.22.0 0.0.0.255 destination-port eq 443']],
            b: [[NAT_B_RULE, ' rule 5 permit ip source 10.16.22.0 0.0.0.127']],
          }),
        findings: ([a, b]) => [
          { ...at(a, ' rule 5 permit'), objectPath: 'acl:3000/rule:5', related: [at(b, ' security acl 3000')] },
          { ...at(a, ' rule 10 permit tcp'), objectPath: 'acl:3000/rule:10', message: 'tcp dport 443', related: [at(b, ' security acl 3000')] },
          { ...at(b, ' security acl 3000'), objectPath: 'ipsec-policy:map1/10/security-acl' },
        ],
      },
      {
        name: 'keeps the message when a rule carries an option that cannot be repeated',
        inputs: () =>
          patchedPair(NAT_FIXED, {
            a: [[NAT_A_RULE, `${NAT_A_RULE} logging`]],
            b: [[NAT_B_RULE, ' rule 5 permit ip source 10.16.22.0 0.0.0.127']],
          }),
        findings: ([a, b]) => [
          { ...at(a, ' rule 5 permit'), objectPath: 'acl:3000/rule:5' },
          { ...at(b, ' security acl 3000'), objectPath: 'ipsec-policy:map1/10/security-acl', message: 'make this ACL the mirror of the ACL of ntm-A-fixed' },
        ],
      },
    ],
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
