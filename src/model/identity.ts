import type { Val } from '../ast/types.js';
import { formatIpv4, parseIpv4 } from '../flow/ipv4.js';
import type { Range } from '../text/range.js';
import type { Device, PolicyEntry } from './types.js';

/** The identity an end sends in IKE: its type and value, and the line that decides each. */
export interface LocalIdentity {
  type: string;
  typeRange?: Range;
  /** Unknown when a name end has no `local-id`, no `ike local-name` and (for FQDN) no `sysname`. */
  value?: string;
  valueRange?: Range;
}

const NAME_TYPES = new Set(['fqdn', 'user-fqdn']);

/**
 * IP identity: the peer `local-id` if it is an address, else the entry's local address.
 * FQDN/user-FQDN identity: the peer `local-id`, else the global `ike local-name`; an FQDN end
 * without either sends its `sysname` (guide FAQ: "If ike local-name is not specified, the host
 * name (namely, sysname) will apply").
 */
export function localIdentity(device: Device, entry: PolicyEntry): LocalIdentity | undefined {
  const peer = entry.ikePeer;
  const settings = entry.peerSettings;
  if (!peer || !settings || settings.localIdType.source === 'unknown') return undefined;
  const type = settings.localIdType.value;
  const typeRange = settings.localIdType.source === 'explicit' ? settings.localIdType.range : undefined;
  if (type === 'ip') {
    const explicit = peer.localId && parseIpv4(peer.localId.value.trim());
    if (peer.localId && explicit !== undefined) return { type, typeRange, value: formatIpv4(explicit), valueRange: peer.localId.range };
    const local = entry.localAddress.value;
    if (local.source === 'unknown') return { type, typeRange };
    return { type, typeRange, value: formatIpv4(local.value), valueRange: local.source === 'explicit' ? local.range : undefined };
  }
  if (NAME_TYPES.has(type)) {
    const { ikeLocalName, sysname } = device.ast.globals;
    const name: Val<string> | undefined = peer.localId ?? ikeLocalName ?? (type === 'fqdn' ? sysname : undefined);
    return name ? { type, typeRange, value: name.value, valueRange: name.range } : { type, typeRange };
  }
  return { type, typeRange, value: peer.localId?.value, valueRange: peer.localId?.range };
}

export interface IdentityProblem {
  kind: 'remote-id-type' | 'remote-id';
  /** The line on the checking end (its `remote-id-type` or `remote-id`). */
  range: Range;
  expected: string;
  actual: string;
}

/**
 * Whether the checking peer's `remote-id-type` / `remote-id` accept the identity the other end
 * sends. Unknown values and absent lines (any identity accepted) give no problem.
 */
export function remoteIdentityProblem(checking: PolicyEntry, sent: LocalIdentity | undefined): IdentityProblem | undefined {
  const peer = checking.ikePeer;
  if (!peer || !sent) return undefined;
  const wantedType = peer.remoteIdType?.value.toLowerCase();
  if (peer.remoteIdType && wantedType !== 'any' && wantedType !== sent.type) {
    return { kind: 'remote-id-type', range: peer.remoteIdType.range, expected: peer.remoteIdType.value, actual: sent.type };
  }
  if (!peer.remoteId || sent.value === undefined) return undefined;
  const wanted = peer.remoteId.value.trim();
  if (sent.type === 'ip') {
    const address = parseIpv4(wanted);
    if (address === undefined) return { kind: 'remote-id', range: peer.remoteId.range, expected: wanted, actual: sent.value };
    return formatIpv4(address) === sent.value ? undefined : { kind: 'remote-id', range: peer.remoteId.range, expected: wanted, actual: sent.value };
  }
  return wanted === sent.value ? undefined : { kind: 'remote-id', range: peer.remoteId.range, expected: wanted, actual: sent.value };
}
