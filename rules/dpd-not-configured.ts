import type { IkePeerNode } from '../src/ast/types.js';
import type { Device, DpdSettings } from '../src/model/types.js';
import { describe, negotiatedIkeVersion, valuesEqual } from '../src/model/negotiation.js';
import type { TunnelEnd } from '../src/network/types.js';
import type { Range } from '../src/text/range.js';
import type { Network } from '../src/network/types.js';
import type { ChangeSpec, NetworkRule } from './types.js';
import { NO_OPTIONS } from './_lib/options.js';


function msgRange(end: TunnelEnd): Range | undefined {
  const msg = end.entry.peerSettings?.dpd.msg;
  return msg?.source === 'explicit' ? msg.range : end.entry.ikePeer?.range;
}

/** Every IKE peer the device really negotiates with (enabled policies, templates and profiles; not manual SAs). */
function negotiatingPeers(device: Device): { peer: IkePeerNode; dpd: DpdSettings }[] {
  const seen = new Map<IkePeerNode, DpdSettings>();
  for (const entry of device.entries) {
    if (entry.role === 'manual' || entry.disabled || !entry.ikePeer || !entry.peerSettings) continue;
    seen.set(entry.ikePeer, entry.peerSettings.dpd);
  }
  return [...seen].map(([peer, dpd]) => ({ peer, dpd }));
}

/**
 * `dpd type periodic` at the end of the peer's view; on IKEv1 tunnels whose other end runs DPD with
 * another payload order, also `dpd msg <that order>` (otherwise enabling DPD here surfaces the order
 * mismatch). Undefined when the other ends disagree or an order is unknown.
 */
function dpdFix(network: Network, device: Device, peer: IkePeerNode): ChangeSpec | undefined {
  const orders = new Set<string>();
  for (const tunnel of network.tunnels) {
    for (const [end, other] of [tunnel.ends, [tunnel.ends[1], tunnel.ends[0]]] as const) {
      if (end.device !== device || end.entry.ikePeer !== peer) continue;
      const a = end.entry.peerSettings;
      const b = other.entry.peerSettings;
      if (!a || !b || other.entry.role === 'manual' || !b.dpd.configured || negotiatedIkeVersion(a, b) !== 1) continue;
      const verdict = valuesEqual(a.dpd.msg, b.dpd.msg);
      if (verdict === 'unknown') return undefined;
      if (verdict === 'mismatch' && b.dpd.msg.source !== 'unknown') orders.add(b.dpd.msg.value);
    }
  }
  if (orders.size > 1) return undefined;
  const lines = ['dpd type periodic', ...[...orders].map((order) => `dpd msg ${order}`)];
  return { file: device.file, applicability: 'safe', edits: [{ kind: 'insert', line: peer.range.line, into: true, end: true, lines }] };
}

const rule: NetworkRule = {
  meta: {
    id: 'dpd-not-configured',
    description: 'An IKE peer runs without dead peer detection, or the two ends of an IKEv1 tunnel order DPD payloads differently',
    scope: 'network',
    defaultSeverity: 'warning',
    presets: ['recommended', 'strict'],
    tags: ['ike', 'dpd', 'availability'],
    messages: {
      notConfigured:
        'IKE peer "{{peer}}" has no DPD (neither "dpd type" on the peer nor "ike dpd type" globally): after the other end restarts, this end keeps using stale SAs until they expire; configure "dpd type periodic" or "ike dpd type periodic".',
      msgDiffers:
        'IKEv1 DPD payload order is "{{value}}" here but "{{otherValue}}" on {{other}}: DPD packets are not understood and dead peers are never detected; use the same "dpd msg" order on both ends.',
    },
    fixable: true,
    optionsSchema: NO_OPTIONS,
    reasons: ['dpd timeout'],
    since: '0.1.0',
  },
  check(context) {
    for (const device of context.network.devices) {
      for (const { peer, dpd } of negotiatingPeers(device)) {
        if (dpd.configured) continue;
        const fix = dpdFix(context.network, device, peer);
        context.report({
          ...(fix ? { fix } : {}),
          file: device.file,
          range: peer.range,
          objectPath: peer.path,
          messageId: 'notConfigured',
          data: { peer: peer.name.value },
        });
      }
    }
    for (const tunnel of context.network.tunnels) {
      const [first, second] = tunnel.ends;
      const a = first.entry.peerSettings;
      const b = second.entry.peerSettings;
      if (!a || !b || first.entry.role === 'manual' || second.entry.role === 'manual') continue;
      if (!a.dpd.configured && !b.dpd.configured) continue;
      if (negotiatedIkeVersion(a, b) !== 1) continue;
      const verdict = valuesEqual(a.dpd.msg, b.dpd.msg);
      if (verdict === 'unknown') context.note(first.device.file, `cannot verify the DPD payload order of ${tunnel.id}: a value is unknown`);
      if (verdict !== 'mismatch') continue;
      for (const [end, other] of [
        [first, second],
        [second, first],
      ] as const) {
        const msg = end.entry.peerSettings?.dpd.msg;
        if (msg?.source !== 'explicit') continue;
        const related = msgRange(other);
        const otherValue = describe(other.entry.peerSettings?.dpd.msg ?? { source: 'unknown' });
        context.report({
          file: end.device.file,
          range: msg.range,
          objectPath: end.entry.ikePeer?.path ?? end.entry.id,
          messageId: 'msgDiffers',
          severity: 'error',
          data: { value: msg.value, otherValue, other: other.device.name },
          related: related ? [{ file: other.device.file, range: related, message: `DPD payload order "${otherValue}" on ${other.device.name}` }] : [],
        });
      }
    }
  },
};

export default rule;
