import { interfaceKey } from '../../src/model/lookups.js';
import type { RouteLookup } from '../../src/model/types.js';

/** An egress of a route look-up: a configured interface, or a name the configuration only mentions in a route. */
type Egress = RouteLookup['interfaces'][number];

export function egressName(egress: Egress): string {
  return typeof egress === 'string' ? egress : egress.name.value;
}

/** The key interfaces are compared by (`interfaceKey`), for configured and route-only names alike. */
export function egressKey(egress: Egress): string {
  return typeof egress === 'string' ? interfaceKey(egress) : egress.key;
}
