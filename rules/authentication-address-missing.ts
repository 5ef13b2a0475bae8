import type { RemoteAddress } from '../src/ast/types.js';
import { localIdentity } from '../src/model/identity.js';
import { type Address, addressInRange, addressKey, formatAddress, isPrivateAddress, parseAddress } from '../src/flow/address.js';
import type { TunnelEnd } from '../src/network/types.js';
import type { Range } from '../src/text/range.js';
import type { TunnelRule } from './_lib/tunnel-ends.js';
import { NO_OPTIONS } from './_lib/options.js';
import type { ChangeEdit } from './types.js';

function covers(line: RemoteAddress, address: Address): boolean {
  if (!line.address) return false;
  return addressInRange(address, line.address.value, line.high?.value);
}

/** The line that sets the private end's address: its interface `ip address` line, else the `tunnel local` line. */
function privateAddressRange(end: TunnelEnd, address: Address): Range | undefined {
  const fact = end.device.ownerFacts(address).find((f) => f.kind === 'interface') ?? end.device.ownerFacts(address)[0];
  if (fact) return fact.range;
  return end.localAddress.source === 'explicit' ? end.localAddress.range : undefined;
}

const rule: TunnelRule = {
  meta: {
    id: 'authentication-address-missing',
    description: 'The public end of a NATed ISAKMP tunnel does not accept the private address the other end identifies with',
    scope: 'tunnel',
    defaultSeverity: 'error',
    presets: ['recommended', 'strict'],
    tags: ['ike', 'nat', 'identity', 'two-end'],
    breaks: 'ike',
    messages: {
      missing:
        '{{other}} sits behind NAT and identifies itself with its private address "{{address}}", but IKE peer "{{peer}}" has no "remote-address authentication-address" for it: authentication fails with "peer address mismatch"; add "remote-address authentication-address {{address}}" (or use a policy template here).',
    },
    fixable: true,
    optionsSchema: NO_OPTIONS,
    reasons: ['authentication fail', 'config ID mismatch', 'peer address mismatch'],
    since: '0.1.0',
  },
  check(context) {
    const { tunnel } = context;
    if (!tunnel.nat.present) return;
    if (tunnel.ends.some((end) => end.entry.role !== 'isakmp' || !end.entry.ikePeer)) return;
    const addresses = tunnel.ends.map((end) => (end.localAddress.source === 'unknown' ? undefined : addressKey(end.localAddress.value)));
    if (addresses[0] === undefined || addresses[1] === undefined) {
      context.note(tunnel.ends[0].device.file, `cannot verify the authentication address of ${tunnel.id}: a local address is unknown`);
      return;
    }
    if (isPrivateAddress(addresses[0]) === isPrivateAddress(addresses[1])) return;
    const [privateEnd, publicEnd] = isPrivateAddress(addresses[0]) ? [tunnel.ends[0], tunnel.ends[1]] : [tunnel.ends[1], tunnel.ends[0]];
    const types = tunnel.ends.map((end) => end.entry.peerSettings?.localIdType);
    if (types.some((t) => !t || t.source === 'unknown')) {
      context.note(publicEnd.device.file, `cannot verify the authentication address of ${tunnel.id}: the local ID type is unknown`);
      return;
    }
    if (types.some((t) => t?.source !== 'unknown' && t?.value !== 'ip')) return;
    const identity = localIdentity(privateEnd.device, privateEnd.entry);
    const sent = identity?.value !== undefined ? parseAddress(identity.value) : undefined;
    if (sent === undefined || !isPrivateAddress(sent)) return;
    const peer = publicEnd.entry.ikePeer;
    if (!peer) return;
    if (publicEnd.entry.remoteAddresses.some((line) => line.kind !== 'host-name' && covers(line, sent))) return;
    const remoteLine = publicEnd.remoteAddressLine ?? publicEnd.entry.remoteAddresses.find((line) => line.kind === 'address');
    const related = privateEnd.entry.ikePeer?.localId ? identity?.valueRange : privateAddressRange(privateEnd, sent);
    // Safe: an authentication address only widens the identities this peer accepts to the one the other end sends.
    const line = `remote-address authentication-address ${formatAddress(sent)}`;
    const edit: ChangeEdit = remoteLine
      ? { kind: 'insert', line: remoteLine.range.line, lines: [line] }
      : { kind: 'insert', line: peer.range.line, into: true, end: true, lines: [line] };
    context.report({
      fix: { file: publicEnd.device.file, applicability: 'safe', edits: [edit] },
      file: publicEnd.device.file,
      range: remoteLine?.range ?? peer.range,
      objectPath: peer.path,
      messageId: 'missing',
      data: { other: privateEnd.device.name, address: formatAddress(sent), peer: peer.name.value },
      related: related ? [{ file: privateEnd.device.file, range: related, message: `private address ${formatAddress(sent)} of ${privateEnd.device.name}` }] : [],
    });
  },
};

export default rule;
