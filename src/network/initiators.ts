import type { Device, PolicyEntry } from '../model/types.js';
import type { Network, PointingEnd } from './types.js';
import { MemoSlot } from '../model/memo.js';
import { singleTargetAddress } from '../model/remote-target.js';

/** Whether an entry starts IKE negotiation on its own: ISAKMP policies and profiles do, templates and manual SAs do not. */
export function canStartNegotiation(entry: PolicyEntry): boolean {
  return !entry.disabled && (entry.role === 'isakmp' || entry.role === 'profile');
}

const INITIATORS_BY_TARGET = new MemoSlot<Device, Map<Device, PointingEnd[]>>('initiators by target');

/** Entries of `from` whose remote address points at `target` and that can start the negotiation (indexed once per target). */
export function initiatorsTowards(network: Network, target: Device, from: Device): PointingEnd[] {
  const byDevice = network.memo.get(INITIATORS_BY_TARGET, target, () => {
    const byStarter = new Map<Device, PointingEnd[]>();
    for (const end of network.devicesPointingAt(target)) {
      if (!canStartNegotiation(end.entry)) continue;
      const list = byStarter.get(end.device);
      if (list) list.push(end);
      else byStarter.set(end.device, [end]);
    }
    return byStarter;
  });
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
