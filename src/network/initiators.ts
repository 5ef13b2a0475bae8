import type { Device, PolicyEntry } from '../model/types.js';
import type { Network, PointingEnd } from './types.js';

/** Whether an entry starts IKE negotiation on its own: ISAKMP policies and profiles do, templates and manual SAs do not. */
export function canStartNegotiation(entry: PolicyEntry): boolean {
  return !entry.disabled && (entry.role === 'isakmp' || entry.role === 'profile');
}

/** Entries of `from` whose remote address points at `target` and that can start the negotiation. */
export function initiatorsTowards(network: Network, target: Device, from: Device): PointingEnd[] {
  return network.devicesPointingAt(target).filter((end) => end.device === from && canStartNegotiation(end.entry));
}

/** Devices of the run (other than `device`) owning one of the entry's remote targets. */
export function devicesTargetedBy(network: Network, device: Device, entry: PolicyEntry): Device[] {
  const found = new Set<Device>();
  for (const target of entry.remoteTargets) {
    if (target.high !== undefined && target.high !== target.address) continue;
    for (const owner of network.owners(target.address)) if (owner.device !== device) found.add(owner.device);
  }
  return [...found];
}
