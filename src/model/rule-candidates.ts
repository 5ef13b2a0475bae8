import { BoxIndex, type IndexedBox } from '../net/box-index.js';
import { boxesOverlap, type FlowSet } from '../net/flow.js';

/** Rules per index block: a first-match walk that settles the flow early never queries later blocks. */
const DEFAULT_BLOCK_SIZE = 256;

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

  #block(block: number): Block {
    let built = this.#blocks[block];
    if (!built) {
      const items: IndexedBox<number>[] = [];
      const end = Math.min(this.#flows.length, (block + 1) * this.#blockSize);
      for (let position = block * this.#blockSize; position < end; position++) {
        const set = this.#flows.at(position);
        if (set) for (const box of set.boxes) items.push({ box, payload: position });
      }
      built = items.length <= SCAN_LIMIT ? items : indexOf(items);
      this.#blocks[block] = built;
    }
    return built;
  }
}

function indexOf(items: readonly IndexedBox<number>[]): BoxIndex<number> {
  const index = new BoxIndex<number>();
  for (const { box, payload } of items) index.insert(box, payload);
  return index;
}
