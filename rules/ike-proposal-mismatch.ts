import {
  compareIkeProposals,
  describe,
  initiatorIkeOffer,
  negotiateIkeProposals,
  negotiatedIkeVersion,
  type IkeProposalField,
} from '../src/model/negotiation.js';
import type { IkeProposalSettings } from '../src/model/types.js';
import type { TunnelEnd } from '../src/network/types.js';
import type { Range } from '../src/text/range.js';
import { endPairs, relatedAt, type TunnelRule } from './_lib/tunnel-ends.js';
import type { Report, TunnelRuleContext } from './types.js';
import { NO_OPTIONS } from './_lib/options.js';
import { unknownDefaultsNote, type UnknownSide } from './_lib/unknown-defaults.js';

const FIELD_LINES: Record<IkeProposalField, string> = {
  encryption: 'encryption-algorithm',
  dh: 'dh',
  authenticationMethod: 'authentication-method',
  authentication: 'authentication-algorithm',
  integrity: 'integrity-algorithm',
  prf: 'prf',
};

/** The line to change: the field's line, else the proposal header, else (built-in default) the peer. */
function fieldLocation(end: TunnelEnd, proposal: IkeProposalSettings, field: IkeProposalField): { range: Range; objectPath: string } {
  const value = proposal[field];
  const objectPath = proposal.node?.path ?? end.entry.ikePeer?.path ?? end.entry.id;
  if (value.source === 'explicit') return { range: value.range, objectPath };
  if (proposal.node) return { range: proposal.node.range, objectPath };
  const peer = end.entry.ikePeer;
  const reference = peer?.ikeProposals.find((ref) => ref.value.toLowerCase() === 'default');
  return { range: reference?.range ?? peer?.range ?? end.entry.node.range, objectPath };
}

/** One end of an undecided pair, for the "cannot verify" note: built-in and created proposals have different defaults. */
function unknownSide(end: TunnelEnd, proposal: IkeProposalSettings): UnknownSide<IkeProposalSettings, IkeProposalField> {
  return {
    device: end.device,
    proposal,
    what: proposal.builtIn ? 'the built-in IKE proposal "default"' : `IKE proposal "${proposal.id}"`,
    pick: (field) => (table) => (proposal.builtIn ? table.builtInIkeProposal : table.ikeProposal)?.[field],
    value: (field) => proposal[field],
  };
}

/** A field's value as the other end's file spells it (its own line), else the model's value (a default). */
function valueText(proposal: IkeProposalSettings, field: IkeProposalField): string | undefined {
  const line = proposal.node?.[field];
  if (line) return Array.isArray(line.value) ? line.value.join(' ') : line.value;
  const value = proposal[field];
  if (value.source === 'unknown') return undefined;
  const text = Array.isArray(value.value) ? value.value.join(' ') : value.value;
  return text === '' ? undefined : text;
}

/**
 * Which end changes is a choice: each end's finding suggests giving its proposal the other end's
 * value (the line replaced, or added to a proposal using the default). The built-in proposal has
 * no view to edit. The proposal may serve other peers too, so the suggestion says which one it edits.
 */
function matchSuggestion(end: TunnelEnd, other: TunnelEnd, mine: IkeProposalSettings, theirs: IkeProposalSettings, field: IkeProposalField): Pick<Report, 'suggestions'> {
  const node = mine.node;
  const value = valueText(theirs, field);
  if (!node || value === undefined) return {};
  const text = `${FIELD_LINES[field]} ${value}`;
  const current = mine[field];
  const edit =
    current.source === 'explicit'
      ? { kind: 'line' as const, line: current.range.line, text }
      : { kind: 'insert' as const, line: node.range.line, into: true, lines: [text] };
  return { suggestions: [{ desc: `Make ${end.device.name} match ${other.device.name}: "${text}" in IKE proposal ${mine.id}`, change: { file: end.device.file, edits: [edit] } }] };
}

function proposalName(proposal: IkeProposalSettings): string {
  return proposal.builtIn ? 'default (built-in)' : proposal.id;
}

/** What an initiating end offers when it is narrower than its peer's proposals (aggressive mode without `ike-proposal`). */
function aggressiveDefaultOffer(end: TunnelEnd): IkeProposalSettings[] | undefined {
  if (end.role === 'responder') return undefined;
  const offer = initiatorIkeOffer(end.entry, 1);
  return offer === end.entry.ikeProposals ? undefined : offer;
}

/** A configured proposal of the initiator that the responder accepts, named in the peer with `ike-proposal`. */
function nameMatchingProposal(initiator: TunnelEnd, responder: TunnelEnd): Pick<Report, 'suggestions'> {
  const peer = initiator.entry.ikePeer;
  if (!peer) return {};
  const device = initiator.device;
  const accepted = device.ast.ikeProposals
    .map((node) => device.ikeProposalSettings(node))
    .find((p) => negotiateIkeProposals([p], responder.entry.ikeProposals, 1).verdict === 'match');
  if (!accepted) return {};
  const text = `ike-proposal ${accepted.id}`;
  return {
    suggestions: [
      {
        desc: `Offer IKE proposal ${accepted.id}, which ${responder.device.name} accepts: "${text}" in IKE peer ${peer.name.value}`,
        change: { file: device.file, edits: [{ kind: 'insert', line: peer.range.line, into: true, lines: [text] }] },
      },
    ],
  };
}

function checkAggressiveDefaults(context: TunnelRuleContext): void {
  for (const [initiator, responder] of endPairs(context.tunnel)) {
    const offered = aggressiveDefaultOffer(initiator);
    if (!offered) continue;
    const result = negotiateIkeProposals(offered, responder.entry.ikeProposals, 1);
    if (result.verdict === 'match') continue;
    if (result.verdict === 'unknown' || !result.closest) {
      context.note(initiator.device.file, `cannot verify the default IKE proposal ${initiator.device.name} offers in aggressive mode: some values are unknown`);
      continue;
    }
    const { a, b } = result.closest;
    const [difference] = compareIkeProposals(a, b, 1).filter((d) => d.verdict === 'mismatch');
    if (!difference) continue;
    const mode = initiator.entry.peerSettings?.exchangeMode;
    const there = fieldLocation(responder, b, difference.field);
    context.report({
      file: initiator.device.file,
      range: mode?.source === 'explicit' ? mode.range : initiator.entry.node.range,
      objectPath: initiator.entry.ikePeer?.path ?? initiator.entry.id,
      messageId: 'aggressiveDefault',
      data: { line: FIELD_LINES[difference.field], value: describe(a[difference.field]), otherValue: describe(b[difference.field]), otherProposal: proposalName(b), other: responder.device.name },
      related: relatedAt(responder, there.range, `${FIELD_LINES[difference.field]} "${describe(b[difference.field])}" of IKE proposal "${proposalName(b)}" on ${responder.device.name}`),
      ...nameMatchingProposal(initiator, responder),
    });
  }
}

const rule: TunnelRule = {
  meta: {
    id: 'ike-proposal-mismatch',
    description: 'The two ends of a tunnel share no IKE proposal',
    scope: 'tunnel',
    defaultSeverity: 'error',
    presets: ['recommended', 'strict'],
    tags: ['ike', 'phase1', 'two-end'],
    breaks: 'ike',
    messages: {
      fieldMismatch:
        'IKE proposal "{{proposal}}" {{line}} "{{value}}" has nothing in common with "{{otherValue}}" in proposal "{{otherProposal}}" on {{other}}, and no other proposal pair matches, so the IKEv{{version}} SA is never established; use the same {{line}} on both ends.',
      aggressiveDefault:
        'In aggressive mode an IKE peer without "ike-proposal" offers only the default proposal, and {{other}} accepts no proposal with its {{line}} "{{value}}" (it has "{{otherValue}}" in proposal "{{otherProposal}}"), so the IKEv1 SA is never established; name a matching proposal with "ike-proposal" in this peer.',
    },
    hasSuggestions: true,
    optionsSchema: NO_OPTIONS,
    reasons: ['phase1 proposal mismatch', 'initiator dh mismatch', 'responder dh mismatch'],
    since: '0.1.0',
  },
  check(context) {
    const [first, second] = context.tunnel.ends;
    const peerA = first.entry.peerSettings;
    const peerB = second.entry.peerSettings;
    if (!peerA || !peerB) return;
    const version = negotiatedIkeVersion(peerA, peerB);
    if (version === undefined) {
      context.note(first.device.file, `not checked: ${context.tunnel.id} has no IKE version common to both ends`);
      return;
    }
    const result = negotiateIkeProposals(first.entry.ikeProposals, second.entry.ikeProposals, version);
    if (result.verdict === 'match') {
      if (version === 1) checkAggressiveDefaults(context);
      return;
    }
    if (result.verdict === 'unknown' || !result.closest) {
      const closest = result.closest;
      const detailed = closest
        ? unknownDefaultsNote(`IKE proposals of ${context.tunnel.id}`, closest.differences, [unknownSide(first, closest.a), unknownSide(second, closest.b)], FIELD_LINES)
        : undefined;
      context.note(first.device.file, detailed ?? `cannot verify IKE proposals of ${context.tunnel.id}: some values are unknown for this platform/version`);
      return;
    }
    const { a, b } = result.closest;
    const differences = compareIkeProposals(a, b, version).filter((d) => d.verdict === 'mismatch');
    const chosen = new Map<TunnelEnd, IkeProposalSettings>([
      [first, a],
      [second, b],
    ]);
    for (const [end, other] of endPairs(context.tunnel)) {
      const mine = chosen.get(end) as IkeProposalSettings;
      const theirs = chosen.get(other) as IkeProposalSettings;
      for (const { field } of differences) {
        const here = fieldLocation(end, mine, field);
        const there = fieldLocation(other, theirs, field);
        context.report({
          file: end.device.file,
          range: here.range,
          objectPath: here.objectPath,
          messageId: 'fieldMismatch',
          data: {
            proposal: proposalName(mine),
            line: FIELD_LINES[field],
            value: describe(mine[field]),
            otherValue: describe(theirs[field]),
            otherProposal: proposalName(theirs),
            other: other.device.name,
            version,
          },
          related: relatedAt(other, there.range, `${FIELD_LINES[field]} "${describe(theirs[field])}" of IKE proposal "${proposalName(theirs)}" on ${other.device.name}`),
          ...matchSuggestion(end, other, mine, theirs, field),
        });
      }
    }
  },
};

export default rule;
