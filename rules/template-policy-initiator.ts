import type { Device, PolicyEntry } from '../src/model/types.js';
import { tunnelsOfEntry } from '../src/network/entry-tunnels.js';
import { devicesTargetedBy, initiatorsTowards } from '../src/network/initiators.js';
import type { Network, TunnelEnd } from '../src/network/types.js';
import { singleTargetAddress } from '../src/model/remote-target.js';
import type { DeviceRule, RelatedLocation, Report } from './types.js';
import { NO_OPTIONS } from './_lib/options.js';
import { sequenceBefore, settingsLines } from './_lib/policy-entry-copy.js';

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

/**
 * Whether the other end's policy answers a negotiation this device starts whatever its address:
 * a template policy (the other end of two templates), or an ISAKMP policy whose IKE peer has no
 * remote address (one pointing elsewhere would refuse this device).
 */
function answers(theirs: PolicyEntry): boolean {
  if (theirs.disabled) return false;
  return theirs.role === 'template' || (theirs.role === 'isakmp' && theirs.remoteTargets.length === 0);
}

/**
 * The template policy turned into an ISAKMP policy, which starts the negotiation towards the one
 * device the template's IKE peer points at: a new `ipsec policy NAME SEQ' isakmp` with the
 * template's settings (VRP cannot change a policy's mode in place, and SEQ' just below the
 * template's is free), `sa trigger-mode auto` so it negotiates without waiting for traffic, then
 * the template policy and the template undone. Offered when the IKE peer has exactly one
 * `remote-address` and it is that device's, the template has one sequence that no other policy
 * uses, and every line of it is a setting the model reads (nothing unread, never a secret, is
 * copied), and the other end's policy answers (a template, or an ISAKMP policy without remote
 * address). Unsafe: the end stops accepting other initiators, which a template exists for.
 */
function initiatorSuggestion(device: Device, network: Network, entry: PolicyEntry, peers: Device[], theirs: TunnelEnd | undefined): Pick<Report, 'suggestions'> {
  const template = entry.template;
  if (!template || entry.templates.length !== 1 || peers.length !== 1 || entry.node.kind !== 'ipsec-policy') return {};
  if (!theirs || !answers(theirs.entry)) return {};
  const name = template.name.value;
  if (device.entries.some((other) => other.node !== entry.node && other.template?.name.value === name)) return {};
  const [target] = entry.remoteTargets;
  if (entry.remoteTargets.length !== 1 || entry.remoteAddresses.length !== 1 || !target || singleTargetAddress(target) === undefined) return {};
  if (!devicesTargetedBy(network, device, entry).includes(peers[0])) return {};
  const lines = settingsLines(device, template);
  const seq = sequenceBefore(device.policyGroup(entry.group), entry.seq);
  if (!lines || seq === undefined || !lines.some((line) => /^ike-peer\s/.test(line))) return {};
  const header = `ipsec policy ${entry.group} ${seq} isakmp`;
  return {
    suggestions: [
      {
        desc: `Make this end the initiator: replace template policy "${entry.group} ${entry.seq}" by "${header}" with the settings of template "${name}" and "sa trigger-mode auto" (its IKE peer already points at ${peers[0].name}), then undo the template policy and the template; this end then accepts no other initiator`,
        change: {
          applicability: 'unsafe',
          edits: [
            { kind: 'insert', line: entry.node.range.line, lines: [header, ...lines.map((line) => ` ${line}`), ' sa trigger-mode auto'] },
            { kind: 'delete', line: entry.node.range.line, undo: `undo ipsec policy ${entry.group} ${entry.seq}` },
            { kind: 'delete', line: template.range.line, undo: `undo ipsec policy-template ${name} ${template.seq.value}` },
          ],
        },
      },
    ],
  };
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
    hasSuggestions: true,
    reasons: ['phase1 hard expiry', 'ikev1 phase1-phase2 sa dependent offline'],
    since: '0.1.0',
  },
  check(context) {
    const { device, network } = context;
    const missing = new Map<string, { entry: PolicyEntry; messageId: string; peers: Device[]; theirs: (TunnelEnd | undefined)[]; related: RelatedLocation[] }>();
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
        const finding = missing.get(key) ?? { entry, messageId, peers: [], theirs: [], related: [] };
        missing.set(key, finding);
        if (finding.peers.includes(other)) continue;
        finding.peers.push(other);
        finding.theirs.push(end);
        if (end && finding.related.length < MAX_RELATED) {
          finding.related.push({ file: other.file, range: end.entry.node.range, message: `policy of ${other.name}` });
        }
      }
    }
    for (const { entry, messageId, peers, theirs, related } of missing.values()) {
      context.report({
        range: entry.node.range,
        messageId,
        data: { policy: `${entry.group} ${entry.seq}`, template: entry.template?.name.value ?? '', peer: peerList(peers) },
        objectPath: entry.node.path,
        related,
        ...initiatorSuggestion(device, network, entry, peers, theirs[0]),
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
