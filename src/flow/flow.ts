import {
  ANY_CUBE,
  type Cube,
  containsCube,
  cubeKey,
  cubeToString,
  highPartsEqual,
  highPartsOverlap,
  intersectCubes,
  mergeCubes,
  subtractCube,
} from './cube.js';
import {
  ALL_PORTS,
  type PortRange,
  describePortRange,
  intersectPortRanges,
  isAllPorts,
  portRangeContains,
  subtractPortRange,
} from './ports.js';
import { protocolHasPorts, protocolName } from './protocol.js';
import { BoxIndex } from './box-index.js';

/**
 * A box of flows: every packet whose source is in `src`, destination in `dst`, protocol matches
 * and (for TCP/UDP only) ports fall in the intervals.
 * `protocol: null` means every protocol except those in `exceptProtocols` (needed so that
 * "ip minus tcp" stays one box). Ports are always [0,65535] unless the protocol is TCP or UDP.
 */
export interface Box {
  readonly src: Cube;
  readonly dst: Cube;
  readonly protocol: number | null;
  readonly srcPorts: PortRange;
  readonly dstPorts: PortRange;
  /** Sorted protocol numbers excluded from a `protocol: null` box. Absent = none. */
  readonly exceptProtocols?: readonly number[];
}

export interface BoxInit {
  src?: Cube;
  dst?: Cube;
  protocol?: number | null;
  srcPorts?: PortRange;
  dstPorts?: PortRange;
  exceptProtocols?: readonly number[];
}

export function makeBox(init: BoxInit = {}): Box {
  const protocol = init.protocol ?? null;
  const ports = protocolHasPorts(protocol);
  const except = protocol === null && init.exceptProtocols?.length ? [...new Set(init.exceptProtocols)].sort((a, b) => a - b) : undefined;
  const box: Box = {
    src: init.src ?? ANY_CUBE,
    dst: init.dst ?? ANY_CUBE,
    protocol,
    srcPorts: ports && init.srcPorts ? init.srcPorts : ALL_PORTS,
    dstPorts: ports && init.dstPorts ? init.dstPorts : ALL_PORTS,
  };
  return except ? { ...box, exceptProtocols: except } : box;
}

export const ANY_BOX: Box = makeBox();

interface ProtocolPart {
  protocol: number | null;
  except: readonly number[];
}

function exceptOf(box: Box): readonly number[] {
  return box.exceptProtocols ?? [];
}

function intersectProtocols(a: Box, b: Box): ProtocolPart | null {
  if (a.protocol !== null && b.protocol !== null) return a.protocol === b.protocol ? { protocol: a.protocol, except: [] } : null;
  if (a.protocol !== null) return exceptOf(b).includes(a.protocol) ? null : { protocol: a.protocol, except: [] };
  if (b.protocol !== null) return exceptOf(a).includes(b.protocol) ? null : { protocol: b.protocol, except: [] };
  return { protocol: null, except: mergeSorted(exceptOf(a), exceptOf(b)) };
}

function mergeSorted(a: readonly number[], b: readonly number[]): number[] {
  if (a.length === 0) return [...b];
  if (b.length === 0) return [...a];
  return [...new Set([...a, ...b])].sort((x, y) => x - y);
}

function withProtocol(box: Box, part: ProtocolPart): Box {
  const ports = protocolHasPorts(part.protocol);
  const result: Box = {
    src: box.src,
    dst: box.dst,
    protocol: part.protocol,
    srcPorts: ports ? box.srcPorts : ALL_PORTS,
    dstPorts: ports ? box.dstPorts : ALL_PORTS,
  };
  return part.protocol === null && part.except.length > 0 ? { ...result, exceptProtocols: part.except } : result;
}

export function intersectBoxes(a: Box, b: Box): Box | null {
  const protocol = intersectProtocols(a, b);
  if (!protocol) return null;
  const src = intersectCubes(a.src, b.src);
  if (!src) return null;
  const dst = intersectCubes(a.dst, b.dst);
  if (!dst) return null;
  const srcPorts = intersectPortRanges(a.srcPorts, b.srcPorts);
  if (!srcPorts) return null;
  const dstPorts = intersectPortRanges(a.dstPorts, b.dstPorts);
  if (!dstPorts) return null;
  return withProtocol({ src, dst, protocol: null, srcPorts, dstPorts }, protocol);
}

/** Allocation-free `intersectBoxes(a, b) !== null`, for index scans. */
export function boxesOverlap(a: Box, b: Box): boolean {
  if (((a.src.value ^ b.src.value) & a.src.care & b.src.care) !== 0) return false;
  if (((a.dst.value ^ b.dst.value) & a.dst.care & b.dst.care) !== 0) return false;
  // IPv4 boxes: both `hi` undefined, one comparison each; IPv6: the upper words, or another family
  if (a.src.hi !== b.src.hi && !highPartsOverlap(a.src.hi, b.src.hi)) return false;
  if (a.dst.hi !== b.dst.hi && !highPartsOverlap(a.dst.hi, b.dst.hi)) return false;
  if (a.srcPorts[0] > b.srcPorts[1] || b.srcPorts[0] > a.srcPorts[1]) return false;
  if (a.dstPorts[0] > b.dstPorts[1] || b.dstPorts[0] > a.dstPorts[1]) return false;
  if (a.protocol !== null) return b.protocol === null ? !exceptOf(b).includes(a.protocol) : a.protocol === b.protocol;
  return b.protocol === null || !exceptOf(a).includes(b.protocol);
}

function protocolContains(outer: Box, inner: Box): boolean {
  if (outer.protocol !== null) return inner.protocol === outer.protocol;
  const excluded = exceptOf(outer);
  if (inner.protocol !== null) return !excluded.includes(inner.protocol);
  const innerExcluded = exceptOf(inner);
  return excluded.every((p) => innerExcluded.includes(p));
}

export function boxContains(outer: Box, inner: Box): boolean {
  return (
    protocolContains(outer, inner) &&
    containsCube(outer.src, inner.src) &&
    containsCube(outer.dst, inner.dst) &&
    portRangeContains(outer.srcPorts, inner.srcPorts) &&
    portRangeContains(outer.dstPorts, inner.dstPorts)
  );
}

export function boxEquals(a: Box, b: Box): boolean {
  return boxKey(a) === boxKey(b);
}

/** A stable string key for hash maps (equal keys ⇔ equal boxes). */
export function boxKey(box: Box): string {
  const except = box.exceptProtocols?.length ? `-${box.exceptProtocols.join('.')}` : '';
  return `${cubeKey(box.src)}|${cubeKey(box.dst)}|${box.protocol ?? 'ip'}${except}|${box.srcPorts[0]}-${box.srcPorts[1]}|${box.dstPorts[0]}-${box.dstPorts[1]}`;
}

/**
 * `a` minus `b` as disjoint boxes, peeling one dimension at a time (protocol, source,
 * destination, source ports, destination ports). At most 1 + |b.except| + 32 + 32 + 2 + 2 pieces.
 */
export function subtractBox(a: Box, b: Box): Box[] {
  const common = intersectBoxes(a, b);
  if (!common) return [a];
  if (boxContains(b, a)) return [];
  const pieces: Box[] = [];
  let current = a;

  if (a.protocol === null) {
    const aExcept = exceptOf(a);
    if (b.protocol !== null) {
      pieces.push(withProtocol(a, { protocol: null, except: mergeSorted(aExcept, [b.protocol]) }));
      current = withProtocol(a, { protocol: b.protocol, except: [] });
    } else {
      for (const p of exceptOf(b)) if (!aExcept.includes(p)) pieces.push(withProtocol(a, { protocol: p, except: [] }));
      current = withProtocol(a, { protocol: null, except: mergeSorted(aExcept, exceptOf(b)) });
    }
  }

  for (const src of subtractCube(current.src, b.src)) pieces.push({ ...current, src });
  current = { ...current, src: common.src };
  for (const dst of subtractCube(current.dst, b.dst)) pieces.push({ ...current, dst });
  current = { ...current, dst: common.dst };
  if (protocolHasPorts(current.protocol)) {
    for (const srcPorts of subtractPortRange(current.srcPorts, b.srcPorts)) pieces.push({ ...current, srcPorts });
    current = { ...current, srcPorts: common.srcPorts };
    for (const dstPorts of subtractPortRange(current.dstPorts, b.dstPorts)) pieces.push({ ...current, dstPorts });
  }
  return pieces;
}

/**
 * Whether every flow of `boxes` lies in some box of `cover`, without building the difference:
 * each box is split by the first cover box it meets, and each piece goes on with the cover boxes
 * that still meet it, so the first piece no cover box meets answers "no" at once (the usual
 * answer for a partial overlap). `undefined` once more than `maxSteps` pieces were looked at.
 * `steps` reports the pieces looked at.
 */
export function boxesCoveredBy(boxes: readonly Box[], cover: readonly Box[], maxSteps: number, steps = { count: 0 }): boolean | undefined {
  const stack: { box: Box; near: Box[] }[] = [];
  for (const box of boxes) stack.push({ box, near: cover.filter((c) => boxesOverlap(c, box)) });
  while (stack.length > 0) {
    if (++steps.count > maxSteps) return undefined;
    const { box, near } = stack.pop()!;
    if (near.length === 0) return false;
    if (near.some((c) => boxContains(c, box))) continue;
    const [first, ...rest] = near;
    for (const piece of subtractBox(box, first)) stack.push({ box: piece, near: rest.filter((c) => boxesOverlap(c, piece)) });
  }
  return true;
}

export function mirrorBox(box: Box): Box {
  return { ...box, src: box.dst, dst: box.src, srcPorts: box.dstPorts, dstPorts: box.srcPorts };
}

/** `source 10.1.0.0/24 → destination 10.2.0.0/24, tcp dport 80` */
export function describeBox(box: Box): string {
  let text = `source ${cubeToString(box.src)} → destination ${cubeToString(box.dst)}`;
  if (box.protocol !== null) text += `, ${protocolName(box.protocol)}`;
  else if (box.exceptProtocols?.length) text += `, ip except ${box.exceptProtocols.map(protocolName).join(',')}`;
  if (!isAllPorts(box.srcPorts)) text += ` sport ${describePortRange(box.srcPorts)}`;
  if (!isAllPorts(box.dstPorts)) text += ` dport ${describePortRange(box.dstPorts)}`;
  return text;
}

/** Past this many box pairs, `union` skips the containment filter (coalescing still dedupes). */
const UNION_PAIR_LIMIT = 65536;

/** Default ceiling on the boxes a FlowSet keeps; see `FlowSet.exact`. */
export const DEFAULT_MAX_BOXES = 4096;

/**
 * A set of flows as a union of boxes (boxes may overlap). Immutable.
 *
 * Size cap: an operation whose result would exceed `DEFAULT_MAX_BOXES` boxes stops early and
 * returns a set with `exact = false`:
 * - `subtract` then returns a SUPERSET of the true difference (it stops subtracting), so
 *   `isEmpty()` is never wrongly true ("fully covered" is never claimed falsely);
 * - `intersect` returns a SUBSET (it keeps the first boxes found), still non-empty whenever
 *   the true intersection is non-empty.
 */
/** What a set derives from its boxes on demand, kept with the set (sets are immutable): see `derivedOf`. */
interface Derived {
  /** Its boxes in a `BoxIndex` (payload: position). */
  index?: BoxIndex<number>;
  /** Its boxes by field hash (`holdsEvery`). */
  table?: Map<number, Box[]>;
  /** A containment or overlap query already met it without an index: the next one builds it. */
  queried?: boolean;
}

const DERIVED = Symbol('derived structures');

function derivedOf(set: FlowSet): Derived {
  return (set[DERIVED] ??= {});
}

export class FlowSet {
  /** Built on first use by this module only (`derivedOf`). */
  [DERIVED]?: Derived;

  private constructor(
    readonly boxes: readonly Box[],
    readonly exact: boolean = true,
    /** Boxes when last compacted (`subtract` compacts a large set again once it grew by a quarter). */
    private readonly compactedAt: number = boxes.length,
    /** Left by a `subtract` that stopped at its box cap, or carved from such a set: compacting it again at the cap is not tried. */
    private readonly atCap: boolean = false,
  ) {}

  static readonly EMPTY = new FlowSet([]);
  static readonly ANY = new FlowSet([ANY_BOX]);

  static of(...boxes: Box[]): FlowSet {
    return new FlowSet(coalesce(boxes));
  }

  /** `FlowSet.of` for a list of any length (a spread of 100,000 boxes overflows the call stack). */
  static ofBoxes(boxes: readonly Box[]): FlowSet {
    return new FlowSet(coalesce(boxes));
  }

  /** A set holding exactly these boxes (no compaction); `exact: false` marks an approximation. */
  static fromBoxes(boxes: readonly Box[], exact = true): FlowSet {
    return boxes.length === 0 && exact ? FlowSet.EMPTY : new FlowSet([...boxes], exact);
  }

  /** Union without compaction or containment checks: cheap when the result is only subtracted. */
  static concat(sets: readonly FlowSet[]): FlowSet {
    return new FlowSet(
      sets.flatMap((set) => set.boxes),
      sets.every((set) => set.exact),
    );
  }

  isEmpty(): boolean {
    return this.boxes.length === 0;
  }

  /**
   * True for a set left by a `subtract` that stopped at its box cap, and for sets subtracted from
   * such a set: a first-match walk whose remainder is truncated hands out approximate parts.
   */
  get truncated(): boolean {
    return this.atCap;
  }

  containsBox(box: Box): boolean {
    return new FlowSet([box]).subtract(this).isEmpty();
  }

  overlaps(other: FlowSet): boolean {
    const [large, small] = this.boxes.length >= other.boxes.length ? [this, other] : [other, this];
    if (!indexWorthBuilding(large, small)) return this.boxes.some((a) => other.boxes.some((b) => boxesOverlap(a, b)));
    // a rule's flows against the whole flow they are part of: no index look-up needed
    if (!small.isEmpty() && holdsEvery(large, small)) return true;
    return boxIndexOf(large).meetsAny(small.boxes);
  }

  union(other: FlowSet): FlowSet {
    if (other.isEmpty()) return this;
    if (this.isEmpty()) return other;
    if (this.boxes.length * other.boxes.length > UNION_PAIR_LIMIT) {
      return new FlowSet(coalesce([...this.boxes, ...other.boxes]), this.exact && other.exact);
    }
    const kept = this.boxes.filter((a) => !other.boxes.some((b) => boxContains(b, a)));
    const added = other.boxes.filter((b) => !kept.some((a) => boxContains(a, b)));
    const merged = coalesce([...kept, ...added]);
    return new FlowSet(merged, this.exact && other.exact);
  }

  intersect(other: FlowSet, maxBoxes = DEFAULT_MAX_BOXES): FlowSet {
    // A large set meeting one that holds each of its boxes as they are (a rule's flows against the
    // flows of the whole ACL): the intersection is the set itself, without a pair of boxes met.
    if (indexPays(other, this) && this.boxes.length <= maxBoxes && holdsEvery(other, this)) {
      return new FlowSet(coalesce(this.boxes), this.exact && other.exact);
    }
    const result: Box[] = [];
    let exact = this.exact && other.exact;
    // Large sets: each box meets only the boxes of `other` that the index finds, in `other`
    // order, which is the nested loop below without the pairs that do not intersect.
    const near = indexPays(other, this) ? nearIn(other) : undefined;
    outer: for (const a of this.boxes) {
      for (const b of near ? near(a) : other.boxes) {
        const c = intersectBoxes(a, b);
        if (!c) continue;
        if (result.length >= maxBoxes) {
          exact = false;
          break outer;
        }
        result.push(c);
      }
    }
    return new FlowSet(coalesce(result), exact);
  }

  subtract(other: FlowSet, maxBoxes = DEFAULT_MAX_BOXES): FlowSet {
    if (this.boxes.length * other.boxes.length > INDEX_PAIRS) return this.subtractPerBox(other, maxBoxes);
    const carved = carve(this.boxes, this.compactedAt, other.boxes, maxBoxes, this.atCap);
    const exact = this.exact && other.exact && !carved.capped;
    // nothing met (or, at the cap, nothing could be taken again): the same set, and its cached index
    // Once at the cap, sets carved from it stay marked (they are inexact already): a walk along
    // the cap does not pay a compaction per rule only to learn again that the pieces do not fit.
    const atCap = carved.capped || this.atCap;
    if (!carved.changed && exact === this.exact && atCap === this.atCap) return this;
    return new FlowSet(carved.boxes, exact, carved.compacted, atCap);
  }

  /**
   * `subtract` for large sets: each box of `this` minus only the boxes of `other` that the index
   * finds intersecting it, in `other` order (the same steps as `subtract` for a one-box set). The
   * flows are the same; with several boxes the pieces can differ, as `subtract` compacts pieces of
   * different boxes together. Past `maxBoxes` pieces in all, the boxes not yet done are kept
   * whole: a superset, `exact: false`.
   */
  private subtractPerBox(other: FlowSet, maxBoxes: number): FlowSet {
    const near = indexPays(other, this) ? nearIn(other) : nearScan(other);
    const result: Box[] = [];
    let capped = false;
    for (const box of this.boxes) {
      if (capped) {
        result.push(box);
        continue;
      }
      const carved = carve([box], 1, near(box), Math.max(1, maxBoxes - result.length), false);
      for (const piece of carved.boxes) result.push(piece);
      capped = carved.capped;
    }
    const compact = this.boxes.length > 1 && result.length <= COMPACT_RESULT_LIMIT ? coalesce(result) : result;
    return new FlowSet(compact, this.exact && other.exact && !capped, compact.length, capped);
  }

  /**
   * Once the container is worth indexing, each box of `other` is checked only against the
   * container boxes that intersect it (the same answer while under the box cap, which then applies
   * per box of `other`): near-linear when one big set is compared with many small ones.
   */
  contains(other: FlowSet): boolean {
    if (!indexWorthBuilding(this, other)) return other.subtract(this).isEmpty();
    const near = nearIn(this);
    return other.boxes.every((box) => {
      const pieces = near(box);
      return pieces.length > 0 && new FlowSet([box]).subtract(new FlowSet(pieces)).isEmpty();
    });
  }

  equals(other: FlowSet): boolean {
    return this.contains(other) && other.contains(this);
  }

  mirror(): FlowSet {
    return new FlowSet(this.boxes.map(mirrorBox), this.exact);
  }

  describe(maxParts = 3): string {
    if (this.isEmpty()) return 'no flows';
    const parts = this.boxes.slice(0, maxParts).map(describeBox);
    const more = this.boxes.length - parts.length;
    return more > 0 ? `${parts.join('; ')}; and ${more} more` : parts.join('; ');
  }
}

/** Past this many box pairs (and with at least `INDEX_MIN_BOXES` boxes on the indexed side), set operations go through a `BoxIndex`. */
const INDEX_PAIRS = 4096;
const INDEX_MIN_BOXES = 32;
/** Up to this many boxes, `subtract` compacts after every step that adds pieces (as it always did); past it, once the set has grown by a quarter. */
const EAGER_COMPACTION = 32;
/** Per-box subtraction compacts its result (merging pieces of different boxes) unless it is larger than this. */
const COMPACT_RESULT_LIMIT = DEFAULT_MAX_BOXES;

interface Carved {
  readonly boxes: Box[];
  /** Boxes when last compacted. */
  readonly compacted: number;
  /** Stopped before a subtrahend whose pieces would not fit in `maxBoxes` (the boxes are a superset). */
  readonly capped: boolean;
  /** False when no subtrahend met any box: `boxes` are the start boxes. */
  readonly changed: boolean;
}

/**
 * `start` minus each of `subtrahends` in turn, splitting the boxes each one meets. Compacts after
 * every step that adds pieces while the set is small (up to `EAGER_COMPACTION` boxes), past that
 * once it has grown by a quarter since it was last compacted (`compactedAt`): a compaction is a
 * pass over every box and a step may add two, so a first-match walk subtracting one rule at a
 * time from a large remainder stays linear. Stops, keeping the boxes before the step, when a step
 * leaves more than `maxBoxes` boxes after compaction; a set already at the cap (`atCap`) stops
 * there without compacting again.
 */
function carve(start: readonly Box[], compactedAt: number, subtrahends: Iterable<Box>, maxBoxes: number, atCap: boolean): Carved {
  let remaining: readonly Box[] = start;
  let compacted = Math.min(compactedAt, remaining.length);
  const hits: number[] = [];
  const cut: Box[][] = [];
  for (const b of subtrahends) {
    if (remaining.length === 0) break;
    // the boxes `b` meets and their pieces, before building anything: most steps of a long walk
    // touch a few boxes of a large remainder, or none
    hits.length = 0;
    cut.length = 0;
    let added = 0;
    for (let i = 0; i < remaining.length; i++) {
      if (!boxesOverlap(remaining[i], b)) continue;
      const pieces = subtractBox(remaining[i], b);
      hits.push(i);
      cut.push(pieces);
      added += pieces.length - 1;
    }
    if (hits.length === 0) continue;
    const grew = added > 0;
    // Only a step that added pieces can cross the cap: a box that overlaps nothing is a no-op,
    // so subtracting every box and subtracting only the overlapping ones give the same result.
    if (grew && remaining.length + added > maxBoxes && atCap) {
      return { boxes: [...remaining], compacted, capped: true, changed: remaining !== start };
    }
    const next: Box[] = [];
    let from = 0;
    hits.forEach((at, k) => {
      for (let i = from; i < at; i++) next.push(remaining[i]);
      for (const piece of cut[k]) next.push(piece);
      from = at + 1;
    });
    for (let i = from; i < remaining.length; i++) next.push(remaining[i]);
    if (!grew) {
      remaining = next;
      continue;
    }
    let compact = next;
    if (next.length <= EAGER_COMPACTION || next.length > 2 * compacted || next.length > maxBoxes) {
      compact = coalesce(next);
      compacted = compact.length;
    }
    if (compact.length > maxBoxes) return { boxes: [...remaining], compacted: Math.min(compacted, remaining.length), capped: true, changed: remaining !== start };
    remaining = compact;
  }
  return { boxes: remaining === start ? [...start] : (remaining as Box[]), compacted, capped: false, changed: remaining !== start };
}

/**
 * True when indexing `indexed` to meet the boxes of `other` costs less than comparing every pair:
 * many pairs, and the index is built already or `other` has enough boxes to pay for building it
 * (an insert costs some twenty overlap tests; a one-box set scans).
 */
function indexPays(indexed: FlowSet, other: FlowSet): boolean {
  if (indexed.boxes.length < INDEX_MIN_BOXES || indexed.boxes.length * other.boxes.length <= INDEX_PAIRS) return false;
  return other.boxes.length >= INDEX_MIN_BOXES || indexed[DERIVED]?.index !== undefined;
}

/**
 * True when `set` should answer a containment or overlap query through its index: it is large,
 * and the index exists, pays for itself on this query alone (`indexPays`), or the set is being
 * queried again — so a caller never has to know which algorithm is faster.
 */
function indexWorthBuilding(set: FlowSet, other: FlowSet): boolean {
  if (set.boxes.length < INDEX_MIN_BOXES) return false;
  // A large set queried once already builds its index on the second query (one ACL met by every spoke of a hub).
  const derived = derivedOf(set);
  if (derived.index !== undefined || indexPays(set, other) || derived.queried) return true;
  derived.queried = true;
  return false;
}

/** True when every box of `inner` is also a box of `outer` (equal fields), through a hash table of `outer` built once. */
export function holdsEvery(outer: FlowSet, inner: FlowSet): boolean {
  const derived = derivedOf(outer);
  let table = derived.table;
  if (!table) {
    table = derived.table = new Map();
    for (const box of outer.boxes) {
      const h = hashExcept(box, null);
      const list = table.get(h);
      if (list) list.push(box);
      else table.set(h, [box]);
    }
  }
  for (const box of inner.boxes) {
    const list = table.get(hashExcept(box, null));
    if (!list || !list.some((held) => sameExcept(held, box, null))) return false;
  }
  return true;
}

/** The boxes of `set` intersecting a box, in `set` order, by scanning them all. */
function nearScan(set: FlowSet): (box: Box) => Box[] {
  return (box) => set.boxes.filter((b) => boxesOverlap(b, box));
}

/** A `BoxIndex` of the set's boxes (payload: position), built once per set: sets are immutable. */
export function boxIndexOf(set: FlowSet): BoxIndex<number> {
  const derived = derivedOf(set);
  if (!derived.index) {
    const index = new BoxIndex<number>();
    for (let i = 0; i < set.boxes.length; i++) index.insert(set.boxes[i], i);
    derived.index = index;
  }
  return derived.index;
}

/** The boxes of `set` intersecting a box, in `set` order, through its index. */
function nearIn(set: FlowSet): (box: Box) => Box[] {
  const index = boxIndexOf(set);
  return (box) => {
    const hits: number[] = [];
    index.query(box, (item) => {
      hits.push(item.payload);
      return true;
    });
    if (hits.length > 1) hits.sort((x, y) => x - y);
    return hits.map((i) => set.boxes[i]);
  };
}

/** Groups larger than this are not pairwise-merged (keeps coalescing near-linear). */
const COALESCE_GROUP_LIMIT = 32;

type Dimension = 'src' | 'dst' | 'srcPorts' | 'dstPorts';

function keyWithout(box: Box, dimension: Dimension): string {
  const src = dimension === 'src' ? '' : cubeKey(box.src);
  const dst = dimension === 'dst' ? '' : cubeKey(box.dst);
  const srcPorts = dimension === 'srcPorts' ? '' : `${box.srcPorts[0]}-${box.srcPorts[1]}`;
  const dstPorts = dimension === 'dstPorts' ? '' : `${box.dstPorts[0]}-${box.dstPorts[1]}`;
  return `${src}|${dst}|${box.protocol ?? 'ip'}-${box.exceptProtocols?.join('.') ?? ''}|${srcPorts}|${dstPorts}`;
}

function mergeAlong(a: Box, b: Box, dimension: Dimension): Box | null {
  switch (dimension) {
    case 'src': {
      const src = mergeCubes(a.src, b.src);
      return src ? { ...a, src } : null;
    }
    case 'dst': {
      const dst = mergeCubes(a.dst, b.dst);
      return dst ? { ...a, dst } : null;
    }
    case 'srcPorts':
    case 'dstPorts': {
      const x = a[dimension];
      const y = b[dimension];
      if (x[0] > y[1] + 1 || y[0] > x[1] + 1) return null;
      return { ...a, [dimension]: [Math.min(x[0], y[0]), Math.max(x[1], y[1])] as PortRange };
    }
  }
}

/**
 * Cheap compaction: drop exact duplicates, then merge boxes that agree on every dimension but
 * one and whose union along it is a single cube / interval. Never changes the set of flows.
 */
export function coalesce(boxes: readonly Box[]): Box[] {
  if (boxes.length < 2) return [...boxes];
  return boxes.length <= SMALL_COALESCE ? coalesceSmall(boxes) : coalesceHashed(boxes);
}

/**
 * The reference `coalesce`: groups by string keys per dimension (`boxKey`, `keyWithout`). Slow
 * on large inputs (several strings per box and pass); kept so tests can check that the small-input
 * and the hashed paths give the same boxes in the same order.
 */
export function coalesceByKeys(boxes: readonly Box[]): Box[] {
  if (boxes.length < 2) return [...boxes];
  const unique = new Map<string, Box>();
  for (const box of boxes) unique.set(boxKey(box), box);
  let current = [...unique.values()];
  for (let pass = 0; pass < 4; pass++) {
    let changed = false;
    for (const dimension of ['src', 'dst', 'dstPorts', 'srcPorts'] as const) {
      const groups = new Map<string, Box[]>();
      for (const box of current) {
        const key = keyWithout(box, dimension);
        const group = groups.get(key);
        if (group) group.push(box);
        else groups.set(key, [box]);
      }
      if (groups.size === current.length) continue;
      const next: Box[] = [];
      for (const group of groups.values()) {
        if (group.length === 1 || group.length > COALESCE_GROUP_LIMIT) {
          for (const box of group) next.push(box);
          continue;
        }
        const merged = mergeGroup(group, dimension);
        if (merged.length < group.length) changed = true;
        for (const box of merged) next.push(box);
      }
      current = next;
    }
    if (!changed) break;
  }
  return current;
}

function mergeGroup(group: Box[], dimension: Dimension): Box[] {
  const items = [...group];
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const merged = mergeAlong(items[i], items[j], dimension);
      if (merged) {
        items[i] = merged;
        items.splice(j, 1);
        j = i; // restart the scan for the grown box
      }
    }
  }
  return items;
}


/** Below this many boxes, `coalesce` compares boxes field by field instead of building string keys. */
const SMALL_COALESCE = 16;

function sameProtocol(a: Box, b: Box): boolean {
  if (a.protocol !== b.protocol) return false;
  const x = a.exceptProtocols ?? [];
  const y = b.exceptProtocols ?? [];
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

/** True when `a` and `b` agree on every dimension except `dimension` (all of them when null): `keyWithout` / `boxKey` equality. */
function sameExcept(a: Box, b: Box, dimension: Dimension | null): boolean {
  if (dimension !== 'src' && (a.src.value !== b.src.value || a.src.care !== b.src.care || !highPartsEqual(a.src.hi, b.src.hi))) return false;
  if (dimension !== 'dst' && (a.dst.value !== b.dst.value || a.dst.care !== b.dst.care || !highPartsEqual(a.dst.hi, b.dst.hi))) return false;
  if (dimension !== 'srcPorts' && (a.srcPorts[0] !== b.srcPorts[0] || a.srcPorts[1] !== b.srcPorts[1])) return false;
  if (dimension !== 'dstPorts' && (a.dstPorts[0] !== b.dstPorts[0] || a.dstPorts[1] !== b.dstPorts[1])) return false;
  return sameProtocol(a, b);
}

/** Groups in order of first member, as a Map keyed by `keyWithout` would. */
function groupsAlong(boxes: readonly Box[], dimension: Dimension): Box[][] {
  const groups: Box[][] = [];
  for (const box of boxes) {
    const group = groups.find((members) => sameExcept(members[0], box, dimension));
    if (group) group.push(box);
    else groups.push([box]);
  }
  return groups;
}

/** `coalesce` for a few boxes: the same result (boxes, order) without string keys. */
export function coalesceSmall(boxes: readonly Box[]): Box[] {
  // Deduplicated like Map.set: the first position keeps the last equal box.
  let current: Box[] = [];
  for (const box of boxes) {
    const at = current.findIndex((kept) => sameExcept(kept, box, null));
    if (at < 0) current.push(box);
    else current[at] = box;
  }
  for (let pass = 0; pass < 4; pass++) {
    let changed = false;
    for (const dimension of ['src', 'dst', 'dstPorts', 'srcPorts'] as const) {
      const groups = groupsAlong(current, dimension);
      if (groups.length === current.length) continue;
      const next: Box[] = [];
      for (const group of groups) {
        if (group.length === 1) {
          next.push(group[0]);
          continue;
        }
        const merged = mergeGroup(group, dimension);
        if (merged.length < group.length) changed = true;
        next.push(...merged);
      }
      current = next;
    }
    if (!changed) break;
  }
  return current;
}

/** 32-bit mix of the fields `sameExcept(·, ·, dimension)` compares (all of them when null). Equal boxes hash equally; collisions are told apart by `sameExcept`. */
function hashExcept(box: Box, dimension: Dimension | null): number {
  let h = box.protocol === null ? 0x2545f491 : box.protocol + 1;
  const mix = (value: number): void => {
    h = Math.imul(h ^ value, 0x9e3779b1);
    h ^= h >>> 15;
  };
  if (dimension !== 'src') {
    mix(box.src.value);
    mix(box.src.care);
    const hi = box.src.hi;
    if (hi) {
      mix(hi.v0 ^ hi.c1);
      mix(hi.v1 ^ hi.c0);
      mix(hi.v2 ^ hi.c2);
    }
  }
  if (dimension !== 'dst') {
    mix(box.dst.value);
    mix(box.dst.care);
    const hi = box.dst.hi;
    if (hi) {
      mix(hi.v0 ^ hi.c1);
      mix(hi.v1 ^ hi.c0);
      mix(hi.v2 ^ hi.c2);
    }
  }
  if (dimension !== 'srcPorts') mix(box.srcPorts[0] * 65536 + box.srcPorts[1]);
  if (dimension !== 'dstPorts') mix(box.dstPorts[0] * 65536 + box.dstPorts[1]);
  if (box.exceptProtocols) for (const p of box.exceptProtocols) mix(p);
  return h & 0x3fffffff; // a small integer (Smi): Map keys that need no heap number
}

interface Grouping {
  /** Group of each box, numbered in order of first member. */
  readonly groupOf: Int32Array;
  /** Members per group. */
  readonly sizes: Int32Array;
  /** First member of each group. */
  readonly firsts: Int32Array;
  readonly count: number;
}

/**
 * Groups of boxes equal except along `dimension` (all fields when null), numbered in order of
 * first member: what a Map keyed by `keyWithout` / `boxKey` gives, through a numeric hash (one
 * small integer per box instead of several strings, and no array per group).
 */
function hashedGroups(boxes: readonly Box[], dimension: Dimension | null): Grouping {
  const n = boxes.length;
  const groupOf = new Int32Array(n);
  const sizes = new Int32Array(n);
  const firsts = new Int32Array(n);
  let count = 0;
  // open addressing, linear probing: slot → hash and group + 1 (0 = empty)
  const capacity = 2 ** Math.ceil(Math.log2(2 * n + 2));
  const mask = capacity - 1;
  const hashes = new Int32Array(capacity);
  const slots = new Int32Array(capacity);
  for (let i = 0; i < n; i++) {
    const box = boxes[i];
    const h = hashExcept(box, dimension);
    let at = h & mask;
    let group = -1;
    for (;;) {
      const stored = slots[at];
      if (stored === 0) break;
      if (hashes[at] === h && sameExcept(boxes[firsts[stored - 1]], box, dimension)) {
        group = stored - 1;
        break;
      }
      at = (at + 1) & mask;
    }
    if (group < 0) {
      group = count++;
      firsts[group] = i;
      hashes[at] = h;
      slots[at] = group + 1;
    }
    groupOf[i] = group;
    sizes[group]++;
  }
  return { groupOf, sizes, firsts, count };
}

/** Members of each group of two or more, by group. */
function membersOf(boxes: readonly Box[], grouping: Grouping): Map<number, Box[]> {
  const members = new Map<number, Box[]>();
  for (let i = 0; i < boxes.length; i++) {
    const group = grouping.groupOf[i];
    if (grouping.sizes[group] < 2) continue;
    const list = members.get(group);
    if (list) list.push(boxes[i]);
    else members.set(group, [boxes[i]]);
  }
  return members;
}

/**
 * Past this many boxes `coalesce` makes one pass instead of up to four, and past
 * `DEDUPE_ONLY_COALESCE` it only drops duplicates: merging is for compact messages, and a set
 * this large stays exact, only less compact (an address set of 100,000 members barely merges).
 */
const ONE_PASS_COALESCE = 8192;
const DEDUPE_ONLY_COALESCE = 32768;

/** `coalesceByKeys` without strings: the same boxes in the same order (tested against it) up to `ONE_PASS_COALESCE` boxes. */
export function coalesceHashed(boxes: readonly Box[]): Box[] {
  if (boxes.length < 2) return [...boxes];
  // Deduplicated like Map.set: the first position keeps the last equal box.
  const unique = hashedGroups(boxes, null);
  let current: Box[];
  if (unique.count === boxes.length) current = [...boxes];
  else {
    const last = new Int32Array(unique.count);
    for (let i = 0; i < boxes.length; i++) last[unique.groupOf[i]] = i;
    current = Array.from(last, (i) => boxes[i]);
  }
  const passes = current.length > DEDUPE_ONLY_COALESCE ? 0 : current.length > ONE_PASS_COALESCE ? 1 : 4;
  for (let pass = 0; pass < passes; pass++) {
    let changed = false;
    for (const dimension of ['src', 'dst', 'dstPorts', 'srcPorts'] as const) {
      const grouping = hashedGroups(current, dimension);
      if (grouping.count === current.length) continue;
      const members = membersOf(current, grouping);
      const next: Box[] = [];
      for (let group = 0; group < grouping.count; group++) {
        const list = members.get(group);
        if (!list) {
          next.push(current[grouping.firsts[group]]);
          continue;
        }
        if (list.length > COALESCE_GROUP_LIMIT) {
          for (const box of list) next.push(box);
          continue;
        }
        const merged = mergeGroup(list, dimension);
        if (merged.length < list.length) changed = true;
        for (const box of merged) next.push(box);
      }
      current = next;
    }
    if (!changed) break;
  }
  return current;
}
