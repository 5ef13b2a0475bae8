import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AddressSet } from '../../src/flow/address-set.js';
import { fromPrefix, fromWildcard } from '../../src/flow/cube.js';
import { parseIpv4 } from '../../src/flow/ipv4.js';
import { inCube, pointsOf, smallCube } from './oracle.js';

const BITS = 7;
const points = pointsOf(BITS);
const ip = (text: string) => parseIpv4(text)!;
const smallSet = fc.array(smallCube(BITS), { maxLength: 4 }).map((cubes) => AddressSet.of(...cubes));
const member = (set: AddressSet, p: number) => set.cubes.some((c) => inCube(c, p));

describe('AddressSet against point enumeration', () => {
  it('union / intersect / subtract', () => {
    fc.assert(
      fc.property(smallSet, smallSet, (a, b) => {
        const union = a.union(b);
        const both = a.intersect(b);
        const diff = a.subtract(b);
        for (const p of points) {
          expect(member(union, p)).toBe(member(a, p) || member(b, p));
          expect(member(both, p)).toBe(member(a, p) && member(b, p));
          expect(member(diff, p)).toBe(member(a, p) && !member(b, p));
          expect(a.containsAddress(p)).toBe(member(a, p));
        }
        expect(diff.isEmpty()).toBe(points.every((p) => !member(a, p) || member(b, p)));
        expect(a.contains(b)).toBe(points.every((p) => !member(b, p) || member(a, p)));
        expect(a.overlaps(b)).toBe(points.some((p) => member(a, p) && member(b, p)));
        expect(a.equals(b)).toBe(points.every((p) => member(a, p) === member(b, p)));
      }),
    );
  });

  it('size counts points once even when cubes overlap', () => {
    fc.assert(
      fc.property(smallSet, (a) => {
        // every small cube fixes the high 25 bits to zero, so all members lie in `points`
        expect(a.size()).toBe(points.filter((p) => member(a, p)).length);
      }),
    );
  });
});

describe('AddressSet basics', () => {
  it('merges sibling prefixes on union', () => {
    const set = AddressSet.of(fromPrefix(ip('10.0.0.0'), 25), fromPrefix(ip('10.0.0.128'), 25));
    expect(set.cubes).toEqual([fromPrefix(ip('10.0.0.0'), 24)]);
    expect(set.describe()).toBe('10.0.0.0/24');
  });

  it('describes ranges, any, nothing and non-contiguous parts with a cap', () => {
    expect(AddressSet.fromRange(ip('211.254.198.162'), ip('211.254.198.174')).describe()).toBe('211.254.198.162-211.254.198.174');
    expect(AddressSet.ANY.describe()).toBe('any');
    expect(AddressSet.EMPTY.describe()).toBe('nothing');
    const many = AddressSet.of(...[1, 3, 5, 7, 9].map((n) => fromPrefix(ip(`10.0.${n}.0`), 24)));
    expect(many.describe(2)).toBe('10.0.1.0/24, 10.0.3.0/24 and 3 more');
    expect(AddressSet.of(fromWildcard(ip('10.0.0.1'), ip('0.0.255.0'))).describe()).toBe('10.0.0.1 wildcard 0.0.255.0');
  });

  it('sizes big sets exactly', () => {
    expect(AddressSet.ANY.size()).toBe(2 ** 32);
    expect(AddressSet.ANY.subtract(AddressSet.of(fromPrefix(ip('10.0.0.0'), 8))).size()).toBe(2 ** 32 - 2 ** 24);
  });

  it('stays exact for large sets that skip compaction', () => {
    const hosts = Array.from({ length: 1000 }, (_, i) => fromPrefix(ip('10.0.0.0') + i * 2, 32));
    const set = AddressSet.of(...hosts);
    expect(set.size()).toBe(1000);
    expect(set.containsAddress(ip('10.0.0.2'))).toBe(true);
    expect(set.containsAddress(ip('10.0.0.3'))).toBe(false);
    const withWhole = set.union(AddressSet.of(fromPrefix(ip('10.0.0.0'), 16)));
    expect(withWhole.equals(AddressSet.of(fromPrefix(ip('10.0.0.0'), 16)))).toBe(true);
  });
});
