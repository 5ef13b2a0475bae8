import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromWildcard } from '../../src/net/cube.js';
import { type Box, boxKey, FlowSet, intersectBoxes, makeBox, subtractBox } from '../../src/net/flow.js';
import { indexedIntersect, indexedIntersectOf, indexedSubtract } from '../../src/net/flow-index.js';

const box = fc
  .record({
    src: fc.integer({ min: 0, max: 0xff }),
    srcWildcard: fc.constantFrom(0, 1, 3, 0x0f, 0x55, 0xff),
    dst: fc.integer({ min: 0, max: 0xff }),
    dstWildcard: fc.constantFrom(0, 1, 7, 0x33, 0xff, 0xffffffff),
    protocol: fc.constantFrom(null, 6, 17),
    port: fc.integer({ min: 0, max: 4 }),
  })
  .map((r) =>
    makeBox({
      src: fromWildcard((0x0a000000 | r.src) >>> 0, r.srcWildcard),
      dst: fromWildcard((0xac100000 | r.dst) >>> 0, r.dstWildcard),
      protocol: r.protocol,
      dstPorts: [r.port, r.port + 2],
    }),
  );

function split(b: Box, c: Box): Box[] {
  const common = intersectBoxes(b, c);
  return common ? [...subtractBox(b, c), common] : [b];
}

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
