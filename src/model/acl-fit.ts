import type { Protocol } from '../ast/types.js';
import type { PolicyEntry, RuleFlow } from './types.js';

/** How a responder judges the flow an initiator proposes: inclusion (IKEv1, templates) or overlap (IKEv2). */
export type FitMode = 'include' | 'overlap';

function protocolOf(flow: RuleFlow): Protocol {
  return flow.rule.protocol?.value ?? null;
}

/**
 * Whether one initiator rule is accepted by some responder rule of the same protocol, compared
 * in the initiator's orientation (responder rules mirrored). Guide: "ACL Rule Ranges on Both Ends
 * Do Not Match" — the protocol must be the same on both ends.
 */
export function ruleAccepted(proposed: RuleFlow, responderRules: readonly RuleFlow[], mode: FitMode): boolean {
  const protocol = protocolOf(proposed);
  return responderRules.some((candidate) => {
    if (protocolOf(candidate) !== protocol) return false;
    const mirrored = candidate.flows.mirror();
    return mode === 'include' ? mirrored.contains(proposed.flows) : mirrored.overlaps(proposed.flows);
  });
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
  const rejected = initiator.ruleFlows.filter((flow) => !flow.effective.isEmpty() && !ruleAccepted(flow, responder.ruleFlows, mode));
  return { verdict: 'known', mode, rejected };
}

/** Permit rules of `entry` whose flows the other end's mirrored ACL does not cover (empty when the ACLs mirror each other from this side). */
export function unmirroredRules(entry: PolicyEntry, other: PolicyEntry): RuleFlow[] {
  const mirrored = other.protectedFlows.mirror();
  return entry.ruleFlows.filter((flow) => !flow.effective.isEmpty() && !mirrored.contains(flow.effective));
}
