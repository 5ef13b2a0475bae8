import {
  ANY_CUBE,
  type Cube,
  containsCube,
  cubeKey,
  cubeToString,
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
export class FlowSet {
  private constructor(
    readonly boxes: readonly Box[],
    readonly exact: boolean = true,
  ) {}

  static readonly EMPTY = new FlowSet([]);
  static readonly ANY = new FlowSet([ANY_BOX]);

  static of(...boxes: Box[]): FlowSet {
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

  containsBox(box: Box): boolean {
    return new FlowSet([box]).subtract(this).isEmpty();
  }

  overlaps(other: FlowSet): boolean {
    return this.boxes.some((a) => other.boxes.some((b) => boxesOverlap(a, b)));
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
    const result: Box[] = [];
    let exact = this.exact && other.exact;
    outer: for (const a of this.boxes) {
      for (const b of other.boxes) {
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
    let remaining: Box[] = [...this.boxes];
    let exact = this.exact && other.exact;
    for (const b of other.boxes) {
      if (remaining.length === 0) break;
      const next: Box[] = [];
      for (const a of remaining) {
        if (!boxesOverlap(a, b)) next.push(a);
        else for (const piece of subtractBox(a, b)) next.push(piece);
      }
      const grew = next.length > remaining.length;
      const compact = grew ? coalesce(next) : next;
      // Only a step that added pieces can cross the cap: a box that overlaps nothing is a no-op,
      // so subtracting every box and subtracting only the overlapping ones give the same result.
      if (grew && compact.length > maxBoxes) {
        exact = false;
        break;
      }
      remaining = compact;
    }
    return new FlowSet(remaining, exact);
  }

  contains(other: FlowSet): boolean {
    return other.subtract(this).isEmpty();
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

/** Groups larger than this are not pairwise-merged (keeps coalescing near-linear). */
const COALESCE_GROUP_LIMIT = 32;

type Dimension = 'src' | 'dst' | 'srcPorts' | 'dstPorts';

function keyWithout(box: Box, dimension: Dimension): string {
  const src = dimension === 'src' ? '' : `${box.src.value}/${box.src.care}`;
  const dst = dimension === 'dst' ? '' : `${box.dst.value}/${box.dst.care}`;
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
  return boxes.length <= SMALL_COALESCE ? coalesceSmall(boxes) : coalesceByKeys(boxes);
}

/** `coalesce` through string keys per dimension; exported so tests can compare the small-input path with it. */
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
          next.push(...group);
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
  if (dimension !== 'src' && (a.src.value !== b.src.value || a.src.care !== b.src.care)) return false;
  if (dimension !== 'dst' && (a.dst.value !== b.dst.value || a.dst.care !== b.dst.care)) return false;
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
