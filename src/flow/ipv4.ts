import { isIpv6LinkLocal, isIpv6UniqueLocal, parseIpv6 } from './ipv6.js';

/** An IPv4 address as an unsigned 32-bit integer (always normalised with `>>> 0`). */
export type Ipv4 = number;

const DOTTED_QUAD = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function parseOctet(text: string): number | undefined {
  // A leading zero would be read as octal by inet_aton-style parsers (and by ipaddr.js);
  // VRP never prints one, so treat it as malformed rather than guess.
  if (text.length > 1 && text.charCodeAt(0) === 48) return undefined;
  const value = Number(text);
  return value <= 255 ? value : undefined;
}

/** Strict dotted-quad parse: four decimal octets, no leading zeros, no hex, nothing else. */
export function parseIpv4(text: string): Ipv4 | undefined {
  const match = DOTTED_QUAD.exec(text);
  if (!match) return undefined;
  let result = 0;
  for (let i = 1; i <= 4; i++) {
    const octet = parseOctet(match[i]);
    if (octet === undefined) return undefined;
    result = ((result << 8) | octet) >>> 0;
  }
  return result;
}

/**
 * Dotted text of an IPv4 address. Model addresses may be IPv6 (canonical text, see
 * `net/address.ts`): those are returned as they are, so messages print either family.
 */
export function formatIpv4(address: Ipv4 | string): string {
  if (typeof address === 'string') return address;
  const a = address >>> 0;
  return `${a >>> 24}.${(a >>> 16) & 255}.${(a >>> 8) & 255}.${a & 255}`;
}

/** Mask with `length` leading one bits (0..32). */
export function prefixToMask(length: number): number {
  if (length <= 0) return 0;
  if (length >= 32) return 0xffffffff;
  return (0xffffffff << (32 - length)) >>> 0;
}

export function isContiguousMask(mask: number): boolean {
  const inverted = ~mask >>> 0;
  // ones followed by zeros ⇔ the inverse is 2^k − 1
  return ((inverted + 1) & inverted) === 0;
}

/** Prefix length of a contiguous mask, undefined for a non-contiguous one. */
export function maskToPrefix(mask: number): number | undefined {
  const m = mask >>> 0;
  if (!isContiguousMask(m)) return undefined;
  return popcount(m);
}

/** Prefix length of a contiguous wildcard (inverse mask), undefined otherwise. */
export function wildcardToPrefix(wildcard: number): number | undefined {
  return maskToPrefix(~wildcard >>> 0);
}

/**
 * Parse an ACL wildcard. VRP accepts and prints `0` as shorthand for `0.0.0.0` (a host).
 */
export function parseWildcard(text: string): number | undefined {
  if (text === '0') return 0;
  return parseIpv4(text);
}

/** Parse a mask given either as a dotted quad or a length (`24`); rejects non-contiguous masks. */
export function parseMaskOrLength(text: string): number | undefined {
  if (/^\d{1,2}$/.test(text)) {
    const length = Number(text);
    return length <= 32 ? length : undefined;
  }
  const mask = parseIpv4(text);
  return mask === undefined ? undefined : maskToPrefix(mask);
}

export function popcount(value: number): number {
  let v = value >>> 0;
  v = v - ((v >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

const PRIVATE_BLOCKS: ReadonlyArray<readonly [number, number]> = [
  [0x0a000000, 8], // 10.0.0.0/8
  [0xac100000, 12], // 172.16.0.0/12
  [0xc0a80000, 16], // 192.168.0.0/16
  [0x64400000, 10], // 100.64.0.0/10 carrier-grade NAT (RFC 6598)
];

/**
 * RFC 1918 or RFC 6598 shared address space: not reachable as a public peer. For an IPv6
 * address (canonical text): unique local fc00::/7 or link-local fe80::/10.
 */
export function isPrivate(address: Ipv4 | string): boolean {
  if (typeof address === 'string') {
    const words = parseIpv6(address);
    return words !== undefined && (isIpv6UniqueLocal(words) || isIpv6LinkLocal(words));
  }
  const a = address >>> 0;
  return PRIVATE_BLOCKS.some(([network, length]) => ((a & prefixToMask(length)) >>> 0) === network);
}
