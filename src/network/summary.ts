import type { ConfigAst } from '../ast/types.js';
import { buildDevice } from '../model/device.js';
import { natServerCarriesIke } from '../model/nat.js';
import type { Device, RemoteTarget } from '../model/types.js';
import { knownLocalAddress as localOf } from '../model/remote-target.js';
import type { Address } from '../flow/address.js';

/** What pairing knows of one policy entry: its local address, whether it only answers, and where it points. */
export interface EntrySummary {
  local?: Address;
  template: boolean;
  /** Remote targets as `[address]`, or `[low, high]` for a `remote-address low high` range. */
  targets: ([Address] | [Address, Address])[];
}

/**
 * The addresses of a device, small enough to keep for every file of a repository: repository mode
 * reads these to decide which devices a target can pair with, and loads only those ASTs.
 */
export interface DeviceSummary {
  sysname?: string;
  /** Distinct addresses the device answers on, as in `Device.localAddresses`. */
  localAddresses: Address[];
  entries: EntrySummary[];
  /** `lns-ip` addresses of its L2TP groups (the device is a LAC towards them). */
  lnsAddresses: Address[];
  /** A policy group or profile bound to no interface (its rule lists every device pointing here). */
  unappliedPolicy: boolean;
  /** `hrp enable`: a hot-standby member (pairing treats it and its partner as one end). */
  hrp?: true;
  /**
   * Inside addresses its `nat server` lines publish (all protocols or UDP, what IKE can cross): a
   * device pointing at one of them is checked against this device's mapping (remote-address-unreachable).
   */
  published: Address[];
}

/** A device that cannot be modelled (fatal parse error): it owns and points at nothing. */
export const EMPTY_SUMMARY: DeviceSummary = { localAddresses: [], entries: [], lnsAddresses: [], unappliedPolicy: false, published: [] };

function targetOf(target: RemoteTarget): [Address] | [Address, Address] {
  return target.high === undefined ? [target.address] : [target.address, target.high];
}

/** The summary of a modelled device: the same addresses `buildNetwork` pairs on. */
export function summariseDevice(device: Device): DeviceSummary {
  const summary: DeviceSummary = {
    localAddresses: [...new Set(device.localAddresses.map((fact) => fact.address))],
    entries: device.entries.map((entry) => {
      const local = localOf(entry);
      return { ...(local === undefined ? {} : { local }), template: entry.role === 'template', targets: entry.remoteTargets.map(targetOf) };
    }),
    lnsAddresses: [...new Set(device.ast.l2tpGroups.flatMap((group) => group.lnsAddresses.map((lns) => lns.value)))],
    unappliedPolicy:
      device.policyGroups.some((group) => group.interfaces.length === 0 && group.entries.length > 0) ||
      device.profileEntries.some((entry) => entry.interfaces.length === 0),
    published: [...new Set(device.natServers.filter(natServerCarriesIke).map((server) => server.inside.value))],
  };
  if (device.sysname !== undefined) summary.sysname = device.sysname;
  if (device.ast.globals.hrpEnable) summary.hrp = true;
  return summary;
}

/** The summary of a parsed configuration (models the device; callers with a device use `summariseDevice`). */
export function summariseAst(file: string, text: string, ast: ConfigAst): DeviceSummary {
  return summariseDevice(buildDevice({ file, text, ast, index: -1 }));
}

/** A single address a target points at (pairing ignores ranges wider than one address). */
export function singleTarget(target: readonly Address[]): Address | undefined {
  return target.length === 1 || target[1] === target[0] ? target[0] : undefined;
}

/** Structural check of a summary read back from the cache. */
export function isDeviceSummary(value: unknown): value is DeviceSummary {
  const summary = value as DeviceSummary | null;
  return (
    typeof summary === 'object' &&
    summary !== null &&
    Array.isArray(summary.localAddresses) &&
    Array.isArray(summary.entries) &&
    Array.isArray(summary.lnsAddresses) &&
    Array.isArray(summary.published) &&
    typeof summary.unappliedPolicy === 'boolean' &&
    summary.entries.every((entry) => typeof entry === 'object' && entry !== null && Array.isArray(entry.targets) && typeof entry.template === 'boolean')
  );
}
