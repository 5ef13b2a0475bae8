import type { Device, PolicyEntry } from '../src/model/types.js';
import { tunnelsOfEntry } from '../src/network/entry-tunnels.js';
import { devicesTargetedBy, initiatorsTowards } from '../src/network/initiators.js';
import type { Network, TunnelEnd } from '../src/network/types.js';
import type { RelatedLocation, Rule } from './types.js';

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

/** Devices this template responder is expected to talk to: those its peer points at, and declared tunnel ends. */
function counterparts(network: Network, device: Device, entry: PolicyEntry): Device[] {
  const found = new Set(devicesTargetedBy(network, device, entry));
  for (const tunnel of tunnelsOfEntry(network, entry)) {
    if (tunnel.pairedBy !== 'declared') continue;
    const theirs = tunnel.ends.find((end) => end.device !== device);
    if (theirs) found.add(theirs.device);
  }
  return [...found];
}

const rule: Extract<Rule, { meta: { scope: 'device' } }> = {
  meta: {
    id: 'template-policy-initiator',
    description: 'A tunnel whose only possible initiator is a template-based IPSec policy',
    scope: 'device',
    defaultSeverity: 'error',
    presets: ['recommended', 'strict'],
    tags: ['ipsec-policy', 'policy-template', 'negotiation'],
    messages: {
      bothTemplates:
        'Policy "{{policy}}" is built from IPSec policy template "{{template}}" and so is the policy of {{peer}} at the other end; a template-based policy only responds, so nobody starts the negotiation. Make one end an ISAKMP policy ("ipsec policy NAME SEQ isakmp") with "remote-address" pointing at the other.',
      noInitiator:
        'Policy "{{policy}}" is built from IPSec policy template "{{template}}", which only responds, but {{peer}} has no ISAKMP policy with a "remote-address" pointing at this device, so the tunnel is never negotiated. Configure an ISAKMP policy on {{peer}} whose IKE peer points at this device.',
      autoNegOnTemplates:
        'Interface {{interface}} asks for automatic negotiation ("auto-neg") of policy "{{group}}", whose policies are all template-based and never start a negotiation. Remove "auto-neg" or use an ISAKMP policy with "remote-address".',
    },
    optionsSchema: { type: 'object', properties: {}, additionalProperties: false },
    since: '0.1.0',
  },
  check(context) {
    const { device, network } = context;
    const reported = new Set<string>();
    for (const entry of device.entries) {
      if (entry.role !== 'template' || entry.disabled) continue;
      const ends = otherEnds(network, entry);
      for (const other of counterparts(network, device, entry)) {
        const key = `${entry.node.path}|${other.index}`;
        if (reported.has(key) || initiatorsTowards(network, device, other).length > 0) continue;
        reported.add(key);
        const end = ends.get(other);
        const related: RelatedLocation[] = end
          ? [{ file: other.file, range: end.entry.node.range, message: `policy of ${other.name}` }]
          : [];
        context.report({
          range: entry.node.range,
          messageId: end?.entry.role === 'template' ? 'bothTemplates' : 'noInitiator',
          data: { policy: `${entry.group} ${entry.seq}`, template: entry.template?.name.value ?? '', peer: other.name },
          objectPath: entry.node.path,
          related,
        });
      }
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
