import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FlowSet, boxContains, coalesce, coalesceByKeys, coalesceHashed, coalesceSmall, describeBox, intersectBoxes, makeBox, mirrorBox, subtractBox, type Box } from '../../src/flow/flow.js';
import { fromPrefix, hostCube } from '../../src/flow/cube.js';
import { parseIpv4 } from '../../src/flow/ipv4.js';
import { flowPoints, inBox, inBoxes, smallBox } from './oracle.js';

const ip = (text: string) => parseIpv4(text)!;
const allPoints = [...flowPoints()];
const flowSet = fc.array(smallBox, { maxLength: 3 }).map((boxes) => FlowSet.of(...boxes));

describe('boxes against point enumeration', () => {
  it('intersect, contain and subtract (pieces disjoint)', () => {
    fc.assert(
      fc.property(smallBox, smallBox, (a, b) => {
        const c = intersectBoxes(a, b);
        const pieces = subtractBox(a, b);
        expect(pieces.length).toBeLessThanOrEqual(1 + 3 + 32 + 32 + 4);
        let contained = true;
        const wrong: unknown[] = [];
        for (const p of allPoints) {
          const inA = inBox(a, p);
          const inB = inBox(b, p);
          if ((c !== null && inBox(c, p)) !== (inA && inB)) wrong.push(['intersect', p]);
          if (pieces.filter((piece) => inBox(piece, p)).length !== (inA && !inB ? 1 : 0)) wrong.push(['subtract', p]);
          if (inA && !inB) contained = false;
        }
        expect(wrong).toEqual([]);
        expect(boxContains(b, a)).toBe(contained);
      }),
      { numRuns: 150 },
    );
  });

  it('coalesce keeps the flows', () => {
    fc.assert(
      fc.property(fc.array(smallBox, { maxLength: 8 }), (boxes) => {
        const merged = coalesce(boxes);
        expect(merged.length).toBeLessThanOrEqual(boxes.length);
        expect(allPoints.filter((p) => inBoxes(merged, p) !== inBoxes(boxes, p))).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });
});

/** Boxes that often share all but one dimension with each other (copies of a few bases with one field swapped). */
const relatedBoxes = fc.array(smallBox, { minLength: 1, maxLength: 4 }).chain((bases) =>
  fc.array(
    fc.record({
      base: fc.nat(bases.length - 1),
      donor: fc.nat(bases.length - 1),
      field: fc.constantFrom('none', 'src', 'dst', 'srcPorts', 'dstPorts'),
    }),
    { maxLength: 16 },
  ).map((picks) =>
    picks.map(({ base, donor, field }): Box => {
      const box = bases[base];
      if (field === 'none' || box.protocol !== bases[donor].protocol) return { ...box };
      return { ...box, [field]: bases[donor][field] };
    }),
  ),
);

describe('coalesce for a few boxes', () => {
  it('gives the same boxes in the same order as the keyed coalesce', () => {
    fc.assert(
      fc.property(relatedBoxes, (boxes) => {
        expect(coalesceSmall(boxes)).toStrictEqual(coalesceByKeys(boxes));
      }),
      { numRuns: 400 },
    );
  });

  it('the hashed path gives the same boxes in the same order as the keyed coalesce, on larger inputs too', () => {
    const many = fc.array(relatedBoxes, { minLength: 1, maxLength: 12 }).map((lists) => lists.flat());
    fc.assert(
      fc.property(many, (boxes) => {
        expect(coalesceHashed(boxes)).toStrictEqual(coalesceByKeys(boxes));
      }),
      { numRuns: 200 },
    );
    // prefixes splitting a /16: many merges over several passes
    const split = Array.from({ length: 256 }, (_, i) => makeBox({ src: fromPrefix(ip('10.0.0.0') + i * 256, 24), dst: hostCube(ip('10.9.9.9')), protocol: 6, dstPorts: [i % 3, 80] }));
    expect(coalesceHashed(split)).toStrictEqual(coalesceByKeys(split));
  });

  it('merges sibling prefixes and drops duplicates', () => {
    const a = makeBox({ src: fromPrefix(ip('10.0.0.0'), 25), dst: hostCube(ip('10.9.9.9')) });
    const b = makeBox({ src: fromPrefix(ip('10.0.0.128'), 25), dst: hostCube(ip('10.9.9.9')) });
    expect(coalesceSmall([a, b, { ...a }])).toStrictEqual([makeBox({ src: fromPrefix(ip('10.0.0.0'), 24), dst: hostCube(ip('10.9.9.9')) })]);
  });
});

describe('FlowSet against point enumeration', () => {
  it('union / intersect / subtract / contains / isEmpty', () => {
    fc.assert(
      fc.property(flowSet, flowSet, (a, b) => {
        const union = a.union(b).boxes;
        const both = a.intersect(b).boxes;
        const diff = a.subtract(b);
        let aWithinB = true;
        let anyCommon = false;
        const wrong: unknown[] = [];
        for (const p of allPoints) {
          const inA = inBoxes(a.boxes, p);
          const inB = inBoxes(b.boxes, p);
          if (inBoxes(union, p) !== (inA || inB)) wrong.push(['union', p]);
          if (inBoxes(both, p) !== (inA && inB)) wrong.push(['intersect', p]);
          if (inBoxes(diff.boxes, p) !== (inA && !inB)) wrong.push(['subtract', p]);
          if (inA && !inB) aWithinB = false;
          if (inA && inB) anyCommon = true;
        }
        expect(wrong).toEqual([]);
        expect(diff.exact).toBe(true);
        expect(diff.isEmpty()).toBe(aWithinB);
        expect(b.contains(a)).toBe(aWithinB);
        expect(a.overlaps(b)).toBe(anyCommon);
      }),
      { numRuns: 120 },
    );
  });

  it('unions large sets exactly', () => {
    const a = FlowSet.of(...Array.from({ length: 300 }, (_, i) => makeBox({ src: hostCube(i * 4), protocol: 6 })));
    const b = FlowSet.of(...Array.from({ length: 300 }, (_, i) => makeBox({ src: hostCube(i * 4 + 1), protocol: 6 })));
    const union = a.union(b);
    expect(union.contains(a) && union.contains(b)).toBe(true);
    expect(union.subtract(a).subtract(b).isEmpty()).toBe(true);
  });

  it('mirror swaps addresses and ports', () => {
    fc.assert(
      fc.property(smallBox, (box) => {
        const mirrored = mirrorBox(box);
        const wrong = allPoints.filter((p) => {
          const swapped = { ...p, src: p.dst, dst: p.src, srcPort: p.dstPort, dstPort: p.srcPort };
          return inBox(mirrored, swapped) !== inBox(box, p);
        });
        expect(wrong).toEqual([]);
        expect(FlowSet.of(box).mirror().mirror().equals(FlowSet.of(box))).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('reports an inexact superset when the subtract cap is hit', () => {
    const any = FlowSet.of(makeBox());
    const holes = FlowSet.of(...Array.from({ length: 40 }, (_, i) => makeBox({ src: hostCube(i * 7919), dst: hostCube(i * 104729) })));
    const limited = any.subtract(holes, 100);
    expect(limited.exact).toBe(false);
    expect(limited.isEmpty()).toBe(false);
    const full = any.subtract(holes);
    expect(full.exact).toBe(true);
  });
});

describe('protocol semantics', () => {
  const net1 = fromPrefix(ip('10.1.0.0'), 24);
  const net2 = fromPrefix(ip('10.2.0.0'), 24);

  it('ip ∩ tcp is tcp, ip − tcp keeps every other protocol', () => {
    const ipBox = makeBox({ src: net1, dst: net2 });
    const web = makeBox({ src: net1, dst: net2, protocol: 6, dstPorts: [80, 80] });
    expect(intersectBoxes(ipBox, web)).toEqual(web);
    const rest = FlowSet.of(ipBox).subtract(FlowSet.of(web));
    expect(rest.containsBox(makeBox({ src: net1, dst: net2, protocol: 17 }))).toBe(true);
    expect(rest.containsBox(makeBox({ src: net1, dst: net2, protocol: 6, dstPorts: [443, 443] }))).toBe(true);
    expect(rest.overlaps(FlowSet.of(web))).toBe(false);
    expect(FlowSet.of(ipBox).subtract(FlowSet.of(makeBox({ src: net1, dst: net2 }))).isEmpty()).toBe(true);
  });

  it('drops port clauses for protocols without ports', () => {
    expect(makeBox({ protocol: 50, dstPorts: [500, 500] }).dstPorts).toEqual([0, 65535]);
    expect(makeBox({ protocol: null, dstPorts: [500, 500] }).dstPorts).toEqual([0, 65535]);
  });

  it('describes boxes and sets with a cap', () => {
    expect(describeBox(makeBox({ src: net1, dst: net2, protocol: 6, dstPorts: [80, 80] }))).toBe(
      'source 10.1.0.0/24 → destination 10.2.0.0/24, tcp dport 80',
    );
    expect(describeBox(makeBox({ src: net1, dst: net2 }))).toBe('source 10.1.0.0/24 → destination 10.2.0.0/24');
    expect(describeBox(makeBox({ protocol: null, exceptProtocols: [17, 6] }))).toBe('source any → destination any, ip except tcp,udp');
    const set = FlowSet.of(...[1, 3, 5, 7].map((n) => makeBox({ src: net1, dst: fromPrefix(ip(`10.9.${n}.0`), 24) })));
    expect(set.describe(2)).toMatch(/; and 2 more$/);
    expect(FlowSet.EMPTY.describe()).toBe('no flows');
  });

  it('coalesces sibling remainders back into prefixes', () => {
    const whole = makeBox({ src: net1, dst: net2 });
    const lowHalf: Box = makeBox({ src: fromPrefix(ip('10.1.0.0'), 25), dst: net2 });
    const highHalf: Box = makeBox({ src: fromPrefix(ip('10.1.0.128'), 25), dst: net2 });
    expect(FlowSet.of(lowHalf, highHalf).boxes).toEqual([whole]);
  });
});

describe('FlowSet on large sets (indexed, per-box and amortized paths) against point enumeration', () => {
  // Past 4,096 box pairs the operations go through an index, subtract works box by box and
  // compacts less often: the flows must stay exactly those of the small-set loops.
  const largeSet = fc.array(smallBox, { minLength: 40, maxLength: 120 }).map((boxes) => FlowSet.fromBoxes(boxes));
  const someSet = fc.array(smallBox, { minLength: 1, maxLength: 120 }).map((boxes) => FlowSet.fromBoxes(boxes));

  it('subtract, intersect and overlaps keep the flows exactly', () => {
    fc.assert(
      fc.property(largeSet, someSet, fc.boolean(), (a, b, swap) => {
        const [x, y] = swap ? [b, a] : [a, b];
        const diff = x.subtract(y, Number.MAX_SAFE_INTEGER);
        const both = x.intersect(y, Number.MAX_SAFE_INTEGER);
        expect(diff.exact).toBe(true);
        let anyCommon = false;
        const wrong: unknown[] = [];
        for (const p of allPoints) {
          const inX = inBoxes(x.boxes, p);
          const inY = inBoxes(y.boxes, p);
          if (inBoxes(diff.boxes, p) !== (inX && !inY)) wrong.push(['subtract', p]);
          if (inBoxes(both.boxes, p) !== (inX && inY)) wrong.push(['intersect', p]);
          if (inX && inY) anyCommon = true;
        }
        expect(wrong).toEqual([]);
        expect(x.overlaps(y)).toBe(anyCommon);
      }),
      { numRuns: 40 },
    );
  });

  it('a capped subtract is a superset marked inexact, and stays so along a walk', () => {
    fc.assert(
      fc.property(largeSet, fc.array(someSet, { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 40 }), (start, steps, cap) => {
        let remaining = start;
        let truth = start.boxes.slice();
        for (const step of steps) {
          remaining = remaining.subtract(step, cap);
          truth = FlowSet.fromBoxes(truth).subtract(step, Number.MAX_SAFE_INTEGER).boxes.slice();
          const missing = allPoints.filter((p) => inBoxes(truth, p) && !inBoxes(remaining.boxes, p));
          expect(missing).toEqual([]);
          if (remaining.exact) expect(allPoints.filter((p) => inBoxes(remaining.boxes, p) !== inBoxes(truth, p))).toEqual([]);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('intersecting a set with one holding its boxes gives the set itself', () => {
    const boxes = Array.from({ length: 80 }, (_, i) => makeBox({ src: hostCube(i), dst: hostCube(1000 + i), protocol: 6 }));
    const all = FlowSet.fromBoxes([...boxes, ...Array.from({ length: 80 }, (_, i) => makeBox({ src: hostCube(5000 + i) }))]);
    const some = FlowSet.fromBoxes(boxes.slice(10, 70));
    expect(some.intersect(all).equals(some)).toBe(true);
    expect(some.intersect(all).exact).toBe(true);
  });
});
