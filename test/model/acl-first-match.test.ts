import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AclNode, AclRuleNode, AddressSpec, PortSpec } from '../../src/ast/types.js';
import { type AclFlowLimits, aclRuleFlows, protectedFlowsOf } from '../../src/model/flows.js';
import type { Lookups } from '../../src/model/lookups.js';
import { Memo } from '../../src/model/memo.js';
import { containsPoint } from '../../src/flow/cube.js';
import { type Box, FlowSet } from '../../src/flow/flow.js';
import { deviceFrom } from './helpers.js';

const NO_RANGE = { line: 1, column: 1, endLine: 1, endColumn: 1 } as unknown as AclRuleNode['range'];
/** Only wildcard and `any` operands are generated, which never consult the lookups' tables (bounds reached go to its memo). */
const NO_LOOKUPS = { memo: new Memo() } as unknown as Lookups;

interface Packet {
  src: number;
  dst: number;
  protocol: number;
  srcPort: number;
  dstPort: number;
}

interface RuleSpec {
  id: number;
  permit: boolean;
  src?: { address: number; wildcard: number };
  dst?: { address: number; wildcard: number };
  protocol?: number;
  srcPort?: [number, number];
  dstPort?: [number, number];
}

const BASE = 0x0a000000;
const PROTOCOLS = [1, 6, 17, 47];

const operand = fc.option(
  fc.record({
    address: fc.integer({ min: 0, max: 0xffff }).map((low) => (BASE | low) >>> 0),
    wildcard: fc.oneof(
      fc.integer({ min: 0, max: 16 }).map((free) => (2 ** free - 1) >>> 0),
      fc.integer({ min: 0, max: 0xffff }).map((bits) => bits & 0x0f0f), // non-contiguous
    ),
  }),
  { nil: undefined },
);

const portRange = fc.option(
  fc.tuple(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 6 })).map(([first, width]): [number, number] => [first, first + width]),
  { nil: undefined },
);

const ruleSpec = fc
  .record({
    permit: fc.boolean(),
    src: operand,
    dst: operand,
    protocol: fc.option(fc.constantFrom(...PROTOCOLS), { nil: undefined }),
    srcPort: portRange,
    dstPort: portRange,
  })
  .map((r): Omit<RuleSpec, 'id'> => (r.protocol === 6 || r.protocol === 17 ? r : { ...r, srcPort: undefined, dstPort: undefined }));

/** Rules listed in random order with unique ids: the model must sort them by id. */
const aclSpec = fc.array(ruleSpec, { minLength: 1, maxLength: 10 }).chain((rules) =>
  fc
    .shuffledSubarray(
      rules.map((_, i) => i),
      { minLength: rules.length, maxLength: rules.length },
    )
    .map((order) => order.map((i): RuleSpec => ({ ...rules[i], id: i * 5 }))),
);

function addressSpec(operand: RuleSpec['src']): AddressSpec | undefined {
  return operand && { form: 'wildcard', address: operand.address, wildcard: operand.wildcard, range: NO_RANGE };
}

function portSpec(range: [number, number] | undefined): PortSpec | undefined {
  return range && { op: 'range', first: range[0], last: range[1], range: NO_RANGE };
}

function aclOf(specs: readonly RuleSpec[]): AclNode {
  const val = <T>(value: T) => ({ value, range: NO_RANGE });
  const rules = specs.map(
    (spec) =>
      ({
        kind: 'acl-rule',
        id: val(spec.id),
        action: val(spec.permit ? 'permit' : 'deny'),
        protocol: spec.protocol === undefined ? undefined : val(spec.protocol),
        source: addressSpec(spec.src),
        destination: addressSpec(spec.dst),
        sourcePort: portSpec(spec.srcPort),
        destinationPort: portSpec(spec.dstPort),
        options: [],
        range: NO_RANGE,
        path: `acl:3000/rule ${spec.id}`,
      }) as unknown as AclRuleNode,
  );
  return { kind: 'acl', key: val('3000'), number: 3000, type: 'advanced', rules, range: NO_RANGE } as unknown as AclNode;
}

/** The straightforward quadratic evaluation: every rule minus the union of all earlier rules. */
function quadraticOracle(acl: AclNode): { protectedFlows: FlowSet; effective: Map<AclRuleNode, FlowSet> } {
  const rules = [...acl.rules].sort((a, b) => a.id.value - b.id.value);
  let matched = FlowSet.EMPTY;
  let permitted = FlowSet.EMPTY;
  const effective = new Map<AclRuleNode, FlowSet>();
  for (const rule of rules) {
    const own = aclRuleFlows(rule, NO_LOOKUPS).flows;
    const carved = own.subtract(matched, Number.MAX_SAFE_INTEGER);
    expect(carved.exact).toBe(true);
    if (rule.action.value === 'permit') {
      effective.set(rule, carved);
      permitted = permitted.union(carved);
    }
    matched = matched.union(own);
  }
  return { protectedFlows: permitted, effective };
}

function operandMatches(operand: RuleSpec['src'], address: number): boolean {
  return !operand || ((address ^ operand.address) & ~operand.wildcard) === 0;
}

function portMatches(range: [number, number] | undefined, port: number): boolean {
  return !range || (port >= range[0] && port <= range[1]);
}

/** Read straight from the rule text, independent of the box algebra. */
function ruleMatches(spec: RuleSpec, packet: Packet): boolean {
  return (
    operandMatches(spec.src, packet.src) &&
    operandMatches(spec.dst, packet.dst) &&
    (spec.protocol === undefined || spec.protocol === packet.protocol) &&
    portMatches(spec.srcPort, packet.srcPort) &&
    portMatches(spec.dstPort, packet.dstPort)
  );
}

function firstMatch(specs: readonly RuleSpec[], packet: Packet): RuleSpec | undefined {
  return [...specs].sort((a, b) => a.id - b.id).find((spec) => ruleMatches(spec, packet));
}

function boxHas(box: Box, packet: Packet): boolean {
  const protocolOk =
    box.protocol === null ? !(box.exceptProtocols ?? []).includes(packet.protocol) : box.protocol === packet.protocol;
  return (
    protocolOk &&
    containsPoint(box.src, packet.src) &&
    containsPoint(box.dst, packet.dst) &&
    packet.srcPort >= box.srcPorts[0] &&
    packet.srcPort <= box.srcPorts[1] &&
    packet.dstPort >= box.dstPorts[0] &&
    packet.dstPort <= box.dstPorts[1]
  );
}

function setHas(set: FlowSet, packet: Packet): boolean {
  return set.boxes.some((box) => boxHas(box, packet));
}

/** Packets drawn inside and around every rule, so each rule's corners and holes are probed. */
function probePackets(specs: readonly RuleSpec[], seeds: readonly number[]): Packet[] {
  const packets: Packet[] = [];
  const pick = (operand: RuleSpec['src'], seed: number) =>
    operand ? ((operand.address & ~operand.wildcard) | (seed & operand.wildcard)) >>> 0 : (BASE | (seed & 0xffff)) >>> 0;
  for (const spec of specs) {
    for (const seed of seeds) {
      const other = specs[seed % specs.length];
      packets.push({
        src: pick(spec.src, seed),
        dst: pick(seed % 3 === 0 ? other.dst : spec.dst, seed >>> 3),
        protocol: spec.protocol ?? [...PROTOCOLS, 50][seed % 5],
        srcPort: spec.srcPort ? spec.srcPort[0] + (seed % (spec.srcPort[1] - spec.srcPort[0] + 2)) : seed % 20,
        dstPort: spec.dstPort ? spec.dstPort[0] + ((seed >>> 2) % (spec.dstPort[1] - spec.dstPort[0] + 2)) : (seed >>> 4) % 20,
      });
    }
  }
  return packets;
}

const UNCAPPED: AclFlowLimits = { maxCandidates: Infinity, maxBoxes: Infinity, maxWork: Infinity, maxAclWork: Infinity, maxAclBoxes: Infinity };
/** `inner` ⊆ `outer`, computed without the default box cap. */
function within(inner: FlowSet, outer: FlowSet): boolean {
  const rest = FlowSet.fromBoxes(inner.boxes).subtract(FlowSet.fromBoxes(outer.boxes), Number.MAX_SAFE_INTEGER);
  expect(rest.exact).toBe(true);
  return rest.isEmpty();
}

function sameFlows(a: FlowSet, b: FlowSet): boolean {
  return within(a, b) && within(b, a);
}

const seeds = fc.array(fc.nat(), { minLength: 3, maxLength: 6 });

describe('ACL first-match flows (indexed) agree with the quadratic evaluation', () => {
  it('without caps: every effective set and the protected flows are exact and equal', () => {
    fc.assert(
      fc.property(aclSpec, seeds, (specs, packetSeeds) => {
        const acl = aclOf(specs);
        const model = protectedFlowsOf(acl, NO_LOOKUPS, UNCAPPED);
        const oracle = quadraticOracle(acl);
        expect(model.exact).toBe(true);
        expect(model.ruleFlows.map((flow) => flow.rule.id.value)).toEqual(
          specs.filter((spec) => spec.permit).map((spec) => spec.id).sort((a, b) => a - b),
        );
        for (const flow of model.ruleFlows) {
          expect(flow.effective.exact).toBe(true);
          expect(sameFlows(flow.effective, oracle.effective.get(flow.rule)!)).toBe(true);
        }
        expect(sameFlows(model.protectedFlows, oracle.protectedFlows)).toBe(true);

        for (const packet of probePackets(specs, packetSeeds)) {
          const winner = firstMatch(specs, packet);
          for (const flow of model.ruleFlows) {
            expect(setHas(flow.effective, packet)).toBe(winner?.id === flow.rule.id.value);
          }
          expect(setHas(model.protectedFlows, packet)).toBe(winner?.permit === true);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('with caps hit: results are supersets marked inexact, never a false "fully covered"', () => {
    const limits = fc.record({
      maxCandidates: fc.integer({ min: 1, max: 3 }),
      maxBoxes: fc.integer({ min: 1, max: 6 }),
      maxWork: fc.integer({ min: 1, max: 12 }),
    });
    let capped = 0;
    fc.assert(
      fc.property(aclSpec, seeds, limits, (specs, packetSeeds, caps: AclFlowLimits) => {
        const acl = aclOf(specs);
        const model = protectedFlowsOf(acl, NO_LOOKUPS, caps);
        const oracle = quadraticOracle(acl);
        const packets = probePackets(specs, packetSeeds);
        for (const flow of model.ruleFlows) {
          const truth = oracle.effective.get(flow.rule)!;
          if (flow.effective.exact) {
            expect(sameFlows(flow.effective, truth)).toBe(true);
          } else {
            capped++;
            expect(model.exact).toBe(false);
            expect(within(truth, flow.effective)).toBe(true);
            expect(within(flow.effective, flow.flows)).toBe(true);
          }
          if (!truth.isEmpty()) expect(flow.effective.isEmpty()).toBe(false);
          for (const packet of packets) {
            if (firstMatch(specs, packet)?.id === flow.rule.id.value) expect(setHas(flow.effective, packet)).toBe(true);
          }
        }
        expect(within(oracle.protectedFlows, model.protectedFlows)).toBe(true);
        if (model.exact) expect(sameFlows(model.protectedFlows, oracle.protectedFlows)).toBe(true);
      }),
      { numRuns: 150 },
    );
    expect(capped).toBeGreaterThan(0);
  });
});

describe('ACL first-match flows: shapes the index must handle', () => {
  const wildcard = (address: number, wc: number) => ({ address, wildcard: wc });

  it('a duplicate or a rule inside an earlier one is empty and exact, even past the candidate cap', () => {
    const narrow = Array.from({ length: 40 }, (_, i): RuleSpec => ({ id: 10 + i, permit: true, src: wildcard(BASE + i * 256, 255) }));
    const specs: RuleSpec[] = [
      { id: 1, permit: true, src: wildcard(BASE, 0xffff) },
      ...narrow,
      { id: 100, permit: true, src: wildcard(BASE, 0x3fff) },
      { id: 101, permit: true, src: wildcard(BASE, 0xffff) },
    ];
    const model = protectedFlowsOf(aclOf(specs), NO_LOOKUPS, { maxCandidates: 2 });
    for (const flow of model.ruleFlows.slice(1)) expect(flow.effective.isEmpty()).toBe(true);
    expect(model.exact).toBe(true);
  });

  it('a broad rule after many narrower ones: capped as a superset, flowsExact false', () => {
    const narrow = Array.from({ length: 40 }, (_, i): RuleSpec => ({ id: 10 + i, permit: i % 2 === 0, src: wildcard(BASE + i * 256, 255) }));
    const specs: RuleSpec[] = [...narrow, { id: 100, permit: true, src: wildcard(BASE, 0xffff) }];
    const capped = protectedFlowsOf(aclOf(specs), NO_LOOKUPS, { maxCandidates: 8 });
    const broad = capped.ruleFlows.at(-1)!;
    expect(broad.effective.exact).toBe(false);
    expect(capped.exact).toBe(false);
    const full = protectedFlowsOf(aclOf(specs), NO_LOOKUPS);
    expect(full.exact).toBe(true);
    expect(within(full.ruleFlows.at(-1)!.effective, broad.effective)).toBe(true);
    expect(sameFlows(full.protectedFlows, quadraticOracle(aclOf(specs)).protectedFlows)).toBe(true);
  });

  it('policy entries expose the same flows through lazy fields', () => {
    const device = deviceFrom(
      [
        '#',
        'acl number 3000',
        ' rule 5 deny ip source 10.1.1.0 0.0.0.127 destination 10.2.2.0 0.0.0.255',
        ' rule 10 permit ip source 10.1.1.0 0.0.0.255 destination 10.2.2.0 0.0.0.255',
        ' rule 15 permit tcp source 10.1.1.0 0.0.0.255 destination 10.2.2.0 0.0.0.255 destination-port eq 443',
        '#',
        'ipsec policy m 10 isakmp',
        ' security acl 3000',
        '#',
        'return',
        '',
      ].join('\n'),
    );
    const entry = device.entries[0];
    expect(entry.ruleFlows.map((flow) => flow.rule.id.value)).toEqual([10, 15]);
    expect(entry.ruleFlows[1].effective.isEmpty()).toBe(true);
    expect(entry.protectedFlows.describe()).toBe('source 10.1.1.128/25 → destination 10.2.2.0/24');
    expect(entry.flowsExact).toBe(true);
  });
});
