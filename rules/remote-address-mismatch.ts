import type { RemoteAddress } from '../src/ast/types.js';
import { type Address, addressInRange, formatAddress } from '../src/flow/address.js';
import type { Network, TunnelEnd } from '../src/network/types.js';
import type { Range } from '../src/text/range.js';
import type { RelatedLocation } from './types.js';
import { endPairs, relatedAt, type TunnelRule } from './_lib/tunnel-ends.js';
import { NO_OPTIONS } from './_lib/options.js';

function covers(line: RemoteAddress, address: Address): boolean {
  if (!line.address) return false;
  return addressInRange(address, line.address.value, line.kind === 'range' ? line.high?.value : undefined);
}

/** The entry's remote-address lines are meant for a third device: this pairing is not what they describe. */
function aimsElsewhere(network: Network, end: TunnelEnd, other: TunnelEnd): boolean {
  return end.entry.remoteTargets.some((target) =>
    network.owners(target.address).some((owner) => owner.device !== other.device && owner.device !== end.device),
  );
}

function localAddressRange(end: TunnelEnd): Range {
  const local = end.entry.localAddress;
  if (local.value.source === 'explicit') return local.value.range;
  return local.interface?.range ?? end.entry.settingsNode.range;
}

/** A sub address of an interface negotiating from its primary address: `sub-address-without-tunnel-local` reports that end. */
function pointsAtSubWithoutTunnelLocal(line: RemoteAddress, other: TunnelEnd): boolean {
  if (!line.address || other.entry.localAddress.via !== 'interface') return false;
  return other.device.ownerFacts(line.address.value).some((fact) => fact.kind === 'interface-sub');
}

const LOCAL_SOURCES: Record<string, string> = {
  'tunnel-local': 'its "tunnel local"',
  'peer-local-address': 'its peer "local-address"',
  'tunnel-source': 'its tunnel source',
  interface: 'the primary address of the interface carrying the policy',
};

/** The HRP pair a device belongs to, as a phrase for the message. */
function pairPhrase(network: Network, device: TunnelEnd['device']): string {
  const pair = network.hrpPairs.find((p) => p.members.includes(device));
  const partner = pair?.members.find((member) => member !== device);
  return partner ? ` shared with its hot-standby partner ${partner.name}` : '';
}

/**
 * The end points at an address of the other device that is not the one it negotiates from, where
 * VRRP tells why: a member's interface address while the pair uses the virtual address, or the
 * virtual address while the policy has no `tunnel local`.
 */
function virtualReason(network: Network, address: Address, other: TunnelEnd): { messageId: string; data: Record<string, string>; related: RelatedLocation[] } | undefined {
  const otherLocal = other.localAddress;
  if (otherLocal.source === 'unknown' || address === otherLocal.value) return undefined;
  const via = other.entry.localAddress.via;
  const facts = other.device.ownerFacts(address);
  const localIsVirtual = via === 'tunnel-local' && other.device.ownerFacts(otherLocal.value).some((fact) => fact.kind === 'vrrp');
  const data = { value: formatAddress(address), other: other.device.name, otherLocal: formatAddress(otherLocal.value) };
  if (localIsVirtual && facts.some((fact) => fact.kind === 'interface' || fact.kind === 'interface-sub')) {
    return {
      messageId: 'memberAddress',
      data: { ...data, pair: pairPhrase(network, other.device) },
      related: relatedAt(other, localAddressRange(other), `local address of ${other.device.name}`),
    };
  }
  const virtualFact = via === 'interface' ? facts.find((fact) => fact.kind === 'vrrp') : undefined;
  if (virtualFact) {
    return { messageId: 'virtualWithoutTunnelLocal', data, related: relatedAt(other, virtualFact.range, `VRRP virtual address on ${other.device.name}`) };
  }
  return undefined;
}

function checkVirtualAddress(context: Parameters<TunnelRule['check']>[0], end: TunnelEnd, other: TunnelEnd): void {
  const target = end.remoteTarget;
  if (!target || target.via !== 'remote-address') return;
  const reason = virtualReason(context.network, target.address, other);
  if (!reason) return;
  context.report({
    file: end.device.file,
    range: target.line?.range ?? target.range,
    objectPath: end.entry.ikePeer?.path ?? end.entry.id,
    ...reason,
  });
}

const rule: TunnelRule = {
  meta: {
    id: 'remote-address-mismatch',
    description: 'An IKE peer remote-address is not the local address of the other end',
    scope: 'tunnel',
    defaultSeverity: 'error',
    presets: ['recommended', 'strict'],
    tags: ['ike', 'addressing', 'two-end'],
    breaks: 'ike',
    messages: {
      memberAddress:
        'remote-address "{{value}}" is an interface address of {{other}}, but {{other}} negotiates from the VRRP virtual address "{{otherLocal}}" ("tunnel local"){{pair}}, so IKE packets sent to "{{value}}" match no IPSec policy there and the tunnel does not survive a switchover; change the remote-address to "{{otherLocal}}".',
      virtualWithoutTunnelLocal:
        'remote-address "{{value}}" is the VRRP virtual address of {{other}}, but its IPSec policy has no "tunnel local", so {{other}} negotiates from its interface address "{{otherLocal}}" and the two ends disagree on the tunnel addresses; add "tunnel local {{value}}" to the policy on {{other}} (what a hot-standby pair needs) or change the remote-address to "{{otherLocal}}".',
      notLocal:
        'remote-address "{{value}}" is not the address {{other}} negotiates from ("{{otherLocal}}", {{source}}), so IKE packets go to the wrong address or the replies are dropped; change the remote-address to "{{otherLocal}}".',
    },
    fixable: true,
    optionsSchema: NO_OPTIONS,
    reasons: ['peer address mismatch', 'flow or peer mismatch', 'no policy applied on interface', 'max transmit reached'],
    since: '0.1.0',
  },
  check(context) {
    const { tunnel, network } = context;
    if (tunnel.nat.present) return;
    for (const [end, other] of endPairs(tunnel)) {
      if (end.remoteTarget) {
        checkVirtualAddress(context, end, other);
        continue;
      }
      const lines = end.entry.remoteAddresses.filter((line) => (line.kind === 'address' || line.kind === 'range') && line.address);
      if (lines.length === 0) continue;
      const otherLocal = other.localAddress;
      if (otherLocal.source === 'unknown') {
        context.note(end.device.file, `cannot verify the remote-address of ${end.entry.id}: the local address of ${other.device.name} is unknown`);
        continue;
      }
      if (lines.some((line) => covers(line, otherLocal.value)) || aimsElsewhere(network, end, other)) continue;
      const peerPath = end.entry.ikePeer?.path ?? end.entry.id;
      for (const line of lines) {
        if (pointsAtSubWithoutTunnelLocal(line, other)) continue;
        const reason = line.kind === 'address' && line.address ? virtualReason(network, line.address.value, other) : undefined;
        if (reason) {
          context.report({ file: end.device.file, range: line.range, objectPath: peerPath, ...reason });
          continue;
        }
        const value = line.kind === 'range' && line.high ? `${formatAddress(line.address?.value ?? 0)} ${formatAddress(line.high.value)}` : formatAddress(line.address?.value ?? 0);
        context.report({
          file: end.device.file,
          range: line.range,
          objectPath: peerPath,
          messageId: 'notLocal',
          data: {
            value,
            other: other.device.name,
            otherLocal: formatAddress(otherLocal.value),
            source: LOCAL_SOURCES[other.entry.localAddress.via] ?? 'its local address',
          },
          related: relatedAt(other, localAddressRange(other), `local address of ${other.device.name}`),
          // Safe with one remote-address line: it then names the address the other end negotiates from
          // (with several, redundant peers, which one to change is a choice).
          ...(lines.length === 1 && line.kind === 'address' && line.address
            ? { fix: { edits: [{ kind: 'replace' as const, range: line.address.range, text: formatAddress(otherLocal.value) }] } }
            : {}),
        });
      }
    }
  },
};

export default rule;
