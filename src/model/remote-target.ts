import type { Address } from '../flow/address.js';
import type { RemoteTarget } from './types.js';

/**
 * The one address a remote target names, or undefined for a `remote-address low high` range wider
 * than one address (pairing, routes and security checks need a single peer address).
 */
export function singleTargetAddress(target: Pick<RemoteTarget, 'address' | 'high'>): Address | undefined {
  return target.high === undefined || target.high === target.address ? target.address : undefined;
}
