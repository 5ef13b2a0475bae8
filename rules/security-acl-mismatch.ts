import { directionFit, unmirroredRules } from '../src/model/acl-fit.js';
import { negotiatedIkeVersion } from '../src/model/negotiation.js';
import type { RuleFlow } from '../src/model/types.js';
import { canStartNegotiation } from '../src/network/initiators.js';
import type { TunnelEnd } from '../src/network/types.js';
import type { Range } from '../src/text/range.js';
import { tunnelsOfEntry } from '../src/network/entry-tunnels.js';
import type { Network } from '../src/network/types.js';
import { aclRulesEdits, mirrorLine, ruleLineOf, type RuleLine } from './_lib/acl-rule-lines.js';
import { endPairs, type TunnelRule } from './_lib/tunnel-ends.js';
import { NO_OPTIONS } from './_lib/options.js';
import type { ChangeEdit, Report } from './types.js';

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
  return other.entry.acl ? other.entry.mirroredProtectedFlows.describe() : 'any flow (no ACL)';
}

/** Rules of the other end's ACL past which a mirror is not written as a fix (it would be a rewrite, not a correction). */
const MAX_MIRRORED_RULES = 16;

/**
 * The edits that make `end`'s security ACL the mirror of `other`'s, rule by rule (same numbers and
 * protocols, source and destination swapped), changing only the rules that differ. Undefined when
 * that cannot be written exactly: an ACL the model cannot read exactly, a form a rule line cannot
 * repeat (address sets, ranges, options, IPv6), a basic ACL to write into, too many rules, or an
 * ACL that also serves another policy or tunnel (another spoke of a template) and would change
 * for it too.
 */
function mirrorEdits(network: Network, end: TunnelEnd, other: TunnelEnd): ChangeEdit[] | undefined {
  const acl = end.entry.acl;
  const source = other.entry.acl;
  if (!acl || !source || !end.entry.flowsExact || !other.entry.flowsExact) return undefined;
  if (acl.type !== 'advanced' || (source.type !== 'advanced' && source.type !== 'basic')) return undefined;
  if (source.rules.length === 0 || source.rules.length > MAX_MIRRORED_RULES) return undefined;
  if (end.device.entries.some((entry) => entry !== end.entry && entry.acl === acl)) return undefined;
  if (end.device.ast.interfaces.some((iface) => iface.natOutbound.some((nat) => nat.acl.value === acl.key.value))) return undefined;
  if (tunnelsOfEntry(network, end.entry).length > 1) return undefined;
  const wanted: RuleLine[] = [];
  for (const rule of source.rules) {
    const line = ruleLineOf(rule);
    if (!line) return undefined;
    wanted.push(mirrorLine(line));
  }
  const edits = aclRulesEdits(acl, wanted);
  return edits && edits.length > 0 ? edits : undefined;
}

function mirrorDesc(end: TunnelEnd, other: TunnelEnd): string {
  return `Make security ACL "${end.entry.acl?.key.value ?? ''}" of ${end.device.name} the mirror of ACL "${other.entry.acl?.key.value ?? ''}" of ${other.device.name} (source and destination swapped, same protocols and ports)`;
}

/**
 * Both ends can initiate: which ACL is right is a choice. Each finding offers both: this end
 * mirroring the other (an edit of this file), and the other end mirroring this one (of its file).
 */
function choiceSuggestions(network: Network, end: TunnelEnd, other: TunnelEnd): Pick<Report, 'suggestions'> {
  const suggestions: NonNullable<Report['suggestions']> = [];
  for (const [changed, model] of [
    [end, other],
    [other, end],
  ] as const) {
    const edits = mirrorEdits(network, changed, model);
    if (edits) suggestions.push({ desc: mirrorDesc(changed, model), change: { file: changed.device.file, applicability: 'unsafe', edits } });
  }
  return suggestions.length > 0 ? { suggestions } : {};
}

/**
 * One end alone initiates: the responder's fix mirrors it (reported on the responder). The
 * initiator's findings offer the other way as a suggestion, for when the responder's ACL is the
 * intended one: this end mirroring the responder's ACL, when that ACL serves this tunnel alone
 * (a template's ACL answering several spokes is no model for one of them).
 */
function initiatorSuggestion(network: Network, end: TunnelEnd, other: TunnelEnd): Pick<Report, 'suggestions'> {
  if (tunnelsOfEntry(network, other.entry).length !== 1) return {};
  const edits = mirrorEdits(network, end, other);
  return edits ? { suggestions: [{ desc: mirrorDesc(end, other), change: { file: end.device.file, applicability: 'unsafe', edits } }] } : {};
}

const rule: TunnelRule = {
  meta: {
    id: 'security-acl-mismatch',
    description: 'The security ACLs of the two ends of a tunnel do not fit each other',
    scope: 'tunnel',
    defaultSeverity: 'error',
    presets: ['recommended', 'strict'],
    tags: ['ipsec', 'acl', 'phase2', 'two-end'],
    breaks: { noDirection: 'ipsec', responder: 'ipsec' },
    messages: {
      noDirection:
        'Security ACL rule {{rule}} protects {{flows}}, which {{other}} does not {{how}} (seen from here it protects {{otherFlows}}): phase 2 fails with "flow or peer mismatch" whichever end initiates; make the two ACLs mirror each other.',
      oneDirection:
        'Security ACL rule {{rule}} protects {{flows}}, which {{other}} does not {{how}} (seen from here it protects {{otherFlows}}): the tunnel comes up only when {{other}} initiates; make the two ACLs mirror each other.',
      notMirrored:
        'Security ACL rule {{rule}} protects {{flows}}, which the mirrored ACL of {{other}} does not cover ({{otherFlows}}): the ACLs are not mirrored, so only part of the traffic or only one direction of negotiation works; make the two ACLs mirror each other.',
      responder:
        'Security ACL "{{acl}}" here protects {{own}}, which does not {{how}} the flows {{other}} proposes ({{flows}}); {{other}} is the only end that can start the negotiation, so phase 2 fails with "flow or peer mismatch"; make this ACL the mirror of the ACL of {{other}}.',
    },
    fixable: true,
    hasSuggestions: true,
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
            ...(tunnel.ends.every(canInitiate) ? choiceSuggestions(context.network, end, other) : initiatorSuggestion(context.network, end, other)),
          });
        }
      }
      // One end alone can initiate: the answer is determined, the responder mirrors the initiator.
      if (attempts.length === 1) reportResponder(context.network, attempts[0], severity, context.report);
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
          data: { rule: flow.rule.id.value, flows: flow.effective.subtract(other.entry.mirroredProtectedFlows).describe(), other: other.device.name, otherFlows: otherFlows(other) },
          related: [{ file: other.device.file, range: aclRange(other), message: relatedMessage(other) }],
          ...choiceSuggestions(context.network, end, other),
        });
      }
    }
  },
};

/** The responder's side of a tunnel only one end can initiate: at its `security acl` line, with the mirror as the fix. */
function reportResponder(
  network: Network,
  attempt: { end: TunnelEnd; other: TunnelEnd; rejected: RuleFlow[]; how: string },
  severity: 'error' | 'warning',
  report: (report: Report) => void,
): void {
  const { end: initiator, other: responder, rejected, how } = attempt;
  const line = responder.entry.settingsNode.acl;
  if (!line) return;
  const edits = mirrorEdits(network, responder, initiator);
  report({
    file: responder.device.file,
    range: line.range,
    objectPath: `${responder.entry.id}/security-acl`,
    messageId: 'responder',
    severity,
    data: {
      acl: line.value,
      own: responder.entry.protectedFlows.describe(),
      how: how.replace(' with the same protocol', ', with the same protocol,'),
      other: initiator.device.name,
      flows: rejected.map((flow) => `rule ${flow.rule.id.value}: ${flow.flows.describe()}`).join('; '),
    },
    related: rejected.slice(0, 3).map((flow) => ({ file: initiator.device.file, range: flow.rule.range, message: `rule ${flow.rule.id.value} of ${initiator.device.name} protects ${flow.flows.describe()}` })),
    ...(edits ? { fix: { file: responder.device.file, edits } } : {}),
  });
}

export default rule;
