import type { PolicyEntry } from '../model/types.js';
import type { Network, Tunnel } from './types.js';

const cache = new WeakMap<Network, Map<PolicyEntry, Tunnel[]>>();

/** Tunnels with an end on this entry; the index is built once per network, so per-entry look-ups stay linear overall. */
export function tunnelsOfEntry(network: Network, entry: PolicyEntry): Tunnel[] {
  let index = cache.get(network);
  if (!index) {
    index = new Map();
    for (const tunnel of network.tunnels) {
      for (const end of new Set(tunnel.ends.map((e) => e.entry))) {
        const list = index.get(end);
        if (list) list.push(tunnel);
        else index.set(end, [tunnel]);
      }
    }
    cache.set(network, index);
  }
  return index.get(entry) ?? [];
}
