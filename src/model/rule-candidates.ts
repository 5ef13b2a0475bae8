import { BoxIndex } from '../net/box-index.js';
import type { FlowSet } from '../net/flow.js';

/** Rules per index block: a first-match walk that settles the flow early never queries later blocks. */
const DEFAULT_BLOCK_SIZE = 256;

/**
 * Ordered rules (security policy, NAT policy, ACL) indexed by the boxes they match, so a
 * first-match walk only meets the rules that can match the flow at hand instead of every rule.
 * The index is split into blocks of consecutive positions so a walk can stop at the first rules
 * that decide the whole flow (a broad rule near the top) without querying the rest of the list.
 */
export class RuleCandidates {
  private readonly blocks: BoxIndex<number>[] = [];

  /** `flows[i]` is what rule `i` matches; `undefined` leaves rule `i` out (disabled). */
  constructor(
    flows: readonly (FlowSet | undefined)[],
    blockSize = DEFAULT_BLOCK_SIZE,
  ) {
    flows.forEach((set, position) => {
      if (!set) return;
      const block = Math.floor(position / blockSize);
      const index = (this.blocks[block] ??= new BoxIndex<number>());
      for (const box of set.boxes) index.insert(box, position);
    });
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
    for (const index of this.blocks) {
      if (!index) continue;
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
}
