import { directionFit, mirroredProtectedFlows, unmirroredRules } from '../src/model/acl-fit.js';
import { negotiatedIkeVersion } from '../src/model/negotiation.js';
import type { RuleFlow } from '../src/model/types.js';
import { canStartNegotiation } from '../src/network/initiators.js';
import type { TunnelEnd } from '../src/network/types.js';
import { indexedSubtract } from '../src/net/flow-index.js';
import type { Range } from '../src/text/range.js';
import { endPairs, type TunnelRule } from './_lib/tunnel-ends.js';
import { NO_OPTIONS } from './_lib/options.js';

function canInitiate(end: TunnelEnd): boolean {
  return end.role !== 'responder' && canStartNegotiation(end.entry);
}

/** The other end's `security acl` line, else its policy (template) header. */
function aclRange(end: TunnelEnd): Range {
  return end.entry.settingsNode.acl?.range ?? end.entry.settingsNode.range;
}

function relatedMessage(other: TunnelEnd): string {
  const acl = other.entry.settingsNode.acl?.value;
  if (!acl) return `${other.device.name} has no security ACL`;
  return `security ACL "${acl}" of ${other.device.name} protects ${other.entry.protectedFlows.describe()}`;
}

function otherFlows(other: TunnelEnd): string {
  return other.entry.acl ? mirroredProtectedFlows(other.entry).describe() : 'any flow (no ACL)';
}

const rule: TunnelRule = {
  meta: {
    id: 'security-acl-mismatch',
    description: 'The security ACLs of the two ends of a tunnel do not fit each other',
    scope: 'tunnel',
    defaultSeverity: 'error',
    presets: ['recommended', 'strict'],
    tags: ['ipsec', 'acl', 'phase2', 'two-end'],
    breaks: { noDirection: 'ipsec' },
    messages: {
      noDirection:
        'Security ACL rule {{rule}} protects {{flows}}, which {{other}} does not {{how}} (seen from here it protects {{otherFlows}}): phase 2 fails with "flow or peer mismatch" whichever end initiates; make the two ACLs mirror each other.',
      oneDirection:
        'Security ACL rule {{rule}} protects {{flows}}, which {{other}} does not {{how}} (seen from here it protects {{otherFlows}}): the tunnel comes up only when {{other}} initiates; make the two ACLs mirror each other.',
      notMirrored:
        'Security ACL rule {{rule}} protects {{flows}}, which the mirrored ACL of {{other}} does not cover ({{otherFlows}}): the ACLs are not mirrored, so only part of the traffic or only one direction of negotiation works; make the two ACLs mirror each other.',
    },
    optionsSchema: NO_OPTIONS,
    reasons: ['flow or peer mismatch', 'flow mismatch', 'phase2 proposal or pfs mismatch'],
    since: '0.1.0',
  },
  check(context) {
    const { tunnel } = context;
    const [first, second] = tunnel.ends;
    if (tunnel.ends.some((end) => end.entry.role === 'manual' || end.entry.role === 'profile')) return;
    const a = first.entry.peerSettings;
    const b = second.entry.peerSettings;
    const version = a && b ? negotiatedIkeVersion(a, b) : undefined;
    if (!version) {
      context.note(first.device.file, `cannot verify the security ACLs of ${tunnel.id}: the IKE version is unknown`);
      return;
    }
    const attempts: { end: TunnelEnd; other: TunnelEnd; rejected: RuleFlow[]; how: string }[] = [];
    for (const [end, other] of endPairs(tunnel)) {
      if (!canInitiate(end)) continue;
      const fit = directionFit(end.entry, other.entry, version);
      if (fit.verdict === 'unknown') {
        context.note(end.device.file, `cannot verify the security ACLs of ${tunnel.id}: ${fit.reason}`);
        return;
      }
      attempts.push({ end, other, rejected: fit.rejected, how: fit.mode === 'overlap' ? 'overlap with the same protocol' : 'include with the same protocol' });
    }
    if (attempts.length === 0) return;
    const working = attempts.filter((attempt) => attempt.rejected.length === 0);
    if (working.length === 0 || working.length < attempts.length) {
      const severity = working.length === 0 ? 'error' : 'warning';
      for (const { end, other, rejected, how } of attempts) {
        for (const flow of rejected) {
          context.report({
            file: end.device.file,
            range: flow.rule.range,
            objectPath: flow.rule.path,
            messageId: working.length === 0 ? 'noDirection' : 'oneDirection',
            severity,
            data: { rule: flow.rule.id.value, flows: flow.flows.describe(), other: other.device.name, how, otherFlows: otherFlows(other) },
            related: [{ file: other.device.file, range: aclRange(other), message: relatedMessage(other) }],
          });
        }
      }
      return;
    }
    if (!tunnel.ends.every(canInitiate)) return;
    for (const [end, other] of endPairs(tunnel)) {
      for (const flow of unmirroredRules(end.entry, other.entry)) {
        context.report({
          file: end.device.file,
          range: flow.rule.range,
          objectPath: flow.rule.path,
          messageId: 'notMirrored',
          severity: 'warning',
          data: { rule: flow.rule.id.value, flows: indexedSubtract(flow.effective, mirroredProtectedFlows(other.entry)).describe(), other: other.device.name, otherFlows: otherFlows(other) },
          related: [{ file: other.device.file, range: aclRange(other), message: relatedMessage(other) }],
        });
      }
    }
  },
};

export default rule;
