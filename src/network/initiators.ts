import type { Device, PolicyEntry } from '../model/types.js';
import type { Network, PointingEnd } from './types.js';
import { singleTargetAddress } from '../model/remote-target.js';

/** Whether an entry starts IKE negotiation on its own: ISAKMP policies and profiles do, templates and manual SAs do not. */
export function canStartNegotiation(entry: PolicyEntry): boolean {
  return !entry.disabled && (entry.role === 'isakmp' || entry.role === 'profile');
}

const initiatorCache = new WeakMap<Network, Map<Device, Map<Device, PointingEnd[]>>>();

/** Entries of `from` whose remote address points at `target` and that can start the negotiation (indexed once per target). */
export function initiatorsTowards(network: Network, target: Device, from: Device): PointingEnd[] {
  let byTarget = initiatorCache.get(network);
  if (!byTarget) initiatorCache.set(network, (byTarget = new Map()));
  let byDevice = byTarget.get(target);
  if (!byDevice) {
    byDevice = new Map();
    for (const end of network.devicesPointingAt(target)) {
      if (!canStartNegotiation(end.entry)) continue;
      const list = byDevice.get(end.device);
      if (list) list.push(end);
      else byDevice.set(end.device, [end]);
    }
    byTarget.set(target, byDevice);
  }
  return byDevice.get(from) ?? [];
}

/** Devices of the run (other than `device`) owning one of the entry's remote targets. */
export function devicesTargetedBy(network: Network, device: Device, entry: PolicyEntry): Device[] {
  const found = new Set<Device>();
  for (const target of entry.remoteTargets) {
    if (singleTargetAddress(target) === undefined) continue;
    for (const owner of network.owners(target.address)) if (owner.device !== device) found.add(owner.device);
  }
  return [...found];
}
