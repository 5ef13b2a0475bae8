import { valuesEqual } from '../src/model/negotiation.js';
import type { TunnelEnd } from '../src/network/types.js';
import type { Range } from '../src/text/range.js';
import { endPairs, type TunnelRule } from './_lib/tunnel-ends.js';
import { NO_OPTIONS } from './_lib/options.js';
import type { ChangeSpec } from './types.js';

/**
 * Enable NAT traversal where `undo nat traversal` disables it: the device types `nat traversal`;
 * the file loses the undo line where NAT traversal is on by default (a device does not print it),
 * else the line becomes `nat traversal`. Undefined when the peer does not disable it.
 */
function enable(end: TunnelEnd): ChangeSpec | undefined {
  const value = end.entry.peerSettings?.natTraversal;
  if (value?.source !== 'explicit' || value.value) return undefined;
  const line = value.range.line;
  return {
    file: end.device.file,
    edits: [end.device.defaults.natTraversal ? { kind: 'delete', line, undo: 'nat traversal' } : { kind: 'line', line, text: 'nat traversal' }],
  };
}

/** The `nat traversal` / `undo nat traversal` line, else the IKE peer header (the default is never printed). */
function natTraversalRange(end: TunnelEnd): Range | undefined {
  const value = end.entry.peerSettings?.natTraversal;
  if (value?.source === 'explicit') return value.range;
  return end.entry.ikePeer?.range;
}

function state(end: TunnelEnd): string {
  const value = end.entry.peerSettings?.natTraversal;
  if (!value || value.source === 'unknown') return 'unknown';
  return `${value.value ? 'enabled' : 'disabled'}${value.source === 'default' ? ' (default)' : ''}`;
}

/**
 * Without a NAT, the end that disables NAT traversal is made to match the end that enables it:
 * NAT traversal on both ends is harmless (it encapsulates only when it detects a NAT), while
 * disabling the other end would be a second change. Unsafe: it undoes a deliberate line.
 */
function matchEnabled(end: TunnelEnd, other: TunnelEnd): { fix?: ChangeSpec } {
  const change = enable(end);
  const theirs = other.entry.peerSettings?.natTraversal;
  if (!change || theirs?.source === 'unknown' || !theirs?.value) return {};
  return { fix: { ...change, applicability: 'unsafe' } };
}

const rule: TunnelRule = {
  meta: {
    id: 'nat-traversal-mismatch',
    description: 'NAT traversal is disabled on a tunnel crossing a NAT, or set differently on the two ends',
    scope: 'tunnel',
    defaultSeverity: 'error',
    presets: ['recommended', 'strict'],
    tags: ['ike', 'nat', 'nat-traversal', 'two-end'],
    breaks: { disabledBehindNat: 'traffic' },
    messages: {
      disabledBehindNat:
        'NAT traversal is disabled here but a NAT device lies between this end and {{other}}: ESP cannot be encapsulated in UDP 4500 and the tunnel fails; remove "undo nat traversal".',
      differs:
        'NAT traversal is "{{value}}" here but "{{otherValue}}" on {{other}}: a peer without it may drop the NAT-D payloads and negotiation stalls; enable or disable NAT traversal on both ends together.',
    },
    fixable: true,
    optionsSchema: NO_OPTIONS,
    reasons: ['nat detection fail', 'max transmit reached'],
    since: '0.1.0',
  },
  check(context) {
    const { tunnel } = context;
    const [first, second] = tunnel.ends;
    const a = first.entry.peerSettings?.natTraversal;
    const b = second.entry.peerSettings?.natTraversal;
    if (!a || !b) return;
    if (tunnel.nat.present) {
      for (const [end, other] of endPairs(tunnel)) {
        const value = end.entry.peerSettings?.natTraversal;
        if (value?.source === 'unknown') context.note(end.device.file, `cannot verify NAT traversal of ${end.entry.id}: the value is unknown`);
        if (value?.source !== 'explicit' || value.value) continue;
        const related = natTraversalRange(other);
        context.report({
          file: end.device.file,
          range: value.range,
          objectPath: end.entry.ikePeer?.path ?? end.entry.id,
          messageId: 'disabledBehindNat',
          data: { other: other.device.name },
          related: related ? [{ file: other.device.file, range: related, message: `NAT traversal ${state(other)} on ${other.device.name}` }] : [],
          // Safe: a NAT lies between the ends, and NAT traversal only encapsulates when it detects one.
          fix: enable(end),
        });
      }
      return;
    }
    const verdict = valuesEqual(a, b);
    if (verdict === 'unknown') {
      context.note(first.device.file, `cannot verify NAT traversal of ${tunnel.id}: a value is unknown`);
      return;
    }
    if (verdict === 'match') return;
    for (const [end, other] of endPairs(tunnel)) {
      const value = end.entry.peerSettings?.natTraversal;
      if (value?.source !== 'explicit') continue;
      const related = natTraversalRange(other);
      context.report({
        file: end.device.file,
        range: value.range,
        objectPath: end.entry.ikePeer?.path ?? end.entry.id,
        messageId: 'differs',
        severity: 'warning',
        data: { value: value.value ? 'enabled' : 'disabled', otherValue: state(other), other: other.device.name },
        related: related ? [{ file: other.device.file, range: related, message: `NAT traversal ${state(other)} on ${other.device.name}` }] : [],
        ...matchEnabled(end, other),
      });
    }
  },
};

export default rule;
