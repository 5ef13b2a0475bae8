import { BoxIndex } from './box-index.js';
import { type Box, DEFAULT_MAX_BOXES, FlowSet } from './flow.js';

/** Sets smaller than this are scanned directly: building an index would cost more. */
const INDEX_THRESHOLD = 32;

const indexes = new WeakMap<FlowSet, BoxIndex<number>>();

function indexOf(set: FlowSet): BoxIndex<number> {
  let index = indexes.get(set);
  if (!index) {
    index = new BoxIndex<number>();
    set.boxes.forEach((box, i) => index!.insert(box, i));
    indexes.set(set, index);
  }
  return index;
}

/** Boxes of `set` intersecting `box`, in `set` order; all of `set` when it is small. */
function boxesNear(set: FlowSet, box: Box): Box[] {
  if (set.boxes.length < INDEX_THRESHOLD) return [...set.boxes];
  const hits: number[] = [];
  indexOf(set).query(box, (item) => {
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
  const index = indexOf(large);
  return small.boxes.some((box) => {
    let found = false;
    index.query(box, () => {
      found = true;
      return false;
    });
    return found;
  });
}

/** Boxes of `large` overlapping some box of `flows`, in `large` order, as a set with `large`'s exactness. */
function nearAll(large: FlowSet, flows: FlowSet): FlowSet {
  const index = indexOf(large);
  const hits: number[] = [];
  for (const box of flows.boxes) {
    index.query(box, (item) => {
      hits.push(item.payload);
      return true;
    });
  }
  hits.sort((a, b) => a - b);
  const boxes = hits.filter((hit, i) => i === 0 || hits[i - 1] !== hit).map((i) => large.boxes[i]);
  return FlowSet.fromBoxes(boxes, large.exact);
}

/**
 * `small.intersect(large)` visiting only the boxes of `large` near `small` (index cached per
 * `large`): the same boxes in the same order, so the same result, caps included.
 */
export function indexedIntersect(small: FlowSet, large: FlowSet, maxBoxes = DEFAULT_MAX_BOXES): FlowSet {
  if (large.boxes.length < INDEX_THRESHOLD) return small.intersect(large, maxBoxes);
  return small.intersect(nearAll(large, small), maxBoxes);
}

/**
 * `small.subtract(large)` with only the boxes of `large` that meet `small` (the others cannot
 * touch any piece of it), in `large` order: the same result, caps included.
 */
export function indexedSubtract(small: FlowSet, large: FlowSet, maxBoxes = DEFAULT_MAX_BOXES): FlowSet {
  if (large.boxes.length < INDEX_THRESHOLD) return small.subtract(large, maxBoxes);
  return small.subtract(nearAll(large, small), maxBoxes);
}

/** `large.intersect(small)` visiting only the boxes of `large` near `small`: the same result, box order and caps included. */
export function indexedIntersectOf(large: FlowSet, small: FlowSet, maxBoxes = DEFAULT_MAX_BOXES): FlowSet {
  if (large.boxes.length < INDEX_THRESHOLD) return large.intersect(small, maxBoxes);
  return nearAll(large, small).intersect(small, maxBoxes);
}
