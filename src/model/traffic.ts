import { type Address, cubeFirstAddress } from '../flow/address.js';
import { FlowSet } from '../flow/flow.js';
import { type ControlTraffic, controlTrafficBetween, ipsecProtocols } from './ipsec-control-traffic.js';
import type { NatContext, PolicyEntry, PeerSettings } from './types.js';
import { singleTargetAddress } from './remote-target.js';

export interface EntryZones {
  /** Zone of the protected local subnets (undefined when they span zones or none is known). */
  local?: string;
  /** Zone the tunnel leaves through (the bound interface's zone). */
  remote?: string;
}

/** Zones a policy entry's traffic crosses, for NAT and security-policy questions. */
export function entryZones(
  entry: PolicyEntry,
  zoneOf: (interfaceName: string) => string | undefined,
  zoneForAddress: (address: Address) => string | undefined,
): EntryZones {
  const localZones = new Set<string | undefined>();
  for (const box of entry.protectedFlows.boxes) localZones.add(zoneForAddress(cubeFirstAddress(box.src)));
  const local = localZones.size === 1 ? [...localZones][0] : undefined;
  const bound = entry.interfaces[0];
  let remote = bound ? zoneOf(bound.name.value) : undefined;
  if (remote === undefined && entry.remoteTargets.length > 0) remote = zoneForAddress(entry.remoteTargets[0].address);
  return { local, remote };
}

/** NAT context of the protected traffic (`protected`) or of the device's own IKE packets (`ike`). */
export function natContextOf(entry: PolicyEntry, zones: EntryZones, kind: 'protected' | 'ike'): NatContext {
  return {
    sourceZone: kind === 'ike' ? 'local' : zones.local,
    destinationZone: zones.remote,
    egressInterface: entry.interfaces[0]?.name.value,
  };
}

/**
 * IKE and IPSec packets between the entry's local address and each single remote target:
 * UDP 500, UDP 4500 (when NAT traversal is on), and ESP/AH per the entry's proposals.
 * Empty when the local address is unknown.
 */
export function ikeTrafficOf(entry: PolicyEntry, peer: PeerSettings | undefined): ControlTraffic {
  const local = entry.localAddress.value;
  if (local.source === 'unknown') return { outbound: FlowSet.EMPTY, inbound: FlowSet.EMPTY };
  const natTraversal = peer?.natTraversal.source === 'unknown' ? true : (peer?.natTraversal.value ?? true);
  const protocols = ipsecProtocols(entry.ipsecProposalSettings);
  let outbound = FlowSet.EMPTY;
  let inbound = FlowSet.EMPTY;
  for (const target of entry.remoteTargets) {
    const peer = singleTargetAddress(target);
    if (peer === undefined) continue;
    const traffic = controlTrafficBetween(local.value, peer, { natTraversal, protocols });
    outbound = outbound.union(traffic.outbound);
    inbound = inbound.union(traffic.inbound);
  }
  return { outbound, inbound };
}
