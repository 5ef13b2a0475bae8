import { formatIpv4, popcount, prefixToMask, isContiguousMask } from './ipv4.js';
import { type Ipv6Words, formatIpv6, parseIpv6, prefixMaskWord } from './ipv6.js';

/**
 * A ternary set of addresses of one family: every address whose `care` bits equal `value`.
 * `care` is the inverse of a Huawei ACL wildcard and may be non-contiguous.
 * Invariant: `value & ~care === 0` (constructors normalise).
 *
 * IPv4 cubes have no `hi`. An IPv6 cube keeps its low 32 bits (bits 31..0) in `value`/`care`
 * and its upper 96 bits in `hi`, word by word: an IPv6 prefix or wildcard is a ternary cube
 * word by word, so intersection, containment and subtraction stay word-wise. Cubes of different
 * families never overlap, and each family has its own "any" (`ANY_CUBE`, `ANY6_CUBE`): an IPv4
 * ACL `rule permit ip` matches no IPv6 packet and an IPv6 ACL no IPv4 packet. The IPv4 paths
 * test `hi` once (two `undefined`s compare equal) and are otherwise unchanged.
 */
export interface Cube {
  readonly value: number;
  readonly care: number;
  readonly hi?: CubeHigh;
}

/** Upper 96 bits of an IPv6 cube: `v0`/`c0` bits 127..96, `v1`/`c1` bits 95..64, `v2`/`c2` bits 63..32. Invariant `vN & ~cN === 0`. */
export interface CubeHigh {
  readonly v0: number;
  readonly v1: number;
  readonly v2: number;
  readonly c0: number;
  readonly c1: number;
  readonly c2: number;
}

export const ANY_CUBE: Cube = Object.freeze({ value: 0, care: 0 });

const ANY_HIGH: CubeHigh = Object.freeze({ v0: 0, v1: 0, v2: 0, c0: 0, c1: 0, c2: 0 });

/** Every IPv6 address. */
export const ANY6_CUBE: Cube = Object.freeze({ value: 0, care: 0, hi: ANY_HIGH });

export function isIpv6Cube(cube: Cube): boolean {
  return cube.hi !== undefined;
}

/** True for the "any" of the cube's family. */
export function isAnyCube(cube: Cube): boolean {
  if (cube.care !== 0) return false;
  const hi = cube.hi;
  return hi === undefined || (hi.c0 === 0 && hi.c1 === 0 && hi.c2 === 0);
}

/** An IPv6 cube from value and care words (most significant first); values are normalised to the care bits. */
export function makeCube6(value: Ipv6Words, care: Ipv6Words): Cube {
  const c0 = care[0] >>> 0;
  const c1 = care[1] >>> 0;
  const c2 = care[2] >>> 0;
  const c3 = care[3] >>> 0;
  if ((c0 | c1 | c2) === 0) return { value: (value[3] & c3) >>> 0, care: c3, hi: ANY_HIGH };
  const hi: CubeHigh = { v0: (value[0] & c0) >>> 0, v1: (value[1] & c1) >>> 0, v2: (value[2] & c2) >>> 0, c0, c1, c2 };
  return { value: (value[3] & c3) >>> 0, care: c3, hi };
}

export function fromPrefix6(address: Ipv6Words, length: number): Cube {
  return makeCube6(address, [prefixMaskWord(length, 0), prefixMaskWord(length, 1), prefixMaskWord(length, 2), prefixMaskWord(length, 3)]);
}

export function hostCube6(address: Ipv6Words): Cube {
  return fromPrefix6(address, 128);
}

/** Value words of a cube, most significant first (IPv4: one word). */
function valueWords(cube: Cube): number[] {
  const hi = cube.hi;
  return hi ? [hi.v0, hi.v1, hi.v2, cube.value] : [cube.value];
}

function careWords(cube: Cube): number[] {
  const hi = cube.hi;
  return hi ? [hi.c0, hi.c1, hi.c2, cube.care] : [cube.care];
}

function cubeOfWords(values: readonly number[], cares: readonly number[]): Cube {
  if (values.length === 1) return makeCube(values[0], cares[0]);
  return makeCube6(values as unknown as Ipv6Words, cares as unknown as Ipv6Words);
}

/** Whether the upper words of two cubes (both IPv6) overlap. */
function highOverlaps(a: CubeHigh, b: CubeHigh): boolean {
  return ((a.v0 ^ b.v0) & a.c0 & b.c0) === 0 && ((a.v1 ^ b.v1) & a.c1 & b.c1) === 0 && ((a.v2 ^ b.v2) & a.c2 & b.c2) === 0;
}

/**
 * The part of an overlap test beyond the low word: true when the families agree and the upper
 * words overlap. Two IPv4 cubes (both `hi` undefined) pass at the first comparison.
 */
export function highPartsOverlap(a: CubeHigh | undefined, b: CubeHigh | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  return highOverlaps(a, b);
}

/** True when the upper words of two cubes are equal (two IPv4 cubes: always). */
export function highPartsEqual(a: CubeHigh | undefined, b: CubeHigh | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  return a.v0 === b.v0 && a.v1 === b.v1 && a.v2 === b.v2 && a.c0 === b.c0 && a.c1 === b.c1 && a.c2 === b.c2;
}

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

/** The one-address cube; an IPv6 address (canonical text, as the model keeps it) gives an IPv6 cube. */
export function hostCube(address: number | string): Cube {
  if (typeof address === 'string') {
    const words = parseIpv6(address);
    return words ? hostCube6(words) : ANY6_CUBE;
  }
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
  return a.value === b.value && a.care === b.care && highPartsEqual(a.hi, b.hi);
}

/** Whether an IPv4 cube holds an IPv4 address (false for an IPv6 cube). */
export function containsPoint(cube: Cube, address: number): boolean {
  return cube.hi === undefined && ((address ^ cube.value) & cube.care) === 0;
}

/** Whether an IPv6 cube holds an IPv6 address (false for an IPv4 cube). */
export function containsPoint6(cube: Cube, address: Ipv6Words): boolean {
  const hi = cube.hi;
  if (hi === undefined) return false;
  return (
    ((address[0] ^ hi.v0) & hi.c0) === 0 &&
    ((address[1] ^ hi.v1) & hi.c1) === 0 &&
    ((address[2] ^ hi.v2) & hi.c2) === 0 &&
    ((address[3] ^ cube.value) & cube.care) === 0
  );
}

export function intersectCubes(a: Cube, b: Cube): Cube | null {
  if (((a.value ^ b.value) & a.care & b.care) !== 0) return null;
  if (a.hi === undefined && b.hi === undefined) return { value: (a.value | b.value) >>> 0, care: (a.care | b.care) >>> 0 };
  if (!highPartsOverlap(a.hi, b.hi)) return null;
  const x = a.hi!;
  const y = b.hi!;
  const hi: CubeHigh =
    x === y
      ? x
      : { v0: (x.v0 | y.v0) >>> 0, v1: (x.v1 | y.v1) >>> 0, v2: (x.v2 | y.v2) >>> 0, c0: (x.c0 | y.c0) >>> 0, c1: (x.c1 | y.c1) >>> 0, c2: (x.c2 | y.c2) >>> 0 };
  return { value: (a.value | b.value) >>> 0, care: (a.care | b.care) >>> 0, hi };
}

export function overlaps(a: Cube, b: Cube): boolean {
  return ((a.value ^ b.value) & a.care & b.care) === 0 && (a.hi === b.hi || highPartsOverlap(a.hi, b.hi));
}

export function containsCube(outer: Cube, inner: Cube): boolean {
  if ((outer.care & ~inner.care) !== 0 || ((outer.value ^ inner.value) & outer.care) !== 0) return false;
  const o = outer.hi;
  const i = inner.hi;
  if (o === i) return true;
  if (o === undefined || i === undefined) return false;
  return (
    (o.c0 & ~i.c0) === 0 &&
    (o.c1 & ~i.c1) === 0 &&
    (o.c2 & ~i.c2) === 0 &&
    ((o.v0 ^ i.v0) & o.c0) === 0 &&
    ((o.v1 ^ i.v1) & o.c1) === 0 &&
    ((o.v2 ^ i.v2) & o.c2) === 0
  );
}

/**
 * `a` minus `b` as disjoint cubes: one piece per bit that `b` fixes and `a` leaves free
 * (so at most popcount(b.care & ~a.care) pieces), the most significant bit first.
 */
export function subtractCube(a: Cube, b: Cube): Cube[] {
  if (!overlaps(a, b)) return [a];
  if (a.hi !== undefined) return subtractCube6(a, b);
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

/** `subtractCube` for two overlapping IPv6 cubes: the same peeling, word by word from the most significant. */
function subtractCube6(a: Cube, b: Cube): Cube[] {
  const values = valueWords(a);
  const cares = careWords(a);
  const bValues = valueWords(b);
  const bCares = careWords(b);
  const pieces: Cube[] = [];
  for (let w = 0; w < 4; w++) {
    let free = (bCares[w] & ~cares[w]) >>> 0;
    while (free !== 0) {
      const bit = (0x80000000 >>> Math.clz32(free)) >>> 0;
      free = (free ^ bit) >>> 0;
      const wanted = bValues[w] & bit;
      const pieceValues = [...values];
      const pieceCares = [...cares];
      pieceValues[w] = (values[w] | (wanted ^ bit)) >>> 0;
      pieceCares[w] = (cares[w] | bit) >>> 0;
      pieces.push(cubeOfWords(pieceValues, pieceCares));
      values[w] = (values[w] | wanted) >>> 0;
      cares[w] = (cares[w] | bit) >>> 0;
    }
  }
  return pieces;
}

/** Bits the cube fixes (IPv4: 0..32, IPv6: 0..128). */
function caredBits(cube: Cube): number {
  const hi = cube.hi;
  const low = popcount(cube.care);
  return hi ? low + popcount(hi.c0) + popcount(hi.c1) + popcount(hi.c2) : low;
}

/** Number of addresses (1 … 2^32 for IPv4, 1 … 2^128 for IPv6, as a float). */
export function cubeSize(cube: Cube): number {
  return 2 ** ((cube.hi ? 128 : 32) - caredBits(cube));
}

/** True when the cared-for bits are a leading run across all the family's bits (a prefix). */
export function isPrefixCube(cube: Cube): boolean {
  const hi = cube.hi;
  if (!hi) return isContiguousMask(cube.care);
  const cares = [hi.c0, hi.c1, hi.c2, cube.care];
  let ended = false;
  for (const care of cares) {
    if (ended) {
      if (care !== 0) return false;
      continue;
    }
    if (care === 0xffffffff) continue;
    if (!isContiguousMask(care)) return false;
    ended = true;
  }
  return true;
}

/** Prefix length of a prefix cube, undefined otherwise. */
export function cubePrefixLength(cube: Cube): number | undefined {
  return isPrefixCube(cube) ? caredBits(cube) : undefined;
}

/** Value words of an IPv6 cube (its first address), most significant first. */
export function cubeWords6(cube: Cube): Ipv6Words {
  const hi = cube.hi ?? ANY_HIGH;
  return [hi.v0, hi.v1, hi.v2, cube.value];
}

export function firstAddress(cube: Cube): number {
  return cube.value;
}

/** Last address of the cube (for prefixes this is the broadcast address). */
export function lastAddress(cube: Cube): number {
  return (cube.value | ~cube.care) >>> 0;
}

/**
 * `10.1.0.0/16`, `10.1.1.1` for a host, `any`, or `10.1.0.5 wildcard 0.0.255.0`; IPv6:
 * `2001:db8:1::/64`, `2001:db8::1`, `any IPv6 address`, `2001:db8::5 wildcard ::ff:0`.
 */
export function cubeToString(cube: Cube): string {
  const hi = cube.hi;
  if (hi) {
    if (isAnyCube(cube)) return 'any IPv6 address';
    const first = formatIpv6(cubeWords6(cube));
    const length = cubePrefixLength(cube);
    if (length !== undefined) return length === 128 ? first : `${first}/${length}`;
    return `${first} wildcard ${formatIpv6([~hi.c0 >>> 0, ~hi.c1 >>> 0, ~hi.c2 >>> 0, ~cube.care >>> 0])}`;
  }
  if (cube.care === 0) return 'any';
  if (isContiguousMask(cube.care)) {
    const length = popcount(cube.care);
    return length === 32 ? formatIpv4(cube.value) : `${formatIpv4(cube.value)}/${length}`;
  }
  return `${formatIpv4(cube.value)} wildcard ${formatIpv4(~cube.care >>> 0)}`;
}

/** A stable string key, for hash maps. */
export function cubeKey(cube: Cube): string {
  const hi = cube.hi;
  return hi ? `${hi.v0}.${hi.v1}.${hi.v2}.${cube.value}/${hi.c0}.${hi.c1}.${hi.c2}.${cube.care}` : `${cube.value}/${cube.care}`;
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
  if (a.hi !== undefined || b.hi !== undefined) return mergeCubes6(a, b);
  const diff = (a.value ^ b.value) >>> 0;
  if ((diff & (diff - 1)) !== 0) return null;
  const merged = makeCube(a.value, a.care & ~diff);
  if (isContiguousMask(a.care) && !isContiguousMask(merged.care)) return null;
  return merged;
}

/** `mergeCubes` for IPv6 cubes that neither contains: equal care words and values differing in one bit. */
function mergeCubes6(a: Cube, b: Cube): Cube | null {
  if (a.hi === undefined || b.hi === undefined) return null;
  const aCares = careWords(a);
  const bCares = careWords(b);
  for (let w = 0; w < 4; w++) if (aCares[w] !== bCares[w]) return null;
  const aValues = valueWords(a);
  const bValues = valueWords(b);
  let diffWord = -1;
  for (let w = 0; w < 4; w++) {
    const diff = (aValues[w] ^ bValues[w]) >>> 0;
    if (diff === 0) continue;
    if (diffWord >= 0 || (diff & (diff - 1)) !== 0) return null;
    diffWord = w;
  }
  if (diffWord < 0) return a;
  const cares = [...aCares];
  cares[diffWord] = (cares[diffWord] & ~(aValues[diffWord] ^ bValues[diffWord])) >>> 0;
  const merged = cubeOfWords(aValues, cares);
  if (isPrefixCube(a) && !isPrefixCube(merged)) return null;
  return merged;
}

/** Minimal list of aligned IPv6 prefixes covering exactly [first, last] (empty if first > last). */
export function fromRange6(first: Ipv6Words, last: Ipv6Words): Cube[] {
  const toBig = (w: Ipv6Words): bigint => (BigInt(w[0]) << 96n) | (BigInt(w[1]) << 64n) | (BigInt(w[2]) << 32n) | BigInt(w[3]);
  const toWords = (n: bigint): Ipv6Words => [Number((n >> 96n) & 0xffffffffn), Number((n >> 64n) & 0xffffffffn), Number((n >> 32n) & 0xffffffffn), Number(n & 0xffffffffn)];
  let low = toBig(first);
  const high = toBig(last);
  const result: Cube[] = [];
  const top = (1n << 128n) - 1n;
  while (low <= high) {
    let size = low === 0n ? 1n << 128n : low & -low;
    while (size > high - low + 1n) size >>= 1n;
    const length = 128 - (size.toString(2).length - 1);
    result.push(fromPrefix6(toWords(low), length));
    const next = low + size;
    if (next > top) break;
    low = next;
  }
  return result;
}
