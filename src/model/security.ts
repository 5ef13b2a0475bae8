import type { ConfigAst, SecurityRuleNode } from '../ast/types.js';
import { FlowSet } from '../flow/flow.js';
import type { DefaultsTable } from './defaults.js';
import { zoneKey, type Lookups } from './lookups.js';
import { policyRuleIndexOf, remainderAfter, RulePart } from './policy-rule-index.js';
import type { Effective, SecurityPart } from './types.js';

function zonesMatch(values: readonly { value: string }[], zone: string): boolean {
  if (values.length === 0) return true;
  const wanted = zoneKey(zone);
  return values.some((v) => zoneKey(v.value) === wanted);
}

const NO_RULES: readonly SecurityRuleNode[] = [];

/** The `default action` line, else deny on firewalls (huawei-syntax.md §4.11), else unknown. */
export function securityDefaultAction(ast: ConfigAst, defaults: DefaultsTable): Effective<'permit' | 'deny'> {
  const line = ast.securityPolicy?.defaultAction;
  if (line) return { source: 'explicit', value: line.value, range: line.range };
  if (ast.securityPolicy || ast.platform === 'usg') return { source: 'default', value: defaults.securityPolicyDefault };
  return { source: 'unknown' };
}

/**
 * Splits `flow` (from `sourceZone` to `destinationZone`) by the security rule that decides each
 * part, top-down, disabled rules skipped; the rest falls to the default action. The rules are
 * indexed by address once per rule list, so each flow only meets the rules that can match it. A device without
 * any security-policy and not known to be a firewall (AR) passes everything (`uncertain`).
 */
export function evaluateSecurityPolicy(
  ast: ConfigAst,
  lookups: Lookups,
  defaults: DefaultsTable,
  flow: FlowSet,
  sourceZone: string,
  destinationZone: string,
): SecurityPart[] {
  const defaultAction = securityDefaultAction(ast, defaults);
  if (!ast.securityPolicy && defaultAction.source === 'unknown') {
    return flow.isEmpty() ? [] : [{ part: flow, action: 'permit', defaultAction, uncertain: true }];
  }
  const parts: SecurityPart[] = [];
  let remaining = flow;
  const rules = ast.securityPolicy?.rules ?? NO_RULES;
  const index = policyRuleIndexOf(rules, lookups);
  // Only the rules whose addresses meet the flow can decide part of it; they keep their order.
  index.candidates.eachOverlapping(flow, (position) => {
    const rule = rules[position];
    if (!zonesMatch(rule.sourceZones, sourceZone) || !zonesMatch(rule.destinationZones, destinationZone)) return true;
    const match = index.matchAt(position)!;
    if (!remaining.overlaps(match.flows)) return true;
    parts.push(new RulePart<SecurityRuleNode, SecurityPart['action']>(remaining, match.flows, rule, rule.action?.value ?? 'deny', match.uncertain || rule.action === undefined || undefined));
    remaining = remainderAfter(remaining, match.flows);
    return !remaining.isEmpty();
  });
  if (!remaining.isEmpty()) {
    parts.push({
      part: remaining,
      action: defaultAction.source === 'unknown' ? 'permit' : defaultAction.value,
      defaultAction,
      uncertain: defaultAction.source === 'unknown' || undefined,
      approximate: remaining.truncated || undefined,
    });
  }
  return parts;
}
