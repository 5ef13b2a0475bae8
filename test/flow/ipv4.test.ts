import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import ipaddr from 'ipaddr.js';
import {
  formatIpv4,
  isContiguousMask,
  isPrivate,
  maskToPrefix,
  parseIpv4,
  parseMaskOrLength,
  parseWildcard,
  popcount,
  prefixToMask,
  wildcardToPrefix,
} from '../../src/flow/ipv4.js';

describe('parseIpv4', () => {
  it.each([
    ['0.0.0.0', 0],
    ['10.1.2.3', 0x0a010203],
    ['255.255.255.255', 0xffffffff],
    ['192.168.1.254', 0xc0a801fe],
  ])('parses %s', (text, value) => {
    expect(parseIpv4(text)).toBe(value);
  });

  it.each(['010.1.1.1', '10.01.1.1', '0x0a.1.1.1', '256.1.1.1', '1.2.3', '1.2.3.4.5', '192.168.xxx.0', ' 1.2.3.4', '1.2.3.4 ', '', '1..2.3', '-1.2.3.4', '1.2.3.4/24', '1000.1.1.1'])(
    'rejects %j',
    (text) => {
      expect(parseIpv4(text)).toBeUndefined();
    },
  );

  it('round-trips and agrees with ipaddr.js on valid dotted quads', () => {
    fc.assert(
      fc.property(fc.ipV4(), (text) => {
        const value = parseIpv4(text);
        expect(value).toBeDefined();
        expect(value! >= 0 && value! <= 0xffffffff).toBe(true);
        expect(formatIpv4(value!)).toBe(text);
        const oracle = ipaddr.IPv4.parse(text).toByteArray();
        expect(value).toBe(((oracle[0] << 24) | (oracle[1] << 16) | (oracle[2] << 8) | oracle[3]) >>> 0);
      }),
    );
  });

  it('formats every u32 into something it parses back', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (value) => {
        expect(parseIpv4(formatIpv4(value))).toBe(value);
      }),
    );
  });
});

describe('masks', () => {
  it('converts prefix lengths and masks both ways, matching ipaddr.js', () => {
    for (let length = 0; length <= 32; length++) {
      const mask = prefixToMask(length);
      expect(formatIpv4(mask)).toBe(ipaddr.IPv4.subnetMaskFromPrefixLength(length).toString());
      expect(isContiguousMask(mask)).toBe(true);
      expect(maskToPrefix(mask)).toBe(length);
      expect(wildcardToPrefix(~mask >>> 0)).toBe(length);
    }
  });

  it('recognises non-contiguous masks like ipaddr.js does', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (mask) => {
        const oracle = ipaddr.IPv4.parse(formatIpv4(mask)).prefixLengthFromSubnetMask();
        expect(maskToPrefix(mask) ?? null).toBe(oracle);
      }),
    );
    expect(maskToPrefix(parseIpv4('255.0.255.0')!)).toBeUndefined();
  });

  it('parses wildcards with the VRP 0 shorthand', () => {
    expect(parseWildcard('0')).toBe(0);
    expect(parseWildcard('0.0.0.255')).toBe(255);
    expect(parseWildcard('00')).toBeUndefined();
  });

  it('parses masks given dotted or as lengths', () => {
    expect(parseMaskOrLength('24')).toBe(24);
    expect(parseMaskOrLength('255.255.255.0')).toBe(24);
    expect(parseMaskOrLength('33')).toBeUndefined();
    expect(parseMaskOrLength('255.0.255.0')).toBeUndefined();
  });

  it('counts bits', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (v) => {
        expect(popcount(v)).toBe(v.toString(2).split('').filter((c) => c === '1').length);
      }),
    );
  });
});

describe('isPrivate', () => {
  it.each([
    ['10.0.0.1', true],
    ['10.255.255.255', true],
    ['172.16.0.1', true],
    ['172.31.255.255', true],
    ['172.32.0.0', false],
    ['192.168.3.4', true],
    ['192.169.0.1', false],
    ['100.64.0.1', true],
    ['100.127.255.255', true],
    ['100.128.0.0', false],
    ['202.100.1.10', false],
    ['8.8.8.8', false],
  ])('%s → %s', (text, expected) => {
    expect(isPrivate(parseIpv4(text)!)).toBe(expected);
  });
});
