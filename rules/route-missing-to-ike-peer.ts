import type { InterfaceNode } from '../src/ast/types.js';
import { type Address, formatAddress } from '../src/flow/address.js';
import { runsDynamicRouting } from '../src/model/route-sources.js';
import type { Device, PolicyEntry, RouteLookup } from '../src/model/types.js';
import { endsOfEntry } from '../src/network/entry-tunnels.js';
import type { TunnelEnd } from '../src/network/types.js';
import type { Range } from '../src/text/range.js';
import type { DeviceRule, DeviceRuleContext, FixApplicability, RelatedLocation, Report } from './types.js';
import { NO_OPTIONS } from './_lib/options.js';
import { egressKey, egressName } from './_lib/route-egress.js';
import { singleTargetAddress } from '../src/model/remote-target.js';
import { staticRouteChange } from './_lib/route-fix.js';

/** One address the entry sends IKE to, and where that address comes from. */
interface IkePeer {
  address: Address;
  /** The `remote-address` line (initiators) or the policy line (responders). */
  range: Range;
  /** The other device's line pointing at this device (responders). */
  there?: RelatedLocation;
  vpnInstance?: string;
}

/** Other ends of the entry's tunnels without NAT where this end has no target (it responds). */
function respondedEnds(context: DeviceRuleContext, entry: PolicyEntry): TunnelEnd[] {
  return endsOfEntry(context.network, entry)
    .filter(({ mine, tunnel }) => !tunnel.nat.present && !mine.remoteTarget)
    .map(({ other }) => other);
}

function peersOf(entry: PolicyEntry, responded: readonly TunnelEnd[], device: Device): IkePeer[] {
  const byAddress = new Map<Address, IkePeer>();
  for (const target of entry.remoteTargets) {
    if (singleTargetAddress(target) === undefined || byAddress.has(target.address)) continue;
    byAddress.set(target.address, { address: target.address, range: target.range, vpnInstance: target.line?.vpnInstance?.value });
  }
  for (const other of responded) {
    if (other.localAddress.source === 'unknown' || byAddress.has(other.localAddress.value)) continue;
    const there = other.remoteTarget
      ? { file: other.device.file, range: other.remoteTarget.range, message: `${other.device.name} negotiates with ${device.name} here.` }
      : undefined;
    byAddress.set(other.localAddress.value, { address: other.localAddress.value, range: entry.node.range, there });
  }
  return [...byAddress.values()];
}

/** A best route whose next hop is in no connected subnet: its egress interface is unknown. */
function hasUnresolvedNextHop(device: Device, lookup: RouteLookup): boolean {
  return lookup.routes.some((route) => !route.interface && route.nextHop !== undefined && device.routeFor(route.nextHop.value).direct === undefined);
}

/**
 * A host route to the peer via the next hop the device already uses out of the policy's interface.
 * Safe where nothing routed the peer (no other traffic changes path); unsafe where it takes the
 * peer address away from the route it follows today.
 */
function hostRouteFix(device: Device, iface: InterfaceNode | undefined, peer: IkePeer, applicability: FixApplicability): Pick<Report, 'fix'> {
  if (typeof peer.address !== 'number' || !iface) return {};
  const route = staticRouteChange(device, iface, peer.address, 0xffffffff, applicability);
  return route ? { fix: route.change } : {};
}

function checkPeer(context: DeviceRuleContext, entry: PolicyEntry, peer: IkePeer): void {
  const { device } = context;
  const address = formatAddress(peer.address);
  if (peer.vpnInstance !== undefined) {
    context.note(device.file, `not checked: the route to the IKE peer ${address} of ${entry.id} is in VPN instance "${peer.vpnInstance}"`);
    return;
  }
  const lookup = device.routeFor(peer.address);
  const profile = entry.kind === 'profile';
  const bound = profile ? entry.localAddress.interface : entry.interfaces[0];
  const data = {
    kind: profile ? 'profile' : 'policy',
    policy: profile ? entry.group : `${entry.group} ${entry.seq}`,
    peer: address,
    interface: (bound ?? entry.interfaces[0]).name.value,
  };
  const base = { range: peer.range, objectPath: `${entry.id}/ike-route:${address}`, related: peer.there ? [peer.there] : [] };
  if (lookup.interfaces.length === 0) {
    if (lookup.routes.length > 0) context.note(device.file, `cannot verify the route to the IKE peer ${address} of ${entry.id}: the next hop is not in a connected subnet`);
    else context.report({ ...base, messageId: 'noRoute', data, ...hostRouteFix(device, profile ? bound : entry.interfaces[0], peer, 'safe') });
    return;
  }
  // Route-based tunnels: the IKE packets leave by the physical interface, whichever it is.
  if (profile) return;
  const boundKeys = new Set(entry.interfaces.map((iface) => iface.key));
  const egressKeys = lookup.interfaces.map(egressKey);
  // One equal-cost route through the bound interface is enough here (ecmp-routes-without-tunnel-local covers ECMP).
  if (egressKeys.some((key) => boundKeys.has(key))) return;
  if (hasUnresolvedNextHop(device, lookup)) {
    context.note(device.file, `cannot verify the route to the IKE peer ${address} of ${entry.id}: a next hop is not in a connected subnet`);
    return;
  }
  const egress = egressName(lookup.interfaces[0]);
  context.report({
    ...base,
    messageId: 'wrongEgress',
    severity: 'warning',
    data: { ...data, egress },
    related: [
      ...base.related,
      ...lookup.routes.map((route) => ({ file: device.file, range: route.range, message: `This route sends ${address} out of ${egress}.` })),
    ],
    ...hostRouteFix(device, entry.interfaces[0], peer, 'unsafe'),
  });
}

const rule: DeviceRule = {
  meta: {
    id: 'route-missing-to-ike-peer',
    description: 'No route sends IKE packets to the IPSec peer out of the interface carrying the IPSec policy',
    scope: 'device',
    relatesOtherDevices: true,
    defaultSeverity: 'error',
    presets: ['recommended'],
    tags: ['routing', 'ike-negotiation'],
    breaks: 'ike',
    messages: {
      noRoute:
        'No route covers the IKE peer "{{peer}}" of IPSec {{kind}} "{{policy}}", so IKE negotiation packets cannot reach the peer and the tunnel never comes up; add a static route to "{{peer}}" via the next hop of "{{interface}}".',
      wrongEgress:
        'The route to the IKE peer "{{peer}}" of IPSec policy "{{policy}}" leaves through "{{egress}}", not "{{interface}}" where the policy is applied, so IKE negotiation packets leave by the wrong interface, with another source address, and the peer drops or never sees them; add a static route to "{{peer}}" via the next hop of "{{interface}}".',
    },
    optionsSchema: NO_OPTIONS,
    reasons: ['max transmit reached'],
    fixable: true,
    since: '0.1.0',
  },
  check(context: DeviceRuleContext) {
    const { device } = context;
    if (runsDynamicRouting(device.ast)) {
      context.note(device.file, 'cannot verify the routes to IKE peers: the device runs dynamic routing');
      return;
    }
    if (device.ast.routes.length === 0 && device.ast.ipv6Routes.length === 0 && device.entries.length > 0) {
      // Excerpts posted without their routing section: no route at all says nothing about the device.
      context.note(device.file, 'not checked: the configuration has no static routes');
      return;
    }
    for (const entry of context.entries) {
      if (entry.disabled || entry.interfaces.length === 0 || entry.role === 'manual') continue;
      for (const peer of peersOf(entry, respondedEnds(context, entry), device)) checkPeer(context, entry, peer);
    }
  },
};

export default rule;
