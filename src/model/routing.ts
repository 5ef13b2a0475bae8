import type { ConfigAst, InterfaceNode, Ipv6RouteNode, RouteNode } from '../ast/types.js';
import { popcount, prefixToMask } from '../flow/ipv4.js';
import { type Ipv6Words, formatIpv6, ipv6Network } from '../flow/ipv6.js';
import { type Address, ipv6WordsOf } from '../flow/address.js';
import type { DefaultsTable } from './defaults.js';
import { interfaceKey, type Lookups } from './lookups.js';
import type { RouteLookup } from './types.js';

interface ConnectedSubnet {
  iface: InterfaceNode;
}

/**
 * Longest-prefix-match routing table of one device (public instance only): static routes plus
 * connected subnets of the interfaces. Indexed by prefix length, so a look-up costs 33 map probes.
 */
export class RoutingTable {
  private readonly routes = new Map<number, Map<number, RouteNode[]>>();
  private readonly connected = new Map<number, Map<number, ConnectedSubnet[]>>();
  private readonly lengths: number[];
  /** IPv6: `ipv6 route-static` lines and the interfaces' global and link-local prefixes, keyed by canonical network text. */
  private readonly routes6 = new Map<number, Map<string, Ipv6RouteNode[]>>();
  private readonly connected6 = new Map<number, Map<string, ConnectedSubnet[]>>();
  private readonly lengths6: number[];

  constructor(
    ast: ConfigAst,
    private readonly lookups: Lookups,
    private readonly defaults: DefaultsTable,
  ) {
    const lengthSet = new Set<number>();
    for (const route of ast.routes) {
      if (route.vpnInstance) continue;
      const length = popcount(route.mask.value);
      const network = (route.destination.value & route.mask.value) >>> 0;
      push(this.routes, length, network, route);
      lengthSet.add(length);
    }
    for (const iface of ast.interfaces) {
      if (iface.shutdown) continue;
      for (const address of iface.addresses) {
        const length = popcount(address.mask.value);
        const network = (address.address.value & address.mask.value) >>> 0;
        push(this.connected, length, network, { iface });
        lengthSet.add(length);
      }
    }
    this.lengths = [...lengthSet].sort((a, b) => b - a);
    const lengthSet6 = new Set<number>();
    for (const route of ast.ipv6Routes) {
      if (route.vpnInstance) continue;
      push(this.routes6, route.length.value, route.destination.value, route);
      lengthSet6.add(route.length.value);
    }
    for (const iface of ast.interfaces) {
      if (iface.shutdown) continue;
      for (const address of iface.ipv6Addresses ?? []) {
        if (!address.address || !address.length) continue;
        push(this.connected6, address.length.value, formatIpv6(ipv6Network(ipv6WordsOf(address.address.value), address.length.value)), { iface });
        lengthSet6.add(address.length.value);
      }
    }
    this.lengths6 = [...lengthSet6].sort((a, b) => b - a);
  }

  lookup(address: Address): RouteLookup {
    if (typeof address === 'string') return this.lookup6(ipv6WordsOf(address));
    for (const length of this.lengths) {
      const network = (address & prefixToMask(length)) >>> 0;
      const direct = this.connected.get(length)?.get(network);
      if (direct && direct.length > 0) {
        return { routes: [], interfaces: [direct[0].iface], direct: direct[0].iface, ecmp: false };
      }
      const candidates = this.routes.get(length)?.get(network);
      if (candidates && candidates.length > 0) return this.select(candidates);
    }
    return { routes: [], interfaces: [], ecmp: false };
  }

  private lookup6(address: Ipv6Words): RouteLookup {
    for (const length of this.lengths6) {
      const network = formatIpv6(ipv6Network(address, length));
      const direct = this.connected6.get(length)?.get(network);
      if (direct && direct.length > 0) return { routes: [], interfaces: [direct[0].iface], direct: direct[0].iface, ecmp: false };
      const candidates = this.routes6.get(length)?.get(network);
      if (candidates && candidates.length > 0) return this.select(candidates);
    }
    return { routes: [], interfaces: [], ecmp: false };
  }

  private select(candidates: (RouteNode | Ipv6RouteNode)[]): RouteLookup {
    const preference = (route: RouteNode | Ipv6RouteNode) => route.preference?.value ?? this.defaults.routePreference;
    const best = Math.min(...candidates.map(preference));
    const routes = candidates.filter((route) => preference(route) === best);
    const interfaces: (InterfaceNode | string)[] = [];
    const egressKeys = new Set<string>();
    for (const route of routes) {
      const egress = this.egressOf(route);
      const key = egress === undefined ? `nexthop:${route.nextHop?.value ?? ''}` : typeof egress === 'string' ? interfaceKey(egress) : egress.key;
      if (egressKeys.has(key)) continue;
      egressKeys.add(key);
      if (egress !== undefined) interfaces.push(egress);
    }
    return { routes, interfaces, ecmp: routes.length > 1 && egressKeys.size > 1 };
  }

  private egressOf(route: RouteNode | Ipv6RouteNode): InterfaceNode | string | undefined {
    if (route.interface) return this.lookups.interface(route.interface.value) ?? route.interface.value;
    if (route.kind === 'ipv6-route') {
      if (!route.nextHop) return undefined;
      const hop = this.lookup6(ipv6WordsOf(route.nextHop.value));
      return hop.direct;
    }
    if (route.nextHop) {
      for (const length of this.lengths) {
        const network = (route.nextHop.value & prefixToMask(length)) >>> 0;
        const direct = this.connected.get(length)?.get(network);
        if (direct && direct.length > 0) return direct[0].iface;
      }
    }
    return undefined;
  }
}

function push<K, T>(index: Map<number, Map<K, T[]>>, length: number, network: K, item: T): void {
  let byNetwork = index.get(length);
  if (!byNetwork) {
    byNetwork = new Map();
    index.set(length, byNetwork);
  }
  const list = byNetwork.get(network);
  if (list) list.push(item);
  else byNetwork.set(network, [item]);
}
