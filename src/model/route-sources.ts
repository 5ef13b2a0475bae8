import type { ConfigAst, PolicySettings } from '../ast/types.js';

const DYNAMIC_PROTOCOLS = new Set(['ospf', 'ospfv3', 'bgp', 'rip', 'ripng', 'isis']);

/**
 * True when the device runs a dynamic routing protocol (an `ospf`, `bgp`, `rip` or `isis` view):
 * its routing table then holds routes the configuration does not show.
 */
export function runsDynamicRouting(ast: ConfigAst): boolean {
  return ast.generic.some((statement) => {
    const head = statement.view.length > 0 ? statement.view[0].split(/\s+/)[0] : statement.tokens[0]?.value;
    return head !== undefined && DYNAMIC_PROTOCOLS.has(head.toLowerCase());
  });
}

/**
 * True when an IPSec policy view contains `route inject …`: the device installs routes to the
 * peer's protected subnets itself once the SA is up.
 */
export function injectsRoutes(node: Pick<PolicySettings, 'routeInject'>): boolean {
  return node.routeInject !== undefined;
}
