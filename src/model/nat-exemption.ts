import type { NatRuleNode } from '../ast/types.js';
import { cubeFirstAddress } from '../flow/address.js';
import { isAnyCube } from '../flow/cube.js';
import { type Box, FlowSet } from '../flow/flow.js';
import { type Lookups, lookupsOf } from './lookups.js';
import { MemoSlot } from './memo.js';
import { evaluateSourceNat } from './nat.js';
import type { Device, NatContext, NatPart, PolicyEntry } from './types.js';

const SOURCE_NAT = new Set(['source-nat-easy-ip', 'source-nat-address-group']);

export function isSourceNat(part: NatPart): boolean {
  return SOURCE_NAT.has(part.action);
}

/**
 * Source NAT of an entry's protected flow, with the source zone taken per box from the zone of
 * the interface facing the box's source (route or connected subnet), not one zone for the whole
 * entry: a flow from two LANs in different zones meets different NAT rules. The parts carry the
 * action of the nat-policy rule that takes them first, whatever it is (one list, first match):
 * source NAT, no-nat, and `destination-nat` too (destination-nat-translates-protected-flow).
 */
export function sourceNatOfProtectedFlow(device: Device, entry: PolicyEntry, flow: FlowSet): { part: NatPart; context: NatContext }[] {
  const base = device.natContextFor(entry, 'protected');
  const byZone = new Map<string | undefined, Box[]>();
  for (const box of flow.boxes) {
    const zone = isAnyCube(box.src) ? base.sourceZone : (device.zoneForAddress(cubeFirstAddress(box.src)) ?? base.sourceZone);
    const list = byZone.get(zone) ?? [];
    list.push(box);
    byZone.set(zone, list);
  }
  const parts: { part: NatPart; context: NatContext }[] = [];
  for (const [sourceZone, boxes] of byZone) {
    const context = { ...base, sourceZone };
    for (const part of device.evaluateSourceNat(FlowSet.ofBoxes(boxes), context)) parts.push({ part, context });
  }
  return parts;
}

const NAT_RULE_POSITIONS = new MemoSlot<readonly NatRuleNode[], Map<NatRuleNode, number>>('nat rule positions');

/** Position of `rule` in `rules` (a map built once per rule list: every translated ACL rule asks). */
function positionOf(lookups: Lookups, rules: readonly NatRuleNode[], rule: NatRuleNode): number | undefined {
  return lookups.memo.get(NAT_RULE_POSITIONS, rules, () => new Map(rules.map((r, i) => [r, i]))).get(rule);
}

/**
 * The first `no-nat` rule listed after `translating` that would exempt (part of) `flow` if it came
 * first: it exists but never applies because the device stops at the earlier translating rule.
 */
export function laterNoNatRule(device: Device, translating: NatRuleNode, flow: FlowSet, ctx: NatContext): NatRuleNode | undefined {
  const rules = device.ast.natRules;
  const lookups = lookupsOf(device.ast);
  const index = positionOf(lookups, rules, translating);
  if (index === undefined) return undefined;
  const isLaterNoNat = (position: number): boolean => position > index && rules[position].action?.value === 'no-nat';
  const ast = { ...device.ast, interfaces: [] };
  const parts = evaluateSourceNat(ast, lookups, flow, ctx, isLaterNoNat);
  return parts.find((part) => part.rule && !part.uncertain && !part.approximate)?.rule;
}
