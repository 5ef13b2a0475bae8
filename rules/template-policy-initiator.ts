import type { Device, PolicyEntry } from '../src/model/types.js';
import { tunnelsOfEntry } from '../src/network/entry-tunnels.js';
import { devicesTargetedBy, initiatorsTowards } from '../src/network/initiators.js';
import type { Network, TunnelEnd } from '../src/network/types.js';
import type { DeviceRule, RelatedLocation } from './types.js';
import { NO_OPTIONS } from './_lib/options.js';

/** The other ends of this entry's tunnels, by device. */
function otherEnds(network: Network, entry: PolicyEntry): Map<Device, TunnelEnd> {
  const ends = new Map<Device, TunnelEnd>();
  for (const tunnel of tunnelsOfEntry(network, entry)) {
    const [first, second] = tunnel.ends;
    const other = first.entry === entry ? second : first;
    if (!ends.has(other.device)) ends.set(other.device, other);
  }
  return ends;
}

/** Devices this template responder is expected to talk to: those its peer points at, declared tunnel ends, template ends. */
function counterparts(network: Network, device: Device, entry: PolicyEntry, ends: Map<Device, TunnelEnd>): Device[] {
  const found = new Set(devicesTargetedBy(network, device, entry));
  for (const tunnel of tunnelsOfEntry(network, entry)) {
    if (tunnel.pairedBy !== 'declared') continue;
    const theirs = tunnel.ends.find((end) => end.device !== device);
    if (theirs) found.add(theirs.device);
  }
  for (const [other, end] of ends) if (end.entry.role === 'template' && other !== device) found.add(other);
  return [...found];
}

const MAX_RELATED = 10;

/** "B", "B and C", "B, C, D and 57 more devices". */
function peerList(peers: Device[]): string {
  const names = peers.slice(0, 3).map((peer) => peer.name);
  if (peers.length > 3) return `${names.join(', ')} and ${peers.length - 3} more devices`;
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : names[0] ?? '';
}

const rule: DeviceRule = {
  meta: {
    id: 'template-policy-initiator',
    description: 'A tunnel whose only possible initiator is a template-based IPSec policy',
    scope: 'device',
    relatesOtherDevices: true,
    defaultSeverity: 'error',
    presets: ['recommended', 'strict'],
    tags: ['ipsec-policy', 'policy-template', 'negotiation'],
    breaks: { bothTemplates: 'initiation', noInitiator: 'initiation' },
    messages: {
      bothTemplates:
        'Policy "{{policy}}" is built from IPSec policy template "{{template}}", and so is the policy at the other end ({{peer}}); a template-based policy only responds, so nobody starts the negotiation. Make one end an ISAKMP policy ("ipsec policy NAME SEQ isakmp") with "remote-address" pointing at the other.',
      noInitiator:
        'Policy "{{policy}}" is built from IPSec policy template "{{template}}", which only responds, but no ISAKMP policy with a "remote-address" pointing at this device exists on {{peer}}, so the tunnel is never negotiated. Configure one there whose IKE peer points at this device.',
      autoNegOnTemplates:
        'Interface {{interface}} asks for automatic negotiation ("auto-neg") of policy "{{group}}", whose policies are all template-based and never start a negotiation. Remove "auto-neg" or use an ISAKMP policy with "remote-address".',
    },
    optionsSchema: NO_OPTIONS,
    reasons: ['phase1 hard expiry', 'ikev1 phase1-phase2 sa dependent offline'],
    since: '0.1.0',
  },
  check(context) {
    const { device, network } = context;
    const missing = new Map<string, { entry: PolicyEntry; messageId: string; peers: Device[]; related: RelatedLocation[] }>();
    for (const entry of device.entries) {
      if (entry.role !== 'template' || entry.disabled) continue;
      const ends = otherEnds(network, entry);
      const others = counterparts(network, device, entry, ends);
      if (others.length === 0 && entry.remoteTargets.length > 0) {
        context.note(device.file, `not checked: no device of this run owns the remote address of template policy "${entry.group} ${entry.seq}", so whether it initiates is unknown`);
      }
      for (const other of others) {
        if (initiatorsTowards(network, device, other).length > 0) continue;
        const end = ends.get(other);
        const messageId = end?.entry.role === 'template' ? 'bothTemplates' : 'noInitiator';
        const key = `${entry.node.path}|${messageId}`;
        const finding = missing.get(key) ?? { entry, messageId, peers: [], related: [] };
        missing.set(key, finding);
        if (finding.peers.includes(other)) continue;
        finding.peers.push(other);
        if (end && finding.related.length < MAX_RELATED) {
          finding.related.push({ file: other.file, range: end.entry.node.range, message: `policy of ${other.name}` });
        }
      }
    }
    for (const { entry, messageId, peers, related } of missing.values()) {
      context.report({
        range: entry.node.range,
        messageId,
        data: { policy: `${entry.group} ${entry.seq}`, template: entry.template?.name.value ?? '', peer: peerList(peers) },
        objectPath: entry.node.path,
        related,
      });
    }
    for (const iface of device.ast.interfaces) {
      const binding = iface.ipsecPolicy;
      if (binding?.option?.value.toLowerCase() !== 'auto-neg') continue;
      const entries = device.policyGroup(binding.name.value)?.entries ?? [];
      if (entries.length === 0 || entries.some((e) => e.role !== 'template')) continue;
      context.report({
        range: binding.option.range,
        messageId: 'autoNegOnTemplates',
        data: { interface: iface.name.value, group: binding.name.value },
        objectPath: iface.path,
        severity: 'warning',
      });
    }
  },
};

export default rule;
