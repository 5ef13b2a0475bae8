import { type Address, addressCube } from '../flow/address.js';
import { type Box, FlowSet, makeBox } from '../flow/flow.js';
import { PROTOCOL_AH, PROTOCOL_ESP, PROTOCOL_UDP } from '../flow/protocol.js';
import type { Device, IpsecProposalSettings, PolicyEntry } from './types.js';

export interface ControlTraffic {
  /** From the local address to the peer. */
  outbound: FlowSet;
  /** From the peer to the local address. */
  inbound: FlowSet;
}

/** IPSec protocols the proposals can negotiate (ESP when no transform is known, the VRP default). */
export function ipsecProtocols(proposals: readonly IpsecProposalSettings[]): number[] {
  const protocols = new Set<number>();
  for (const proposal of proposals) {
    const transform = proposal.transform.source === 'unknown' ? 'esp' : proposal.transform.value;
    if (transform !== 'ah') protocols.add(PROTOCOL_ESP);
    if (transform !== 'esp') protocols.add(PROTOCOL_AH);
  }
  if (protocols.size === 0) protocols.add(PROTOCOL_ESP);
  return [...protocols].sort((a, b) => a - b);
}

/**
 * Packets two IPSec gateways exchange (guide FAQ "What Ports Must Be Open to Use IPSec?"):
 * IKE on UDP 500, UDP 4500 once NAT traversal has detected a NAT device, and the IPSec protocols
 * (ESP, AH: `options.protocols`, as `ipsecProtocols` lists them). `ike: false` (a manual policy,
 * which uses no IKE) leaves the UDP ports out.
 */
export function controlTrafficBetween(
  local: Address,
  peer: Address,
  options: { natTraversal: boolean; protocols: readonly number[]; ike?: boolean },
): ControlTraffic {
  // Several rules ask for the same pair (both ends, IKE security and NAT checks); the sets are immutable.
  const key = `${local}|${peer}|${options.natTraversal ? 1 : 0}|${options.protocols.join(',')}|${options.ike === false ? 0 : 1}`;
  let traffic = controlTrafficCache.get(key);
  if (!traffic) {
    if (controlTrafficCache.size >= CONTROL_TRAFFIC_CACHE_LIMIT) controlTrafficCache.clear();
    traffic = computeControlTraffic(local, peer, options);
    controlTrafficCache.set(key, traffic);
  }
  return traffic;
}

const CONTROL_TRAFFIC_CACHE_LIMIT = 65536;
const controlTrafficCache = new Map<string, ControlTraffic>();

function computeControlTraffic(
  local: Address,
  peer: Address,
  options: { natTraversal: boolean; protocols: readonly number[]; ike?: boolean },
): ControlTraffic {
  // An IPv6 end never negotiates with an IPv4 address (and the other way round): no packets.
  if (typeof local !== typeof peer) return { outbound: FlowSet.EMPTY, inbound: FlowSet.EMPTY };
  const me = addressCube(local);
  const them = addressCube(peer);
  const ports: [number, number][] = options.ike === false ? [] : options.natTraversal ? [[500, 500], [4500, 4500]] : [[500, 500]];
  const outbound: Box[] = [];
  const inbound: Box[] = [];
  for (const port of ports) {
    outbound.push(makeBox({ src: me, dst: them, protocol: PROTOCOL_UDP, dstPorts: port }));
    inbound.push(makeBox({ src: them, dst: me, protocol: PROTOCOL_UDP, dstPorts: port }));
  }
  for (const protocol of new Set(options.protocols)) {
    outbound.push(makeBox({ src: me, dst: them, protocol }));
    inbound.push(makeBox({ src: them, dst: me, protocol }));
  }
  // Distinct protocols or non-adjacent UDP ports: nothing for `FlowSet.of` to merge, and every entry of a hub builds these.
  return { outbound: FlowSet.fromBoxes(outbound), inbound: FlowSet.fromBoxes(inbound) };
}

/**
 * Zone the IKE and ESP/AH packets of an entry leave through: the bound interface's zone for
 * policies; for a profile on a tunnel interface, the zone of the interface owning the tunnel
 * source address (the tunnel interface's own zone only sees the inner traffic).
 */
export function controlTrafficZone(device: Device, entry: PolicyEntry): string | undefined {
  if (entry.kind !== 'profile') return device.entryZones(entry).remote;
  const source = entry.localAddress.interface;
  if (source) return device.zoneOf(source.name.value);
  const local = entry.localAddress.value;
  if (local.source === 'unknown') return undefined;
  for (const fact of device.ownerFacts(local.value)) {
    const zone = fact.interface && device.zoneOf(fact.interface.name.value);
    if (zone) return zone;
  }
  return undefined;
}
