import type { Severity } from '../../rules/types.js';
import type { Device, PolicyEntry } from '../model/types.js';
import { type Address, formatAddress } from '../flow/address.js';
import { tunnelsOfEntry } from '../network/entry-tunnels.js';
import type { Network, Tunnel } from '../network/types.js';
import { TUNNEL_END_DELETED_META } from './builtin-rules.js';
import type { Finding } from './findings.js';
import type { SettingsResolver } from './settings.js';
import { singleTargetAddress } from '../model/remote-target.js';

/** A device removed from the repository: its file (as shown in reports) and the addresses it owned. */
export interface DeletedDevice {
  file: string;
  addresses: readonly Address[];
}

/**
 * Repository mode: every device of the repository is modelled so tunnels pair as usual, but only
 * the targets and the devices they form or break a tunnel with are reported.
 */
export class TargetScope {
  /** Files whose findings are reported; filled when the network is built. */
  reported: ReadonlySet<string> = new Set();

  constructor(
    readonly targets: ReadonlySet<string>,
    readonly deleted: readonly DeletedDevice[] = [],
  ) {}

  /** Decides the reported files for this network and returns the findings only the scope knows about. */
  select(network: Network, settings: SettingsResolver): Finding[] {
    const reported = relatedFiles(network, this.targets);
    const findings = deletedEndFindings(network, this.deleted, settings);
    for (const finding of findings) reported.add(finding.file);
    this.reported = reported;
    return findings;
  }

  /** The entries of a device that have a tunnel with a target: all of them on a target. */
  entriesFacingTargets(device: Device, network: Network): readonly PolicyEntry[] {
    if (this.targets.has(device.file)) return device.entries;
    return device.entries.filter((entry) => tunnelsOfEntry(network, entry).some((tunnel) => this.isTargetTunnel(tunnel)));
  }

  isTargetTunnel(tunnel: Tunnel): boolean {
    return this.targets.has(tunnel.ends[0].device.file) || this.targets.has(tunnel.ends[1].device.file);
  }

  /**
   * Everything on a target is kept; on a peer, only what concerns a target: findings of tunnels with
   * a target end, findings pointing into a target, and lost tunnel ends of deleted devices.
   */
  keeps(finding: Finding, fromTargetTunnel: boolean): boolean {
    if (this.targets.has(finding.file)) return true;
    if (!this.reported.has(finding.file)) return false;
    return fromTargetTunnel || finding.ruleId === TUNNEL_END_DELETED_META.id || finding.related.some((r) => this.targets.has(r.file));
  }
}

/** Targets, the other end of each of their tunnels, devices pointing at them and devices they point at. */
export function relatedFiles(network: Network, targets: ReadonlySet<string>): Set<string> {
  const files = new Set(targets);
  for (const device of network.devices) {
    if (!targets.has(device.file)) continue;
    for (const tunnel of network.tunnelsOf(device)) for (const end of tunnel.ends) files.add(end.device.file);
    for (const pointing of network.devicesPointingAt(device)) files.add(pointing.device.file);
    for (const address of remoteAddressesOf(device)) for (const owner of network.owners(address)) files.add(owner.device.file);
  }
  return files;
}

function remoteAddressesOf(device: Device): Address[] {
  return device.entries.flatMap((entry) => entry.remoteTargets.map((target) => target.address));
}

/**
 * A peer whose remote address belonged only to a deleted device loses its tunnel: reported on the
 * line that points at the vanished address. Addresses another device still owns are not reported.
 */
export function deletedEndFindings(network: Network, deleted: readonly DeletedDevice[], settings: SettingsResolver): Finding[] {
  const deletedOwner = new Map<Address, string>();
  for (const device of deleted) for (const address of device.addresses) if (!deletedOwner.has(address)) deletedOwner.set(address, device.file);
  if (deletedOwner.size === 0) return [];
  const findings: Finding[] = [];
  for (const device of network.devices) {
    const enabled = settings.forFile(device.file).get(TUNNEL_END_DELETED_META.id);
    if (!enabled) continue;
    for (const entry of device.entries) {
      for (const target of entry.remoteTargets) {
        if (singleTargetAddress(target) === undefined) continue;
        const deletedFile = deletedOwner.get(target.address);
        if (deletedFile === undefined || network.owners(target.address).length > 0) continue;
        const severity: Severity = enabled.severity;
        findings.push({
          ruleId: TUNNEL_END_DELETED_META.id,
          severity,
          message: `${formatAddress(target.address)} belonged to ${deletedFile}, which is deleted: this tunnel end has no peer any more`,
          file: device.file,
          range: target.range,
          objectPath: `${entry.id}/remote:${formatAddress(target.address)}`,
          related: [],
        });
      }
    }
  }
  return findings;
}
