import { type Cube, containsPoint, containsPoint6, cubeWords6, fromPrefix, fromPrefix6, hostCube, hostCube6, lastAddress } from './cube.js';
import { formatIpv4, isPrivate, parseIpv4 } from './ipv4.js';
import { type Ipv6Words, formatIpv6, isIpv6LinkLocal, isIpv6UniqueLocal, parseIpv6 } from './ipv6.js';

/**
 * An address of either family as the model keeps it: an IPv4 address is its unsigned 32-bit
 * number (as everywhere before IPv6 was modelled: the IPv4 paths do not change), an IPv6
 * address its canonical RFC 5952 text (`2001:db8::1`), so equal addresses compare equal with
 * `===` and key maps alike, and the two families never collide.
 * @minimum 0
 * @maximum 4294967295
 * @pattern ^[0-9a-f:.]+$
 */
export type Address = number | string;

export function isIpv6Address(address: Address): address is string {
  return typeof address === 'string';
}

/** Dotted IPv4 → number, any valid IPv6 text → canonical text; `undefined` otherwise. */
export function parseAddress(text: string): Address | undefined {
  const v4 = parseIpv4(text);
  if (v4 !== undefined) return v4;
  const v6 = parseIpv6(text);
  return v6 ? formatIpv6(v6) : undefined;
}

export function formatAddress(address: Address): string {
  return typeof address === 'number' ? formatIpv4(address) : address;
}

const wordCache = new Map<string, Ipv6Words>();

/** Words of a canonical IPv6 address (as `parseAddress` gives it). */
export function ipv6WordsOf(address: string): Ipv6Words {
  let words = wordCache.get(address);
  if (!words) {
    words = parseIpv6(address) ?? [0, 0, 0, 0];
    if (wordCache.size > 65536) wordCache.clear();
    wordCache.set(address, words);
  }
  return words;
}

/** The one-address cube of either family. */
export function addressCube(address: Address): Cube {
  return typeof address === 'number' ? hostCube(address) : hostCube6(ipv6WordsOf(address));
}

/** The prefix cube `address/length` of either family. */
export function prefixCube(address: Address, length: number): Cube {
  return typeof address === 'number' ? fromPrefix(address, length) : fromPrefix6(ipv6WordsOf(address), length);
}

/** First address of a cube, in its family. */
export function cubeFirstAddress(cube: Cube): Address {
  return cube.hi ? formatIpv6(cubeWords6(cube)) : cube.value;
}

/** Last address of a cube, in its family (every don't-care bit set). */
export function cubeLastAddress(cube: Cube): Address {
  const hi = cube.hi;
  if (!hi) return lastAddress(cube);
  return formatIpv6([(hi.v0 | ~hi.c0) >>> 0, (hi.v1 | ~hi.c1) >>> 0, (hi.v2 | ~hi.c2) >>> 0, lastAddress(cube)]);
}

/** Whether a cube holds an address (false across families). */
export function cubeContainsAddress(cube: Cube, address: Address): boolean {
  return typeof address === 'number' ? containsPoint(cube, address) : containsPoint6(cube, ipv6WordsOf(address));
}

/**
 * Addresses a peer reaches only inside a site or through NAT: RFC 1918 / RFC 6598 for IPv4,
 * unique local (fc00::/7) and link-local (fe80::/10) for IPv6.
 */
export function isPrivateAddress(address: Address): boolean {
  if (typeof address === 'number') return isPrivate(address);
  const words = ipv6WordsOf(address);
  return isIpv6UniqueLocal(words) || isIpv6LinkLocal(words);
}

/**
 * A total order on addresses of both families: every IPv4 address before every IPv6 one, each
 * family in numeric order (so `low <= a <= high` of a `remote-address low high` range holds).
 */
export function compareAddresses(a: Address, b: Address): number {
  if (typeof a === 'number') return typeof b === 'number' ? (a >>> 0) - (b >>> 0) : -1;
  if (typeof b === 'number') return 1;
  if (a === b) return 0;
  const x = ipv6WordsOf(a);
  const y = ipv6WordsOf(b);
  for (let i = 0; i < 4; i++) if (x[i] !== y[i]) return (x[i] >>> 0) - (y[i] >>> 0);
  return 0;
}

/** Whether `address` lies in `low..high` (inclusive), all of one family; false across families. */
export function addressInRange(address: Address, low: Address, high: Address = low): boolean {
  if (typeof address !== typeof low || typeof low !== typeof high) return false;
  return compareAddresses(low, address) <= 0 && compareAddresses(address, high) <= 0;
}

/** `address` normalised for map keys and `===` (an IPv4 number as unsigned; IPv6 text is already canonical). */
export function addressKey(address: Address): Address {
  return typeof address === 'number' ? address >>> 0 : address;
}
