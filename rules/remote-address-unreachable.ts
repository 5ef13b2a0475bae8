import type { IkePeerNode, NatServerNode, RemoteAddress } from '../src/ast/types.js';
import { natServerCarriesIke } from '../src/model/nat.js';
import { MemoSlot } from '../src/model/memo.js';
import type { Device, PolicyEntry } from '../src/model/types.js';
import { type Address, addressInRange, formatAddress, isPrivateAddress } from '../src/flow/address.js';
import type { Network } from '../src/network/types.js';
import type { ChangeEdit, DeviceRule, DeviceRuleContext, Report } from './types.js';
import { byFile } from '../src/network/identity.js';
import { ipHostEntry, knownLocalAddress } from '../src/model/remote-target.js';
import { NO_OPTIONS } from './_lib/options.js';


/** A NAT server of a device of the run publishing a private address, by that inside address. */
interface Publication {
  device: Device;
  server: NatServerNode;
}

const PUBLICATIONS = new MemoSlot<Network, Map<Address, Publication[]>>('nat server publications');

/**
 * Static NAT mappings of the run by inside address: `nat server` lines (whole address, or UDP, the
 * protocol IKE uses), once per run rather than per device.
 */
function publicationsOf(network: Network): Map<Address, Publication[]> {
  return network.memo.get(PUBLICATIONS, network, indexPublications);
}

function indexPublications(network: Network): Map<Address, Publication[]> {
  const index = new Map<Address, Publication[]>();
  for (const device of network.devices) {
    for (const server of device.natServers) {
      if (!natServerCarriesIke(server)) continue;
      const list = index.get(server.inside.value);
      if (list) list.push({ device, server });
      else index.set(server.inside.value, [{ device, server }]);
    }
  }
  // by path, so the related lines do not depend on the order the files were named in
  for (const list of index.values()) list.sort((a, b) => byFile(a.device, b.device));
  return index;
}

function covers(line: RemoteAddress, address: Address): boolean {
  return line.address !== undefined && addressInRange(address, line.address.value, line.high?.value);
}

/**
 * (a) A `remote-address` naming a private address that a static NAT of the run publishes under a
 * public address, from an end that negotiates from a public address (outside that NAT) and has no
 * connected route to it: the IKE packets go to an address the Internet does not route.
 */
function checkPrivateBehindNat(context: DeviceRuleContext, entry: PolicyEntry, peer: IkePeerNode, line: RemoteAddress): void {
  const { device, network } = context;
  if (line.kind !== 'address' || !line.address) return;
  const target = line.address.value;
  if (typeof target !== 'number' || !isPrivateAddress(target)) return;
  const local = knownLocalAddress(entry);
  if (local === undefined || isPrivateAddress(local)) return;
  if (device.routeFor(target).direct) return;
  // A mapping on this device is this device's own NAT: it sits in front of the private address.
  const publications = (publicationsOf(network).get(target) ?? []).filter((p) => p.device !== device);
  if (publications.length === 0) return;
  const globals = [...new Set(publications.map((p) => p.server.global.value))];
  const owner = network.owners(target).find((o) => !o.viaNat && o.device !== device)?.device;
  const ownerFact = owner?.ownerFacts(target).find((f) => f.kind === 'interface') ?? owner?.ownerFacts(target)[0];
  const related = [
    ...publications.map((p) => ({ file: p.device.file, range: p.server.range, message: `static NAT of ${formatAddress(target)} on ${p.device.name}` })),
    ...(owner && ownerFact ? [{ file: owner.file, range: ownerFact.range, message: `private address ${formatAddress(target)} of ${owner.name}` }] : []),
  ];
  const data = {
    value: formatAddress(target),
    owner: owner ? owner.name : 'the other end',
    nat: publications[0].device.name,
    global: globals.map(formatAddress).join('" or "'),
    peer: peer.name.value,
  };
  const report: Report = {
    file: device.file,
    range: line.range,
    objectPath: peer.path,
    messageId: 'privateBehindNat',
    data,
    related,
  };
  if (globals.length === 1) {
    // Safe: the public address is the one address the NAT publishes the other end under. The
    // authentication address keeps accepting the private address the other end's IP ID carries
    // (guide: remote-address = post-NAT address, authentication-address = pre-NAT address).
    const edits: ChangeEdit[] = [{ kind: 'replace', range: line.address.range, text: formatAddress(globals[0]) }];
    const accepted = entry.remoteAddresses.some((other) => other.kind === 'authentication-address' && covers(other, target));
    if (entry.role === 'isakmp' && !accepted) edits.push({ kind: 'insert', line: line.range.line, lines: [`remote-address authentication-address ${formatAddress(target)}`] });
    report.fix = { applicability: 'safe', edits };
  }
  context.report(report);
}

/** The address a host name most likely stands for: one device of the run named so, or the one device pointing at this one. */
function guessAddress(network: Network, device: Device, name: string): { address: Address; device: Device } | undefined {
  const wanted = name.toLowerCase();
  const label = wanted.split('.')[0];
  const pointing = network.devicesPointingAt(device);
  const addressesOf = (other: Device): Address[] => {
    const fromPointing = pointing.filter((p) => p.device === other).map((p) => knownLocalAddress(p.entry));
    const fromEntries = other.entries.map(knownLocalAddress);
    const known = (fromPointing.length > 0 ? fromPointing : fromEntries).filter((a): a is Address => a !== undefined);
    return [...new Set(known)];
  };
  const named = network.devices.filter((d) => d !== device && d.sysname !== undefined && [wanted, label].includes(d.sysname.toLowerCase()));
  const candidates = named.length > 0 ? named : [...new Set(pointing.map((p) => p.device))].filter((d) => d !== device);
  if (candidates.length !== 1) return undefined;
  const addresses = addressesOf(candidates[0]);
  return addresses.length === 1 ? { address: addresses[0], device: candidates[0] } : undefined;
}

/**
 * (b) `remote-address host-name X` on a device that can resolve X neither statically (`ip host X A`)
 * nor dynamically (`dns resolve` with a `dns server`).
 */
function checkHostName(context: DeviceRuleContext, peer: IkePeerNode, line: RemoteAddress): void {
  const { device, network } = context;
  const name = line.hostName?.value;
  if (line.kind !== 'host-name' || !name) return;
  const globals = device.ast.globals;
  if (ipHostEntry(device.ast, name)) return;
  if (globals.dnsResolve && globals.dnsServer) return;
  if (globals.dnsResolve) {
    // The DNS server may be learned (PPP IPCP, DHCP): the configuration cannot tell.
    context.note(device.file, `cannot verify that IKE peer "${peer.name.value}" can resolve host name "${name}": "dns resolve" is on but no "dns server" is configured (one may be learned through PPP or DHCP)`);
    return;
  }
  const base = { file: device.file, range: line.range, objectPath: peer.path, data: { name, peer: peer.name.value } };
  if (globals.dnsServer) {
    // Safe: dynamic resolution with the DNS server the configuration already names.
    context.report({
      ...base,
      messageId: 'dnsResolveOff',
      fix: { applicability: 'safe', edits: [{ kind: 'insert', line: globals.dnsServer.line, lines: ['dns resolve'] }] },
      related: [{ file: device.file, range: globals.dnsServer, message: 'DNS server, unused without "dns resolve"' }],
    });
    return;
  }
  const guess = guessAddress(network, device, name);
  const hosts = globals.ipHosts ?? [];
  const after = hosts.length > 0 ? hosts[hosts.length - 1].range.line : peer.range.line;
  context.report({
    ...base,
    messageId: 'hostNameUnresolved',
    ...(guess
      ? {
          suggestions: [
            {
              desc: `Resolve "${name}" statically to ${formatAddress(guess.address)}, the address ${guess.device.name} negotiates from: "ip host ${name} ${formatAddress(guess.address)}"`,
              change: { applicability: 'unsafe' as const, edits: [{ kind: 'insert' as const, line: after, lines: [`ip host ${name} ${formatAddress(guess.address)}`] }] },
            },
          ],
        }
      : {}),
  });
}

const rule: DeviceRule = {
  meta: {
    id: 'remote-address-unreachable',
    description: 'An IKE peer remote-address the device cannot reach: the private address of a peer published by a static NAT, or a host name it cannot resolve',
    scope: 'device',
    relatesOtherDevices: true,
    defaultSeverity: 'error',
    presets: ['recommended', 'strict'],
    tags: ['ike', 'addressing', 'nat', 'dns'],
    breaks: { privateBehindNat: 'ike', hostNameUnresolved: 'initiation', dnsResolveOff: 'initiation' },
    messages: {
      privateBehindNat:
        'remote-address "{{value}}" is the private address of {{owner}}, which {{nat}} publishes by static NAT as "{{global}}": this device negotiates from a public address, so its IKE packets go to an address the Internet does not route and IKE negotiation never completes ("max transmit reached", or "peer address mismatch" when the other end initiates); set the remote-address of IKE peer "{{peer}}" to the post-NAT address "{{global}}" and accept the private address with "remote-address authentication-address {{value}}".',
      hostNameUnresolved:
        'IKE peer "{{peer}}" names its peer by host name "{{name}}" ("remote-address host-name"), but the device has no "ip host {{name}} ..." entry and no DNS resolver ("dns resolve" with a "dns server"), so it never learns the peer address and no IKE packet is sent; add "ip host {{name}} <address of the peer>" in the system view, or enable "dns resolve" with a "dns server <address>" that knows the name.',
      dnsResolveOff:
        'IKE peer "{{peer}}" names its peer by host name "{{name}}" and the device has a "dns server", but dynamic domain name resolution is off (no "dns resolve", the default), so the name is never resolved and no IKE packet is sent; add "dns resolve" in the system view.',
    },
    fixable: true,
    hasSuggestions: true,
    optionsSchema: NO_OPTIONS,
    reasons: ['peer address mismatch', 'max transmit reached'],
    since: '0.1.0',
  },
  check(context) {
    const seen = new Set<RemoteAddress>();
    for (const entry of context.entries) {
      const peer = entry.ikePeer;
      if (!peer || entry.role === 'manual') continue;
      for (const line of entry.remoteAddresses) {
        if (seen.has(line)) continue;
        seen.add(line);
        if (line.kind === 'host-name') checkHostName(context, peer, line);
        else checkPrivateBehindNat(context, entry, peer, line);
      }
    }
  },
};

export default rule;
