import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import ipaddr from 'ipaddr.js';
import {
  ANY6_CUBE,
  ANY_CUBE,
  type Cube,
  containsCube,
  containsPoint,
  containsPoint6,
  cubeKey,
  cubePrefixLength,
  cubeSize,
  cubeToString,
  fromPrefix,
  fromPrefix6,
  fromRange6,
  hostCube6,
  intersectCubes,
  isAnyCube,
  isPrefixCube,
  makeCube6,
  mergeCubes,
  overlaps,
  subtractCube,
} from '../../src/flow/cube.js';
import { type Ipv6Words, canonicalIpv6, formatIpv6, ipv6InPrefix, parseIpv6, parseIpv6Prefix } from '../../src/flow/ipv6.js';
import { addressCube, formatAddress, parseAddress, prefixCube } from '../../src/flow/address.js';
import { FlowSet, boxesOverlap, makeBox } from '../../src/flow/flow.js';

const word = fc.integer({ min: 0, max: 0xffffffff });
const words: fc.Arbitrary<Ipv6Words> = fc.tuple(word, word, word, word);
/** Addresses with zero runs, so that `::` compression is exercised. */
const sparseWords: fc.Arbitrary<Ipv6Words> = fc
  .array(fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 0, max: 0xffff })), { minLength: 8, maxLength: 8 })
  .map((g) => [((g[0] << 16) | g[1]) >>> 0, ((g[2] << 16) | g[3]) >>> 0, ((g[4] << 16) | g[5]) >>> 0, ((g[6] << 16) | g[7]) >>> 0] as Ipv6Words);
const anyWords = fc.oneof(words, sparseWords);

const v6 = (text: string): Ipv6Words => parseIpv6(text)!;

function toBytes(w: Ipv6Words): number[] {
  return w.flatMap((x) => [x >>> 24, (x >>> 16) & 255, (x >>> 8) & 255, x & 255]);
}

describe('IPv6 text', () => {
  it('parses every documented form and prints RFC 5952 text', () => {
    expect(canonicalIpv6('2001:DB8:0:0:0:0:0:1')).toBe('2001:db8::1');
    expect(canonicalIpv6('2001:db8::1')).toBe('2001:db8::1');
    expect(canonicalIpv6('FC00:1::0')).toBe('fc00:1::');
    expect(canonicalIpv6('::')).toBe('::');
    expect(canonicalIpv6('::1')).toBe('::1');
    expect(canonicalIpv6('FE80::1')).toBe('fe80::1');
    expect(canonicalIpv6('::ffff:192.0.2.1')).toBe('::ffff:c000:201');
    expect(canonicalIpv6('2001:db8:0:1:1:1:1:1')).toBe('2001:db8:0:1:1:1:1:1');
    // the longest zero run is compressed, the first on a tie; a single zero group is not
    expect(canonicalIpv6('2001:0:0:1:0:0:0:1')).toBe('2001:0:0:1::1');
    expect(canonicalIpv6('2001:db8:0:0:1:0:0:1')).toBe('2001:db8::1:0:0:1');
    expect(canonicalIpv6('2001:db8:0:1:2:3:4:5')).toBe('2001:db8:0:1:2:3:4:5');
    expect(canonicalIpv6('FC00:2::FFFF:FFFF:FFFF:FFFF')).toBe('fc00:2::ffff:ffff:ffff:ffff');
  });

  it('rejects what is not an address', () => {
    for (const bad of ['', ':', '1:2', '2001:db8::1::2', '2001:db8:::1', '12345::', 'g::1', '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7::8', '::1.2.3', '::256.1.1.1', '::01.1.1.1', '2001:db8::1/64', 'fe80::1%eth0', '10.1.1.1', 'a'.repeat(50)]) {
      expect(parseIpv6(bad), bad).toBeUndefined();
    }
  });

  it('parses prefixes', () => {
    expect(parseIpv6Prefix('2001:db8:1::/64')).toEqual({ address: v6('2001:db8:1::'), length: 64 });
    expect(parseIpv6Prefix('2001:db8::/129')).toBeUndefined();
    expect(parseIpv6Prefix('2001:db8::/064')).toBeUndefined();
  });

  it('round-trips: format(parse(x)) is canonical and parses back to the same words (ipaddr.js as the oracle)', () => {
    fc.assert(
      fc.property(anyWords, (w) => {
        const text = formatIpv6(w);
        expect(parseIpv6(text)).toEqual([...w]);
        expect(text).toBe((ipaddr.fromByteArray(toBytes(w)) as ipaddr.IPv6).toRFC5952String());
        // the full uncompressed, upper-case form reads the same
        const full = (ipaddr.fromByteArray(toBytes(w)) as ipaddr.IPv6).toNormalizedString().toUpperCase();
        expect(canonicalIpv6(full)).toBe(text);
      }),
      { seed: 6, numRuns: 500 },
    );
  });

  it('addresses of both families', () => {
    expect(parseAddress('10.1.1.1')).toBe(0x0a010101);
    expect(parseAddress('2001:DB8::1')).toBe('2001:db8::1');
    expect(parseAddress('2001:db8::1 ')).toBeUndefined();
    expect(formatAddress(0x0a010101)).toBe('10.1.1.1');
    expect(formatAddress('2001:db8::1')).toBe('2001:db8::1');
  });
});

// Cubes that vary only in a few bit positions spread over the 128 bits, with the other bits
// fixed to a base: every cube of that shape, and every address, is a point of 2^BITS.
const BITS = 6;
const POSITIONS = [127, 100, 70, 64, 33, 2];

function withBits(base: Ipv6Words, bits: number): Ipv6Words {
  const w = [...base];
  POSITIONS.forEach((position, i) => {
    const index = 3 - Math.floor(position / 32);
    const mask = (1 << position % 32) >>> 0;
    w[index] = ((bits >> i) & 1 ? w[index] | mask : w[index] & ~mask) >>> 0;
  });
  return w as unknown as Ipv6Words;
}

function careMask(caredPositions: number): Ipv6Words {
  // every bit outside POSITIONS is cared for (fixed to the base); of POSITIONS, those in the mask
  return withBits([0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff], caredPositions);
}

const BASE = v6('2001:db8:1234:5678:9abc:def0:1357:2468');
const cube6 = fc.tuple(fc.integer({ min: 0, max: 2 ** BITS - 1 }), fc.integer({ min: 0, max: 2 ** BITS - 1 })).map(([value, care]) => makeCube6(withBits(BASE, value), careMask(care)));
const points = Array.from({ length: 2 ** BITS }, (_, i) => withBits(BASE, i));
const inside = (cubes: readonly Cube[], p: Ipv6Words) => cubes.some((c) => containsPoint6(c, p));

describe('IPv6 cubes', () => {
  it('prints prefixes, hosts, any and wildcards', () => {
    expect(cubeToString(fromPrefix6(v6('2001:db8:1::5'), 64))).toBe('2001:db8:1::/64');
    expect(cubeToString(hostCube6(v6('2001:db8::1')))).toBe('2001:db8::1');
    expect(cubeToString(ANY6_CUBE)).toBe('any IPv6 address');
    expect(cubeToString(fromPrefix6(v6('::'), 0))).toBe('any IPv6 address');
    expect(cubeToString(makeCube6(v6('2001:db8::5'), v6('ffff:ffff:ffff:ffff:ffff:ffff:ff00:ffff')))).toBe('2001:db8::5 wildcard ::ff:0');
    expect(cubePrefixLength(fromPrefix6(v6('2001:db8::'), 48))).toBe(48);
    expect(cubeSize(fromPrefix6(v6('2001:db8::'), 120))).toBe(256);
    expect(isAnyCube(ANY6_CUBE) && isAnyCube(ANY_CUBE)).toBe(true);
  });

  it('never mixes families: an IPv4 cube and an IPv6 cube do not overlap, contain or intersect', () => {
    const v4 = fromPrefix(0x0a000000, 8);
    for (const six of [ANY6_CUBE, fromPrefix6(v6('::a00:0'), 104), prefixCube('::', 0)]) {
      expect(overlaps(v4, six)).toBe(false);
      expect(overlaps(ANY_CUBE, six)).toBe(false);
      expect(containsCube(ANY_CUBE, six)).toBe(false);
      expect(containsCube(six, v4)).toBe(false);
      expect(intersectCubes(ANY_CUBE, six)).toBeNull();
      expect(subtractCube(six, ANY_CUBE)).toEqual([six]);
      expect(mergeCubes(v4, six)).toBeNull();
      expect(cubeKey(v4)).not.toBe(cubeKey(six));
    }
    expect(containsPoint(ANY6_CUBE, 5)).toBe(false);
    expect(containsPoint6(ANY_CUBE, v6('::5'))).toBe(false);
    expect(boxesOverlap(makeBox(), makeBox({ src: ANY6_CUBE, dst: ANY6_CUBE }))).toBe(false);
    expect(FlowSet.ANY.overlaps(FlowSet.of(makeBox({ src: ANY6_CUBE, dst: ANY6_CUBE })))).toBe(false);
  });

  it('intersection, overlap, containment, subtraction and merge equal set semantics', () => {
    fc.assert(
      fc.property(cube6, cube6, (a, b) => {
        const both = intersectCubes(a, b);
        const difference = subtractCube(a, b);
        const merged = mergeCubes(a, b);
        let meets = false;
        let aInB = true;
        for (const p of points) {
          const inA = containsPoint6(a, p);
          const inB = containsPoint6(b, p);
          if (inA && inB) meets = true;
          if (inA && !inB) aInB = false;
          expect(both ? containsPoint6(both, p) : false).toBe(inA && inB);
          expect(inside(difference, p)).toBe(inA && !inB);
          if (merged) expect(containsPoint6(merged, p)).toBe(inA || inB);
        }
        expect(overlaps(a, b)).toBe(meets);
        expect(containsCube(b, a)).toBe(aInB);
        // subtraction pieces are disjoint
        for (let i = 0; i < difference.length; i++) for (let j = i + 1; j < difference.length; j++) expect(overlaps(difference[i], difference[j])).toBe(false);
      }),
      { seed: 17, numRuns: 400 },
    );
  });

  it('prefix cubes of random addresses contain exactly the addresses of the prefix', () => {
    fc.assert(
      fc.property(words, words, fc.integer({ min: 0, max: 128 }), (network, probe, length) => {
        const cube = fromPrefix6(network, length);
        expect(isPrefixCube(cube)).toBe(true);
        expect(containsPoint6(cube, probe)).toBe(ipv6InPrefix(probe, network, length));
        expect(containsPoint6(cube, network)).toBe(true);
      }),
      { seed: 64, numRuns: 500 },
    );
  });

  it('ranges become the minimal prefixes (source-address range FC00:2::1 FC00:2::FFFF:FFFF:FFFF:FFFF)', () => {
    const cubes = fromRange6(v6('fc00:2::1'), v6('fc00:2::ffff:ffff:ffff:ffff'));
    expect(cubes.length).toBe(64);
    expect(cubeToString(cubes[0])).toBe('fc00:2::1');
    expect(cubeToString(cubes[cubes.length - 1])).toBe('fc00:2:0:0:8000::/65');
    expect(inside(cubes, v6('fc00:2::'))).toBe(false);
    expect(inside(cubes, v6('fc00:2::1'))).toBe(true);
    expect(inside(cubes, v6('fc00:2::1234:0:0:1'))).toBe(true);
    expect(inside(cubes, v6('fc00:2:0:1::'))).toBe(false);
    expect(fromRange6(v6('::'), v6('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'))).toEqual([fromPrefix6(v6('::'), 0)]);
  });

  it('flow sets of IPv6 boxes subtract and cover like IPv4 ones', () => {
    const lan1 = prefixCube('2001:db8:1::', 64);
    const lan2 = prefixCube('2001:db8:2::', 64);
    const wide = FlowSet.of(makeBox({ src: prefixCube('2001:db8::', 32), dst: lan2 }));
    const narrow = FlowSet.of(makeBox({ src: lan1, dst: lan2 }));
    expect(wide.contains(narrow)).toBe(true);
    expect(narrow.contains(wide)).toBe(false);
    const rest = wide.subtract(narrow);
    expect(rest.overlaps(narrow)).toBe(false);
    expect(rest.union(narrow).equals(wide)).toBe(true);
    expect(narrow.describe()).toBe('source 2001:db8:1::/64 → destination 2001:db8:2::/64');
    expect(FlowSet.of(makeBox({ src: addressCube('2001:db8::1'), dst: addressCube('2001:db8::2') })).overlaps(FlowSet.ANY)).toBe(false);
  });
});
