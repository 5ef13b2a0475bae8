import type { Range } from '../../src/text/range.js';
import type { Tunnel, TunnelEnd } from '../../src/network/types.js';
import type { RelatedLocation } from '../types.js';

/** Each end with the other end, so two-end rules report at both files. */
export function endPairs(tunnel: Tunnel): [TunnelEnd, TunnelEnd][] {
  const [a, b] = tunnel.ends;
  return [
    [a, b],
    [b, a],
  ];
}

/** How an end is named in messages: sysname (or file) and its policy. */
export function endLabel(end: TunnelEnd): string {
  return `${end.device.name} (${end.entry.id})`;
}

export function relatedAt(end: TunnelEnd, range: Range, message: string): RelatedLocation[] {
  return [{ file: end.device.file, range, message }];
}

export type { TunnelRule } from '../types.js';
