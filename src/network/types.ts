import type { Device } from '../model/types.js';

/** One end of a paired tunnel. Extended by src/network with the policy entry, addresses and role. */
export interface TunnelEnd {
  device: Device;
}

export interface Tunnel {
  /** Stable id, e.g. `hq.cfg#ipsec-policy:map1/10<->br1.cfg#ipsec-policy:map1/10`. */
  id: string;
  ends: [TunnelEnd, TunnelEnd];
}

export interface Network {
  devices: Device[];
  tunnels: Tunnel[];
}
