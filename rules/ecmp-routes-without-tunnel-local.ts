import type { InterfaceNode } from '../src/ast/types.js';
import { interfaceKey } from '../src/model/lookups.js';
import { formatAddress } from '../src/flow/address.js';
import { formatIpv4 } from '../src/flow/ipv4.js';
import type { Device, PolicyEntry, RouteLookup } from '../src/model/types.js';
import type { DeviceRule, DeviceRuleContext, Report } from './types.js';
import { NO_OPTIONS } from './_lib/options.js';
import { egressName } from './_lib/route-egress.js';
import { staticRouteChangeVia } from './_lib/route-fix.js';
import { tunnelLocalInsert } from './_lib/tunnel-local-fix.js';
import { singleTargetAddress } from '../src/model/remote-target.js';

type Suggestion = NonNullable<Report['suggestions']>[number];

function egressNames(lookup: RouteLookup): string {
  return lookup.interfaces.map(egressName).join(' and ');
}

/**
 * The next hop of the equal-cost routes leaving through `iface`: their one next hop (a route naming
 * the interface, or whose next hop is in its subnet); undefined when none names one, or they name several.
 */
function nextHopOutOf(device: Device, lookup: RouteLookup, iface: InterfaceNode): number | undefined {
  const hops = new Set<number>();
  for (const route of lookup.routes) {
    if (route.kind !== 'route' || route.vpnInstance || route.toPublic) continue;
    const key = route.interface ? interfaceKey(route.interface.value) : route.nextHop && device.routeFor(route.nextHop.value).direct?.key;
    if (key !== iface.key) continue;
    if (route.nextHop === undefined) return undefined;
    hops.add(route.nextHop.value);
  }
  return hops.size === 1 ? [...hops][0] : undefined;
}

/**
 * Unsafe (a choice): a host route to the peer via the next hop the equal-cost routes use out of the
 * policy's interface, placed after the last static route.
 */
function hostRouteSuggestion(device: Device, lookup: RouteLookup, iface: InterfaceNode, peer: number): Suggestion | undefined {
  const nextHop = nextHopOutOf(device, lookup, iface);
  const route = nextHop === undefined ? undefined : staticRouteChangeVia(device, peer, 0xffffffff, nextHop, 'unsafe');
  if (!route || nextHop === undefined) return undefined;
  return {
    desc: `Add the host route "${route.line}": IKE and ESP packets to ${formatIpv4(peer)} then leave only through ${iface.name.value}, via ${formatIpv4(nextHop)}, the next hop of its equal-cost route`,
    change: route.change,
  };
}

/**
 * Unsafe (a choice): `tunnel local <address of the policy's interface>` in the policy view, when that
 * address is a fixed one of the configuration (not borrowed, negotiated or leased).
 */
function tunnelLocalSuggestion(entry: PolicyEntry, iface: InterfaceNode): Suggestion | undefined {
  const local = entry.localAddress;
  if (local.via !== 'interface' || local.value.source !== 'explicit' || local.interface !== iface || iface.dynamicAddress) return undefined;
  const address = formatAddress(local.value.value);
  return {
    desc: `Add "tunnel local ${address}" to IPSec policy "${entry.group} ${entry.seq}": IKE and ESP packets are then sourced from ${address}, the address of ${iface.name.value}, instead of the address of whichever interface the equal-cost routes pick (the peer's remote-address must name ${address})`,
    change: { applicability: 'unsafe', edits: [tunnelLocalInsert(entry, address)] },
  };
}

const rule: DeviceRule = {
  meta: {
    id: 'ecmp-routes-without-tunnel-local',
    description: 'Equal-cost routes through different interfaces lead to the IKE peer of a policy without "tunnel local"',
    scope: 'device',
    defaultSeverity: 'warning',
    presets: ['recommended'],
    tags: ['routing', 'multi-homing', 'service-interruption'],
    breaks: 'traffic',
    messages: {
      ecmp:
        'Equal-cost routes through {{interfaces}} lead to the IKE peer {{peer}} and IPSec policy "{{policy}}" has no "tunnel local", so IPSec packets may leave through the provider that does not carry this tunnel and be dropped; add a specific route to {{peer}} via the next hop of {{interface}}.',
    },
    optionsSchema: NO_OPTIONS,
    reasons: ['peer address mismatch'],
    hasSuggestions: true,
    since: '0.1.0',
  },
  check(context: DeviceRuleContext) {
    const { device } = context;
    for (const entry of device.entries) {
      if (entry.kind === 'profile' || entry.disabled || entry.interfaces.length === 0 || entry.settingsNode.tunnelLocal) continue;
      // the IKE peer's 'local-address' fixes the source address as 'tunnel local' does
      if (entry.localAddress.via === 'peer-local-address') continue;
      for (const target of entry.remoteTargets) {
        if (singleTargetAddress(target) === undefined) continue;
        const lookup = device.routeFor(target.address);
        if (!lookup.ecmp) continue;
        const peer = formatAddress(target.address);
        const iface = entry.interfaces[0];
        const suggestions = [
          typeof target.address === 'number' ? hostRouteSuggestion(device, lookup, iface, target.address) : undefined,
          tunnelLocalSuggestion(entry, iface),
        ].filter((s): s is Suggestion => s !== undefined);
        context.report({
          range: entry.node.range,
          messageId: 'ecmp',
          data: { interfaces: egressNames(lookup), peer, policy: `${entry.group} ${entry.seq}`, interface: iface.name.value },
          objectPath: `${entry.id}/ecmp:${peer}`,
          related: lookup.routes.map((route) => ({ file: device.file, range: route.range, message: `Equal-cost route to ${peer}.` })),
          ...(suggestions.length > 0 ? { suggestions } : {}),
        });
        break;
      }
    }
  },
};

export default rule;
