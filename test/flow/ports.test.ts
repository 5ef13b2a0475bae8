import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PortSet, portsFromOperator, type PortRange } from '../../src/flow/ports.js';
import { lookupPort, lookupPredefinedService, lookupProtocol, protocolName } from '../../src/flow/protocol.js';

const range = fc
  .tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 }))
  .map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as PortRange);
const portSet = fc.array(range, { maxLength: 4 }).map((ranges) => PortSet.of(...ranges));
const universe = Array.from({ length: 42 }, (_, i) => i);

describe('PortSet against enumeration', () => {
  it('union / intersect / subtract / contains', () => {
    fc.assert(
      fc.property(portSet, portSet, (a, b) => {
        for (const p of universe) {
          expect(a.union(b).has(p)).toBe(a.has(p) || b.has(p));
          expect(a.intersect(b).has(p)).toBe(a.has(p) && b.has(p));
          expect(a.subtract(b).has(p)).toBe(a.has(p) && !b.has(p));
        }
        expect(a.contains(b)).toBe(universe.every((p) => !b.has(p) || a.has(p)));
        expect(a.union(b).equals(b.union(a))).toBe(true);
      }),
    );
  });

  it('keeps intervals sorted and non-adjacent', () => {
    expect(PortSet.of([5, 9], [1, 4], [20, 30]).ranges).toEqual([[1, 9], [20, 30]]);
    expect(PortSet.of([5, 9], [1, 4]).describe()).toBe('1-9');
    expect(PortSet.ALL.describe()).toBe('any');
  });
});

describe('port operators', () => {
  it.each([
    ['eq', 80, undefined, [[80, 80]]],
    ['gt', 1023, undefined, [[1024, 65535]]],
    ['gt', 65535, undefined, []],
    ['lt', 1024, undefined, [[0, 1023]]],
    ['lt', 0, undefined, []],
    ['range', 10000, 20000, [[10000, 20000]]],
    ['range', 20000, 10000, [[10000, 20000]]],
    ['neq', 0, undefined, [[1, 65535]]],
  ] as const)('%s %d %s', (operator, first, second, expected) => {
    expect(portsFromOperator(operator, first, second)).toEqual(expected);
  });
});

describe('protocol and port names', () => {
  it('maps protocol words, ip as any', () => {
    expect(lookupProtocol('ip')).toBeNull();
    expect(lookupProtocol('TCP')).toBe(6);
    expect(lookupProtocol('udp')).toBe(17);
    expect(lookupProtocol('esp')).toBe(50);
    expect(lookupProtocol('gre')).toBe(47);
    expect(lookupProtocol('89')).toBe(89);
    expect(lookupProtocol('256')).toBeUndefined();
    expect(lookupProtocol('bogus')).toBeUndefined();
    expect(protocolName(51)).toBe('ah');
    expect(protocolName(null)).toBe('ip');
    expect(protocolName(200)).toBe('200');
  });

  it('maps VRP port keywords, refusing the other protocol’s keywords', () => {
    expect(lookupPort('www')).toBe(80);
    expect(lookupPort('https', 6)).toBe(443);
    expect(lookupPort('bootps', 17)).toBe(67);
    expect(lookupPort('bootps', 6)).toBeUndefined();
    expect(lookupPort('syslog', 17)).toBe(514);
    expect(lookupPort('cmd', 6)).toBe(514);
    expect(lookupPort('isakmp', 17)).toBe(500);
    expect(lookupPort('65535')).toBe(65535);
    expect(lookupPort('65536')).toBeUndefined();
  });

  it('knows the predefined services IPSec needs', () => {
    expect(lookupPredefinedService('ISAKMP')).toEqual({ protocol: 17, destinationPorts: [500, 500] });
    expect(lookupPredefinedService('esp')).toEqual({ protocol: 50 });
    expect(lookupPredefinedService('nope')).toBeUndefined();
  });
});
