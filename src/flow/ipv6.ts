/**
 * IPv6 addresses as four unsigned 32-bit words, most significant first (`[w0, w1, w2, w3]`,
 * w0 = bits 127..96). Text forms: RFC 4291 §2.2 (full, `::` zero compression, embedded IPv4 in
 * the last 32 bits); output: RFC 5952 canonical text (lower case, leading zeros dropped, the
 * longest run of two or more zero groups compressed, the first one on a tie).
 */
export type Ipv6Words = readonly [number, number, number, number];

const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;
const DOTTED_QUAD = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function dottedQuad(text: string): number | undefined {
  const match = DOTTED_QUAD.exec(text);
  if (!match) return undefined;
  let result = 0;
  for (let i = 1; i <= 4; i++) {
    const part = match[i];
    if (part.length > 1 && part.charCodeAt(0) === 48) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    result = ((result << 8) | octet) >>> 0;
  }
  return result;
}

/** Groups of one side of `::` (16-bit values); an embedded IPv4 address counts as two. `undefined` when malformed. */
function groupsOf(text: string, allowIpv4Tail: boolean): number[] | undefined {
  if (text === '') return [];
  const parts = text.split(':');
  const groups: number[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (HEX_GROUP.test(part)) {
      groups.push(parseInt(part, 16));
      continue;
    }
    if (allowIpv4Tail && i === parts.length - 1) {
      const v4 = dottedQuad(part);
      if (v4 === undefined) return undefined;
      groups.push(v4 >>> 16, v4 & 0xffff);
      continue;
    }
    return undefined;
  }
  return groups;
}

/**
 * Strict IPv6 parse: hex groups, at most one `::`, an optional dotted IPv4 tail; no zone index
 * (`%eth0`), no prefix length, at most 45 characters (the longest valid text).
 */
export function parseIpv6(text: string): Ipv6Words | undefined {
  if (text.length < 2 || text.length > 45 || !text.includes(':')) return undefined;
  const gap = text.indexOf('::');
  let groups: number[];
  if (gap < 0) {
    const all = groupsOf(text, true);
    if (!all || all.length !== 8) return undefined;
    groups = all;
  } else {
    if (text.indexOf('::', gap + 1) >= 0) return undefined;
    const head = text.slice(0, gap);
    const tail = text.slice(gap + 2);
    const left = groupsOf(head, false);
    const right = groupsOf(tail, true);
    if (!left || !right) return undefined;
    // `::` stands for at least one zero group
    if (left.length + right.length > 7) return undefined;
    groups = [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
  }
  return [
    ((groups[0] << 16) | groups[1]) >>> 0,
    ((groups[2] << 16) | groups[3]) >>> 0,
    ((groups[4] << 16) | groups[5]) >>> 0,
    ((groups[6] << 16) | groups[7]) >>> 0,
  ];
}

/** RFC 5952 text of an address. */
export function formatIpv6(words: Ipv6Words): string {
  const groups: number[] = [];
  for (const word of words) groups.push(word >>> 16, word & 0xffff);
  // the longest run of two or more zero groups (the first one on a tie)
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = (from: number, to: number): string => groups.slice(from, to).map((g) => g.toString(16)).join(':');
  if (bestStart < 0) return hex(0, 8);
  return `${hex(0, bestStart)}::${hex(bestStart + bestLength, 8)}`;
}

/** Canonical (RFC 5952) text of an IPv6 address written in any valid form; `undefined` when it is not one. */
export function canonicalIpv6(text: string): string | undefined {
  const words = parseIpv6(text);
  return words ? formatIpv6(words) : undefined;
}

/** Mask word `index` (0 = bits 127..96) of a prefix of `length` bits (0..128). */
export function prefixMaskWord(length: number, index: number): number {
  const bits = length - 32 * index;
  if (bits <= 0) return 0;
  if (bits >= 32) return 0xffffffff;
  return (0xffffffff << (32 - bits)) >>> 0;
}

/** The network of `address/length` (host bits cleared). */
export function ipv6Network(address: Ipv6Words, length: number): Ipv6Words {
  return [
    (address[0] & prefixMaskWord(length, 0)) >>> 0,
    (address[1] & prefixMaskWord(length, 1)) >>> 0,
    (address[2] & prefixMaskWord(length, 2)) >>> 0,
    (address[3] & prefixMaskWord(length, 3)) >>> 0,
  ];
}

/** True when `address` lies in `network/length`. */
export function ipv6InPrefix(address: Ipv6Words, network: Ipv6Words, length: number): boolean {
  for (let i = 0; i < 4; i++) {
    const mask = prefixMaskWord(length, i);
    if (((address[i] ^ network[i]) & mask) !== 0) return false;
  }
  return true;
}

/**
 * `A/LEN` or a bare prefix length text (`64`) for IPv6: 0..128, decimal, no leading zeros
 * except `0` itself. `undefined` otherwise.
 */
export function parseIpv6PrefixLength(text: string): number | undefined {
  if (!/^(0|[1-9]\d{0,2})$/.test(text)) return undefined;
  const length = Number(text);
  return length <= 128 ? length : undefined;
}

/** `2001:db8::/64` → address and length; `undefined` when either half is malformed. */
export function parseIpv6Prefix(text: string): { address: Ipv6Words; length: number } | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const address = parseIpv6(text.slice(0, slash));
  const length = parseIpv6PrefixLength(text.slice(slash + 1));
  return address && length !== undefined ? { address, length } : undefined;
}

/**
 * Addresses that are never an IKE peer across a network: link-local fe80::/10 (valid on one link
 * only) and unique local fc00::/7 (the IPv6 counterpart of RFC 1918, reachable only inside a site).
 */
export function isIpv6LinkLocal(address: Ipv6Words): boolean {
  return (address[0] & 0xffc00000) >>> 0 === 0xfe800000;
}

export function isIpv6UniqueLocal(address: Ipv6Words): boolean {
  return (address[0] & 0xfe000000) >>> 0 === 0xfc000000;
}
