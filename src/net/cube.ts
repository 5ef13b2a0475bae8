import { formatIpv4, popcount, prefixToMask, isContiguousMask } from './ipv4.js';

/**
 * A ternary set of IPv4 addresses: every address whose `care` bits equal `value`.
 * `care` is the inverse of a Huawei ACL wildcard and may be non-contiguous.
 * Invariant: `value & ~care === 0` (constructors normalise).
 */
export interface Cube {
  readonly value: number;
  readonly care: number;
}

export const ANY_CUBE: Cube = Object.freeze({ value: 0, care: 0 });

export function makeCube(value: number, care: number): Cube {
  const c = care >>> 0;
  return { value: (value & c) >>> 0, care: c };
}

export function fromWildcard(address: number, wildcard: number): Cube {
  return makeCube(address, ~wildcard);
}

export function fromPrefix(address: number, length: number): Cube {
  return makeCube(address, prefixToMask(length));
}

export function hostCube(address: number): Cube {
  return makeCube(address, 0xffffffff);
}

/** Minimal list of aligned prefixes covering exactly [first, last] (empty if first > last). */
export function fromRange(first: number, last: number): Cube[] {
  let low = first >>> 0;
  const high = last >>> 0;
  const result: Cube[] = [];
  while (low <= high) {
    // the largest aligned block starting at `low` that does not pass `high`
    let size = low === 0 ? 2 ** 32 : (low & -low) >>> 0 || 2 ** 32;
    while (size > high - low + 1) size /= 2;
    const length = 32 - Math.log2(size);
    result.push(fromPrefix(low, length));
    const next = low + size;
    if (next > 0xffffffff) break;
    low = next;
  }
  return result;
}

export function cubeEquals(a: Cube, b: Cube): boolean {
  return a.value === b.value && a.care === b.care;
}

export function containsPoint(cube: Cube, address: number): boolean {
  return ((address ^ cube.value) & cube.care) === 0;
}

export function intersectCubes(a: Cube, b: Cube): Cube | null {
  if (((a.value ^ b.value) & a.care & b.care) !== 0) return null;
  return { value: (a.value | b.value) >>> 0, care: (a.care | b.care) >>> 0 };
}

export function overlaps(a: Cube, b: Cube): boolean {
  return ((a.value ^ b.value) & a.care & b.care) === 0;
}

export function containsCube(outer: Cube, inner: Cube): boolean {
  return (outer.care & ~inner.care) === 0 && ((outer.value ^ inner.value) & outer.care) === 0;
}

/**
 * `a` minus `b` as disjoint cubes: one piece per bit that `b` fixes and `a` leaves free
 * (so at most popcount(b.care & ~a.care) pieces), the most significant bit first.
 */
export function subtractCube(a: Cube, b: Cube): Cube[] {
  if (!overlaps(a, b)) return [a];
  let free = (b.care & ~a.care) >>> 0;
  const pieces: Cube[] = [];
  let value = a.value;
  let care = a.care;
  while (free !== 0) {
    // most significant first: a prefix minus a prefix gives prefixes (10/8 − 10.0.0/24 = 10.128/9, 10.64/10, …),
    // which later prefixes subtract cleanly; lowest first gave wildcards that splinter
    const bit = (0x80000000 >>> Math.clz32(free)) >>> 0;
    free = (free ^ bit) >>> 0;
    const wanted = b.value & bit;
    pieces.push({ value: ((value | (wanted ^ bit)) >>> 0), care: (care | bit) >>> 0 });
    value = (value | wanted) >>> 0;
    care = (care | bit) >>> 0;
  }
  return pieces;
}

/** Number of addresses (1 … 2^32). */
export function cubeSize(cube: Cube): number {
  return 2 ** (32 - popcount(cube.care));
}

export function isPrefixCube(cube: Cube): boolean {
  return isContiguousMask(cube.care);
}

export function firstAddress(cube: Cube): number {
  return cube.value;
}

/** Last address of the cube (for prefixes this is the broadcast address). */
export function lastAddress(cube: Cube): number {
  return (cube.value | ~cube.care) >>> 0;
}

/** `10.1.0.0/16`, `10.1.1.1` for a host, `any`, or `10.1.0.5 wildcard 0.0.255.0`. */
export function cubeToString(cube: Cube): string {
  if (cube.care === 0) return 'any';
  if (isContiguousMask(cube.care)) {
    const length = popcount(cube.care);
    return length === 32 ? formatIpv4(cube.value) : `${formatIpv4(cube.value)}/${length}`;
  }
  return `${formatIpv4(cube.value)} wildcard ${formatIpv4(~cube.care >>> 0)}`;
}

/** A stable string key, for hash maps. */
export function cubeKey(cube: Cube): string {
  return `${cube.value}/${cube.care}`;
}

/**
 * Merge two cubes into one when their union is itself a cube (equal, nested, or siblings
 * that differ in exactly one cared-for bit); null otherwise. Two prefixes are only merged
 * into a prefix: 10.9.1.0/24 + 10.9.3.0/24 stay apart rather than becoming a wildcard
 * nobody wrote, which would read badly in messages.
 */
export function mergeCubes(a: Cube, b: Cube): Cube | null {
  if (containsCube(a, b)) return a;
  if (containsCube(b, a)) return b;
  if (a.care !== b.care) return null;
  const diff = (a.value ^ b.value) >>> 0;
  if ((diff & (diff - 1)) !== 0) return null;
  const merged = makeCube(a.value, a.care & ~diff);
  if (isContiguousMask(a.care) && !isContiguousMask(merged.care)) return null;
  return merged;
}
