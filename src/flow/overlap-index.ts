import { BoxIndex } from './box-index.js';
import { type Box, FlowSet, boxContains, boxKey, boxesCoveredBy } from './flow.js';

export type RuleAction = 'permit' | 'deny';

export interface OverlapEntry<T> {
  readonly id: T;
  readonly box: Box;
  readonly action: RuleAction;
  /** The ACL the rule belongs to (e.g. one per policy sequence). Entries without one share a group. */
  readonly group?: number;
}

export interface OverlapOptions {
  /** Earlier entries listed per finding (default 3). */
  readonly maxReported?: number;
  /**
   * Earlier intersecting entries examined per entry (default 64). Past it the index scan stops;
   * the verdict is then conservative ("partial" instead of "full") and `complete` is false.
   */
  readonly maxCandidates?: number;
  /** Box cap for each entry's FlowSet work (see `FlowSet`); default 512. */
  readonly maxBoxes?: number;
  /**
   * Work for all the entries together (default 2,000,000): each entry costs the index nodes its
   * look-ups visit, and its boxes (after its denies) times the earlier boxes it is compared with. Once spent, the entries left are compared
   * with a box cap of `BOUNDED_BOXES` instead of `maxBoxes` (the verdicts stay safe: at worst
   * "partial" for "full", `complete` false), and once `BOUNDED_ENTRIES` entries were compared so,
   * the rest are only matched against the one earlier rule that contains each, if any: exact
   * verdicts for duplicates and narrower rules, no partial overlaps; the others are passed to
   * `onUnchecked`.
   */
  readonly maxWork?: number;
  /** Called with the index of each permit entry the budget left unchecked (see `maxWork`). */
  readonly onUnchecked?: (index: number) => void;
}

/** Box cap per entry once `maxWork` is spent. */
const BOUNDED_BOXES = 32;
/** Entries compared with that cap once `maxWork` is spent; past them, containment only. */
const BOUNDED_ENTRIES = 1024;
/** Pieces the coverage test of an entry may look at, per box of its cap. */
const COVER_STEPS_PER_BOX = 8;

export interface EarlierEntry<T> {
  readonly id: T;
  readonly index: number;
  readonly sameGroup: boolean;
}

export type OverlapKind =
  /** a permit whose flows were all taken by earlier denies of its own ACL: dead rule */
  | 'shadowedByDeny'
  /** every flow the permit adds is already permitted by earlier entries */
  | 'full'
  /** some of its flows are already permitted by earlier entries */
  | 'partial';

export interface OverlapFinding<T> {
  readonly id: T;
  readonly index: number;
  readonly kind: OverlapKind;
  /** Earliest-first, at most `maxReported`: the denies (shadowedByDeny) or the permits (full/partial). */
  readonly by: readonly EarlierEntry<T>[];
  /** The entry's effective flows that earlier permits also match (for shadowedByDeny: its whole box). */
  readonly overlap: FlowSet;
  /** False when a cap (candidates, boxes or work) was reached, so "partial" might really be "full". */
  readonly complete: boolean;
}

interface PermitRef {
  readonly index: number;
  readonly group: number;
}

const NO_GROUP = -1;

/**
 * Which earlier rules overlap each permit rule, in the order matched by an IPSec policy group.
 *
 * Within one group (one ACL) rules match in order, so an earlier `deny` removes its flows from
 * later permits: a permit's effective flows are its box minus the earlier denies of its group.
 * Across groups only permits count (a deny only means "not protected by this sequence").
 * Each permit's effective flows are compared with the effective flows of all earlier permits,
 * of any group; `sameGroup` tells redundancy inside one ACL apart from cross-sequence overlap.
 * Deny entries produce no findings.
 *
 * Cost: one trie lookup per entry (plus one for its group's denies) instead of all pairs;
 * identical boxes are short-circuited by a hash map. Findings only for entries that overlap.
 */
export function findOverlaps<T>(entries: readonly OverlapEntry<T>[], options: OverlapOptions = {}): OverlapFinding<T>[] {
  const maxReported = options.maxReported ?? 3;
  const maxCandidates = options.maxCandidates ?? 64;
  const fullBoxes = options.maxBoxes ?? 512;
  let work = options.maxWork ?? 2_000_000;
  const permits = new BoxIndex<PermitRef>();
  const denies = new Map<number, BoxIndex<number>>();
  const uncarvedPermitByKey = new Map<string, number>();
  const effective: FlowSet[] = [];
  const findings: OverlapFinding<T>[] = [];

  const earlier = (index: number, group: number): EarlierEntry<T> => ({
    id: entries[index].id,
    index,
    sameGroup: (entries[index].group ?? NO_GROUP) === group,
  });

  let boundedLeft = BOUNDED_ENTRIES;

  /**
   * A permit past the whole budget: a deny containing it makes it dead, an earlier permit
   * containing it (of its own ACL, or of another whose flows are exact) takes it all; anything
   * less is not looked for. Its own box stands for its flows from here on (a superset).
   */
  const containmentOnly = (entry: OverlapEntry<T>, index: number, group: number): void => {
    const deny = denies.get(group)?.findContaining(entry.box);
    if (deny) {
      findings.push({ id: entry.id, index, kind: 'shadowedByDeny', by: [earlier(deny.payload, group)], overlap: FlowSet.of(entry.box), complete: true });
      effective.push(FlowSet.EMPTY);
      return;
    }
    let denied = false;
    denies.get(group)?.query(entry.box, () => {
      denied = true;
      return false;
    });
    const flows = FlowSet.fromBoxes([entry.box], !denied);
    effective.push(flows);
    const container = permits.findContaining(entry.box);
    const by = container?.payload.index;
    if (by !== undefined && (container!.payload.group === group || effective[by].exact)) {
      findings.push({ id: entry.id, index, kind: 'full', by: [earlier(by, group)], overlap: flows, complete: !denied });
      return;
    }
    options.onUnchecked?.(index);
    permits.insert(entry.box, { index, group });
  };

  entries.forEach((entry, index) => {
    const group = entry.group ?? NO_GROUP;
    if (entry.action === 'deny') {
      let groupDenies = denies.get(group);
      if (!groupDenies) denies.set(group, (groupDenies = new BoxIndex<number>()));
      groupDenies.insert(entry.box, index);
      effective.push(FlowSet.EMPTY);
      return;
    }
    if (work <= 0 && boundedLeft-- <= 0) {
      containmentOnly(entry, index, group);
      return;
    }

    // the work left decides this entry's box cap; a spent budget makes its verdict incomplete only if a cap is reached
    const maxBoxes = work > 0 ? fullBoxes : Math.min(fullBoxes, BOUNDED_BOXES);
    let complete = true;
    let flows = FlowSet.of(entry.box);
    const denyHits: number[] = [];
    work -= denies.get(group)?.query(entry.box, (item) => {
      denyHits.push(item.payload);
      return denyHits.length < maxCandidates;
    }) ?? 0;
    if (denyHits.length >= maxCandidates) complete = false;
    if (denyHits.length > 0) {
      denyHits.sort((a, b) => a - b);
      flows = flows.subtract(FlowSet.ofBoxes(denyHits.map((i) => entries[i].box)), maxBoxes);
      work -= denyHits.length * flows.boxes.length;
      if (!flows.exact) complete = false;
      if (flows.isEmpty()) {
        findings.push({
          id: entry.id,
          index,
          kind: 'shadowedByDeny',
          by: denyHits.slice(0, maxReported).map((i) => earlier(i, group)),
          overlap: FlowSet.of(entry.box),
          complete,
        });
        effective.push(FlowSet.EMPTY);
        return;
      }
    }
    effective.push(flows);

    const key = denyHits.length === 0 ? boxKey(entry.box) : undefined;
    const twin = key === undefined ? undefined : uncarvedPermitByKey.get(key);
    if (twin !== undefined) {
      findings.push({ id: entry.id, index, kind: 'full', by: [earlier(twin, group)], overlap: flows, complete });
      return;
    }

    const candidates = new Set<number>();
    for (const box of flows.boxes) {
      if (candidates.size >= maxCandidates) break;
      work -= permits.query(box, (item) => {
        candidates.add(item.payload.index);
        return candidates.size < maxCandidates;
      });
    }
    if (candidates.size >= maxCandidates) complete = false;

    if (candidates.size > 0) {
      const ordered = [...candidates].sort((a, b) => a - b);
      // An earlier permit of the same ACL meets these flows exactly as its own box does: its
      // effective flows are its box minus denies that come before this entry too, and the flows
      // here have those denies taken out already. One box instead of the pieces left of it.
      const covered = FlowSet.concat(ordered.map((i) => ((entries[i].group ?? NO_GROUP) === group ? FlowSet.fromBoxes([entries[i].box]) : effective[i])));
      const by = ordered.slice(0, maxReported).map((i) => earlier(i, group));
      // the common case (a duplicate or narrower rule) needs no subtraction; an inexact `covered`
      // (an earlier permit's flows cut short) may hold more than that permit takes
      if (covered.exact && flows.boxes.length === 1 && covered.boxes.some((box) => boxContains(box, flows.boxes[0]))) {
        findings.push({ id: entry.id, index, kind: 'full', by, overlap: flows, complete });
        return;
      }
      // an inexact `covered` may hold more than the earlier permits take: never "full" from it
      const steps = { count: 0 };
      const covers = covered.exact ? boxesCoveredBy(flows.boxes, covered.boxes, COVER_STEPS_PER_BOX * maxBoxes, steps) : false;
      if (covers === undefined || !covered.exact) complete = false;
      const full = covers === true;
      const overlap = full ? flows : flows.intersect(covered, maxBoxes);
      work -= steps.count * covered.boxes.length + (full ? 0 : flows.boxes.length * covered.boxes.length);
      findings.push({ id: entry.id, index, kind: full ? 'full' : 'partial', by, overlap, complete });
      if (full) return;
    }

    if (key !== undefined) uncarvedPermitByKey.set(key, index);
    for (const box of flows.boxes) permits.insert(box, { index, group });
  });
  return findings;
}
