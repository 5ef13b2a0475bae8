import type { AclNode, AclRuleNode } from '../ast/types.js';
import type { Box } from '../flow/flow.js';
import { aclRuleFlows } from './flows.js';
import { lookupsOf } from './lookups.js';
import type { Device, PolicyEntry, PolicyGroup } from './types.js';

/** One rule (permit or deny) of a security ACL, as a policy group matches it. */
export interface GroupAclRule {
  rule: AclRuleNode;
  acl: AclNode;
  /** The first enabled entry of the group that references the ACL. */
  entry: PolicyEntry;
  /** Position of the ACL in the group's matching order (0 = lowest sequence). */
  aclIndex: number;
  /** The rule's own flows as disjoint boxes (source = local side). */
  boxes: readonly Box[];
}

/**
 * Every rule of the security ACLs of a policy group, in the order the device matches them:
 * sequence order, each ACL once (a later sequence with the same ACL goes to `repeated`), rules by id.
 * Disabled entries and template entries without an ACL (they accept what the initiator proposes)
 * are left out; rules with an address the model cannot read go to `unreadable`.
 */
export interface RepeatedAcl {
  /** The later entry that references an ACL an earlier entry of the group already uses. */
  entry: PolicyEntry;
  first: PolicyEntry;
}

export function policyGroupAclRules(
  device: Device,
  group: PolicyGroup,
): { rules: GroupAclRule[]; unreadable: AclRuleNode[]; repeated: RepeatedAcl[] } {
  const lookups = lookupsOf(device.ast);
  const seen = new Map<AclNode, PolicyEntry>();
  const rules: GroupAclRule[] = [];
  const unreadable: AclRuleNode[] = [];
  const repeated: RepeatedAcl[] = [];
  for (const entry of group.entries) {
    const acl = entry.acl;
    if (entry.disabled || !acl) continue;
    const first = seen.get(acl);
    if (first) {
      repeated.push({ entry, first });
      continue;
    }
    const aclIndex = seen.size;
    seen.set(acl, entry);
    const ordered = [...acl.rules].sort((a, b) => a.id.value - b.id.value);
    for (const rule of ordered) {
      const own = aclRuleFlows(rule, lookups, acl.type === 'ipv6');
      if (!own.exact) unreadable.push(rule);
      else rules.push({ rule, acl, entry, aclIndex, boxes: own.flows.boxes });
    }
  }
  return { rules, unreadable, repeated };
}
