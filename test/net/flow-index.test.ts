import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FlowSet } from '../../src/net/flow.js';
import { smallBox, splitBox } from './flow-arbitraries.js';
import { indexedContains, indexedOverlaps } from '../../src/net/flow-index.js';

const box = smallBox;
const split = splitBox;

/**
 * Big enough to cross the indexing threshold; some of the small set's boxes are in the large one
 * only as pieces, so containment needs several container boxes at once.
 */
const sets = fc
  .tuple(fc.array(box, { minLength: 0, maxLength: 90 }), fc.array(box, { minLength: 1, maxLength: 4 }), box)
  .map(([many, few, cutter]) => ({
    large: FlowSet.fromBoxes([...many, ...few.filter((_, i) => i % 2 === 0).flatMap((b) => split(b, cutter))]),
    small: FlowSet.fromBoxes(few),
  }));

describe('indexed containment and overlap agree with FlowSet', () => {
  it('indexedContains === FlowSet.contains', () => {
    let contained = 0;
    fc.assert(
      fc.property(sets, ({ large, small }) => {
        const expected = large.contains(small);
        if (expected) contained++;
        expect(indexedContains(large, small)).toBe(expected);
        expect(indexedContains(small, large)).toBe(small.contains(large));
      }),
      { numRuns: 300 },
    );
    expect(contained).toBeGreaterThan(10);
  });

  it('indexedOverlaps === FlowSet.overlaps, both argument orders', () => {
    fc.assert(
      fc.property(sets, box, ({ large, small }, extra) => {
        const other = FlowSet.fromBoxes([extra, ...small.boxes.slice(1)]);
        expect(indexedOverlaps(large, other)).toBe(large.overlaps(other));
        expect(indexedOverlaps(other, large)).toBe(large.overlaps(other));
      }),
      { numRuns: 300 },
    );
  });
});
