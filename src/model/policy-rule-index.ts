import type { AddressSpec, Val } from '../ast/types.js';
import { boxContains, FlowSet } from '../flow/flow.js';
import type { Range } from '../text/range.js';
import { boxesOf, operandCubes, serviceMatches } from './flows.js';
import type { Lookups } from './lookups.js';
import { MemoSlot } from './memo.js';
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
  /** Flows of the rule at `position` in the rule list (`undefined` when disabled), computed on first use. */
  matchAt(position: number): RuleMatch | undefined;
  readonly candidates: RuleCandidates;
}

function ruleFlows(rule: AddressServiceRule, lookups: Lookups): RuleMatch {
  const src = operandCubes(rule.sourceAddresses, lookups, true);
  const dst = operandCubes(rule.destinationAddresses, lookups, true);
  const services = serviceMatches(rule.services, lookups);
  return {
    flows: FlowSet.ofBoxes(boxesOf(src.cubes, dst.cubes, services.services)),
    uncertain: !src.exact || !dst.exact || !services.exact,
  };
}

/**
 * Rule flows are computed per rule on first use: a hub's first-match walks usually stop at broad
 * rules near the top, so most of a long policy is never read.
 */
class LazyPolicyRuleIndex implements PolicyRuleIndex {
  readonly candidates: RuleCandidates;
  readonly #rules: readonly AddressServiceRule[];
  readonly #lookups: Lookups;
  readonly #matches: (RuleMatch | undefined)[];

  constructor(rules: readonly AddressServiceRule[], lookups: Lookups) {
    this.#rules = rules;
    this.#lookups = lookups;
    this.#matches = new Array<RuleMatch | undefined>(rules.length).fill(undefined);
    this.candidates = new RuleCandidates({ length: rules.length, at: (position) => this.matchAt(position)?.flows });
  }

  matchAt(position: number): RuleMatch | undefined {
    const rule = this.#rules[position];
    if (rule.disabled) return undefined;
    return (this.#matches[position] ??= ruleFlows(rule, this.#lookups));
  }
}

/**
 * `part`: what a rule's `flows` take of the `remaining` flow, intersected on first read. Callers
 * mostly read the parts of one action (denials, source NAT) and skip the rest. A class, not an
 * object literal with a getter: hubs create thousands and literal accessors are ten times slower.
 */
export class TakenPart {
  readonly #remaining: FlowSet;
  readonly #flows: FlowSet;
  #taken: FlowSet | undefined;

  constructor(remaining: FlowSet, flows: FlowSet) {
    this.#remaining = remaining;
    this.#flows = flows;
  }

  get part(): FlowSet {
    return (this.#taken ??= this.#remaining.intersect(this.#flows));
  }
}

/** The part of the flow a first-matching rule (NAT or security policy) takes, with its action; the part is computed on first read. */
export class RulePart<Rule, Action> extends TakenPart {
  readonly approximate: boolean | undefined;

  constructor(
    remaining: FlowSet,
    flows: FlowSet,
    readonly rule: Rule,
    readonly action: Action,
    readonly uncertain: boolean | undefined,
  ) {
    super(remaining, flows);
    this.approximate = remaining.truncated || undefined;
  }
}

/**
 * `remaining` minus a rule's `flows`. The usual case, a one-box rule taking all that is left, is
 * settled by box containment without splitting boxes (with more boxes, `subtract` may stop at its
 * box cap with a superset, which this shortcut would not reproduce).
 */
export function remainderAfter(remaining: FlowSet, flows: FlowSet): FlowSet {
  if (flows.boxes.length === 1 && remaining.boxes.every((box) => boxContains(flows.boxes[0], box))) return FlowSet.EMPTY;
  return remaining.subtract(flows);
}

const POLICY_RULE_INDEX = new MemoSlot<readonly AddressServiceRule[], PolicyRuleIndex>('policy rule index');

/** The flows of each rule of a policy and their address index, computed once per rule list and device. */
export function policyRuleIndexOf(rules: readonly AddressServiceRule[], lookups: Lookups): PolicyRuleIndex {
  return lookups.memo.get(POLICY_RULE_INDEX, rules, () => new LazyPolicyRuleIndex(rules, lookups));
}
