import type { NodeBase, ViewNode } from '../ast/types.js';
import type { Device, PolicyEntry } from '../model/types.js';
import { type Address, parseAddress } from '../flow/address.js';
import type { Network } from '../network/types.js';
import type { Range } from '../text/range.js';

interface Span {
  start: number;
  end: number;
  entries: PolicyEntry[];
}

/** The objects of one device each policy entry uses, by object path and by the lines they cover. */
interface Footprints {
  byPath: Map<string, PolicyEntry[]>;
  spans: Span[];
}

function blockOf(node: NodeBase): Range {
  return (node as Partial<ViewNode>).blockRange ?? node.range;
}

/** The nodes a policy entry is made of or refers to: what its findings are written on (PolicyEntry in src/model/types.ts). */
function nodesOf(entry: PolicyEntry): NodeBase[] {
  const nodes: (NodeBase | undefined)[] = [
    entry.node,
    entry.settingsNode,
    ...entry.templates,
    entry.acl,
    entry.ikePeer,
    ...entry.ipsecProposals,
    ...entry.ikeProposals.map((proposal) => proposal.node),
    ...entry.interfaces,
  ];
  return [...new Set(nodes.filter((node): node is NodeBase => node !== undefined))];
}

function footprintsOf(device: Device): Footprints {
  const byPath = new Map<string, PolicyEntry[]>();
  const spans = new Map<string, Span>();
  const addPath = (path: string, entry: PolicyEntry): void => {
    const list = byPath.get(path);
    if (!list) byPath.set(path, [entry]);
    else if (!list.includes(entry)) list.push(entry);
  };
  for (const entry of device.entries) {
    addPath(entry.id, entry);
    // A whole policy group (ipsec-policy-unapplied reports the group once).
    if (entry.kind === 'policy') addPath(`ipsec-policy:${entry.group}`, entry);
    for (const node of nodesOf(entry)) {
      addPath(node.path, entry);
      const range = blockOf(node);
      const key = `${range.offset}-${range.endOffset}`;
      const span = spans.get(key);
      if (span) span.entries.push(entry);
      else spans.set(key, { start: range.offset, end: range.endOffset, entries: [entry] });
    }
  }
  return { byPath, spans: [...spans.values()] };
}

/**
 * Which policy entries of a device a finding concerns: its object path names one of the objects an
 * entry uses (`ipsec-policy:map1/10/…`, `acl:3000/rule:5`, `ike-peer:b`), or its line lies inside
 * one of them. Object paths are searched at every segment, so a path that quotes an entry's id in
 * the middle (`security-policy/rule:r/ipsec-policy:map1/10/outbound`) is found too.
 */
export class FindingLocator {
  private readonly devices = new Map<string, Device>();
  private readonly footprints = new Map<Device, Footprints>();

  constructor(network: Network) {
    for (const device of network.devices) this.devices.set(device.file, device);
  }

  device(file: string): Device | undefined {
    return this.devices.get(file);
  }

  private footprintOf(device: Device): Footprints {
    let footprint = this.footprints.get(device);
    if (!footprint) this.footprints.set(device, (footprint = footprintsOf(device)));
    return footprint;
  }

  /** Entries of the device in `file` whose objects hold the range (or, with a path, whose object path it names). */
  entriesAt(file: string, range: Range, objectPath?: string): Set<PolicyEntry> {
    const found = new Set<PolicyEntry>();
    const device = this.devices.get(file);
    if (!device) return found;
    const { byPath, spans } = this.footprintOf(device);
    if (objectPath !== undefined) {
      const segments = objectPath.split('/');
      for (let first = 0; first < segments.length; first++) {
        let path = '';
        for (let last = first; last < segments.length; last++) {
          path = last === first ? segments[first] : `${path}/${segments[last]}`;
          for (const entry of byPath.get(path) ?? []) found.add(entry);
        }
      }
    }
    const offset = range.offset;
    for (const span of spans) if (offset >= span.start && offset <= span.end) for (const entry of span.entries) found.add(entry);
    return found;
  }
}

/** Peer addresses an object path names (`…/ike:198.51.100.1/outbound`, `…/ecmp:198.51.100.1`). */
export function addressesInPath(objectPath: string): Address[] {
  const addresses: Address[] = [];
  for (const segment of objectPath.split('/')) {
    const colon = segment.indexOf(':');
    if (colon < 0) continue;
    const address = parseAddress(segment.slice(colon + 1));
    if (address !== undefined) addresses.push(address);
  }
  return addresses;
}
