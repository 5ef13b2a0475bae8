import { describe, expect, it } from 'vitest';
import { applyFixes, type GeneratedFix } from '../../src/fix/generate.js';
import { ALL_RULES, findingKey, newErrors } from '../helpers/apply-fix.js';
import { type Input, lint, lintInputs, readConfigDir } from '../helpers/rule-harness.js';
import { at, ruleTester } from '../helpers/rule-tester.js';

const ID = 'l2tp-over-ipsec-acl-mismatch';
const ALL = ALL_RULES;
const key = findingKey;

function applied(inputs: readonly Input[], fixes: readonly GeneratedFix[]): Input[] {
  return inputs.map((input) => ({ ...input, text: applyFixes(input.text, fixes.filter((f) => f.file === input.file)).text }));
}

describe(ID, () => {
  ruleTester(ID, {
    valid: [
      { name: 'is silent when the ACLs protect the L2TP tunnel addresses', inputs: () => readConfigDir(`configs-examples/${ID}/fixed`) },
      { name: 'ignores devices without L2TP', inputs: () => readConfigDir('configs-examples/site-to-site') },
    ],
    invalid: [
      {
        name: 'flags the security ACL of the LAC and of the LNS when they protect the PC subnets',
        inputs: () => readConfigDir(`configs-examples/${ID}/flagged`),
        findings: (inputs) => {
          const lac = inputs.find((i) => i.file.endsWith('lac.cfg'))!;
          const lns = inputs.find((i) => i.file.endsWith('lns.cfg'))!;
          return [
            { ...at(lac, ' security acl 3000'), column: 15, endColumn: 19, message: '198.51.28.17', related: [at(lac, 'start l2tp ip')] },
            { ...at(lns, ' security acl 3000'), column: 15, endColumn: 19, related: [at(lac, 'start l2tp ip')] },
          ];
        },
      },
    ],
  });

  describe('fix', () => {
    const inputs = readConfigDir(`configs-examples/${ID}/flagged`);
    const before = lintInputs(inputs, ALL).findings;
    const findings = before.filter((f) => f.ruleId === ID);

    it('adds the rule protecting the L2TP packets last in the ACL of each end (safe), the LNS side mirrored', () => {
      expect(findings.map((f) => f.fix?.commands)).toEqual([
        ['system-view', 'acl number 3000', 'rule 10 permit udp source 203.0.28.17 0 destination 198.51.28.17 0 destination-port eq 1701', 'return'],
        ['system-view', 'acl number 3000', 'rule 10 permit udp source 198.51.28.17 0 source-port eq 1701 destination 203.0.28.17 0', 'return'],
      ]);
      expect(findings.every((f) => f.fix?.applicability === 'safe' && f.fix.file === f.file)).toBe(true);
      const [lac] = applied(inputs, [findings[0].fix!]);
      expect(lac.text).toContain(
        'acl number 3000\n rule 5 permit ip source 10.28.11.0 0.0.0.255 destination 10.28.21.0 0.0.0.255\n rule 10 permit udp source 203.0.28.17 0 destination 198.51.28.17 0 destination-port eq 1701\n#',
      );
    });

    it.each([0, 1])('fix %i alone removes its finding and adds no error', (i) => {
      const after = lintInputs(applied(inputs, [findings[i].fix!]), ALL).findings;
      expect(after.map(key)).not.toContain(key(findings[i]));
      expect(newErrors(before, after)).toEqual([]);
    });

    it('both fixes (what --fix applies in one pass) leave no finding of this rule nor of security-acl-mismatch, and no new error', () => {
      const after = lintInputs(applied(inputs, findings.map((f) => f.fix!)), ALL).findings;
      expect(after.filter((f) => f.ruleId === ID || f.ruleId === 'security-acl-mismatch').map(key)).toEqual([]);
      expect(newErrors(before, after)).toEqual([]);
    });

    it('an LNS template (the LAC not known) gets the rule from its own UDP 1701 to any destination', () => {
      const lns = inputs.find((i) => i.file.endsWith('lns.cfg'))!;
      const text = lns.text
        .replace('ipsec policy map1 10 isakmp\n security acl 3000', 'ipsec policy-template tpl1 10\n security acl 3000')
        .replace(' sa trigger-mode auto\n', '')
        .replace(' sa duration time-based 3600\n#', ' sa duration time-based 3600\n#\nipsec policy map1 10 isakmp template tpl1\n#');
      const [finding] = lintInputs([{ file: lns.file, text }], [ID]).findings;
      expect(finding.fix?.commands).toEqual(['system-view', 'acl number 3000', 'rule 10 permit udp source 198.51.28.17 0 source-port eq 1701', 'return']);
      const fixed = applied([{ file: lns.file, text }], [finding.fix!]);
      expect(lint(fixed, [ID])).toEqual([]);
    });

    it('gives no fix when the ACL holds a deny rule (it could match first), and keeps the message', () => {
      const lac = inputs.find((i) => i.file.endsWith('lac.cfg'))!;
      const text = lac.text.replace(' rule 5 permit ip source 10.28.11.0', ' rule 1 deny ip source 10.28.11.128 0.0.0.127\n rule 5 permit ip source 10.28.11.0');
      const [finding] = lintInputs([{ ...lac, text }], [ID]).findings;
      expect(finding.message).toContain('Permit "udp source 203.0.28.17 0 destination 198.51.28.17 0"');
      expect(finding.fix).toBeUndefined();
    });
  });
});
