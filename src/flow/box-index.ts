import { type Box, boxContains, boxesOverlap } from './flow.js';

/** A leaf splits once it holds more items than this (unless all 64 address bits are used). */
const LEAF_CAPACITY = 16;
const KEY_BITS = 64;

export interface IndexedBox<P> {
  readonly box: Box;
  readonly payload: P;
}

/** Nodes at depths that are multiples of this keep a summary (`TrieNode.add`): fewer updates per insert, pruning nearly as good. */
const SUMMARY_STRIDE = 4;

class TrieNode<P> {
  constructor(readonly summarised: boolean) {}

  items: IndexedBox<P>[] | null = [];
  /** children by the bit at this depth: 0, 1, or 2 for "don't care" */
  children: [TrieNode<P> | null, TrieNode<P> | null, TrieNode<P> | null] = [null, null, null];
  /**
   * What every box below shares: the address bits all of them fix to the same value, and the
   * span of their port ranges. A query that needs one of those bits the other way, or ports
   * outside the span, skips the whole subtree (the trie alone follows every child for each bit
   * the query leaves free, which visits most of the trie for a wildcard like 0.255.0.255).
   */
  srcCare = 0;
  srcValue = 0;
  dstCare = 0;
  dstValue = 0;
  srcLow = 0;
  srcHigh = -1;
  dstLow = 0;
  dstHigh = -1;
  empty = true;

  add(box: Box): void {
    if (this.empty) {
      this.empty = false;
      this.srcCare = box.src.care;
      this.srcValue = box.src.value;
      this.dstCare = box.dst.care;
      this.dstValue = box.dst.value;
      [this.srcLow, this.srcHigh] = box.srcPorts;
      [this.dstLow, this.dstHigh] = box.dstPorts;
      return;
    }
    this.srcCare = (this.srcCare & box.src.care & ~(box.src.value ^ this.srcValue)) >>> 0;
    this.srcValue = (this.srcValue & this.srcCare) >>> 0;
    this.dstCare = (this.dstCare & box.dst.care & ~(box.dst.value ^ this.dstValue)) >>> 0;
    this.dstValue = (this.dstValue & this.dstCare) >>> 0;
    if (box.srcPorts[0] < this.srcLow) this.srcLow = box.srcPorts[0];
    if (box.srcPorts[1] > this.srcHigh) this.srcHigh = box.srcPorts[1];
    if (box.dstPorts[0] < this.dstLow) this.dstLow = box.dstPorts[0];
    if (box.dstPorts[1] > this.dstHigh) this.dstHigh = box.dstPorts[1];
  }

  /** False when no box below can overlap `box` (by the shared bits and port spans); only for a `summarised` node. */
  mayOverlap(box: Box): boolean {
    if (this.empty) return false;
    if (((box.src.value ^ this.srcValue) & box.src.care & this.srcCare) !== 0) return false;
    if (((box.dst.value ^ this.dstValue) & box.dst.care & this.dstCare) !== 0) return false;
    if (box.srcPorts[1] < this.srcLow || box.srcPorts[0] > this.srcHigh) return false;
    return !(box.dstPorts[1] < this.dstLow || box.dstPorts[0] > this.dstHigh);
  }
}

/** 0 or 1 when the box fixes key bit `depth` (source bits 31..0, then destination bits), 2 when it does not. */
function bitClass(box: Box, depth: number): 0 | 1 | 2 {
  const cube = depth < 32 ? box.src : box.dst;
  const bit = 1 << (31 - (depth & 31));
  if ((cube.care & bit) === 0) return 2;
  return (cube.value & bit) === 0 ? 0 : 1;
}

/**
 * A ternary trie over the 64 address bits of boxes (source then destination), with bucketed
 * leaves. A stored box that does not care about a bit lives under the "don't care" child, so a
 * query descends into one child plus the don't-care child for each bit it fixes, and into all
 * three only for the bits it leaves free. Protocol and ports are checked at the leaves.
 */
export class BoxIndex<P> {
  private readonly root = new TrieNode<P>(true);
  private count = 0;

  get size(): number {
    return this.count;
  }

  insert(box: Box, payload: P): void {
    this.count++;
    let node = this.root;
    let depth = 0;
    node.add(box);
    while (node.items === null) {
      const which = bitClass(box, depth);
      depth++;
      node = node.children[which] ??= new TrieNode<P>(depth % SUMMARY_STRIDE === 0);
      if (node.summarised) node.add(box);
    }
    node.items.push({ box, payload });
    if (node.items.length > LEAF_CAPACITY && depth < KEY_BITS) split(node, depth);
  }

  /** Whether any of `boxes` overlaps a stored box (one look-up per box, stopping at the first hit). */
  meetsAny(boxes: readonly Box[]): boolean {
    return boxes.some((box) => {
      let found = false;
      this.query(box, () => {
        found = true;
        return false;
      });
      return found;
    });
  }

  /**
   * Calls `visit` for each stored box overlapping `box`, until it returns false. Returns the
   * nodes and stored boxes it looked at (what the query cost, for callers keeping a budget).
   */
  query(box: Box, visit: (item: IndexedBox<P>) => boolean): number {
    const nodes: TrieNode<P>[] = [this.root];
    const depths: number[] = [0];
    let cost = 0;
    while (nodes.length > 0) {
      const node = nodes.pop()!;
      const depth = depths.pop()!;
      cost++;
      if (node.summarised && !node.mayOverlap(box)) continue;
      if (node.items !== null) {
        cost += node.items.length;
        for (const item of node.items) if (boxesOverlap(item.box, box) && !visit(item)) return cost;
        continue;
      }
      const which = bitClass(box, depth);
      const [zero, one, star] = node.children;
      if (star) {
        nodes.push(star);
        depths.push(depth + 1);
      }
      if (which !== 1 && zero) {
        nodes.push(zero);
        depths.push(depth + 1);
      }
      if (which !== 0 && one) {
        nodes.push(one);
        depths.push(depth + 1);
      }
    }
    return cost;
  }

  /**
   * A stored box containing `box`, if any. Narrower than `query`: a container fixes no bit that
   * `box` leaves free, so only the "don't care" child is followed there.
   */
  findContaining(box: Box): IndexedBox<P> | undefined {
    const nodes: TrieNode<P>[] = [this.root];
    const depths: number[] = [0];
    while (nodes.length > 0) {
      const node = nodes.pop()!;
      const depth = depths.pop()!;
      if (node.items !== null) {
        const found = node.items.find((item) => boxContains(item.box, box));
        if (found) return found;
        continue;
      }
      const which = bitClass(box, depth);
      const star = node.children[2];
      if (star) {
        nodes.push(star);
        depths.push(depth + 1);
      }
      const fixed = which === 2 ? null : node.children[which];
      if (fixed) {
        nodes.push(fixed);
        depths.push(depth + 1);
      }
    }
    return undefined;
  }
}

function split<P>(node: TrieNode<P>, depth: number): void {
  const items = node.items!;
  node.items = null;
  for (const item of items) {
    const which = bitClass(item.box, depth);
    const child = (node.children[which] ??= new TrieNode<P>((depth + 1) % SUMMARY_STRIDE === 0));
    child.items!.push(item);
    if (child.summarised) child.add(item.box);
  }
  for (const child of node.children) {
    if (child && child.items!.length > LEAF_CAPACITY && depth + 1 < KEY_BITS) split(child, depth + 1);
  }
}
