import type { InterfaceNode } from '../src/ast/types.js';
import type { Device, PolicyEntry } from '../src/model/types.js';
import type { Network, PointingEnd } from '../src/network/types.js';
import { formatIpv4 } from '../src/flow/ipv4.js';
import type { DeviceRule, DeviceRuleContext, Report } from './types.js';
import { NO_OPTIONS } from './_lib/options.js';

/** Ends on other devices that point at this device and pair with no bound entry here: they negotiate into nothing. */
function orphanedPointers(network: Network, device: Device): PointingEnd[] {
  const served = new Set<PolicyEntry>();
  for (const tunnel of network.tunnelsOf(device)) {
    const [first, second] = tunnel.ends;
    if (first.device === device && first.entry.interfaces.length > 0) served.add(second.entry);
    if (second.device === device && second.entry.interfaces.length > 0) served.add(first.entry);
  }
  return network.devicesPointingAt(device).filter((end) => !served.has(end.entry));
}

/** The one interface owning every address the peers negotiate with, when it carries no IPSec binding yet. */
function freeInterface(device: Device, pointers: readonly PointingEnd[]): InterfaceNode | undefined {
  const owners = new Set<InterfaceNode>();
  for (const end of pointers) {
    const facts = device.ownerFacts(end.target.address).filter((fact) => fact.kind === 'interface' || fact.kind === 'interface-sub');
    for (const fact of facts) if (fact.interface) owners.add(fact.interface);
    if (facts.length === 0) return undefined;
  }
  const [only] = owners;
  if (owners.size !== 1 || only.ipsecPolicy || only.ipsecProfile) return undefined;
  return only;
}

const rule: DeviceRule = {
  meta: {
    id: 'ipsec-policy-unapplied',
    description: 'An IPSec policy group or profile is bound to no interface',
    scope: 'device',
    relatesOtherDevices: true,
    defaultSeverity: 'warning',
    presets: ['recommended'],
    tags: ['ipsec', 'interface', 'ike-negotiation'],
    breaks: { unapplied: 'initiation', unappliedWithPeer: 'ike' },
    messages: {
      unapplied:
        'IPSec {{what}} "{{name}}" is not applied to any interface, so it never protects traffic; apply it with "{{command}}" on the interface facing the peer or delete it.',
      unappliedWithPeer:
        'IPSec {{what}} "{{name}}" is not applied to any interface while {{peer}} negotiates with {{address}}, so the tunnel fails ("no policy applied on interface"); apply it with "{{command}}" on the interface that owns {{address}}.',
    },
    fixable: true,
    optionsSchema: NO_OPTIONS,
    reasons: ['no policy applied on interface'],
    since: '0.1.0',
  },
  check(context: DeviceRuleContext) {
    const { device, network } = context;
    const unbound: { entry: PolicyEntry; what: string; command: string; objectPath: string }[] = [];
    for (const group of device.policyGroups) {
      if (group.interfaces.length > 0 || group.entries.length === 0) continue;
      unbound.push({ entry: group.entries[0], what: 'policy', command: `ipsec policy ${group.name}`, objectPath: `ipsec-policy:${group.name}` });
    }
    for (const entry of device.profileEntries) {
      if (entry.interfaces.length > 0) continue;
      unbound.push({ entry, what: 'profile', command: `ipsec profile ${entry.group}`, objectPath: entry.id });
    }
    if (unbound.length === 0) return;
    const pointers = orphanedPointers(network, device);
    for (const { entry, what, command, objectPath } of unbound) {
      const pointer = pointers[0];
      const base = { what, name: entry.group, command };
      if (pointer === undefined) {
        context.report({ range: entry.node.range, messageId: 'unapplied', data: base, objectPath });
        continue;
      }
      // Safe: the group is bound where its peers already send IKE, on an interface with no IPSec
      // binding to displace; with several unbound groups, which one the peers mean is not known.
      const iface = what === 'policy' && unbound.length === 1 ? freeInterface(device, pointers) : undefined;
      const fix: Report['fix'] = iface ? { edits: [{ kind: 'insert', line: iface.range.line, into: true, end: true, lines: [command] }] } : undefined;
      context.report({
        ...(fix ? { fix } : {}),
        range: entry.node.range,
        messageId: 'unappliedWithPeer',
        severity: 'error',
        data: { ...base, peer: pointer.device.name, address: formatIpv4(pointer.target.address) },
        objectPath,
        related: pointers.map((end) => ({
          file: end.device.file,
          range: end.target.range,
          message: `${end.device.name} sends IKE to ${formatIpv4(end.target.address)} here.`,
        })),
      });
    }
  },
};

export default rule;
