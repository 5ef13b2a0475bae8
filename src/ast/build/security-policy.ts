import type { SecurityPolicyNode, SecurityRuleNode } from '../types.js';
import { viewRange, type Handlers, type Owner, type OwnerOf } from './context.js';
import { ruleBase } from './rule.js';

export const SECURITY_POLICY_HEADER: Handlers<Owner> = {
  SecurityPolicyHeader: (b, st) => {
    const a = b.ast;
    if (a.securityPolicy) return { kind: 'security-policy', node: a.securityPolicy };
    const n: SecurityPolicyNode = { kind: 'security-policy', ...viewRange(st), path: 'security-policy', rules: [] };
    a.securityPolicy = n;
    return { kind: 'security-policy', node: n };
  },
};

/** The lines of `security-policy`: `default action`, and its `rule name X` views. */
export const SECURITY_POLICY_VIEW: Handlers<OwnerOf<'security-policy'>> = {
  DefaultAction: (_b, st, { node }) => {
    const v = st.text('value')!;
    const action = v.value.toLowerCase();
    if (action === 'permit' || action === 'deny') node.defaultAction = { value: action, range: v.range };
    return true;
  },
  RuleName: (_b, st, { node }) => {
    const base = ruleBase(st);
    const rule: SecurityRuleNode = { kind: 'security-rule', ...base, path: `security-policy/rule:${base.name.value}` };
    node.rules.push(rule);
    return { kind: 'security-rule', node: rule };
  },
};
