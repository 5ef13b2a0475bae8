import type { Device } from '../model/types.js';
import { type Address, compareAddresses } from '../flow/address.js';

/**
 * Which files of a run describe the same device: old copies (`archive/hq.cfg`, `hq.cfg.bak`) and
 * the two members of a hot-standby (HRP) pair. Pairing treats each group as one tunnel end.
 */

/** Two files with the same sysname and the same interface addresses: one device, described twice. */
export interface DuplicateDevice {
  /** The file pairing leaves out. */
  copy: Device;
  /** The file tunnels pair with. */
  kept: Device;
  /** `path`: the copy's path or name marks it as an old copy; `order`: neither does, the first by path is kept. */
  why: 'path' | 'order';
}

/** Two firewalls of one HRP hot-standby pair (`hrp enable`, a shared VRRP virtual address). */
export interface HrpPair {
  /** The member that negotiates for the pair (not `standby`), then the other(s). */
  members: Device[];
  active: Device;
  /** Addresses both members own (VRRP virtual addresses, `tunnel local` values on them). */
  shared: Address[];
  /**
   * Load sharing: each member is the VRRP master of some virtual addresses (`active` groups on
   * both): the member answering each shared address. Empty in active/standby mode, where
   * `active` answers for all.
   */
  activeFor: Map<Address, Device>;
}

export interface DeviceIdentities {
  duplicates: DuplicateDevice[];
  hrpPairs: HrpPair[];
  /** Devices left out of pairing (duplicate copies). */
  shadowed: Set<Device>;
  /** Standby HRP member → its pair (its shared addresses are the active member's). */
  standbyOf: Map<Device, HrpPair>;
}

/** A directory or file name that marks an old copy of a configuration. */
const STALE_DIRECTORY = /^(archives?|old|olds|backups?|bak|attic|deprecated|previous|history|obsolete)$/i;
const STALE_FILE = /(\.(bak|old|orig|save|prev|backup)|~)$|[._-](bak|old|backup)(\.[a-z0-9]+)?$/i;

/** Whether a file's path says it is an old copy (`archive/…`, `….bak`, `…~`). */
export function looksStale(file: string): boolean {
  const parts = file.replace(/\\/g, '/').split('/');
  const name = parts.pop() ?? '';
  return parts.some((part) => STALE_DIRECTORY.test(part)) || STALE_FILE.test(name);
}

/** A glob for the config's `ignores` that leaves an old copy out: its stale directory (`archive/**`), else the file. */
export function ignoreGlob(file: string): string {
  const parts = file.replace(/\\/g, '/').split('/');
  const at = parts.slice(0, -1).findIndex((part) => STALE_DIRECTORY.test(part));
  return at >= 0 ? `${parts.slice(0, at + 1).join('/')}/**` : parts.join('/');
}

/** Sysname and sorted interface addresses; undefined when either is missing (nothing to compare). */
export function identityKey(sysname: string | undefined, interfaceAddresses: readonly Address[]): string | undefined {
  if (sysname === undefined || interfaceAddresses.length === 0) return undefined;
  return `${sysname.toLowerCase()}|${[...new Set(interfaceAddresses)].sort(compareAddresses).join(',')}`;
}

function interfaceAddresses(device: Device): Address[] {
  return device.localAddresses.filter((fact) => fact.kind === 'interface' || fact.kind === 'interface-sub').map((fact) => fact.address);
}

/** Appends `value` to the list under `key` (a multimap). */
export function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Whether the member holds `address` as a `standby` VRRP group, or is the `hrp standby-device`. */
function isStandbyFor(device: Device, shared: readonly Address[]): boolean {
  if (device.ast.globals.hrpStandbyDevice) return true;
  return device.ast.interfaces.some((iface) => (iface.vrrpStandbyIps ?? []).some((vip) => shared.includes(vip.value)));
}

/** Whether the member holds `address` as a VRRP virtual address in a `standby` group. */
function holdsAsStandby(device: Device, address: Address): boolean {
  return device.ast.interfaces.some((iface) => (iface.vrrpStandbyIps ?? []).some((vip) => vip.value === address));
}

/**
 * The member answering each shared virtual address when the pair shares load (each member the
 * master of some groups, `active` on both, no `hrp standby-device`); empty otherwise.
 */
function loadSharing(members: readonly Device[], shared: readonly Address[]): Map<Address, Device> {
  const activeFor = new Map<Address, Device>();
  if (members.some((member) => member.ast.globals.hrpStandbyDevice)) return activeFor;
  for (const address of shared) {
    const masters = members.filter((member) => member.ownerFacts(address).some((fact) => fact.kind === 'vrrp') && !holdsAsStandby(member, address));
    if (masters.length === 1) activeFor.set(address, masters[0]);
  }
  return new Set(activeFor.values()).size > 1 ? activeFor : new Map();
}

/** Orders devices by file path (verdicts must not depend on the order files were named in). */
export function byFile(a: Device, b: Device): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : 0;
}

/** Groups of files that are one device (linear: indexes by identity key and by virtual address). */
export function findIdentities(devices: readonly Device[]): DeviceIdentities {
  const byKey = new Map<string, Device[]>();
  for (const device of devices) {
    const key = identityKey(device.sysname, interfaceAddresses(device));
    if (key !== undefined) push(byKey, key, device);
  }
  const duplicates: DuplicateDevice[] = [];
  const shadowed = new Set<Device>();
  for (const group of byKey.values()) {
    if (group.length < 2) continue;
    // By path, not by the order files were named in: the same files give the same verdict.
    group.sort(byFile);
    const fresh = group.filter((device) => !looksStale(device.file));
    const kept = fresh[0] ?? group[0];
    for (const copy of group) {
      if (copy === kept) continue;
      duplicates.push({ copy, kept, why: looksStale(copy.file) && !looksStale(kept.file) ? 'path' : 'order' });
      shadowed.add(copy);
    }
  }

  // HRP members sharing a VRRP virtual address, or whose heartbeat (`hrp interface X remote A`)
  // names the other's interface address: union-find over both links.
  const byVip = new Map<Address, Device[]>();
  const hrpByInterfaceAddress = new Map<Address, Device>();
  for (const device of devices) {
    if (!device.ast.globals.hrpEnable || shadowed.has(device)) continue;
    const vips = new Set(device.localAddresses.filter((fact) => fact.kind === 'vrrp').map((fact) => fact.address));
    for (const vip of vips) push(byVip, vip, device);
    for (const address of interfaceAddresses(device)) if (!hrpByInterfaceAddress.has(address)) hrpByInterfaceAddress.set(address, device);
  }
  for (const device of devices) {
    const remote = device.ast.globals.hrpRemote?.value;
    if (remote === undefined || !device.ast.globals.hrpEnable || shadowed.has(device)) continue;
    const partner = hrpByInterfaceAddress.get(remote);
    if (!partner || partner === device) continue;
    push(byVip, `heartbeat:${device.index}`, device);
    push(byVip, `heartbeat:${device.index}`, partner);
  }
  const parent = new Map<Device, Device>();
  const find = (device: Device): Device => {
    let root = device;
    while (parent.get(root) !== undefined && parent.get(root) !== root) root = parent.get(root) as Device;
    parent.set(device, root);
    return root;
  };
  for (const members of byVip.values()) {
    for (const member of members) if (!parent.has(member)) parent.set(member, member);
    for (let i = 1; i < members.length; i++) {
      const a = find(members[0]);
      const b = find(members[i]);
      if (a !== b) parent.set(b.index < a.index ? a : b, b.index < a.index ? b : a);
    }
  }
  const groups = new Map<Device, Device[]>();
  for (const members of byVip.values()) {
    if (members.length < 2) continue;
    for (const member of members) {
      const root = find(member);
      const list = groups.get(root) ?? [];
      if (!list.includes(member)) list.push(member);
      groups.set(root, list);
    }
  }
  const hrpPairs: HrpPair[] = [];
  const standbyOf = new Map<Device, HrpPair>();
  for (const members of groups.values()) {
    members.sort(byFile);
    const owned = members.map((member) => new Set(member.localAddresses.map((fact) => fact.address)));
    const shared = [...owned[0]].filter((address) => owned.slice(1).some((set) => set.has(address))).sort(compareAddresses);
    const activeFor = loadSharing(members, shared);
    const masters = new Set(activeFor.values());
    const active = (masters.size > 0 ? members.find((member) => masters.has(member)) : undefined) ?? members.find((member) => !isStandbyFor(member, shared)) ?? members[0];
    const pair: HrpPair = { members: [active, ...members.filter((member) => member !== active)], active, shared, activeFor };
    hrpPairs.push(pair);
    // In load sharing every master negotiates for its own virtual addresses: none is a standby.
    for (const member of members) if (member !== active && !masters.has(member)) standbyOf.set(member, pair);
  }
  hrpPairs.sort((a, b) => byFile(a.active, b.active));
  return { duplicates, hrpPairs, shadowed, standbyOf };
}
