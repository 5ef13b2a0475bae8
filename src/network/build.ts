import { Memo } from '../model/memo.js';
import type { Device, Effective, PolicyEntry, RemoteTarget } from '../model/types.js';
import { type Address, formatAddress, isPrivateAddress, parseAddress } from '../flow/address.js';
import { byFile, findIdentities, push, type HrpPair } from './identity.js';
import type {
  AmbiguousTarget,
  NatReason,
  Network,
  PointingEnd,
  TopologyDeclaration,
  Tunnel,
  TunnelEnd,
  UnpairedEntry,
} from './types.js';
import { knownLocalAddress as localOf, singleTargetAddress } from '../model/remote-target.js';
import { answeringEntry, indexAnswers, normaliseRef, type AnswerIndex, type AnswerView } from './answering-entry.js';

interface Owner {
  device: Device;
  /** The device's own address (the private one when reached through a declared NAT mapping). */
  address: Address;
  viaNat: boolean;
}

/** Per-device indexes so a look-up never scans another device's entries. */
interface DeviceIndex extends AnswerIndex<PolicyEntry> {
  /** interface → entries negotiating from a VRRP virtual address of it (`tunnel local` = VIP). */
  virtualByInterface: Map<object, PolicyEntry[]>;
}

const singleAddress = singleTargetAddress;

/** How the shared answering-entry choice reads a modelled policy entry. */
const ENTRY_ANSWER_VIEW: AnswerView<PolicyEntry> = {
  local: localOf,
  template: (entry) => entry.role === 'template',
  singleTargets: (entry) => entry.remoteTargets.flatMap((target) => singleAddress(target) ?? []),
  passive: (entry) => entry.remoteTargets.length === 0,
};

function indexDevice(device: Device): DeviceIndex {
  const index: DeviceIndex = { ...indexAnswers(device.entries, ENTRY_ANSWER_VIEW), virtualByInterface: new Map() };
  for (const entry of device.entries) {
    const local = localOf(entry);
    if (local === undefined || entry.localAddress.via !== 'tunnel-local') continue;
    const vip = device.ownerFacts(local).find((fact) => fact.kind === 'vrrp');
    if (vip?.interface) push(index.virtualByInterface, vip.interface, entry);
  }
  return index;
}

function isResponderOnly(entry: PolicyEntry): boolean {
  return entry.role === 'template';
}

function canInitiate(entry: PolicyEntry, target: RemoteTarget | undefined): boolean {
  return target !== undefined && !isResponderOnly(entry);
}

/**
 * The local address of an end that answers on `answeredOn` (the address the initiator points at):
 * the entry's own when it is of that family, else the device's address the initiator reaches — a
 * dual-stack responder (a template, most often) answers IKE over IPv6 from its IPv6 address even
 * though, pointing nowhere, its policy alone says nothing about the family.
 */
function answeringAddress(device: Device, entry: PolicyEntry, answeredOn: Address | undefined): Effective<Address> {
  const own = entry.localAddress.value;
  if (answeredOn === undefined || entry.localAddress.via === 'tunnel-local' || entry.localAddress.via === 'peer-local-address') return own;
  if (own.source !== 'unknown' && typeof own.value === typeof answeredOn) return own;
  const fact = device.ownerFacts(answeredOn).find((f) => f.kind === 'interface' && (!f.interface || entry.interfaces.includes(f.interface)));
  return fact ? { source: 'explicit', value: answeredOn, range: fact.range } : own;
}

function makeEnd(
  device: Device,
  entry: PolicyEntry,
  target: RemoteTarget | undefined,
  otherEntry: PolicyEntry,
  otherTarget: RemoteTarget | undefined,
  answeredOn?: Address,
): TunnelEnd {
  const role = !canInitiate(entry, target) ? 'responder' : canInitiate(otherEntry, otherTarget) ? 'both' : 'initiator';
  return {
    device,
    entry,
    localAddress: answeringAddress(device, entry, answeredOn),
    remoteAddressLine: target?.line,
    remoteTarget: target,
    role,
  };
}

function natOf(a: TunnelEnd, b: TunnelEnd, declared: boolean): Tunnel['nat'] {
  const reason: NatReason = declared
    ? 'declared'
    : [a, b].some((end) => end.entry.remoteAddresses.some((line) => line.kind === 'authentication-address'))
      ? 'authentication-address'
      : a.localAddress.source !== 'unknown' &&
          b.localAddress.source !== 'unknown' &&
          isPrivateAddress(a.localAddress.value) !== isPrivateAddress(b.localAddress.value)
        ? 'private-address'
        : 'none';
  return { present: reason !== 'none', reason };
}

/**
 * Pairs tunnel ends through an address index (address → owning devices); linear in the number of entries.
 * Old copies of a device are left out, an HRP pair answers through its active member, and an
 * address several devices own pairs with the one the evidence singles out (or with none).
 */
export function buildNetwork(devices: Device[], topology: TopologyDeclaration = {}): Network {
  const identities = findIdentities(devices);
  const { shadowed, standbyOf } = identities;
  const pairOf = new Map<Device, HrpPair>();
  for (const pair of identities.hrpPairs) for (const member of pair.members) pairOf.set(member, pair);
  const refs = new Map<string, Device>();
  for (const device of devices) {
    refs.set(normaliseRef(device.file), device);
    if (device.sysname && !shadowed.has(device) && !refs.has(device.sysname)) refs.set(device.sysname, device);
  }
  const byRef = { get: (ref: string) => refs.get(normaliseRef(ref)) ?? refs.get(ref) };

  const ownersByAddress = new Map<Address, Owner[]>();
  for (const device of devices) {
    if (shadowed.has(device)) continue;
    const sharedWithActive = standbyOf.get(device)?.shared;
    const sharing = pairOf.get(device)?.activeFor;
    const seen = new Set<Address>();
    for (const fact of device.localAddresses) {
      if (seen.has(fact.address)) continue;
      seen.add(fact.address);
      // The pair's shared addresses (virtual address, tunnel local) answer through the active member,
      // in load sharing through the master of that virtual address.
      if (sharedWithActive?.includes(fact.address)) continue;
      const master = sharing?.get(fact.address);
      if (master !== undefined && master !== device) continue;
      push(ownersByAddress, fact.address, { device, address: fact.address, viaNat: false });
    }
  }
  /** private → public addresses (so a responder can recognise its own address behind NAT). */
  const publicOfPrivate = new Map<Address, Address[]>();
  for (const mapping of topology.natAddresses ?? []) {
    const publicAddress = parseAddress(mapping.public.trim());
    const privateAddress = parseAddress(mapping.private.trim());
    if (publicAddress === undefined || privateAddress === undefined) continue;
    push(publicOfPrivate, privateAddress, publicAddress);
    for (const owner of ownersByAddress.get(privateAddress) ?? []) {
      push(ownersByAddress, publicAddress, { device: owner.device, address: privateAddress, viaNat: true });
    }
  }

  const indexes = new Map<Device, DeviceIndex>(devices.map((device) => [device, indexDevice(device)]));
  const tunnels: Tunnel[] = [];
  const tunnelKeys = new Map<string, Tunnel>();
  const unpaired: UnpairedEntry[] = [];
  const pointing = new Map<Device, PointingEnd[]>();
  const tunnelsByDevice = new Map<Device, Tunnel[]>();
  const ambiguities: AmbiguousTarget[] = [];

  const addTunnel = (a: TunnelEnd, b: TunnelEnd, pairedBy: Tunnel['pairedBy'], declaredNat: boolean): Tunnel => {
    const [first, second] = a.device.index < b.device.index || (a.device === b.device && a.entry.id <= b.entry.id) ? [a, b] : [b, a];
    const key = `${first.device.index}#${first.entry.id}<->${second.device.index}#${second.entry.id}`;
    const existing = tunnelKeys.get(key);
    if (existing) return existing;
    const tunnel: Tunnel = {
      id: `${first.device.file}#${first.entry.id}<->${second.device.file}#${second.entry.id}`,
      ends: [first, second],
      nat: natOf(first, second, declaredNat),
      pairedBy,
    };
    tunnelKeys.set(key, tunnel);
    tunnels.push(tunnel);
    push(tunnelsByDevice, first.device, tunnel);
    if (second.device !== first.device) push(tunnelsByDevice, second.device, tunnel);
    return tunnel;
  };

  /** Addresses under which `address` of this device is seen by others (itself + declared public ones). */
  const visibleAs = (address: Address): Address[] => [address, ...(publicOfPrivate.get(address) ?? [])];

  for (const device of devices) {
    // An old copy pairs with nothing; a standby HRP member's tunnels are its active member's.
    if (shadowed.has(device) || standbyOf.has(device)) continue;
    const sharing = pairOf.get(device)?.activeFor;
    for (const entry of device.entries) {
      if (entry.remoteTargets.length === 0) continue;
      const local = localOf(entry);
      // Load sharing: an entry on a virtual address the partner is master of negotiates there.
      const master = local === undefined ? undefined : sharing?.get(local);
      if (master !== undefined && master !== device) continue;
      let pairedAny = false;
      const reasons: string[] = [];
      for (const target of entry.remoteTargets) {
        const address = singleAddress(target);
        if (address === undefined) continue;
        const allOwners = (ownersByAddress.get(address) ?? []).filter((o) => o.device !== device);
        if (allOwners.length === 0) {
          reasons.push(`no device in this run owns ${formatTarget(target)}`);
          continue;
        }
        const matches = new Map<Owner, { entry: PolicyEntry; mutual: boolean } | undefined>();
        const matchOf = (owner: Owner) => {
          if (!matches.has(owner)) matches.set(owner, answeringEntry(indexes.get(owner.device) ?? indexDevice(owner.device), owner.address, local, visibleAs));
          return matches.get(owner);
        };
        let owners = allOwners;
        if (new Set(allOwners.map((o) => o.device)).size > 1) {
          const chosen = chooseOwner(device, entry, local, allOwners, matchOf);
          ambiguities.push({
            device,
            entry,
            target,
            // By path: the same files give the same report whatever order they were named in.
            owners: [...new Set(allOwners.map((o) => o.device))].sort(byFile),
            ...(chosen ? { chosen: chosen.owner.device, evidence: chosen.evidence } : { evidence: [] }),
          });
          if (!chosen) {
            reasons.push(`${formatTarget(target)} belongs to several devices (${[...new Set(allOwners.map((o) => o.device.file))].join(', ')}) and nothing tells which one answers`);
            continue;
          }
          owners = allOwners.filter((o) => o.device === chosen.owner.device);
        }
        for (const owner of owners) {
          push(pointing, owner.device, { device, entry, target, remoteAddressLine: target.line });
          const match = matchOf(owner) ?? virtualOnInterface(owner, indexes.get(owner.device));
          if (!match) {
            reasons.push(`${owner.device.name} owns ${formatTarget(target)} but has no IPSec policy for it`);
            continue;
          }
          const back = match.entry.remoteTargets.find((t) => local !== undefined && visibleAs(local).includes(singleAddress(t) ?? -1));
          const mine = makeEnd(device, entry, target, match.entry, back);
          const theirs = makeEnd(owner.device, match.entry, back, entry, target, owner.viaNat ? undefined : owner.address);
          addTunnel(mine, theirs, 'address', owner.viaNat);
          pairedAny = true;
        }
      }
      if (!pairedAny && reasons.length > 0) unpaired.push({ device, entry, reason: reasons.join('; ') });
    }
  }

  for (const declared of topology.tunnels ?? []) {
    const a = byRef.get(declared.ends[0]);
    const b = byRef.get(declared.ends[1]);
    if (!a || !b || a === b) continue;
    const existing = (tunnelsByDevice.get(a) ?? []).filter((t) => t.ends[0].device === b || t.ends[1].device === b);
    if (existing.length > 0) {
      if (declared.nat) for (const tunnel of existing) tunnel.nat = { present: true, reason: 'declared' };
      continue;
    }
    const entryA = declaredEntry(a, b);
    const entryB = declaredEntry(b, a);
    if (!entryA || !entryB) continue;
    const targetA = targetAt(entryA, b);
    const targetB = targetAt(entryB, a);
    addTunnel(
      makeEnd(a, entryA, targetA, entryB, targetB),
      makeEnd(b, entryB, targetB, entryA, targetA),
      'declared',
      declared.nat === true,
    );
  }

  return {
    devices,
    tunnels,
    unpaired,
    tunnelsOf: (device) => tunnelsByDevice.get(device) ?? [],
    devicesPointingAt: (device) => pointing.get(device) ?? [],
    deviceByRef: (ref) => byRef.get(ref),
    owners: (address) => (ownersByAddress.get(typeof address === 'number' ? address >>> 0 : address) ?? []).map((o) => ({ device: o.device, viaNat: o.viaNat })),
    duplicates: identities.duplicates,
    hrpPairs: identities.hrpPairs,
    ambiguities,
    memo: new Memo(),
  };
}

function known<T>(value: Effective<T>): T | undefined {
  return value.source === 'unknown' ? undefined : value.value;
}

/**
 * Of several devices owning the address an entry points at, the one whose configuration answers
 * it: an entry pointing back (4), a route back to the initiator's address (2), the same IKE
 * version (1) and exchange mode (1). Undefined when no single device scores highest.
 */
function chooseOwner(
  device: Device,
  entry: PolicyEntry,
  local: Address | undefined,
  owners: Owner[],
  matchOf: (owner: Owner) => { entry: PolicyEntry; mutual: boolean } | undefined,
): { owner: Owner; evidence: string[] } | undefined {
  const mine = entry.ikePeer ? device.peerSettings(entry.ikePeer) : undefined;
  const scored = owners.map((owner) => {
    const match = matchOf(owner);
    const evidence: string[] = [];
    let score = 0;
    if (match?.mutual) {
      score += 4;
      evidence.push('its IKE peer points back');
    }
    if (local !== undefined) {
      const back = owner.device.routeFor(local);
      if (back.routes.length > 0 || back.direct) {
        score += 2;
        evidence.push(`it has a route back to ${formatAddress(local)}`);
      }
    }
    const theirs = match?.entry.ikePeer ? owner.device.peerSettings(match.entry.ikePeer) : undefined;
    if (mine && theirs) {
      const ours = known(mine.versions);
      const peers = known(theirs.versions);
      if (ours && peers && ours.some((v) => peers.includes(v))) {
        score += 1;
        evidence.push('it uses the same IKE version');
      }
      const a = known(mine.exchangeMode);
      const b = known(theirs.exchangeMode);
      if (a !== undefined && b !== undefined && (a === b || a === 'auto' || b === 'auto')) {
        score += 1;
        evidence.push('it uses the same exchange mode');
      }
    }
    return { owner, score: match ? score : -1, evidence };
  });
  const best = Math.max(...scored.map((s) => s.score));
  const top = scored.filter((s) => s.score === best);
  if (best < 0 || new Set(top.map((s) => s.owner.device)).size !== 1) return undefined;
  return { owner: top[0].owner, evidence: top[0].evidence };
}

/**
 * An entry negotiating from a VRRP virtual address of the interface that holds the owner's
 * (physical) address: a peer pointing at a hot-standby member's own address reaches that policy,
 * and `remote-address-mismatch` says it should point at the virtual address.
 */
function virtualOnInterface(owner: Owner, index: DeviceIndex | undefined): { entry: PolicyEntry; mutual: boolean } | undefined {
  if (!index || index.virtualByInterface.size === 0) return undefined;
  for (const fact of owner.device.ownerFacts(owner.address)) {
    if (fact.kind !== 'interface' || !fact.interface) continue;
    const entries = index.virtualByInterface.get(fact.interface);
    if (entries && entries.length > 0) return { entry: entries[0], mutual: false };
  }
  return undefined;
}

function ownsTarget(device: Device, target: RemoteTarget): boolean {
  const address = singleAddress(target);
  return address !== undefined && device.ownerFacts(address).length > 0;
}

function targetAt(entry: PolicyEntry, other: Device): RemoteTarget | undefined {
  return entry.remoteTargets.find((t) => ownsTarget(other, t));
}

function declaredEntry(device: Device, other: Device): PolicyEntry | undefined {
  return (
    device.entries.find((e) => targetAt(e, other) !== undefined) ??
    device.entries.find((e) => e.role === 'template') ??
    device.entries[0]
  );
}

function formatTarget(target: RemoteTarget): string {
  return formatAddress(target.address);
}

/** A network without tunnels (fallback when pairing is skipped). */
export function emptyNetwork(devices: Device[]): Network {
  return {
    devices,
    tunnels: [],
    unpaired: [],
    tunnelsOf: () => [],
    devicesPointingAt: () => [],
    deviceByRef: (ref) => devices.find((d) => d.file === ref || d.sysname === ref),
    owners: () => [],
    duplicates: [],
    hrpPairs: [],
    ambiguities: [],
    memo: new Memo(),
  };
}
