import type { Protocol } from '../ast/types.js';
import type { FlowSet } from '../flow/flow.js';
import { remainderAfter } from './policy-rule-index.js';
import { RuleCandidates } from './rule-candidates.js';
import type { PolicyEntry, RuleFlow } from './types.js';

/** How a responder judges the flow an initiator proposes: inclusion (IKEv1, templates) or overlap (IKEv2). */
export type FitMode = 'include' | 'overlap';

function protocolOf(flow: RuleFlow): Protocol {
  return flow.rule.protocol?.value ?? null;
}

/** A responder's rules mirrored into the initiator's orientation, indexed: `PolicyEntry.mirroredRules` keeps one per entry. */
export interface MirroredRules {
  readonly rules: readonly RuleFlow[];
  /** Each responder rule's own flows, mirrored into the initiator's orientation. */
  readonly mirrored: FlowSet[];
  readonly candidates: RuleCandidates;
}

/** `container.contains(flows)`; a one-box container (the usual ACL rule) is settled by box containment. */
function containsFlows(container: FlowSet, flows: FlowSet): boolean {
  return remainderAfter(flows, container).isEmpty();
}

export function mirroredRulesOf(rules: readonly RuleFlow[]): MirroredRules {
  const mirrored = rules.map((rule) => rule.flows.mirror());
  return { rules, mirrored, candidates: new RuleCandidates(mirrored) };
}

/**
 * Whether one initiator rule is accepted by some responder rule of the same protocol, compared
 * in the initiator's orientation (responder rules mirrored). Guide: "ACL Rule Ranges on Both Ends
 * Do Not Match" — the protocol must be the same on both ends. Only the responder rules meeting
 * the proposed flows are compared (mirrored rules indexed once per responder ACL).
 */
export function ruleAccepted(proposed: RuleFlow, responder: MirroredRules, mode: FitMode): boolean {
  const protocol = protocolOf(proposed);
  const { rules: responderRules, mirrored, candidates } = responder;
  const accepts = (position: number): boolean => {
    if (protocolOf(responderRules[position]) !== protocol) return false;
    return mode === 'include' ? containsFlows(mirrored[position], proposed.flows) : mirrored[position].overlaps(proposed.flows);
  };
  // An empty proposal is included in any rule: no box to look up.
  if (proposed.flows.isEmpty()) return responderRules.some((_, position) => accepts(position));
  let accepted = false;
  candidates.eachOverlapping(proposed.flows, (position) => !(accepted = accepts(position)));
  return accepted;
}

export type DirectionFit =
  | { verdict: 'known'; mode: FitMode | 'any'; rejected: RuleFlow[] }
  | { verdict: 'unknown'; reason: string };

/**
 * The initiator's permit rules (never-matching ones skipped) that the responder rejects when the
 * initiator starts the negotiation. A template responder without an ACL accepts every flow; one
 * with an ACL must mirror or include the initiator's; otherwise IKEv1 needs inclusion and IKEv2 an
 * overlap.
 */
export function directionFit(initiator: PolicyEntry, responder: PolicyEntry, version: 1 | 2): DirectionFit {
  if (responder.role === 'template' && !responder.settingsNode.acl) return { verdict: 'known', mode: 'any', rejected: [] };
  if (!initiator.acl || !responder.acl) return { verdict: 'unknown', reason: 'an end has no security ACL' };
  if (!initiator.flowsExact || !responder.flowsExact) return { verdict: 'unknown', reason: 'an ACL uses address forms the model cannot read' };
  const mode: FitMode = responder.role === 'template' || version === 1 ? 'include' : 'overlap';
  const rejected = initiator.ruleFlows.filter((flow) => !flow.effective.isEmpty() && !ruleAccepted(flow, responder.mirroredRules, mode));
  return { verdict: 'known', mode, rejected };
}

/** Permit rules of `entry` whose flows the other end's mirrored ACL does not cover (empty when the ACLs mirror each other from this side). */
export function unmirroredRules(entry: PolicyEntry, other: PolicyEntry): RuleFlow[] {
  const mirrored = other.mirroredProtectedFlows;
  const covered = (flows: FlowSet) => (mirrored.boxes.length === 1 ? containsFlows(mirrored, flows) : mirrored.contains(flows));
  return entry.ruleFlows.filter((flow) => !flow.effective.isEmpty() && !covered(flow.effective));
}
