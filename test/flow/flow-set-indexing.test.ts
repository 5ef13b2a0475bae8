import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FlowSet } from '../../src/flow/flow.js';
import { smallBox, splitBox } from './flow-arbitraries.js';

const box = smallBox;
const split = splitBox;

/**
 * Always big enough to cross the indexing threshold (32 boxes, `fromBoxes` keeps them as given); some of the small set's boxes are in the large one
 * only as pieces, so containment needs several container boxes at once.
 */
const sets = fc
  .tuple(fc.array(box, { minLength: 32, maxLength: 90 }), fc.array(box, { minLength: 1, maxLength: 4 }), box)
  .map(([many, few, cutter]) => ({
    large: FlowSet.fromBoxes([...many, ...few.filter((_, i) => i % 2 === 0).flatMap((b) => split(b, cutter))]),
    small: FlowSet.fromBoxes(few),
  }));

/** The answers without any index: a fresh copy of each set, queried once (below the repeat that builds an index). */
const scanContains = (container: FlowSet, flows: FlowSet): boolean => FlowSet.fromBoxes(flows.boxes).subtract(FlowSet.fromBoxes(container.boxes)).isEmpty();
const scanOverlaps = (a: FlowSet, b: FlowSet): boolean => a.boxes.some((x) => b.boxes.some((y) => !FlowSet.fromBoxes([x]).intersect(FlowSet.fromBoxes([y])).isEmpty()));

describe('FlowSet picks the indexed algorithm itself, with the same answers', () => {
  it('contains: the first query scans, a repeated one goes through the index, both equal the pairwise answer', () => {
    let contained = 0;
    let indexed = 0;
    fc.assert(
      fc.property(sets, ({ large, small }) => {
        const expected = scanContains(large, small);
        if (expected) contained++;
        expect(large.contains(small)).toBe(expected);
        expect(large.contains(small)).toBe(expected);
        expect(small.contains(large)).toBe(scanContains(small, large));
        if (large.boxes.length >= 32) indexed++;
      }),
      { numRuns: 300 },
    );
    expect(contained).toBeGreaterThan(10);
    // every large set is past the indexing threshold (32 boxes): the repeated query takes the indexed path
    expect(indexed).toBe(300);
  });

  it('overlaps: the same answer in both argument orders, scanned or indexed', () => {
    fc.assert(
      fc.property(sets, box, ({ large, small }, extra) => {
        const other = FlowSet.fromBoxes([extra, ...small.boxes.slice(1)]);
        const expected = scanOverlaps(large, other);
        expect(large.overlaps(other)).toBe(expected);
        expect(other.overlaps(large)).toBe(expected);
        expect(large.overlaps(other)).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('a large set met again and again (indexed from its second query) answers each one-box query as a scan would', () => {
    const large = FlowSet.fromBoxes(fc.sample(box, { numRuns: 2000, seed: 7 }));
    const probes = fc.sample(box, { numRuns: 2000, seed: 8 }).map((b) => FlowSet.fromBoxes([b]));
    const expected = probes.map((probe) => scanOverlaps(large, probe));
    expect(probes.map((probe) => large.overlaps(probe))).toEqual(expected);
    expect(probes.map((probe) => large.contains(probe))).toEqual(probes.map((probe) => scanContains(large, probe)));
  });
});
