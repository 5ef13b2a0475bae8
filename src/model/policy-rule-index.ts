import type { AddressSpec, Val } from '../ast/types.js';
import { FlowSet } from '../net/flow.js';
import type { Range } from '../text/range.js';
import { boxesOf, operandCubes, serviceMatches } from './flows.js';
import type { Lookups } from './lookups.js';
import { RuleCandidates } from './rule-candidates.js';

/** What a nat-policy or security-policy rule matches by address and service. */
export interface AddressServiceRule {
  sourceAddresses: AddressSpec[];
  destinationAddresses: AddressSpec[];
  services: Val<string>[];
  disabled?: Range;
}

export interface RuleMatch {
  flows: FlowSet;
  uncertain: boolean;
}

export interface PolicyRuleIndex {
  /** Flows of each enabled rule, by position in the rule list. */
  readonly matches: (RuleMatch | undefined)[];
  readonly candidates: RuleCandidates;
}

function ruleFlows(rule: AddressServiceRule, lookups: Lookups): RuleMatch {
  const src = operandCubes(rule.sourceAddresses, lookups, true);
  const dst = operandCubes(rule.destinationAddresses, lookups, true);
  const services = serviceMatches(rule.services, lookups);
  return {
    flows: FlowSet.of(...boxesOf(src.cubes, dst.cubes, services.services)),
    uncertain: !src.exact || !dst.exact || !services.exact,
  };
}

const policyIndexes = new WeakMap<Lookups, WeakMap<readonly AddressServiceRule[], PolicyRuleIndex>>();

/** The flows of each rule of a policy and their address index, computed once per rule list and device. */
export function policyRuleIndexOf(rules: readonly AddressServiceRule[], lookups: Lookups): PolicyRuleIndex {
  let byRules = policyIndexes.get(lookups);
  if (!byRules) policyIndexes.set(lookups, (byRules = new WeakMap()));
  let index = byRules.get(rules);
  if (!index) {
    const matches = rules.map((rule) => (rule.disabled ? undefined : ruleFlows(rule, lookups)));
    index = { matches, candidates: new RuleCandidates(matches.map((match) => match?.flows)) };
    byRules.set(rules, index);
  }
  return index;
}
