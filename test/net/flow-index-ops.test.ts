import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostCube } from '../../src/net/cube.js';
import { boxKey, FlowSet, makeBox } from '../../src/net/flow.js';
import { smallBox, splitBox } from './flow-arbitraries.js';
import { indexedIntersect, indexedIntersectOf, indexedSubtract } from '../../src/net/flow-index.js';

const box = smallBox;
const split = splitBox;

/** A large set (past the indexing threshold, sometimes inexact) holding pieces of the small one. */
const sets = fc
  .tuple(fc.array(box, { minLength: 0, maxLength: 90 }), fc.array(box, { minLength: 0, maxLength: 4 }), box, fc.boolean(), fc.boolean())
  .map(([many, few, cutter, largeExact, smallExact]) => ({
    large: FlowSet.fromBoxes([...many, ...few.filter((_, i) => i % 2 === 0).flatMap((b) => split(b, cutter))], largeExact),
    small: FlowSet.fromBoxes(few, smallExact),
  }));

const same = (actual: FlowSet, expected: FlowSet): void => {
  expect(actual.boxes.map(boxKey)).toEqual(expected.boxes.map(boxKey));
  expect(actual.exact).toBe(expected.exact);
};

describe('indexed intersect and subtract give exactly the FlowSet result', () => {
  it('indexedIntersect / indexedIntersectOf === FlowSet.intersect in both orders, caps included', () => {
    fc.assert(
      fc.property(sets, fc.constantFrom(2, 4096), ({ large, small }, cap) => {
        same(indexedIntersect(small, large, cap), small.intersect(large, cap));
        same(indexedIntersectOf(large, small, cap), large.intersect(small, cap));
      }),
      { numRuns: 300 },
    );
  });

  it('indexedSubtract === small.subtract(large), caps included', () => {
    let emptied = 0;
    fc.assert(
      fc.property(sets, fc.constantFrom(3, 4096), ({ large, small }, cap) => {
        const expected = small.subtract(large, cap);
        if (!small.isEmpty() && expected.isEmpty()) emptied++;
        same(indexedSubtract(small, large, cap), expected);
      }),
      { numRuns: 300 },
    );
    expect(emptied).toBeGreaterThan(5);
  });
});

describe('FlowSet.subtract cap', () => {
  it('is not crossed by a box that overlaps nothing (a no-op step), so only overlapping boxes decide', () => {
    const host = (src: number, dst: number) => makeBox({ src: hostCube(src), dst: hostCube(dst) });
    const small = FlowSet.fromBoxes([host(1, 10), host(2, 10), host(3, 10), host(4, 10)]);
    const unrelated = host(9, 99);
    const everything = makeBox({ dst: hostCube(10) });
    const result = small.subtract(FlowSet.fromBoxes([unrelated, everything]), 3);
    expect(result.isEmpty()).toBe(true);
    expect(result.exact).toBe(true);
  });
});
