import type {
  AclNode,
  AddressSetNode,
  AddressSpec,
  ConfigAst,
  IkePeerNode,
  IkeProposalNode,
  InterfaceNode,
  IpsecProfileNode,
  IpsecProposalNode,
  NatAddressGroupNode,
  PolicyTemplateNode,
  ServiceSetNode,
} from '../ast/types.js';
import { lookupPredefinedService } from '../flow/protocol.js';
import { Memo } from './memo.js';
import type { ServiceMatch } from './types.js';

function predefinedService(name: string): ServiceMatch[] | undefined {
  const service = lookupPredefinedService(name);
  return service ? [{ protocol: service.protocol, destinationPorts: service.destinationPorts }] : undefined;
}


/** Lower-cased, spaces removed: how VRP matches interface names in references. */
export function interfaceKey(name: string): string {
  return name.replace(/\s+/g, '').toLowerCase();
}

function firstByName<T>(items: readonly T[], key: (item: T) => string): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) {
    const k = key(item);
    if (!map.has(k)) map.set(k, item);
  }
  return map;
}

/** Zone names are matched case-insensitively (`Local` on AR = `local`). */
export function zoneKey(name: string): string {
  return name.trim().toLowerCase();
}

export class Lookups {
  readonly acls: Map<string, AclNode>;
  readonly ikeProposals: Map<string, IkeProposalNode>;
  readonly ikePeers: Map<string, IkePeerNode>;
  readonly ipsecProposals: Map<string, IpsecProposalNode>;
  readonly templates = new Map<string, PolicyTemplateNode[]>();
  readonly profiles: Map<string, IpsecProfileNode>;
  readonly interfaces: Map<string, InterfaceNode>;
  readonly addressSets: Map<string, AddressSetNode>;
  readonly serviceSets: Map<string, ServiceSetNode>;
  readonly natAddressGroups: Map<string, NatAddressGroupNode>;
  /** interface key → zone name */
  readonly zoneOfInterface = new Map<string, string>();
  readonly interfacesOfZone = new Map<string, InterfaceNode[]>();
  /** Facts derived from this configuration once (flows per ACL, policy indexes, bounds reached, …): src/model/memo.ts. */
  readonly memo = new Memo();

  constructor(ast: ConfigAst) {
    this.acls = firstByName(ast.acls, (a) => a.key.value.toLowerCase());
    // A named ACL with a number (`acl name dc-servers 3999`) answers to its number as well.
    for (const acl of ast.acls) {
      if (acl.number !== undefined && !this.acls.has(String(acl.number))) this.acls.set(String(acl.number), acl);
    }
    this.ikeProposals = firstByName(ast.ikeProposals, (p) => p.id.value.toLowerCase());
    this.ikePeers = firstByName(ast.ikePeers, (p) => p.name.value);
    this.ipsecProposals = firstByName(ast.ipsecProposals, (p) => p.name.value);
    this.profiles = firstByName(ast.ipsecProfiles, (p) => p.name.value);
    this.interfaces = firstByName(ast.interfaces, (i) => i.key);
    this.addressSets = firstByName(ast.addressSets, (s) => s.name.value);
    this.serviceSets = firstByName(ast.serviceSets, (s) => s.name.value);
    this.natAddressGroups = firstByName(ast.natAddressGroups, (g) => g.name.value);
    for (const template of ast.policyTemplates) {
      const list = this.templates.get(template.name.value) ?? [];
      list.push(template);
      this.templates.set(template.name.value, list);
    }
    for (const list of this.templates.values()) list.sort((a, b) => a.seq.value - b.seq.value);
    for (const zone of ast.zones) {
      const name = zoneKey(zone.name.value);
      const members = this.interfacesOfZone.get(name) ?? [];
      for (const member of zone.interfaces) {
        const key = interfaceKey(member.value);
        if (!this.zoneOfInterface.has(key)) this.zoneOfInterface.set(key, name);
        const node = this.interfaces.get(key);
        if (node) members.push(node);
      }
      this.interfacesOfZone.set(name, members);
    }
  }

  acl(key: string): AclNode | undefined {
    return this.acls.get(key.toLowerCase());
  }

  ikeProposal(id: string): IkeProposalNode | undefined {
    return this.ikeProposals.get(id.toLowerCase());
  }

  interface(name: string): InterfaceNode | undefined {
    return this.interfaces.get(interfaceKey(name));
  }

  /** Literal members of an address-set with nested groups expanded; cycles and unknown names go to `unresolved`. */
  expandAddressSet(name: string): { members: AddressSpec[]; unresolved: string[] } {
    const members: AddressSpec[] = [];
    const unresolved: string[] = [];
    const visiting = new Set<string>();
    const done = new Set<string>();
    // Iterative walk: a set reached twice (diamond) expands once; one on the current path is a cycle.
    const stack: { name: string; next: number }[] = [];
    const enter = (setName: string): void => {
      if (visiting.has(setName)) {
        unresolved.push(setName);
        return;
      }
      if (done.has(setName)) return;
      if (!this.addressSets.has(setName)) {
        unresolved.push(setName);
        done.add(setName);
        return;
      }
      visiting.add(setName);
      stack.push({ name: setName, next: 0 });
    };
    enter(name);
    while (stack.length > 0) {
      const frame = stack[stack.length - 1];
      const set = this.addressSets.get(frame.name)!;
      if (frame.next >= set.members.length) {
        stack.pop();
        visiting.delete(frame.name);
        done.add(frame.name);
        continue;
      }
      const member = set.members[frame.next++];
      if (member.form === 'address-set') enter(member.name);
      else members.push(member);
    }
    return { members, unresolved };
  }

  /** Services of a service-set (nested sets expanded) or a predefined name; undefined when unknown. */
  expandService(name: string): ServiceMatch[] | undefined {
    const own = this.serviceSets.get(name);
    if (!own) return predefinedService(name);
    const result: ServiceMatch[] = [];
    const visited = new Set<string>();
    let complete = true;
    const visit = (set: ServiceSetNode): void => {
      if (visited.has(set.name.value)) return;
      visited.add(set.name.value);
      for (const member of set.members) result.push(member);
      for (const include of set.includes) {
        const nested = this.serviceSets.get(include.value);
        if (nested) visit(nested);
        else {
          const builtIn = predefinedService(include.value);
          if (builtIn) for (const service of builtIn) result.push(service);
          else complete = false;
        }
      }
    };
    visit(own);
    return complete || result.length > 0 ? result : undefined;
  }
}

const lookupsByAst = new WeakMap<ConfigAst, Lookups>();

/** The lookups of a configuration, built once per AST: a hub's AST is large, and every model helper holding only a `Device` needs them too. */
export function lookupsOf(ast: ConfigAst): Lookups {
  let lookups = lookupsByAst.get(ast);
  if (!lookups) lookupsByAst.set(ast, (lookups = new Lookups(ast)));
  return lookups;
}
