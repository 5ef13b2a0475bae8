import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NatRuleNode, SecurityRuleNode } from '../../src/ast/types.js';
import { parseConfig } from '../../src/ast/parse.js';
import { mirroredRulesOf, ruleAccepted, type FitMode } from '../../src/model/acl-fit.js';
import { buildDevice } from '../../src/model/device.js';
import { boxesOf, operandCubes, serviceMatches } from '../../src/model/flows.js';
import { Lookups } from '../../src/model/lookups.js';
import { laterNoNatRule } from '../../src/model/nat-exemption.js';
import { remainderAfter, TakenPart } from '../../src/model/policy-rule-index.js';
import { RuleCandidates } from '../../src/model/rule-candidates.js';
import type { NatContext, RuleFlow } from '../../src/model/types.js';
import { fromWildcard } from '../../src/flow/cube.js';
import { type Box, boxKey, FlowSet, makeBox, mirrorBox } from '../../src/flow/flow.js';

/** Prefixes of a small universe, so random rules and flows meet often. */
const sourcePrefix = fc.tuple(fc.integer({ min: 0, max: 3 }), fc.constantFrom(24, 23, 22, 16, 8));
const destinationPrefix = fc.tuple(fc.integer({ min: 0, max: 3 }), fc.constantFrom(25, 24, 23, 12));

function dotted(value: number): string {
  return [24, 16, 8, 0].map((shift) => (value >>> shift) & 255).join('.');
}
const maskOf = (length: number): number => (length === 0 ? 0 : (0xffffffff << (32 - length)) >>> 0);
const sourceAddress = ([third, length]: [number, number]): number => (0x0a010000 | (third << 8)) & maskOf(length);
const destinationAddress = ([third, length]: [number, number]): number => (0xac100000 | (third << 8)) & maskOf(length);

const flowBox = fc
  .tuple(sourcePrefix, destinationPrefix, fc.constantFrom(null, 6, 17))
  .map(([src, dst, protocol]) =>
    makeBox({
      src: fromWildcard(sourceAddress(src), ~maskOf(src[1]) >>> 0),
      dst: fromWildcard(destinationAddress(dst), ~maskOf(dst[1]) >>> 0),
      protocol,
    }),
  );
const flowSet = fc.array(flowBox, { minLength: 1, maxLength: 6 }).map((boxes) => FlowSet.fromBoxes(boxes));

const policyRule = fc.record({
  src: fc.option(sourcePrefix, { nil: undefined }),
  dst: fc.option(destinationPrefix, { nil: undefined }),
  zone: fc.constantFrom(undefined, 'trust', 'dmz'),
  permit: fc.boolean(),
  disabled: fc.boolean(),
  noNat: fc.boolean(),
});
type PolicyRule = typeof policyRule extends fc.Arbitrary<infer T> ? T : never;

function ruleLines(rule: PolicyRule, i: number, nat: boolean): string[] {
  const lines = [` rule name r${i}`];
  if (rule.zone) lines.push(`  source-zone ${rule.zone}`);
  if (rule.src) lines.push(`  source-address ${dotted(sourceAddress(rule.src))} mask ${dotted(maskOf(rule.src[1]))}`);
  if (rule.dst) lines.push(`  destination-address ${dotted(destinationAddress(rule.dst))} mask ${dotted(maskOf(rule.dst[1]))}`);
  if (nat) lines.push(rule.noNat ? '  action no-nat' : '  action source-nat easy-ip');
  else lines.push(rule.permit ? '  action permit' : '  action deny');
  if (rule.disabled) lines.push('  disable');
  return lines;
}

function deviceWith(security: PolicyRule[], nat: PolicyRule[]) {
  const text = [
    '#', 'firewall zone trust', '#', 'firewall zone dmz', '#',
    'security-policy', ...security.flatMap((rule, i) => ruleLines(rule, i, false)), '#',
    'nat-policy', ...nat.flatMap((rule, i) => ruleLines(rule, i, true)), '#', 'return', '',
  ].join('\n');
  const { ast } = parseConfig(text, 'generated.cfg');
  expect(ast.securityPolicy?.rules.length ?? 0).toBe(security.length);
  expect(ast.natRules.length).toBe(nat.length);
  expect([...security, ...nat].filter((rule) => rule.disabled).length).toBe([...(ast.securityPolicy?.rules ?? []), ...ast.natRules].filter((rule) => rule.disabled).length);
  return buildDevice({ file: 'generated.cfg', text, ast, index: 0 });
}

function flowsOf(rule: SecurityRuleNode | NatRuleNode, lookups: Lookups): FlowSet {
  const src = operandCubes(rule.sourceAddresses, lookups, true);
  const dst = operandCubes(rule.destinationAddresses, lookups, true);
  return FlowSet.of(...boxesOf(src.cubes, dst.cubes, serviceMatches(rule.services, lookups).services));
}

const zoneMatches = (zones: readonly { value: string }[], zone: string | undefined): boolean =>
  zones.length === 0 || zone === undefined || zones.some((z) => z.value.toLowerCase() === zone.toLowerCase());

/** The unindexed first-match walk over every rule (the version before indexing). */
function firstMatch<R extends SecurityRuleNode | NatRuleNode>(rules: readonly R[], lookups: Lookups, flow: FlowSet, applies: (rule: R) => boolean) {
  const parts: { rule?: R; part: FlowSet }[] = [];
  let remaining = flow;
  for (const rule of rules) {
    if (remaining.isEmpty()) break;
    if (rule.disabled || !applies(rule)) continue;
    const flows = flowsOf(rule, lookups);
    const taken = remaining.intersect(flows);
    if (taken.isEmpty()) continue;
    parts.push({ rule, part: taken });
    remaining = remaining.subtract(flows);
  }
  if (!remaining.isEmpty()) parts.push({ part: remaining });
  return parts;
}

const shape = (parts: readonly { rule?: { name: { value: string } }; part: FlowSet }[]) =>
  parts.map(({ rule, part }) => ({ rule: rule?.name.value, boxes: part.boxes.map(boxKey) }));

describe('RuleCandidates', () => {
  it('lists, ascending, exactly the rules whose flows overlap the flow', () => {
    fc.assert(
      fc.property(fc.array(fc.option(flowSet, { nil: undefined }), { maxLength: 30 }), flowSet, (rules, flow) => {
        const expected = rules.flatMap((set, i) => (set && set.overlaps(flow) ? [i] : []));
        expect(new RuleCandidates(rules).overlapping(flow)).toEqual(expected);
        expect(new RuleCandidates(rules, 4).overlapping(flow)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('visits the same positions block by block and stops when asked', () => {
    fc.assert(
      fc.property(fc.array(fc.option(flowSet, { nil: undefined }), { maxLength: 30 }), flowSet, fc.integer({ min: 1, max: 5 }), fc.nat(4), (rules, flow, blockSize, stopAfter) => {
        const expected = rules.flatMap((set, i) => (set && set.overlaps(flow) ? [i] : []));
        const visited: number[] = [];
        new RuleCandidates(rules, blockSize).eachOverlapping(flow, (position) => {
          visited.push(position);
          return visited.length <= stopAfter;
        });
        expect(visited).toEqual(expected.slice(0, stopAfter + 1));
      }),
      { numRuns: 300 },
    );
  });

  it('reads the rules of a block only when a walk reaches it', () => {
    const rules = [FlowSet.ANY, FlowSet.ANY, FlowSet.ANY, FlowSet.ANY, FlowSet.ANY];
    const read: number[] = [];
    const candidates = new RuleCandidates({ length: rules.length, at: (position) => (read.push(position), rules[position]) }, 2);
    candidates.eachOverlapping(FlowSet.ANY, () => false);
    expect(read).toEqual([0, 1]);
    expect(candidates.overlapping(FlowSet.ANY)).toEqual([0, 1, 2, 3, 4]);
    expect(read).toEqual([0, 1, 2, 3, 4]);
  });
});

describe('first-match steps', () => {
  it('remainderAfter and TakenPart give what subtract and intersect give', () => {
    fc.assert(
      fc.property(flowSet, fc.array(flowBox, { minLength: 1, maxLength: 3 }), (remaining, ruleBoxes) => {
        const flows = FlowSet.fromBoxes(ruleBoxes);
        expect(remainderAfter(remaining, flows).boxes.map(boxKey)).toEqual(remaining.subtract(flows).boxes.map(boxKey));
        const taken = new TakenPart(remaining, flows);
        expect(taken.part.boxes.map(boxKey)).toEqual(remaining.intersect(flows).boxes.map(boxKey));
        expect(taken.part).toBe(taken.part);
      }),
      { numRuns: 300 },
    );
  });

  it('remainderAfter is empty when one rule box holds every remaining box', () => {
    const remaining = FlowSet.fromBoxes([makeBox({ protocol: 6 }), makeBox({ protocol: 17 })]);
    expect(remainderAfter(remaining, FlowSet.ANY).isEmpty()).toBe(true);
  });
});

describe('indexed first-match evaluation agrees with the rule-by-rule walk', () => {
  it('evaluateSecurityPolicy', () => {
    fc.assert(
      fc.property(fc.array(policyRule, { maxLength: 25 }), flowSet, fc.constantFrom('trust', 'dmz'), (rules, flow, zone) => {
        const device = deviceWith(rules, []);
        const lookups = new Lookups(device.ast);
        const expected = firstMatch(device.ast.securityPolicy?.rules ?? [], lookups, flow, (rule) => zoneMatches(rule.sourceZones, zone));
        const actual = device.evaluateSecurityPolicy(flow, zone, 'untrust');
        expect(shape(actual)).toEqual(shape(expected));
        const ruleActions = (parts: readonly { rule?: SecurityRuleNode; action?: string }[]) => parts.filter((part) => part.rule).map((part) => part.action ?? part.rule!.action?.value);
        expect(ruleActions(actual)).toEqual(ruleActions(expected));
      }),
      { numRuns: 200 },
    );
  });

  it('evaluateSourceNat and laterNoNatRule', () => {
    fc.assert(
      fc.property(fc.array(policyRule, { maxLength: 25 }), flowSet, fc.constantFrom('trust', 'dmz', undefined), (rules, flow, zone) => {
        const device = deviceWith([], rules);
        const lookups = new Lookups(device.ast);
        const ctx: NatContext = { sourceZone: zone, destinationZone: 'untrust' };
        const natRules = device.ast.natRules;
        const expected = firstMatch(natRules, lookups, flow, (rule) => zoneMatches(rule.sourceZones, zone));
        const actual = device.evaluateSourceNat(flow, ctx);
        expect(shape(actual)).toEqual(shape(expected));
        for (const { rule, part } of expected) {
          if (!rule || rule.action?.value === 'no-nat') continue;
          const position = natRules.indexOf(rule);
          const later = natRules.slice(position + 1).filter((r) => r.action?.value === 'no-nat');
          const oracle = firstMatch(later, lookups, part, (r) => zoneMatches(r.sourceZones, zone)).find((p) => p.rule && (zone !== undefined || p.rule.sourceZones.length === 0))?.rule;
          expect(laterNoNatRule(device, rule, part, ctx)?.name.value).toBe(oracle?.name.value);
        }
      }),
      { numRuns: 200 },
    );
  });
});

function ruleFlow(boxes: Box[], protocol: 6 | 17 | null): RuleFlow {
  const flows = FlowSet.fromBoxes(boxes.map((box) => ({ ...box, protocol })));
  return { rule: { protocol: protocol === null ? undefined : { value: protocol } } as RuleFlow['rule'], flows, effective: flows };
}

describe('ruleAccepted', () => {
  it('agrees with comparing every mirrored responder rule', () => {
    const rule = fc.tuple(fc.array(flowBox, { minLength: 0, maxLength: 3 }), fc.constantFrom<6 | 17 | null>(null, 6));
    fc.assert(
      fc.property(rule, fc.array(rule, { maxLength: 40 }), fc.constantFrom<FitMode>('include', 'overlap'), ([boxes, protocol], responders, mode) => {
        const proposed = ruleFlow(boxes, protocol);
        const responderRules = responders.map(([b, p]) => ruleFlow(b.map(mirrorBox), p));
        const expected = responderRules.some((candidate) => {
          if ((candidate.rule.protocol?.value ?? null) !== protocol) return false;
          const mirrored = candidate.flows.mirror();
          return mode === 'include' ? mirrored.contains(proposed.flows) : mirrored.overlaps(proposed.flows);
        });
        expect(ruleAccepted(proposed, mirroredRulesOf(responderRules), mode)).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });
});
