import { BoxIndex } from '../net/box-index.js';
import type { FlowSet } from '../net/flow.js';

/** Rules per index block: a first-match walk that settles the flow early never queries later blocks. */
const DEFAULT_BLOCK_SIZE = 256;

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
  readonly #blocks: (BoxIndex<number> | undefined)[];

  constructor(flows: RuleFlowList, blockSize = DEFAULT_BLOCK_SIZE) {
    this.#flows = flows;
    this.#blockSize = blockSize;
    this.#blocks = new Array<BoxIndex<number> | undefined>(Math.ceil(flows.length / blockSize)).fill(undefined);
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
      const index = this.#blockIndex(block);
      if (index.size === 0) continue;
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

  #blockIndex(block: number): BoxIndex<number> {
    let index = this.#blocks[block];
    if (!index) {
      index = new BoxIndex<number>();
      const end = Math.min(this.#flows.length, (block + 1) * this.#blockSize);
      for (let position = block * this.#blockSize; position < end; position++) {
        const set = this.#flows.at(position);
        if (set) for (const box of set.boxes) index.insert(box, position);
      }
      this.#blocks[block] = index;
    }
    return index;
  }
}
