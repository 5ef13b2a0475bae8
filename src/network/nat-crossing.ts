import { isPrivate } from '../flow/ipv4.js';
import type { Device, PolicyEntry, RemoteTarget } from '../model/types.js';
import { tunnelsOfEntry } from './entry-tunnels.js';
import type { Network, NatReason, Tunnel } from './types.js';

export type NatCrossingReason = Exclude<NatReason, 'none'> | 'private-local-public-remote';

export interface NatCrossing {
  reason: NatCrossingReason;
  /** The paired tunnel that crosses the NAT, when the other end is in the run. */
  tunnel?: Tunnel;
  /** The public remote target a private local address talks to (single-device inference). */
  target?: RemoteTarget;
}

/**
 * Whether the tunnel of an entry crosses a NAT device: a paired tunnel whose `nat` says so
 * (declared, private/public ends, `remote-address authentication-address`), or, when the other end
 * is not in the run, a private local address talking to a public remote address.
 */
export function natCrossingOf(network: Network, device: Device, entry: PolicyEntry): NatCrossing | undefined {
  for (const tunnel of tunnelsOfEntry(network, entry)) {
    const mine = tunnel.ends.some((end) => end.device === device && end.entry === entry);
    if (mine && tunnel.nat.present && tunnel.nat.reason !== 'none') return { reason: tunnel.nat.reason, tunnel };
  }
  if (entry.remoteAddresses.some((line) => line.kind === 'authentication-address')) return { reason: 'authentication-address' };
  const local = entry.localAddress.value;
  if (local.source === 'unknown' || !isPrivate(local.value)) return undefined;
  const target = entry.remoteTargets.find((t) => !isPrivate(t.address) && (t.high === undefined || !isPrivate(t.high)));
  return target ? { reason: 'private-local-public-remote', target } : undefined;
}
