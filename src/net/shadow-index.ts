import { BoxIndex } from './box-index.js';
import { type Box, FlowSet, boxContains, boxKey } from './flow.js';
import type { RuleAction } from './overlap-index.js';

export interface OrderedRule<T> {
  readonly id: T;
  readonly box: Box;
  readonly action: RuleAction;
}

export interface ShadowingRule<T> {
  readonly id: T;
  readonly index: number;
  readonly action: RuleAction;
}

export interface ShadowFinding<T> {
  readonly id: T;
  readonly index: number;
  /** Earlier rules that take this rule's flows, earliest first, at most `maxReported`. */
  readonly by: readonly ShadowingRule<T>[];
  /** Some of the earlier rules that take its flows have the opposite action. */
  readonly conflicting: boolean;
}

export interface ShadowOptions {
  readonly maxReported?: number;
  /** Earlier intersecting rules examined per rule (default 64); past it a rule is not reported. */
  readonly maxCandidates?: number;
  readonly maxBoxes?: number;
}

/**
 * First-match shadowing inside one ordered rule list (one ACL): a rule is reported when every
 * flow it matches is already matched by earlier rules, whatever their action. Uses the same
 * ternary index as `findOverlaps`; identical boxes are caught by a hash map. When a cap is hit
 * the rule is not reported (never a false "shadowed").
 */
export function findShadowedRules<T>(rules: readonly OrderedRule<T>[], options: ShadowOptions = {}): ShadowFinding<T>[] {
  const maxReported = options.maxReported ?? 3;
  const maxCandidates = options.maxCandidates ?? 64;
  const maxBoxes = options.maxBoxes ?? 1024;
  const index = new BoxIndex<number>();
  const firstByKey = new Map<string, number>();
  const findings: ShadowFinding<T>[] = [];
  const shadowing = (i: number): ShadowingRule<T> => ({ id: rules[i].id, index: i, action: rules[i].action });

  rules.forEach((rule, position) => {
    const key = boxKey(rule.box);
    const twin = firstByKey.get(key);
    if (twin !== undefined) {
      findings.push({ id: rule.id, index: position, by: [shadowing(twin)], conflicting: rules[twin].action !== rule.action });
      return;
    }
    const candidates: number[] = [];
    index.query(rule.box, (item) => {
      candidates.push(item.payload);
      return candidates.length < maxCandidates;
    });
    if (candidates.length > 0) {
      candidates.sort((a, b) => a - b);
      const boxes = candidates.map((i) => rules[i].box);
      const covered =
        boxes.some((box) => boxContains(box, rule.box)) || FlowSet.of(rule.box).subtract(FlowSet.ofBoxes(boxes), maxBoxes).isEmpty();
      if (covered) {
        findings.push({
          id: rule.id,
          index: position,
          by: candidates.slice(0, maxReported).map(shadowing),
          conflicting: candidates.some((i) => rules[i].action !== rule.action),
        });
        return;
      }
    }
    firstByKey.set(key, position);
    index.insert(rule.box, position);
  });
  return findings;
}
