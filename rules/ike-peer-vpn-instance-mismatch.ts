import type { InterfaceNode, RemoteAddress } from '../src/ast/types.js';
import { formatAddress, isIpv6Address } from '../src/flow/address.js';
import type { Device, PolicyEntry } from '../src/model/types.js';
import type { ChangeSpec, DeviceRule, DeviceRuleContext } from './types.js';
import { NO_OPTIONS } from './_lib/options.js';

/**
 * The interface the entry's IKE packets are sent from and received on: the interface owning the
 * explicit `tunnel local` / peer `local-address` (an interface, sub or VRRP virtual address — the
 * hot-standby form; several owners in different VPN instances: the bound one), else the bound
 * interface. Undefined when that is ambiguous (an address nobody or several unbound interfaces
 * own, a group on interfaces of different VPN instances without `tunnel local`).
 */
function localInterface(device: Device, entry: PolicyEntry): InterfaceNode | undefined {
  const local = entry.localAddress;
  if (local.value.source === 'explicit' && (local.via === 'tunnel-local' || local.via === 'peer-local-address')) {
    const owners = [
      ...new Set(
        device
          .ownerFacts(local.value.value)
          .filter((fact) => fact.kind === 'interface' || fact.kind === 'interface-sub' || fact.kind === 'vrrp')
          .map((fact) => fact.interface)
          .filter((iface): iface is InterfaceNode => iface !== undefined),
      ),
    ];
    if (owners.length === 1) return owners[0];
    const bound = owners.filter((iface) => entry.interfaces.includes(iface));
    return bound.length === 1 ? bound[0] : undefined;
  }
  const iface = local.interface ?? entry.interfaces[0];
  if (!iface) return undefined;
  const vpns = new Set(entry.interfaces.map((bound) => bound.vpnBinding?.name.value));
  return vpns.size <= 1 ? iface : undefined;
}

const where = (vpn: string | undefined): string => (vpn === undefined ? 'the public network' : `VPN instance "${vpn}"`);

/** The remote-address line spelled with `vpn` (none: the public network), in every form the grammar reads. */
function spelled(line: RemoteAddress, vpn: string | undefined): string {
  const instance = vpn === undefined ? '' : `vpn-instance ${vpn} `;
  const ipv6 = line.address && isIpv6Address(line.address.value) ? 'ipv6 ' : '';
  if (line.kind === 'host-name') return `remote-address ${instance}host-name ${line.hostName?.value ?? ''}`.trimEnd();
  const address = line.address ? formatAddress(line.address.value) : '';
  const high = line.kind === 'range' && line.high ? ` ${formatAddress(line.high.value)}` : '';
  return `remote-address ${instance}${ipv6}${address}${high}`;
}

/** The fix's line: IPv4 address and range forms only (the IPv6 and host-name forms are left to the user, the message spells them). */
function rewritten(line: RemoteAddress, vpn: string | undefined): string | undefined {
  if (!line.address || isIpv6Address(line.address.value)) return undefined;
  if (line.kind !== 'address' && line.kind !== 'range') return undefined;
  return spelled(line, vpn);
}

interface Use {
  entry: PolicyEntry;
  iface: InterfaceNode;
  vpn: string | undefined;
}

const rule: DeviceRule = {
  meta: {
    id: 'ike-peer-vpn-instance-mismatch',
    description: 'An IKE peer\'s "remote-address" is in another VPN instance (or the public network) than the interface the tunnel\'s IKE packets are sent from',
    scope: 'device',
    defaultSeverity: 'error',
    presets: ['recommended', 'strict'],
    tags: ['ike', 'addressing', 'vpn-instance'],
    breaks: 'ike',
    messages: {
      mismatch:
        'IKE peer "{{peer}}" reaches {{address}} in {{remoteVpn}} ("{{line}}"), but {{policy}} sends and receives its IKE packets on {{interface}}, which is in {{localVpn}}, so the negotiation packets are looked up in the wrong routing instance and the responder finds no IKE peer for them ("peer address mismatch": the VPN instance differs). Write "{{fixed}}" in IKE peer "{{peer}}" (or bind the interface to the instance the peer is reached through).',
      shared:
        'IKE peer "{{peer}}" reaches {{address}} in {{remoteVpn}} ("{{line}}"), but {{policy}} sends and receives its IKE packets on {{interface}}, which is in {{localVpn}}, so the negotiation packets are looked up in the wrong routing instance and the responder finds no IKE peer for them ("peer address mismatch": the VPN instance differs). IKE peer "{{peer}}" also serves policies negotiating in another instance, so give {{policy}} an IKE peer of its own with "{{fixed}}".',
    },
    fixable: true,
    reasons: ['peer address mismatch'],
    optionsSchema: NO_OPTIONS,
    since: '0.1.0',
  },
  check(context: DeviceRuleContext) {
    const { device } = context;
    if (!device.ast.interfaces.some((iface) => iface.vpnBinding) && !device.ast.ikePeers.some((peer) => peer.remoteAddresses.some((line) => line.vpnInstance))) return;
    // Every enabled, applied ISAKMP or template entry using each remote-address line, with the instance it negotiates in.
    const uses = new Map<RemoteAddress, Use[]>();
    for (const entry of context.entries) {
      if (entry.disabled || entry.interfaces.length === 0 || !entry.ikePeer) continue;
      if (entry.role !== 'isakmp' && entry.role !== 'template') continue;
      const iface = localInterface(device, entry);
      if (!iface) continue;
      for (const line of entry.remoteAddresses) {
        if (line.kind === 'authentication-address') continue;
        const list = uses.get(line) ?? [];
        list.push({ entry, iface, vpn: iface.vpnBinding?.name.value });
        uses.set(line, list);
      }
    }
    for (const [line, list] of uses) {
      const remoteVpn = line.vpnInstance?.value;
      const localVpns = new Set(list.map((use) => use.vpn));
      const reported = new Set<string | undefined>();
      for (const { entry, iface, vpn: localVpn } of list) {
        if (localVpn === remoteVpn || reported.has(localVpn)) continue;
        reported.add(localVpn);
        const peer = entry.ikePeer!;
        const text = rewritten(line, localVpn);
        const address = line.address ? formatAddress(line.address.value) : (line.hostName?.value ?? 'the peer');
        // One line serving entries of several instances: no single rewrite is right for all of them.
        const fix: ChangeSpec | undefined = text && localVpns.size === 1 ? { applicability: 'unsafe', edits: [{ kind: 'line', line: line.range.line, text }] } : undefined;
        const policy = entry.role === 'template' ? `the template policy "${entry.group} ${entry.seq}"` : `IPSec policy "${entry.group} ${entry.seq}"`;
        context.report({
          range: line.range,
          messageId: localVpns.size === 1 ? 'mismatch' : 'shared',
          objectPath: `${peer.path}/remote-address:${address}`,
          data: {
            peer: peer.name.value,
            address,
            remoteVpn: where(remoteVpn),
            line: spelled(line, remoteVpn),
            policy,
            interface: iface.name.value,
            localVpn: where(localVpn),
            fixed: spelled(line, localVpn),
          },
          related: [
            iface.vpnBinding
              ? { file: device.file, range: iface.vpnBinding.range, message: `${iface.name.value} is bound to VPN instance "${iface.vpnBinding.name.value}"` }
              : { file: device.file, range: iface.range, message: `${iface.name.value} is in the public network (no "ip binding vpn-instance")` },
          ],
          ...(fix ? { fix } : {}),
        });
      }
    }
  },
};

export default rule;
