import type { AddressSpec, ConfigAst, Val } from '../ast/types.js';
import type { Lookups } from './lookups.js';
import type { BrokenReference } from './types.js';

function addressSetRef(spec: AddressSpec): Val<string> | undefined {
  return spec.form === 'address-set' ? { value: spec.name, range: spec.range } : undefined;
}

/**
 * Broken references outside IPSec policies (those are recorded while entries are resolved):
 * peers' `ike-proposal`, NAT and security rules' address/service sets and address groups,
 * nested address-sets, interface `nat outbound` ACLs and groups.
 */
export function collectReferenceProblems(ast: ConfigAst, lookups: Lookups, broken: BrokenReference[]): void {
  for (const peer of ast.ikePeers) {
    for (const ref of peer.ikeProposals) {
      if (!lookups.ikeProposal(ref.value) && ref.value.toLowerCase() !== 'default') {
        broken.push({ from: peer.path, kind: 'ike-proposal', name: ref });
      }
    }
  }
  const checkAddresses = (from: string, specs: readonly AddressSpec[]) => {
    for (const spec of specs) {
      const ref = addressSetRef(spec);
      if (ref && !lookups.addressSets.has(ref.value)) broken.push({ from, kind: 'address-set', name: ref });
    }
  };
  const checkServices = (from: string, names: readonly Val<string>[]) => {
    for (const name of names) {
      if (!lookups.expandService(name.value)) broken.push({ from, kind: 'service-set', name });
    }
  };
  for (const rule of ast.natRules) {
    checkAddresses(rule.path, rule.sourceAddresses);
    checkAddresses(rule.path, rule.destinationAddresses);
    checkServices(rule.path, rule.services);
    if (rule.addressGroup && !lookups.natAddressGroups.has(rule.addressGroup.value)) {
      broken.push({ from: rule.path, kind: 'nat-address-group', name: rule.addressGroup });
    }
  }
  for (const rule of ast.securityPolicy?.rules ?? []) {
    checkAddresses(rule.path, rule.sourceAddresses);
    checkAddresses(rule.path, rule.destinationAddresses);
    checkServices(rule.path, rule.services);
  }
  for (const set of ast.addressSets) checkAddresses(set.path, set.members);
  for (const set of ast.serviceSets) checkServices(set.path, set.includes);
  for (const acl of ast.acls) {
    for (const rule of acl.rules) {
      checkAddresses(rule.path, [rule.source, rule.destination].filter((s): s is AddressSpec => s !== undefined));
    }
  }
  for (const iface of ast.interfaces) {
    for (const nat of iface.natOutbound) {
      if (!lookups.acl(nat.acl.value)) broken.push({ from: iface.path, kind: 'acl', name: nat.acl });
      if (nat.addressGroup && !lookups.natAddressGroups.has(nat.addressGroup.value)) {
        broken.push({ from: iface.path, kind: 'nat-address-group', name: nat.addressGroup });
      }
    }
  }
}
