import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import ipaddr from 'ipaddr.js';
import {
  ANY_CUBE,
  containsCube,
  cubeSize,
  cubeToString,
  fromPrefix,
  fromRange,
  fromWildcard,
  hostCube,
  intersectCubes,
  mergeCubes,
  overlaps,
  subtractCube,
} from '../../src/flow/cube.js';
import { formatIpv4, parseIpv4 } from '../../src/flow/ipv4.js';
import { inCube, pointsOf, smallCube } from './oracle.js';

const BITS = 8;
const points = pointsOf(BITS);
const ip = (text: string) => parseIpv4(text)!;

describe('cube construction and printing', () => {
  it('prints prefixes, hosts, any and non-contiguous wildcards', () => {
    expect(cubeToString(fromWildcard(ip('10.1.0.0'), ip('0.0.255.255')))).toBe('10.1.0.0/16');
    expect(cubeToString(fromWildcard(ip('10.1.1.1'), 0))).toBe('10.1.1.1');
    expect(cubeToString(ANY_CUBE)).toBe('any');
    expect(cubeToString(fromWildcard(ip('10.1.7.5'), ip('0.0.255.0')))).toBe('10.1.0.5 wildcard 0.0.255.0');
    expect(cubeToString(hostCube(ip('1.2.3.4')))).toBe('1.2.3.4');
  });

  it('normalises host bits away', () => {
    expect(fromPrefix(ip('10.1.2.3'), 24)).toEqual({ value: ip('10.1.2.0'), care: ip('255.255.255.0') });
  });

  it('sizes cubes', () => {
    expect(cubeSize(ANY_CUBE)).toBe(2 ** 32);
    expect(cubeSize(fromPrefix(0, 24))).toBe(256);
    expect(cubeSize(fromWildcard(0, ip('0.0.255.1')))).toBe(512);
  });

  it('agrees with ipaddr.js on prefix membership', () => {
    fc.assert(
      fc.property(fc.ipV4(), fc.integer({ min: 0, max: 32 }), fc.ipV4(), (network, length, address) => {
        const cube = fromPrefix(ip(network), length);
        const oracle = ipaddr.IPv4.parse(address).match(ipaddr.IPv4.parse(network), length);
        expect(inCube(cube, ip(address))).toBe(oracle);
      }),
    );
  });
});

describe('cube algebra against point enumeration (non-contiguous wildcards)', () => {
  it('intersect', () => {
    fc.assert(
      fc.property(smallCube(BITS), smallCube(BITS), (a, b) => {
        const c = intersectCubes(a, b);
        expect(overlaps(a, b)).toBe(c !== null);
        for (const p of points) expect(c !== null && inCube(c, p)).toBe(inCube(a, p) && inCube(b, p));
      }),
    );
  });

  it('containsCube', () => {
    fc.assert(
      fc.property(smallCube(BITS), smallCube(BITS), (a, b) => {
        const oracle = points.every((p) => !inCube(b, p) || inCube(a, p));
        expect(containsCube(a, b)).toBe(oracle);
      }),
    );
  });

  it('subtract gives disjoint pieces, at most popcount of the extra care bits', () => {
    fc.assert(
      fc.property(smallCube(BITS), smallCube(BITS), (a, b) => {
        const pieces = subtractCube(a, b);
        const extra = (b.care & ~a.care) >>> 0;
        expect(pieces.length).toBeLessThanOrEqual(Math.max(1, extra.toString(2).replace(/0/g, '').length));
        for (const p of points) {
          const hits = pieces.filter((c) => inCube(c, p)).length;
          expect(hits).toBe(inCube(a, p) && !inCube(b, p) ? 1 : 0);
        }
      }),
    );
  });

  it('a prefix minus a prefix is the prefixes around the hole, largest first', () => {
    const pieces = subtractCube(fromPrefix(ip('10.0.0.0'), 8), fromPrefix(ip('10.0.0.0'), 24));
    expect(pieces.map(cubeToString)).toEqual(Array.from({ length: 16 }, (_, i) => `${formatIpv4((ip('10.0.0.0') + 2 ** (23 - i)) >>> 0)}/${9 + i}`));
  });

  it('size counts the points', () => {
    fc.assert(
      fc.property(smallCube(BITS), (a) => {
        expect(cubeSize(a)).toBe(points.filter((p) => inCube(a, p)).length);
      }),
    );
  });

  it('merge is exact or refuses', () => {
    fc.assert(
      fc.property(smallCube(BITS), smallCube(BITS), (a, b) => {
        const merged = mergeCubes(a, b);
        if (!merged) return;
        for (const p of points) expect(inCube(merged, p)).toBe(inCube(a, p) || inCube(b, p));
      }),
    );
    expect(mergeCubes(fromPrefix(ip('10.0.0.0'), 25), fromPrefix(ip('10.0.0.128'), 25))).toEqual(fromPrefix(ip('10.0.0.0'), 24));
  });
});

describe('fromRange', () => {
  it('decomposes exactly and minimally in a small universe', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), (x, y) => {
        const [first, last] = [Math.min(x, y), Math.max(x, y)];
        const cubes = fromRange(first, last);
        for (const p of points) expect(cubes.filter((c) => inCube(c, p)).length).toBe(p >= first && p <= last ? 1 : 0);
        expect(cubes.length).toBe(greedyCount(first, last));
      }),
    );
  });

  it('handles the extremes of the address space', () => {
    expect(fromRange(0, 0xffffffff)).toEqual([ANY_CUBE]);
    expect(fromRange(0xffffffff, 0xffffffff)).toEqual([hostCube(0xffffffff)]);
    expect(fromRange(5, 4)).toEqual([]);
    expect(fromRange(1, 0xffffffff).length).toBe(32);
    const cubes = fromRange(ip('211.254.198.162'), ip('211.254.198.174'));
    expect(cubes.map(cubeToString)).toEqual(['211.254.198.162/31', '211.254.198.164/30', '211.254.198.168/30', '211.254.198.172/31', '211.254.198.174']);
  });

  it('agrees with a big-number check on random full-width ranges', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 0xffffffff }), (x, y) => {
        const [first, last] = [Math.min(x, y), Math.max(x, y)];
        const cubes = fromRange(first, last);
        let expected = first;
        for (const cube of cubes) {
          expect(cube.value).toBe(expected);
          expected += cubeSize(cube);
        }
        expect(expected).toBe(last + 1);
        expect(cubes.length).toBeLessThanOrEqual(62);
        expect(formatIpv4(cubes[0].value)).toBe(formatIpv4(first));
      }),
    );
  });
});

/** Independent count: greedy largest aligned block, by brute force. */
function greedyCount(first: number, last: number): number {
  let count = 0;
  let low = first;
  while (low <= last) {
    let size = 1;
    while (low % (size * 2) === 0 && low + size * 2 - 1 <= last) size *= 2;
    low += size;
    count++;
  }
  return count;
}
