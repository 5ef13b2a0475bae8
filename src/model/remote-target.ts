import type { Address } from '../flow/address.js';
import type { ConfigAst } from '../ast/types.js';
import type { PolicyEntry, RemoteTarget } from './types.js';

/**
 * The one address a remote target names, or undefined for a `remote-address low high` range wider
 * than one address (pairing, routes and security checks need a single peer address).
 */
export function singleTargetAddress(target: Pick<RemoteTarget, 'address' | 'high'>): Address | undefined {
  return target.high === undefined || target.high === target.address ? target.address : undefined;
}

/** The address an entry negotiates from, when the model knows it. */
export function knownLocalAddress(entry: Pick<PolicyEntry, 'localAddress'>): Address | undefined {
  const local = entry.localAddress.value;
  return local.source === 'unknown' ? undefined : local.value;
}

/**
 * The device's own `ip host NAME A` entry for a host name (names compare case-insensitively): how a
 * `remote-address host-name` resolves without DNS.
 */
export function ipHostEntry(ast: ConfigAst, name: string): NonNullable<ConfigAst['globals']['ipHosts']>[number] | undefined {
  const wanted = name.toLowerCase();
  return (ast.globals.ipHosts ?? []).find((host) => host.name.value.toLowerCase() === wanted);
}
