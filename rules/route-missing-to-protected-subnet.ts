import { containsPoint, cubePrefixLength, firstAddress, isIpv6Cube, lastAddress } from '../src/flow/cube.js';
import { type Address, cubeContainsAddress, cubeFirstAddress, cubeLastAddress, formatAddress } from '../src/flow/address.js';
import { interfaceKey } from '../src/model/lookups.js';
import { injectsRoutes, runsDynamicRouting } from '../src/model/route-sources.js';
import type { PolicyEntry, RouteLookup, RuleFlow } from '../src/model/types.js';
import type { Box } from '../src/flow/flow.js';
import type { DeviceRule, DeviceRuleContext, FixApplicability, Report } from './types.js';
import { staticRouteChange } from './_lib/route-fix.js';
import { NO_OPTIONS } from './_lib/options.js';
import { egressKey, egressName } from './_lib/route-egress.js';

type Verdict =
  | { kind: 'ok' }
  | { kind: 'unresolved' }
  | { kind: 'missing'; destination: Address }
  | { kind: 'elsewhere'; destination: Address; lookup: RouteLookup; egress: string };

function verdictFor(context: DeviceRuleContext, entry: PolicyEntry, destination: Address): Verdict {
  const lookup = context.device.routeFor(destination);
  const bound = new Set(entry.interfaces.map((iface) => iface.key));
  const keys = lookup.interfaces.map(egressKey);
  if (keys.some((key) => bound.has(key))) return { kind: 'ok' };
  if (lookup.interfaces.length === 0) return lookup.routes.length > 0 ? { kind: 'unresolved' } : { kind: 'missing', destination };
  return { kind: 'elsewhere', destination, lookup, egress: egressName(lookup.interfaces[0]) };
}

/** Start addresses of every static route and connected subnet: the points where the routing decision can change. */
function routingBoundaries(context: DeviceRuleContext): Boundaries {
  const { ast } = context.device;
  const starts = ast.routes.filter((route) => !route.vpnInstance).map((route) => (route.destination.value & route.mask.value) >>> 0);
  for (const iface of ast.interfaces) for (const address of iface.addresses) starts.push((address.address.value & address.mask.value) >>> 0);
  const byAddress = starts.map((_, i) => i).sort((a, b) => starts[a] - starts[b]);
  const starts6 = ast.ipv6Routes.filter((route) => !route.vpnInstance).map((route) => route.destination.value);
  for (const iface of ast.interfaces) {
    for (const address of iface.ipv6Addresses ?? []) if (address.form === 'global' && address.address) starts6.push(address.address.value);
  }
  return { starts, byAddress, starts6 };
}

/** Boundaries in listing order, plus their positions sorted by address for range look-ups. */
interface Boundaries {
  starts: number[];
  byAddress: number[];
  /** IPv6 route destinations and interface prefixes (canonical text; IPv6 route tables are short). */
  starts6: string[];
}

/** Destinations to try in an IPv6 cube: its first and last address and every IPv6 route or prefix start inside it. */
function points6(boundaries: Boundaries, cube: Box['dst']): Address[] {
  return [cubeFirstAddress(cube), ...boundaries.starts6.filter((start) => cubeContainsAddress(cube, start)), cubeLastAddress(cube)];
}

/** Boundaries inside `cube`, in listing order: a binary search narrows them to the cube's address range (thousands of routes and ACL rules). */
function boundariesInside(boundaries: Boundaries, cube: Box['dst']): number[] {
  const { starts, byAddress } = boundaries;
  const low = firstAddress(cube);
  const high = lastAddress(cube);
  let lo = 0;
  let hi = byAddress.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[byAddress[mid]] < low) lo = mid + 1;
    else hi = mid;
  }
  const positions: number[] = [];
  for (let i = lo; i < byAddress.length && starts[byAddress[i]] <= high; i++) {
    if (containsPoint(cube, starts[byAddress[i]])) positions.push(byAddress[i]);
  }
  return positions.sort((a, b) => a - b).map((position) => starts[position]);
}

/** The first destination of an ACL rule that does not leave through the policy's interface. */
function firstProblem(context: DeviceRuleContext, entry: PolicyEntry, flow: RuleFlow, boundaries: Boundaries): Verdict {
  for (const box of flow.effective.boxes) {
    const points: Address[] = isIpv6Cube(box.dst) ? points6(boundaries, box.dst) : [firstAddress(box.dst), ...boundariesInside(boundaries, box.dst), lastAddress(box.dst)];
    for (const destination of new Set(points)) {
      // A destination on the rule's own local side (`destination any`) is local traffic, not tunnel traffic.
      if (cubeContainsAddress(box.src, destination)) continue;
      const verdict = verdictFor(context, entry, destination);
      if (verdict.kind !== 'ok') return verdict;
    }
  }
  return { kind: 'ok' };
}

/**
 * A route to the ACL rule's remote prefix (the box holding `destination`) via the next hop the device
 * already uses out of the policy's interface. Safe where nothing routed the destination; where a
 * route sends it elsewhere, unsafe and only when the new route is more specific than that route (so
 * it takes over just the protected prefix).
 */
function subnetRouteFix(context: DeviceRuleContext, entry: PolicyEntry, flow: RuleFlow, verdict: Verdict): Pick<Report, 'fix'> {
  if (verdict.kind !== 'missing' && verdict.kind !== 'elsewhere') return {};
  const { destination } = verdict;
  if (typeof destination !== 'number') return {};
  const box = flow.effective.boxes.find((b) => !isIpv6Cube(b.dst) && containsPoint(b.dst, destination));
  const length = box ? cubePrefixLength(box.dst) : undefined;
  if (!box || length === undefined || length === 0) return {};
  let applicability: FixApplicability = 'safe';
  if (verdict.kind === 'elsewhere') {
    const wider = verdict.lookup.routes.every((route) => route.kind === 'route' && route.mask.value !== 0xffffffff && ((route.mask.value & box.dst.care) >>> 0) === route.mask.value && route.mask.value !== box.dst.care);
    if (!wider || verdict.lookup.routes.length === 0) return {};
    applicability = 'unsafe';
  }
  const route = staticRouteChange(context.device, entry.interfaces[0], box.dst.value, box.dst.care, applicability);
  return route ? { fix: route.change } : {};
}

/** Route-based tunnels protect whatever is routed into the tunnel interface: at least one route must point there. */
function checkRouteBased(context: DeviceRuleContext, entry: PolicyEntry, dynamic: boolean): void {
  const { device } = context;
  for (const tunnel of entry.interfaces) {
    const binding = tunnel.ipsecProfile;
    if (!binding) continue;
    const routed = device.ast.routes.some(
      (route) =>
        !route.vpnInstance &&
        (route.interface ? interfaceKey(route.interface.value) === tunnel.key : route.nextHop !== undefined && device.routeFor(route.nextHop.value).direct === tunnel),
    );
    if (routed) continue;
    if (dynamic) {
      context.note(device.file, `cannot verify the routes into ${tunnel.name.value}: the device runs dynamic routing`);
      continue;
    }
    context.report({
      range: binding.range,
      messageId: 'noRouteIntoTunnel',
      data: { interface: tunnel.name.value, profile: entry.group },
      objectPath: `${tunnel.path}/route`,
    });
  }
}

const rule: DeviceRule = {
  meta: {
    id: 'route-missing-to-protected-subnet',
    description: 'No route sends a remote protected subnet out of the interface carrying the IPSec policy',
    scope: 'device',
    defaultSeverity: 'error',
    presets: ['recommended'],
    tags: ['routing', 'service-interruption'],
    breaks: 'traffic',
    messages: {
      noRoute:
        'No route covers the remote protected destination {{destination}} of IPSec policy "{{policy}}", so the device drops that traffic instead of sending it out of {{interface}} into the tunnel; add a static route to it via the next hop of {{interface}}.',
      noRouteIntoTunnel:
        'No route points into {{interface}}, which carries IPSec profile "{{profile}}", so no traffic enters this route-based tunnel; add a static route to the remote protected subnets via {{interface}}.',
      wrongEgress:
        'The route to the remote protected destination {{destination}} of IPSec policy "{{policy}}" leaves through {{egress}}, not {{interface}} where the policy is applied, so that traffic never enters the tunnel; add a more specific static route via the next hop of {{interface}}.',
    },
    fixable: true,
    optionsSchema: NO_OPTIONS,
    since: '0.1.0',
  },
  check(context: DeviceRuleContext) {
    const { device } = context;
    if (device.ast.routes.length === 0 && device.ast.ipv6Routes.length === 0 && device.entries.length > 0) {
      // Excerpts posted without their routing section: no route at all says nothing about the device.
      context.note(device.file, 'not checked: the configuration has no static routes');
      return;
    }
    const dynamic = runsDynamicRouting(device.ast);
    const boundaries = routingBoundaries(context);
    for (const entry of device.entries) {
      if (entry.disabled || entry.interfaces.length === 0) continue;
      if (entry.kind === 'profile') {
        checkRouteBased(context, entry, dynamic);
        continue;
      }
      if (injectsRoutes(entry.node) || (entry.template && injectsRoutes(entry.template))) continue;
      const vpn = entry.interfaces[0].vpnBinding?.name.value ?? entry.ikePeer?.saBindingVpnInstance?.value;
      if (vpn !== undefined) {
        // Routes of a VPN instance ("ip route-static vpn-instance V") are not in the tables fwlint reads.
        context.note(device.file, `not checked: the routes of ${entry.id} are in VPN instance "${vpn}"`);
        continue;
      }
      const policy = `${entry.group} ${entry.seq}`;
      const interfaceName = entry.interfaces[0].name.value;
      for (const flow of entry.ruleFlows) {
        const verdict = firstProblem(context, entry, flow, boundaries);
        if (verdict.kind === 'ok') continue;
        if (verdict.kind === 'unresolved' || dynamic) {
          context.note(device.file, `cannot verify the route for ${flow.rule.path}: ${dynamic ? 'the device runs dynamic routing' : 'the next hop is not in a connected subnet'}`);
          continue;
        }
        const data = { destination: formatAddress(verdict.destination), policy, interface: interfaceName };
        if (verdict.kind === 'missing') {
          context.report({ range: flow.rule.range, messageId: 'noRoute', data, objectPath: `${flow.rule.path}/route`, ...subnetRouteFix(context, entry, flow, verdict) });
          continue;
        }
        context.report({
          range: flow.rule.range,
          messageId: 'wrongEgress',
          data: { ...data, egress: verdict.egress },
          objectPath: `${flow.rule.path}/route`,
          related: verdict.lookup.routes.map((route) => ({ file: device.file, range: route.range, message: `This route sends ${data.destination} out of ${verdict.egress}.` })),
          ...subnetRouteFix(context, entry, flow, verdict),
        });
      }
    }
  },
};

export default rule;
