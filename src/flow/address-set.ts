import {
  ANY_CUBE,
  type Cube,
  containsCube,
  cubeSize,
  cubeToString,
  fromRange,
  intersectCubes,
  isPrefixCube,
  lastAddress,
  mergeCubes,
  overlaps,
  subtractCube,
  containsPoint,
  isAnyCube,
} from './cube.js';
import { formatIpv4 } from './ipv4.js';

/** Past this many cubes a set stops pairwise-merging on union (kept exact, just less compact). */
const MERGE_LIMIT = 64;

/**
 * A set of IPv4 addresses as a union of cubes (not necessarily disjoint).
 * Immutable: every operation returns a new set. No cube in `cubes` is empty by construction.
 */
export class AddressSet {
  private constructor(readonly cubes: readonly Cube[]) {}

  static readonly EMPTY = new AddressSet([]);
  static readonly ANY = new AddressSet([ANY_CUBE]);

  static of(...cubes: Cube[]): AddressSet {
    return AddressSet.EMPTY.unionCubes(cubes);
  }

  static fromRange(first: number, last: number): AddressSet {
    return new AddressSet(fromRange(first, last));
  }

  isEmpty(): boolean {
    return this.cubes.length === 0;
  }

  isAny(): boolean {
    return this.cubes.some(isAnyCube);
  }

  containsAddress(address: number): boolean {
    return this.cubes.some((cube) => containsPoint(cube, address));
  }

  overlaps(other: AddressSet): boolean {
    return this.cubes.some((a) => other.cubes.some((b) => overlaps(a, b)));
  }

  union(other: AddressSet): AddressSet {
    return this.unionCubes(other.cubes);
  }

  private unionCubes(added: readonly Cube[]): AddressSet {
    let result = [...this.cubes];
    for (const cube of added) result = addCube(result, cube);
    return new AddressSet(result);
  }

  intersect(other: AddressSet): AddressSet {
    const parts: Cube[] = [];
    for (const a of this.cubes) {
      for (const b of other.cubes) {
        const c = intersectCubes(a, b);
        if (c) parts.push(c);
      }
    }
    return AddressSet.EMPTY.unionCubes(parts);
  }

  subtract(other: AddressSet): AddressSet {
    let remaining = [...this.cubes];
    for (const b of other.cubes) {
      if (remaining.length === 0) break;
      const next: Cube[] = [];
      for (const a of remaining) {
        if (!overlaps(a, b)) next.push(a);
        else for (const piece of subtractCube(a, b)) next.push(piece);
      }
      remaining = next;
    }
    return AddressSet.EMPTY.unionCubes(remaining);
  }

  contains(other: AddressSet): boolean {
    if (other.cubes.every((b) => this.cubes.some((a) => containsCube(a, b)))) return true;
    return other.subtract(this).isEmpty();
  }

  equals(other: AddressSet): boolean {
    return this.contains(other) && other.contains(this);
  }

  /** Disjoint cubes covering the same addresses. */
  disjointCubes(): Cube[] {
    const result: Cube[] = [];
    for (const cube of this.cubes) {
      let pieces = [cube];
      for (const earlier of result) {
        pieces = pieces.flatMap((piece) => (overlaps(piece, earlier) ? subtractCube(piece, earlier) : [piece]));
        if (pieces.length === 0) break;
      }
      for (const piece of pieces) result.push(piece);
    }
    return result;
  }

  /** Number of addresses (exact up to 2^32). */
  size(): number {
    return this.disjointCubes().reduce((sum, cube) => sum + cubeSize(cube), 0);
  }

  /**
   * Short human description: `any`, `10.1.0.0/16`, `10.0.0.1-10.0.0.5`,
   * `10.1.0.5 wildcard 0.0.255.0`, several joined by ", ", then `and N more` past `maxParts`.
   */
  describe(maxParts = 3): string {
    if (this.cubes.length === 0) return 'nothing';
    if (this.isAny()) return 'any';
    const parts = describeParts(this.disjointCubes());
    if (parts.length <= maxParts) return parts.join(', ');
    return `${parts.slice(0, maxParts).join(', ')} and ${parts.length - maxParts} more`;
  }

  toString(): string {
    return this.describe(Number.POSITIVE_INFINITY);
  }
}

function addCube(cubes: Cube[], cube: Cube): Cube[] {
  if (cubes.length > MERGE_LIMIT * 4) {
    // large sets (big address-sets) skip the linear containment scan: still exact, less compact
    cubes.push(cube);
    return cubes;
  }
  if (cubes.some((existing) => containsCube(existing, cube))) return cubes;
  let merged = cube;
  let rest = cubes.filter((existing) => !containsCube(merged, existing));
  if (rest.length > MERGE_LIMIT) return [...rest, merged];
  // absorb siblings repeatedly: 10.0.0.0/25 + 10.0.0.128/25 → 10.0.0.0/24
  for (let changed = true; changed; ) {
    changed = false;
    for (let i = 0; i < rest.length; i++) {
      const union = mergeCubes(rest[i], merged);
      if (union) {
        merged = union;
        rest = rest.filter((existing, j) => j !== i && !containsCube(merged, existing));
        changed = true;
        break;
      }
    }
  }
  rest.push(merged);
  return rest;
}

/** Prefix cubes become ordered, joined ranges; non-contiguous cubes are listed as they are. */
function describeParts(cubes: Cube[]): string[] {
  const prefixes = cubes.filter((c) => isPrefixCube(c) && !c.hi).map((c) => [c.value, lastAddress(c)] as [number, number]);
  prefixes.sort((x, y) => x[0] - y[0]);
  const ranges: Array<[number, number]> = [];
  for (const [first, last] of prefixes) {
    const previous = ranges[ranges.length - 1];
    if (previous && first <= previous[1] + 1) previous[1] = Math.max(previous[1], last);
    else ranges.push([first, last]);
  }
  const parts = ranges.map(([first, last]) => describeRange(first, last));
  for (const cube of cubes) if (!isPrefixCube(cube) || cube.hi) parts.push(cubeToString(cube));
  return parts;
}

function describeRange(first: number, last: number): string {
  const blocks = fromRange(first, last);
  if (blocks.length === 1) return cubeToString(blocks[0]);
  return `${formatIpv4(first)}-${formatIpv4(last)}`;
}

