import type { InterfaceNode, NatRuleNode } from '../src/ast/types.js';
import { isSourceNat, laterNoNatRule, sourceNatOfProtectedFlow } from '../src/model/nat-exemption.js';
import type { NatPart, RuleFlow } from '../src/model/types.js';
import type { DeviceRule, DeviceRuleContext, Report } from './types.js';
import { NO_OPTIONS } from './_lib/options.js';
import { natAclDenyChange, noNatRuleChange } from './_lib/nat-exemption-fix.js';

function natOutboundRange(iface: InterfaceNode, part: NatPart) {
  return iface.natOutbound.find((nat) => nat.acl === part.interfaceNat?.acl)?.range ?? iface.range;
}

function reportPart(context: DeviceRuleContext, part: NatPart, ruleFlow: RuleFlow, acl: string, later: NatRuleNode | undefined, seen: Set<string>): void {
  const { device } = context;
  const aclRule = ruleFlow.rule;
  const related = [{ file: device.file, range: aclRule.range, message: `rule ${aclRule.id.value} of security ACL ${acl} defines the protected flow` }];
  const data = { flow: part.part.describe(2), acl, aclRule: String(aclRule.id.value) };
  if (part.rule) {
    const key = `${part.rule.path}|${aclRule.path}`;
    if (seen.has(key)) return;
    seen.add(key);
    const messageId = later ? (part.rule.legacy ? 'exemptionAfterLegacy' : 'exemptionAfter') : 'translated';
    // Safe: the no-nat rule the configuration already has, moved where it applies (rules are matched top down);
    // without one, a new no-nat rule for exactly the translated part of the flow, just above the translating rule.
    let fix: Report['fix'];
    if (later && !part.rule.legacy) fix = { edits: [{ kind: 'move', line: later.range.line, before: part.rule.range.line, command: `rule move ${later.name.value} before ${part.rule.name.value}` }] };
    else if (!later) fix = noNatRuleChange(device, part.rule, part.part.boxes, `no-nat-${acl}-${aclRule.id.value}`);
    context.report({ range: part.rule.range, messageId, objectPath: part.rule.path, data: { ...data, rule: part.rule.name.value, noNat: later?.name.value ?? '' }, related, ...(fix ? { fix } : {}) });
    return;
  }
  const nat = part.interfaceNat;
  if (!nat) return;
  const key = `${nat.interface.path}|${nat.acl.value}|${aclRule.path}`;
  if (seen.has(key)) return;
  seen.add(key);
  // Safe: a deny rule for exactly the translated part of the flow, numbered below the NAT ACL's first permit.
  const natAcl = device.ast.acls.find((a) => a.key.value === nat.acl.value);
  const fix = natAcl ? natAclDenyChange(natAcl, part.part.boxes) : undefined;
  context.report({
    ...(fix ? { fix } : {}),
    range: natOutboundRange(nat.interface, part),
    messageId: 'interfaceNat',
    objectPath: nat.interface.path,
    data: { ...data, natAcl: nat.acl.value, interface: nat.interface.name.value },
    related,
  });
}

const rule: DeviceRule = {
  meta: {
    id: 'nat-not-excluding-protected-flow',
    description: 'A source-NAT rule translates IPSec-protected traffic before a no-nat rule exempts it',
    scope: 'device',
    defaultSeverity: 'error',
    presets: ['recommended', 'strict'],
    tags: ['nat', 'flows'],
    breaks: 'traffic',
    messages: {
      translated:
        'NAT rule "{{rule}}" translates the protected flow {{flow}} (ACL "{{acl}}" rule {{aclRule}}) before IPSec, so it no longer matches the security ACL and never enters the tunnel. Add a "no-nat" rule for this flow above it.',
      exemptionAfter:
        'NAT rule "{{rule}}" translates the protected flow {{flow}} (ACL "{{acl}}" rule {{aclRule}}) before IPSec; the "no-nat" rule "{{noNat}}" comes after it and never applies. Run "rule move {{noNat}} before {{rule}}" in the nat-policy view.',
      exemptionAfterLegacy:
        'NAT policy "{{rule}}" translates the protected flow {{flow}} (ACL "{{acl}}" rule {{aclRule}}) before IPSec; the "no-nat" policy "{{noNat}}" is listed after it and never applies. Move policy "{{noNat}}" above policy "{{rule}}".',
      interfaceNat:
        '"nat outbound {{natAcl}}" on {{interface}} translates the protected flow {{flow}} (ACL "{{acl}}" rule {{aclRule}}) before IPSec, so it never enters the tunnel. Add a deny rule for this flow above the permit rules of ACL "{{natAcl}}".',
    },
    fixable: true,
    optionsSchema: NO_OPTIONS,
    reasons: ['hard expiry triggered by port mismatch'],
    since: '0.1.0',
  },
  check(context: DeviceRuleContext) {
    const { device } = context;
    const seen = new Set<string>();
    for (const entry of device.entries) {
      if (entry.disabled || entry.interfaces.length === 0) continue;
      for (const ruleFlow of entry.ruleFlows) {
        if (ruleFlow.effective.isEmpty()) continue;
        for (const { part, context: natContext } of sourceNatOfProtectedFlow(device, entry, ruleFlow.effective)) {
          if (!isSourceNat(part)) continue;
          if (part.uncertain || part.approximate) {
            const where = part.rule?.path ?? part.interfaceNat?.interface.path ?? 'a NAT rule';
            const why = part.uncertain ? 'its zones, addresses or services are not fully known' : 'the flow left by the rules above it splits into more pieces than fwlint follows (4,096), so which rule takes which part is not exact';
            context.note(device.file, `cannot verify whether ${where} translates ${ruleFlow.rule.path}: ${why}`);
            continue;
          }
          const later = part.rule ? laterNoNatRule(device, part.rule, part.part, natContext) : undefined;
          reportPart(context, part, ruleFlow, entry.acl?.key.value ?? '', later, seen);
        }
      }
    }
  },
};

export default rule;
