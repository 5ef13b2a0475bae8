import type { ConfigAst } from '../ast/types.js';
import { isPrivateAddress } from '../flow/address.js';
import type { LocalAddressFact, PolicyEntry } from './types.js';
import type { Address } from '../flow/address.js';

/**
 * Every address the device answers on: interface primary/sub addresses, VRRP virtual addresses,
 * `tunnel local` / peer `local-address` values and tunnel sources, each with its defining node.
 */
export function collectLocalAddresses(ast: ConfigAst, entries: PolicyEntry[]): LocalAddressFact[] {
  const facts: Omit<LocalAddressFact, 'private'>[] = [];
  for (const iface of ast.interfaces) {
    for (const address of iface.addresses) {
      facts.push({
        address: address.address.value,
        kind: address.sub ? 'interface-sub' : 'interface',
        node: iface,
        range: address.range,
        interface: iface,
      });
    }
    // Every global IPv6 address is an address of the interface (IPv6 has no primary/sub
    // distinction); eui-64 hosts are unknown at lint time, link-local ones never carry IKE.
    for (const address of iface.ipv6Addresses ?? []) {
      if (address.form !== 'global' || !address.address) continue;
      facts.push({ address: address.address.value, kind: 'interface', node: iface, range: address.range, interface: iface });
    }
    for (const vip of iface.vrrpVirtualIps) {
      facts.push({ address: vip.value, kind: 'vrrp', node: iface, range: vip.range, interface: iface });
    }
  }
  for (const peer of ast.ikePeers) {
    if (peer.localAddress) {
      facts.push({ address: peer.localAddress.value, kind: 'peer-local-address', node: peer, range: peer.localAddress.range });
    }
  }
  for (const entry of entries) {
    const local = entry.localAddress;
    if (local.value.source !== 'explicit') continue;
    if (local.via === 'tunnel-local') {
      facts.push({ address: local.value.value, kind: 'tunnel-local', node: entry.settingsNode, range: local.value.range });
    } else if (local.via === 'tunnel-source') {
      facts.push({ address: local.value.value, kind: 'tunnel-source', node: entry.node, range: local.value.range });
    }
  }
  return facts.map((fact) => ({ ...fact, private: isPrivateAddress(fact.address) }));
}

export function indexFacts(facts: LocalAddressFact[]): Map<Address, LocalAddressFact[]> {
  const index = new Map<Address, LocalAddressFact[]>();
  for (const fact of facts) {
    const list = index.get(fact.address);
    if (list) list.push(fact);
    else index.set(fact.address, [fact]);
  }
  return index;
}
