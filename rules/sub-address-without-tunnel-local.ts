import type { InterfaceNode, NodeBase } from '../src/ast/types.js';
import type { Address } from '../src/flow/address.js';
import type { Device, PolicyEntry } from '../src/model/types.js';
import { formatIpv4 } from '../src/flow/ipv4.js';
import type { Network, PointingEnd } from '../src/network/types.js';
import type { DeviceRule } from './types.js';
import { NO_OPTIONS } from './_lib/options.js';
import { knownLocalAddress, singleTargetAddress } from '../src/model/remote-target.js';
import { tunnelLocalInsert } from './_lib/tunnel-local-fix.js';

function sourcesFromPrimary(entry: PolicyEntry): boolean {
  return entry.role !== 'manual' && entry.role !== 'profile' && !entry.settingsNode.tunnelLocal && !entry.ikePeer?.localAddress;
}

function negotiatesWith(network: Network, entry: PolicyEntry, other: Device): boolean {
  if (entry.role === 'template') return true;
  return entry.remoteTargets.some((t) => network.owners(t.address).some((owner) => owner.device === other));
}

/** Ends of other devices pointing at a sub address of the interface that no entry of the group uses as its local address. */
function endsAtSubAddresses(network: Network, device: Device, iface: InterfaceNode, group: PolicyEntry[]): PointingEnd[] {
  const subs = new Set<Address>(iface.addresses.filter((a) => a.sub).map((a) => a.address.value));
  const used = new Set(group.map(knownLocalAddress));
  return network
    .devicesPointingAt(device)
    .filter((end) => singleTargetAddress(end.target) !== undefined && subs.has(end.target.address) && !used.has(end.target.address));
}

const rule: DeviceRule = {
  meta: {
    id: 'sub-address-without-tunnel-local',
    description: 'An IPSec policy on an interface with sub addresses but without "tunnel local"',
    scope: 'device',
    relatesOtherDevices: true,
    defaultSeverity: 'warning',
    presets: ['recommended', 'strict'],
    tags: ['ipsec-policy', 'ike-peer', 'addressing'],
    breaks: { peerUsesSubAddress: 'ike' },
    messages: {
      peerUsesSubAddress:
        'Policy "{{policy}}" has no "tunnel local", so IKE is sourced from the primary address "{{primary}}" of {{interface}}, but {{peer}} sends IKE to the sub address "{{sub}}"; the addresses do not match and the tunnel cannot come up. Add "tunnel local {{sub}}".',
      ambiguousSource:
        'Policy "{{policy}}" is applied to {{interface}}, which has sub addresses ({{subs}}), but has no "tunnel local": IKE is sourced from the primary address "{{primary}}", and a peer pointing at a sub address fails with "peer address mismatch". Add "tunnel local" with the address the peer uses.',
    },
    fixable: true,
    optionsSchema: NO_OPTIONS,
    reasons: ['peer address mismatch'],
    since: '0.1.0',
  },
  check(context) {
    const { device, network } = context;
    const reported = new Set<NodeBase>();
    for (const iface of device.ast.interfaces) {
      if (!iface.ipsecPolicy || !iface.addresses.some((a) => a.sub)) continue;
      const group = device.policyGroup(iface.ipsecPolicy.name.value)?.entries ?? [];
      const primary = iface.addresses.find((a) => !a.sub);
      const atSubs = endsAtSubAddresses(network, device, iface, group);
      for (const entry of group) {
        if (!sourcesFromPrimary(entry) || reported.has(entry.node)) continue;
        reported.add(entry.node);
        const data = {
          policy: `${entry.group} ${entry.seq}`,
          interface: iface.name.value,
          primary: primary ? formatIpv4(primary.address.value) : 'unknown',
        };
        const blocked = atSubs.filter((end) => negotiatesWith(network, entry, end.device));
        if (blocked.length > 0) {
          const sub = formatIpv4(blocked[0].target.address);
          context.report({
            range: entry.node.range,
            messageId: 'peerUsesSubAddress',
            data: { ...data, peer: blocked[0].device.name, sub },
            objectPath: entry.node.path,
            severity: 'error',
            // Safe: IKE is then sourced from the address the peer already sends to.
            fix: { edits: [tunnelLocalInsert(entry, sub)] },
            related: blocked.map((end) => ({
              file: end.device.file,
              range: end.target.range,
              message: `${end.device.name} sends IKE to ${formatIpv4(end.target.address)}`,
            })),
          });
        } else {
          const subs = iface.addresses.filter((a) => a.sub).map((a) => `"${formatIpv4(a.address.value)}"`);
          context.report({ range: entry.node.range, messageId: 'ambiguousSource', data: { ...data, subs: subs.join(', ') }, objectPath: entry.node.path });
        }
      }
    }
  },
};

export default rule;
