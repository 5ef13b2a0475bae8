import type { RemoteAddress } from '../ast/types.js';
import type { Address } from '../flow/address.js';
import type { Memo } from '../model/memo.js';
import type { Device, Effective, PolicyEntry, RemoteTarget } from '../model/types.js';
import type { DuplicateDevice, HrpPair } from './identity.js';

/** One end of a paired tunnel. */
export interface TunnelEnd {
  device: Device;
  /** The policy entry (or profile entry, `entry.kind === 'profile'`) of this end. */
  entry: PolicyEntry;
  /** The end's local IKE/tunnel address. */
  localAddress: Effective<Address>;
  /** The `remote-address` line of this end that points at the other end (absent for responders). */
  remoteAddressLine?: RemoteAddress;
  /** The target (remote-address, tunnel remote or tunnel destination) that points at the other end. */
  remoteTarget?: RemoteTarget;
  /**
   * `initiator`: points at the other end, which cannot point back (template or no remote-address);
   * `responder`: template-based or without a target at the other end; `both`: each end points at the other.
   */
  role: 'initiator' | 'responder' | 'both';
}

export type NatReason = 'declared' | 'private-address' | 'authentication-address' | 'none';

export interface Tunnel {
  /** Stable id, e.g. `hq.cfg#ipsec-policy:map1/10<->br1.cfg#ipsec-policy:map1/10`. */
  id: string;
  ends: [TunnelEnd, TunnelEnd];
  /** Whether a NAT device sits between the ends, and why we think so. */
  nat: { present: boolean; reason: NatReason };
  /** `declared` when the pair comes only from the topology declaration. */
  pairedBy?: 'address' | 'declared';
}

/** Optional topology file content: tunnels the addresses cannot reveal, and static NAT mappings. */
export interface TopologyDeclaration {
  /** Device refs: file path (as shown in reports) or sysname. */
  tunnels?: { ends: [string, string]; nat?: boolean }[];
  /** A public address (what peers point at) translated to a device's private address. */
  natAddresses?: { public: string; private: string }[];
}

/** An entry whose peer address matches no device of the run: not an error, rules say "not checked". */
export interface UnpairedEntry {
  device: Device;
  entry: PolicyEntry;
  reason: string;
}

/** An entry of another device whose remote address points at a given device. */
export interface PointingEnd {
  device: Device;
  entry: PolicyEntry;
  target: RemoteTarget;
  remoteAddressLine?: RemoteAddress;
}

/**
 * An entry pointing at an address several devices of the run own (not copies of one device, not
 * one HRP pair): paired with `chosen` when the evidence singles it out, else with none.
 */
export interface AmbiguousTarget {
  device: Device;
  entry: PolicyEntry;
  target: RemoteTarget;
  owners: Device[];
  chosen?: Device;
  /** What singled `chosen` out (`its IKE peer points back`, `it routes back to …`). */
  evidence: string[];
}

export interface Network {
  devices: Device[];
  tunnels: Tunnel[];
  unpaired: UnpairedEntry[];
  /** Tunnels with an end on this device. */
  tunnelsOf(device: Device): Tunnel[];
  /** Facts about the run's devices together, derived once (per-entry tunnels, initiators, the rules' indexes): src/model/memo.ts. */
  memo: Memo;
  /** Ends on other devices whose remote address points at this device. */
  devicesPointingAt(device: Device): PointingEnd[];
  /** Device by file path or sysname. */
  deviceByRef(ref: string): Device | undefined;
  /** Devices (and the facts) owning an address, including declared NAT public addresses. */
  owners(address: Address): { device: Device; viaNat: boolean }[];
  /** Files describing the same device as another (same sysname and interface addresses): left out of pairing. */
  duplicates: DuplicateDevice[];
  /** HRP hot-standby pairs: one tunnel end, answered by the active member. */
  hrpPairs: HrpPair[];
  /** Remote addresses several devices own. */
  ambiguities: AmbiguousTarget[];
}
