import { compareIpsecProposals, describe, negotiateIpsecProposals, setsIntersect, valuesEqual, type IpsecProposalField } from '../src/model/negotiation.js';
import type { IpsecProposalSettings } from '../src/model/types.js';
import type { TunnelEnd } from '../src/network/types.js';
import type { Range } from '../src/text/range.js';
import { endPairs, relatedAt, type TunnelRule } from './_lib/tunnel-ends.js';
import { NO_OPTIONS } from './_lib/options.js';
import { unknownDefaultsNote, type UnknownSide } from './_lib/unknown-defaults.js';
import type { ChangeEdit, Report } from './types.js';


const FIELD_LINES: Record<IpsecProposalField, string> = {
  transform: 'transform',
  encapsulationMode: 'encapsulation-mode',
  espAuthentication: 'esp authentication-algorithm',
  espEncryption: 'esp encryption-algorithm',
  ahAuthentication: 'ah authentication-algorithm',
};

function fieldRange(proposal: IpsecProposalSettings, field: IpsecProposalField): Range {
  const value = proposal[field];
  return value.source === 'explicit' ? value.range : proposal.node.range;
}

function unknownSide(end: TunnelEnd, proposal: IpsecProposalSettings): UnknownSide<IpsecProposalSettings, IpsecProposalField> {
  return {
    device: end.device,
    proposal,
    what: `IPSec proposal "${proposal.node.name.value}"`,
    pick: (field) => (table) => table[field],
    value: (field) => proposal[field],
  };
}

/** A field's value as the other end's file spells it, else the model's (default) value; undefined when not known. */
function valueText(proposal: IpsecProposalSettings, field: IpsecProposalField): string | undefined {
  const line = proposal.node[field];
  if (line) return Array.isArray(line.value) ? line.value.join(' ') : line.value;
  const value = proposal[field];
  if (value.source === 'unknown') return undefined;
  return Array.isArray(value.value) ? (value.value.length > 0 ? value.value.join(' ') : undefined) : value.value;
}

function differs(mine: IpsecProposalSettings, theirs: IpsecProposalSettings, field: IpsecProposalField): boolean {
  if (field === 'transform' || field === 'encapsulationMode') return valuesEqual(mine[field], theirs[field]) !== 'match';
  return setsIntersect(mine[field], theirs[field]) !== 'match';
}

/**
 * Which end changes is a choice: each end's finding suggests giving its proposal the other end's
 * value. A new transform brings the other end's algorithms of that transform along (they are
 * compared once the transforms agree). None when the other end has no ESP authentication (that
 * is esp-without-authentication's finding, not a value to copy) or a value is unknown.
 */
function matchSuggestion(end: TunnelEnd, other: TunnelEnd, mine: IpsecProposalSettings, theirs: IpsecProposalSettings, field: IpsecProposalField): Pick<Report, 'suggestions'> {
  const fields: IpsecProposalField[] = [field];
  if (field === 'transform' && theirs.transform.source !== 'unknown') {
    const transform = theirs.transform.value;
    const algorithms: IpsecProposalField[] = [];
    if (transform.includes('esp')) algorithms.push('espEncryption', 'espAuthentication');
    if (transform.includes('ah')) algorithms.push('ahAuthentication');
    fields.push(...algorithms.filter((f) => differs(mine, theirs, f)));
  }
  const edits: ChangeEdit[] = [];
  const lines: string[] = [];
  for (const f of fields) {
    const value = valueText(theirs, f);
    if (value === undefined) return {};
    const text = `${FIELD_LINES[f]} ${value}`;
    lines.push(text);
    const current = mine[f];
    edits.push(
      current.source === 'explicit'
        ? { kind: 'line', line: current.range.line, text }
        : { kind: 'insert', line: mine.node.range.line, into: true, lines: [text] },
    );
  }
  // Two lines inserted at one place are one insertion.
  const inserts = edits.filter((e) => e.kind === 'insert');
  const merged: ChangeEdit[] = inserts.length > 1
    ? [...edits.filter((e) => e.kind !== 'insert'), { kind: 'insert', line: mine.node.range.line, into: true, lines: inserts.flatMap((e) => (e.kind === 'insert' ? e.lines : [])) }]
    : edits;
  const what = lines.map((l) => `"${l}"`).join(', ');
  return { suggestions: [{ desc: `Make ${end.device.name} match ${other.device.name}: ${what} in IPSec proposal ${mine.node.name.value}`, change: { file: end.device.file, edits: merged } }] };
}

const rule: TunnelRule = {
  meta: {
    id: 'ipsec-proposal-mismatch',
    description: 'The two ends of a tunnel share no IPSec proposal',
    scope: 'tunnel',
    defaultSeverity: 'error',
    presets: ['recommended', 'strict'],
    tags: ['ipsec', 'phase2', 'two-end'],
    breaks: 'ipsec',
    messages: {
      fieldMismatch:
        'IPSec proposal "{{proposal}}" {{line}} "{{value}}" does not fit "{{otherValue}}" in proposal "{{otherProposal}}" on {{other}}, and no other proposal pair matches, so the IPSec SA is never established ("phase2 proposal or pfs mismatch"); use the same {{line}} on both ends.',
    },
    hasSuggestions: true,
    optionsSchema: NO_OPTIONS,
    reasons: ['phase2 proposal or pfs mismatch', 'encapsulation mode mismatch', 'proposal mismatch or use sm in ikev2'],
    since: '0.1.0',
  },
  check(context) {
    const [first, second] = context.tunnel.ends;
    if (first.entry.role === 'manual' || second.entry.role === 'manual') return;
    const result = negotiateIpsecProposals(first.entry.ipsecProposalSettings, second.entry.ipsecProposalSettings);
    if (result.verdict === 'match') return;
    if (result.verdict === 'unknown' || !result.closest) {
      const closest = result.closest;
      const detailed = closest
        ? unknownDefaultsNote(`IPSec proposals of ${context.tunnel.id}`, closest.differences, [unknownSide(first, closest.a), unknownSide(second, closest.b)], FIELD_LINES)
        : undefined;
      context.note(first.device.file, detailed ?? `cannot verify IPSec proposals of ${context.tunnel.id}: a proposal is missing or a value is unknown`);
      return;
    }
    const { a, b } = result.closest;
    const differences = compareIpsecProposals(a, b).filter((d) => d.verdict === 'mismatch');
    const chosen = new Map<TunnelEnd, IpsecProposalSettings>([
      [first, a],
      [second, b],
    ]);
    for (const [end, other] of endPairs(context.tunnel)) {
      const mine = chosen.get(end) as IpsecProposalSettings;
      const theirs = chosen.get(other) as IpsecProposalSettings;
      for (const { field } of differences) {
        context.report({
          file: end.device.file,
          range: fieldRange(mine, field),
          objectPath: mine.node.path,
          messageId: 'fieldMismatch',
          data: {
            proposal: mine.node.name.value,
            line: FIELD_LINES[field],
            value: describe(mine[field]),
            otherValue: describe(theirs[field]),
            otherProposal: theirs.node.name.value,
            other: other.device.name,
          },
          related: relatedAt(other, fieldRange(theirs, field), `${FIELD_LINES[field]} "${describe(theirs[field])}" of IPSec proposal "${theirs.node.name.value}" on ${other.device.name}`),
          ...matchSuggestion(end, other, mine, theirs, field),
        });
      }
    }
  },
};

export default rule;
