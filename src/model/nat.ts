import type { ConfigAst, NatRuleNode, NatServerNode } from '../ast/types.js';
import { hostCube } from '../flow/cube.js';
import { FlowSet, makeBox } from '../flow/flow.js';
import { PROTOCOL_UDP } from '../flow/protocol.js';
import { type AclFlows, protectedFlowsOf } from './flows.js';
import { interfaceKey, zoneKey, type Lookups } from './lookups.js';
import { MemoSlot } from './memo.js';
import { policyRuleIndexOf, remainderAfter, RulePart } from './policy-rule-index.js';
import { RuleCandidates } from './rule-candidates.js';
import type { NatContext, NatPart, NatServerHit } from './types.js';

/** Whether a rule's zone/interface conditions hold for the context; `undefined` = cannot tell. */
function conditionsHold(rule: NatRuleNode, ctx: NatContext): boolean | undefined {
  let unknown = false;
  const check = (values: readonly { value: string }[], actual: string | undefined, key: (s: string) => string) => {
    if (values.length === 0) return true;
    if (actual === undefined) {
      unknown = true;
      return true;
    }
    const wanted = key(actual);
    return values.some((v) => key(v.value) === wanted);
  };
  if (!check(rule.sourceZones, ctx.sourceZone, zoneKey)) return false;
  if (!check(rule.destinationZones, ctx.destinationZone, zoneKey)) return false;
  if (!check(rule.egressInterfaces, ctx.egressInterface, interfaceKey)) return false;
  return unknown ? undefined : true;
}

const ACL_RULE_CANDIDATES = new MemoSlot<AclFlows, RuleCandidates>('nat acl rule candidates');

function aclCandidatesOf(aclFlows: AclFlows, lookups: Lookups): RuleCandidates {
  return lookups.memo.get(ACL_RULE_CANDIDATES, aclFlows, () => new RuleCandidates(aclFlows.ruleFlows.map((flow) => flow.effective)));
}

/**
 * Source NAT as the device applies it: nat-policy (and legacy interzone) rules top-down, first
 * match wins, disabled rules skipped; then AR interface `nat outbound ACL` on the egress
 * interface. Every part of `flow` ends up in exactly one returned part. Only the rules whose
 * addresses meet `flow` are visited (indexed once per rule list); `considered` narrows the
 * nat-policy rules further, by position in `ast.natRules`.
 */
export function evaluateSourceNat(
  ast: ConfigAst,
  lookups: Lookups,
  flow: FlowSet,
  ctx: NatContext,
  considered?: (position: number) => boolean,
): NatPart[] {
  const parts: NatPart[] = [];
  let remaining = flow;
  if (!flow.isEmpty() && ast.natRules.length > 0) {
    const index = policyRuleIndexOf(ast.natRules, lookups);
    index.candidates.eachOverlapping(flow, (position) => {
      if (considered && !considered(position)) return true;
      const rule = ast.natRules[position];
      const holds = conditionsHold(rule, ctx);
      if (holds === false) return true;
      const match = index.matchAt(position)!;
      if (!remaining.overlaps(match.flows)) return true;
      parts.push(new RulePart<NatRuleNode, NatPart['action']>(remaining, match.flows, rule, rule.action?.value ?? 'other', match.uncertain || holds === undefined || undefined));
      remaining = remainderAfter(remaining, match.flows);
      return !remaining.isEmpty();
    });
  }
  for (const iface of ast.interfaces) {
    if (remaining.isEmpty()) break;
    if (iface.natOutbound.length === 0) continue;
    const onEgress = ctx.egressInterface === undefined || interfaceKey(ctx.egressInterface) === iface.key;
    if (!onEgress) continue;
    for (const nat of iface.natOutbound) {
      if (remaining.isEmpty()) break;
      const acl = lookups.acl(nat.acl.value);
      const aclFlows = protectedFlowsOf(acl, lookups);
      for (const position of aclCandidatesOf(aclFlows, lookups).overlapping(remaining)) {
        const ruleFlow = aclFlows.ruleFlows[position];
        const taken = remaining.intersect(ruleFlow.effective);
        if (taken.isEmpty()) continue;
        parts.push({
          part: taken,
          interfaceNat: { interface: iface, acl: nat.acl, rule: ruleFlow.rule },
          action: nat.addressGroup ? 'source-nat-address-group' : 'source-nat-easy-ip',
          uncertain: !aclFlows.exact || ctx.egressInterface === undefined || undefined,
          approximate: remaining.truncated || undefined,
        });
        remaining = remaining.subtract(ruleFlow.effective);
      }
    }
  }
  if (!remaining.isEmpty()) parts.push({ part: remaining, action: 'none', approximate: remaining.truncated || undefined });
  return parts;
}

/** NAT server mappings that would translate part of `flow` before the IPSec ACL sees it (a large `flow` is indexed once, not scanned per server). */
export function natServerHits(servers: readonly NatServerNode[], flow: FlowSet): NatServerHit[] {
  const hits: NatServerHit[] = [];
  const meet = (server: NatServerNode, direction: NatServerHit['direction'], matched: FlowSet): void => {
    const part = flow.intersect(matched);
    if (!part.isEmpty()) hits.push({ server, direction, part });
  };
  for (const server of servers) {
    const protocol = server.protocol?.value ?? null;
    // reverse: packets from the inside address (and port) get the global one as source
    const inside = server.insidePort ? ([server.insidePort.value, server.insidePort.value] as [number, number]) : undefined;
    if (!server.noReverse) meet(server, 'reverse', FlowSet.of(makeBox({ src: hostCube(server.inside.value), protocol, srcPorts: inside })));
    const global = server.globalPort ? ([server.globalPort.value, server.globalPort.value] as [number, number]) : undefined;
    meet(server, 'forward', FlowSet.of(makeBox({ dst: hostCube(server.global.value), protocol, dstPorts: global })));
  }
  return hits;
}

/** A `nat server` mapping IKE can cross: the whole address (no protocol) or UDP. */
export function natServerCarriesIke(server: NatServerNode): boolean {
  const protocol = server.protocol?.value ?? null;
  return protocol === null || protocol === PROTOCOL_UDP;
}
