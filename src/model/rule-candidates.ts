import { BoxIndex } from '../net/box-index.js';
import type { FlowSet } from '../net/flow.js';

/**
 * Ordered rules (security policy, NAT policy, ACL) indexed by the boxes they match, so a
 * first-match walk only meets the rules that can match the flow at hand instead of every rule.
 */
export class RuleCandidates {
  private readonly index = new BoxIndex<number>();

  /** `flows[i]` is what rule `i` matches; `undefined` leaves rule `i` out (disabled). */
  constructor(flows: readonly (FlowSet | undefined)[]) {
    flows.forEach((set, position) => {
      if (set) for (const box of set.boxes) this.index.insert(box, position);
    });
  }

  /** Positions, ascending, of the rules whose flows overlap `flow`. */
  overlapping(flow: FlowSet): number[] {
    const positions: number[] = [];
    for (const box of flow.boxes) {
      this.index.query(box, ({ payload }) => {
        positions.push(payload);
        return true;
      });
    }
    positions.sort((a, b) => a - b);
    return positions.filter((position, i) => i === 0 || positions[i - 1] !== position);
  }
}
