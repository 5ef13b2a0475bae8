import { MemoSlot } from '../model/memo.js';
import type { PolicyEntry } from '../model/types.js';
import type { Network, Tunnel, TunnelEnd } from './types.js';

const TUNNELS_BY_ENTRY = new MemoSlot<Network, Map<PolicyEntry, Tunnel[]>>('tunnels by entry');

/** Tunnels with an end on this entry; the index is built once per network, so per-entry look-ups stay linear overall. */
export function tunnelsOfEntry(network: Network, entry: PolicyEntry): Tunnel[] {
  const index = network.memo.get(TUNNELS_BY_ENTRY, network, () => {
    const byEntry = new Map<PolicyEntry, Tunnel[]>();
    for (const tunnel of network.tunnels) {
      for (const end of new Set(tunnel.ends.map((e) => e.entry))) {
        const list = byEntry.get(end);
        if (list) list.push(tunnel);
        else byEntry.set(end, [tunnel]);
      }
    }
    return byEntry;
  });
  return index.get(entry) ?? [];
}

/** The entry's end of each of its tunnels, with the other end and the tunnel. */
export interface EntryEnd {
  mine: TunnelEnd;
  other: TunnelEnd;
  tunnel: Tunnel;
}

export function endsOfEntry(network: Network, entry: PolicyEntry): EntryEnd[] {
  const ends: EntryEnd[] = [];
  for (const tunnel of tunnelsOfEntry(network, entry)) {
    tunnel.ends.forEach((mine, index) => {
      if (mine.entry === entry) ends.push({ mine, other: tunnel.ends[1 - index], tunnel });
    });
  }
  return ends;
}
