import { type Box, DEFAULT_MAX_BOXES, FlowSet, boxIndexOf, holdsEvery } from './flow.js';

/** Sets smaller than this are scanned directly: building an index would cost more. */
const INDEX_THRESHOLD = 32;

/** Boxes of `set` intersecting `box`, in `set` order; all of `set` when it is small. */
function boxesNear(set: FlowSet, box: Box): Box[] {
  if (set.boxes.length < INDEX_THRESHOLD) return [...set.boxes];
  const hits: number[] = [];
  boxIndexOf(set).query(box, (item) => {
    hits.push(item.payload);
    return true;
  });
  return hits.sort((a, b) => a - b).map((i) => set.boxes[i]);
}

/**
 * `container.contains(flows)`, but each box of `flows` is only checked against the container
 * boxes that intersect it (a `BoxIndex` built once per container and cached). Same answer as
 * `FlowSet.contains` while under the box cap (applied per box of `flows` here); near-linear when
 * one big set is compared with many small ones.
 */
export function indexedContains(container: FlowSet, flows: FlowSet): boolean {
  if (container.boxes.length < INDEX_THRESHOLD) return container.contains(flows);
  return flows.boxes.every((box) => {
    const near = boxesNear(container, box);
    return near.length > 0 && FlowSet.fromBoxes([box]).subtract(FlowSet.fromBoxes(near)).isEmpty();
  });
}

/** `a.overlaps(b)` with the larger set indexed (cached), so it costs about one index look-up per box of the smaller. */
export function indexedOverlaps(a: FlowSet, b: FlowSet): boolean {
  const [large, small] = a.boxes.length >= b.boxes.length ? [a, b] : [b, a];
  if (large.boxes.length < INDEX_THRESHOLD) return a.overlaps(b);
  // a rule's flows against the whole flow they are part of: no index look-up needed
  if (!small.isEmpty() && holdsEvery(large, small)) return true;
  return boxIndexOf(large).meetsAny(small.boxes);
}

/*
 * The three below name the larger operand for readability at call sites; `FlowSet` itself goes
 * through the (cached) index of the larger operand once the sets are large enough, so they are
 * the plain operations: the same result, box order and caps included.
 */

/** `small.intersect(large)`. */
export function indexedIntersect(small: FlowSet, large: FlowSet, maxBoxes = DEFAULT_MAX_BOXES): FlowSet {
  return small.intersect(large, maxBoxes);
}

/** `small.subtract(large)`. */
export function indexedSubtract(small: FlowSet, large: FlowSet, maxBoxes = DEFAULT_MAX_BOXES): FlowSet {
  return small.subtract(large, maxBoxes);
}

/** `large.intersect(small)`. */
export function indexedIntersectOf(large: FlowSet, small: FlowSet, maxBoxes = DEFAULT_MAX_BOXES): FlowSet {
  return large.intersect(small, maxBoxes);
}
