import type { InterfaceNode, RouteNode } from '../../src/ast/types.js';
import { interfaceKey } from '../../src/model/lookups.js';
import type { Device } from '../../src/model/types.js';
import { formatAddress } from '../../src/flow/address.js';
import type { ChangeSpec, FixApplicability } from '../types.js';

/**
 * The next hop the device already uses out of `iface`: the one next hop (in one of the interface's
 * connected subnets) of its public IPv4 static routes leaving through that interface. Undefined when
 * no route names one, or routes name several (which one a new route should take is a choice).
 */
export function knownNextHop(device: Device, iface: InterfaceNode): number | undefined {
  const hops = new Set<number>();
  for (const route of device.ast.routes) {
    if (route.vpnInstance || route.toPublic || route.nextHop === undefined) continue;
    if (route.interface && interfaceKey(route.interface.value) !== iface.key) continue;
    if (device.routeFor(route.nextHop.value).direct?.key !== iface.key) continue;
    hops.add(route.nextHop.value);
  }
  return hops.size === 1 ? [...hops][0] : undefined;
}

/** The last public IPv4 static route line: a new route goes after it, as its sibling (same indentation). */
function lastRoute(device: Device): RouteNode | undefined {
  const routes = device.ast.routes.filter((route) => !route.vpnInstance);
  return routes.reduce<RouteNode | undefined>((last, route) => (!last || route.range.line > last.range.line ? route : last), undefined);
}

/** The `ip route-static` line (without indentation) to `destination`/`mask` via `nextHop`. */
export function routeLine(destination: number, mask: number, nextHop: number): string {
  return `ip route-static ${formatAddress(destination)} ${formatAddress(mask)} ${formatAddress(nextHop)}`;
}

/**
 * A change adding `ip route-static destination mask <next hop of iface>` next to the device's other
 * static routes, when the next hop is known (see `knownNextHop`); undefined otherwise.
 */
export function staticRouteChange(
  device: Device,
  iface: InterfaceNode,
  destination: number,
  mask: number,
  applicability: FixApplicability,
): { change: ChangeSpec; line: string } | undefined {
  const nextHop = knownNextHop(device, iface);
  return nextHop === undefined ? undefined : staticRouteChangeVia(device, destination, mask, nextHop, applicability);
}

/**
 * A change adding `ip route-static destination mask nextHop` after the device's last public IPv4
 * static route (as its sibling); undefined when the device has none to place it by.
 */
export function staticRouteChangeVia(
  device: Device,
  destination: number,
  mask: number,
  nextHop: number,
  applicability: FixApplicability,
): { change: ChangeSpec; line: string } | undefined {
  const after = lastRoute(device);
  if (!after) return undefined;
  const line = routeLine((destination & mask) >>> 0, mask, nextHop);
  return { line, change: { file: device.file, applicability, edits: [{ kind: 'insert', line: after.range.line, lines: [line] }] } };
}
