import { BoxIndex, type IndexedBox } from '../flow/box-index.js';
import { boxIndexOf, boxesOverlap, type FlowSet } from '../flow/flow.js';

/** Rules per index block: a first-match walk that settles the flow early never queries later blocks. */
const DEFAULT_BLOCK_SIZE = 256;

/** Rules averaging more boxes than this (address sets of many members) are asked one by one rather than through a block index. */
const BOXES_PER_RULE = 16;

/** A block with at most this many boxes (a spoke's few rules) is scanned in order: an index costs more than it saves. */
const SCAN_LIMIT = 16;

/** Indexed, or the boxes in ascending position order when scanned. */
type Block = BoxIndex<number> | IndexedBox<number>[];

/** What each rule matches, by position; `at(i)` is `undefined` for a rule left out (disabled). An array fits. */
export interface RuleFlowList {
  readonly length: number;
  at(position: number): FlowSet | undefined;
}

/**
 * Ordered rules (security policy, NAT policy, ACL) indexed by the boxes they match, so a
 * first-match walk only meets the rules that can match the flow at hand instead of every rule.
 * The index is split into blocks of consecutive positions so a walk can stop at the first rules
 * that decide the whole flow (a broad rule near the top) without querying the rest of the list.
 * A block is built when a walk first reaches it, so rules below every deciding rule never have
 * their flows read (a lazy `RuleFlowList` computes them on demand).
 */
export class RuleCandidates {
  readonly #flows: RuleFlowList;
  readonly #blockSize: number;
  /** `undefined` until a walk reaches the block. */
  readonly #blocks: (Block | undefined)[];
  /** Each block's rule flows and their box count, read when a walk first reaches it. */
  readonly #sets: ({ sets: (FlowSet | undefined)[]; boxes: number } | undefined)[] = [];

  constructor(flows: RuleFlowList, blockSize = DEFAULT_BLOCK_SIZE) {
    this.#flows = flows;
    this.#blockSize = blockSize;
    this.#blocks = new Array<Block | undefined>(Math.ceil(flows.length / blockSize)).fill(undefined);
  }

  /** Positions, ascending, of the rules whose flows overlap `flow`. */
  overlapping(flow: FlowSet): number[] {
    const positions: number[] = [];
    this.eachOverlapping(flow, (position) => {
      positions.push(position);
      return true;
    });
    return positions;
  }

  /** Calls `visit` with the positions `overlapping` lists, ascending, until it returns false. */
  eachOverlapping(flow: FlowSet, visit: (position: number) => boolean): void {
    for (let block = 0; block < this.#blocks.length; block++) {
      if (this.#perRule(block, flow)) {
        if (!this.#visitInBlock(block, flow, visit)) return;
        continue;
      }
      const index = this.#block(block);
      if (Array.isArray(index)) {
        let visited = -1;
        for (const { box, payload } of index) {
          if (payload === visited || !flow.boxes.some((flowBox) => boxesOverlap(box, flowBox))) continue;
          visited = payload;
          if (!visit(payload)) return;
        }
        continue;
      }
      const positions: number[] = [];
      for (const box of flow.boxes) {
        index.query(box, ({ payload }) => {
          positions.push(payload);
          return true;
        });
      }
      positions.sort((a, b) => a - b);
      for (let i = 0; i < positions.length; i++) {
        if (i > 0 && positions[i - 1] === positions[i]) continue;
        if (!visit(positions[i])) return;
      }
    }
  }

  /**
   * Whether the block is better asked rule by rule (`#visitInBlock`) than through its
   * index: when the flow has more boxes than the block has rules (querying the block once per
   * box of the flow would collect every pair), or when its rules hold many boxes each (address
   * sets of thousands of members: each rule's own index, built once per rule and shared with the
   * set operations of the walk, answers with its first shared box).
   */
  #perRule(block: number, flow: FlowSet): boolean {
    const { sets, boxes } = this.#blockSets(block);
    return flow.boxes.length > sets.length || boxes > BOXES_PER_RULE * sets.length;
  }

  /** Visits the positions of the block, ascending, whose rule's flows overlap `flow`, each asked once (`FlowSet.overlaps` indexes the larger side); false once `visit` is. */
  #visitInBlock(block: number, flow: FlowSet, visit: (position: number) => boolean): boolean {
    const { sets } = this.#blockSets(block);
    const start = block * this.#blockSize;
    for (let i = 0; i < sets.length; i++) {
      const set = sets[i];
      if (set && meets(set, flow) && !visit(start + i)) return false;
    }
    return true;
  }

  /** The flows of the block's rules (each read once) and their box count. */
  #blockSets(block: number): { sets: (FlowSet | undefined)[]; boxes: number } {
    let read = this.#sets[block];
    if (!read) {
      const sets: (FlowSet | undefined)[] = [];
      let boxes = 0;
      const end = Math.min(this.#flows.length, (block + 1) * this.#blockSize);
      for (let position = block * this.#blockSize; position < end; position++) {
        const set = this.#flows.at(position);
        sets.push(set);
        boxes += set?.boxes.length ?? 0;
      }
      this.#sets[block] = read = { sets, boxes };
    }
    return read;
  }

  #block(block: number): Block {
    let built = this.#blocks[block];
    if (!built) {
      const items: IndexedBox<number>[] = [];
      const start = block * this.#blockSize;
      this.#blockSets(block).sets.forEach((set, i) => {
        if (set) for (const box of set.boxes) items.push({ box, payload: start + i });
      });
      built = items.length <= SCAN_LIMIT ? items : indexOf(items);
      this.#blocks[block] = built;
    }
    return built;
  }
}

/**
 * `set.overlaps(flow)` for a rule's flows against the (large) flow of a walk: a rule of fewer
 * boxes than the flow asks the flow's index (built once per flow, cached) box by box, a larger
 * rule is indexed itself (`FlowSet.overlaps`, cached per rule).
 */
function meets(set: FlowSet, flow: FlowSet): boolean {
  if (set.boxes.length >= flow.boxes.length || flow.boxes.length < SCAN_LIMIT) return set.overlaps(flow);
  return boxIndexOf(flow).meetsAny(set.boxes);
}

function indexOf(items: readonly IndexedBox<number>[]): BoxIndex<number> {
  const index = new BoxIndex<number>();
  for (const { box, payload } of items) index.insert(box, payload);
  return index;
}
