import { describe, negotiatedIkeVersion, pfsFits } from '../src/model/negotiation.js';
import type { TunnelEnd } from '../src/network/types.js';
import type { Range } from '../src/text/range.js';
import { endPairs, relatedAt, type TunnelRule } from './_lib/tunnel-ends.js';
import { NO_OPTIONS } from './_lib/options.js';
import type { ChangeEdit, Report } from './types.js';


/** The `pfs` line, else the policy (or template) header where it belongs. */
function pfsRange(end: TunnelEnd): Range {
  return end.entry.pfs.source === 'explicit' ? end.entry.pfs.range : end.entry.settingsNode.range;
}

function when(first: TunnelEnd, second: TunnelEnd): string {
  const a = first.entry.peerSettings;
  const b = second.entry.peerSettings;
  const version = a && b ? negotiatedIkeVersion(a, b) : undefined;
  if (version === 2) return 'IKEv2 brings the first IPSec SA up but every rekey fails';
  if (version === 1) return 'IKEv1 phase 2 fails at once';
  return 'phase 2 fails ("phase2 proposal or pfs mismatch")';
}

/** Which end changes is a choice: each end's finding suggests making that end match the other. */
function suggestionFor(end: TunnelEnd, other: TunnelEnd): Pick<Report, 'suggestions'> {
  const mine = end.entry.pfs;
  const theirs = other.entry.pfs;
  if (mine.source === 'unknown' || theirs.source === 'unknown') return {};
  const file = end.device.file;
  // The model keeps `pfs dh-group14` as "group14" and no pfs as "none"; VRP types the group as
  // `pfs dh-group14` and removes PFS with `undo pfs` (there is no `pfs none`).
  const none = theirs.value === '' || theirs.value === 'none';
  const desc = `Make ${end.device.name} match ${other.device.name}: ${none ? 'no PFS (undo pfs)' : `pfs dh-${theirs.value}`}`;
  let edits: ChangeEdit[];
  if (none) {
    if (mine.source !== 'explicit') return {};
    edits = [{ kind: 'delete', line: mine.range.line, undo: 'undo pfs' }];
  } else if (mine.source === 'explicit') {
    edits = [{ kind: 'line', line: mine.range.line, text: `pfs dh-${theirs.value}` }];
  } else {
    edits = [{ kind: 'insert', line: end.entry.settingsNode.range.line, into: true, lines: [`pfs dh-${theirs.value}`] }];
  }
  return { suggestions: [{ desc, change: { file, edits } }] };
}

const rule: TunnelRule = {
  meta: {
    id: 'pfs-mismatch',
    description: 'The two ends of a tunnel use different PFS groups',
    scope: 'tunnel',
    defaultSeverity: 'error',
    presets: ['recommended', 'strict'],
    tags: ['ipsec', 'phase2', 'pfs', 'two-end'],
    breaks: 'ipsec',
    messages: {
      differs:
        'PFS is "{{value}}" here but "{{otherValue}}" on {{other}}: {{when}}; set the same "pfs" group on both ends (or none on both).',
    },
    hasSuggestions: true,
    optionsSchema: NO_OPTIONS,
    reasons: ['phase2 proposal or pfs mismatch', 'initiator dh mismatch', 'responder dh mismatch'],
    since: '0.1.0',
  },
  check(context) {
    const [first, second] = context.tunnel.ends;
    if (first.entry.role === 'manual' || second.entry.role === 'manual') return;
    const verdict = pfsFits(first.entry.pfs, second.entry.pfs);
    if (verdict === 'match') return;
    if (verdict === 'unknown') {
      context.note(first.device.file, `cannot verify PFS of ${context.tunnel.id}: a value is unknown`);
      return;
    }
    const timing = when(first, second);
    for (const [end, other] of endPairs(context.tunnel)) {
      context.report({
        file: end.device.file,
        range: pfsRange(end),
        objectPath: end.entry.settingsNode.path,
        messageId: 'differs',
        data: { value: describe(end.entry.pfs), otherValue: describe(other.entry.pfs), other: other.device.name, when: timing },
        related: relatedAt(other, pfsRange(other), `PFS "${describe(other.entry.pfs)}" on ${other.device.name}`),
        ...suggestionFor(end, other),
      });
    }
  },
};

export default rule;
