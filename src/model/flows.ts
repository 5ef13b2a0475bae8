import type { AclNode, AclRuleNode, AddressSpec, Val } from '../ast/types.js';
import { ANY_CUBE, type Cube, fromRange, fromWildcard } from '../net/cube.js';
import { type Box, FlowSet, makeBox } from '../net/flow.js';
import type { Lookups } from './lookups.js';
import type { RuleFlow, ServiceMatch } from './types.js';

export interface Cubes {
  cubes: Cube[];
  /** False when part of the operand could not be read (IPv6, placeholder, unknown address-set). */
  exact: boolean;
}

/**
 * Cubes of one address operand. Operands the model cannot read contribute nothing
 * (`exact: false`); callers that must not under-match (NAT, security policy) widen them to any.
 */
export function addressCubes(spec: AddressSpec | undefined, lookups: Lookups): Cubes {
  if (!spec) return { cubes: [ANY_CUBE], exact: true };
  switch (spec.form) {
    case 'any':
      return { cubes: [ANY_CUBE], exact: true };
    case 'wildcard':
      return { cubes: [fromWildcard(spec.address, spec.wildcard)], exact: true };
    case 'range':
      return spec.first <= spec.last ? { cubes: fromRange(spec.first, spec.last), exact: true } : { cubes: [], exact: false };
    case 'address-set': {
      const expanded = lookups.expandAddressSet(spec.name);
      const result: Cubes = { cubes: [], exact: expanded.unresolved.length === 0 };
      for (const member of expanded.members) {
        const part = addressCubes(member, lookups);
        result.cubes.push(...part.cubes);
        result.exact &&= part.exact;
      }
      return result;
    }
    default:
      return { cubes: [], exact: false };
  }
}

/** Union of several operands (rule lines repeat: `source-address` ×2); none = any. */
export function operandCubes(specs: readonly AddressSpec[], lookups: Lookups, unreadableAsAny: boolean): Cubes {
  if (specs.length === 0) return { cubes: [ANY_CUBE], exact: true };
  const result: Cubes = { cubes: [], exact: true };
  for (const spec of specs) {
    const part = addressCubes(spec, lookups);
    result.cubes.push(...part.cubes);
    result.exact &&= part.exact;
  }
  if (!result.exact && unreadableAsAny) result.cubes = [ANY_CUBE];
  return result;
}

export function boxesOf(src: Cube[], dst: Cube[], services: readonly ServiceMatch[]): Box[] {
  const boxes: Box[] = [];
  for (const s of src) {
    for (const d of dst) {
      for (const service of services) {
        boxes.push(
          makeBox({
            src: s,
            dst: d,
            protocol: service.protocol,
            srcPorts: service.sourcePorts,
            dstPorts: service.destinationPorts,
          }),
        );
      }
    }
  }
  return boxes;
}

/** Services of a rule's `service` lines; unknown names widen to any (`exact: false`). */
export function serviceMatches(
  names: readonly Val<string>[],
  lookups: Lookups,
): { services: ServiceMatch[]; exact: boolean } {
  if (names.length === 0) return { services: [{ protocol: null }], exact: true };
  const services: ServiceMatch[] = [];
  for (const name of names) {
    const expanded = lookups.expandService(name.value);
    if (!expanded) return { services: [{ protocol: null }], exact: false };
    services.push(...expanded);
  }
  return { services, exact: true };
}

/** Flows one ACL rule matches (source = the rule's source, destination = its destination). */
export function aclRuleFlows(rule: AclRuleNode, lookups: Lookups): { flows: FlowSet; exact: boolean } {
  const src = addressCubes(rule.source, lookups);
  const dst = addressCubes(rule.destination, lookups);
  const service: ServiceMatch = {
    protocol: rule.protocol?.value ?? null,
    sourcePorts: rule.sourcePort ? [rule.sourcePort.first, rule.sourcePort.last] : undefined,
    destinationPorts: rule.destinationPort ? [rule.destinationPort.first, rule.destinationPort.last] : undefined,
  };
  return { flows: FlowSet.of(...boxesOf(src.cubes, dst.cubes, [service])), exact: src.exact && dst.exact };
}

export interface AclFlows {
  /** What the ACL permits (earlier rules carved out of later ones: first match wins). */
  protectedFlows: FlowSet;
  ruleFlows: RuleFlow[];
  exact: boolean;
}

/** Permit flows of an ACL in ascending rule order, each rule minus what earlier rules matched. */
export function protectedFlowsOf(acl: AclNode | undefined, lookups: Lookups): AclFlows {
  if (!acl) return { protectedFlows: FlowSet.EMPTY, ruleFlows: [], exact: false };
  const rules = [...acl.rules].sort((a, b) => a.id.value - b.id.value);
  let matched = FlowSet.EMPTY;
  let permitted = FlowSet.EMPTY;
  let exact = acl.type === 'advanced' || acl.type === 'basic';
  const ruleFlows: RuleFlow[] = [];
  for (const rule of rules) {
    const own = aclRuleFlows(rule, lookups);
    exact &&= own.exact;
    const effective = own.flows.subtract(matched);
    if (rule.action.value === 'permit') {
      ruleFlows.push({ rule, flows: own.flows, effective });
      permitted = permitted.union(effective);
    }
    matched = matched.union(own.flows);
  }
  return { protectedFlows: permitted, ruleFlows, exact: exact && permitted.exact };
}
