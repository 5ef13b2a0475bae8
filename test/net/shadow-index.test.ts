import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fromPrefix, hostCube } from '../../src/net/cube.js';
import { makeBox } from '../../src/net/flow.js';
import { parseIpv4 } from '../../src/net/ipv4.js';
import { findShadowedRules } from '../../src/net/shadow-index.js';
import { flowPoints, inBox, smallBox } from './oracle.js';

const ip = (text: string) => parseIpv4(text)!;
const allPoints = [...flowPoints()];

describe('findShadowedRules against brute force', () => {
  it('reports exactly the rules whose flows earlier rules all take', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ box: smallBox, action: fc.constantFrom<'permit' | 'deny'>('permit', 'deny') }), { maxLength: 10 }), (raw) => {
        const rules = raw.map((r, i) => ({ ...r, id: i }));
        const findings = findShadowedRules(rules, { maxReported: 100, maxCandidates: 1000 });
        const expected = rules.flatMap((rule, i) =>
          allPoints.every((p) => !inBox(rule.box, p) || rules.slice(0, i).some((earlier) => inBox(earlier.box, p))) ? [i] : [],
        );
        expect(findings.map((f) => f.index)).toEqual(expected);
        for (const finding of findings) {
          for (const by of finding.by) {
            expect(by.index).toBeLessThan(finding.index);
            expect(allPoints.some((p) => inBox(rules[by.index].box, p) && inBox(rules[finding.index].box, p))).toBe(true);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('findShadowedRules', () => {
  const local = fromPrefix(ip('10.1.0.0'), 24);
  it('flags a host rule behind a subnet rule of the opposite action as conflicting', () => {
    const findings = findShadowedRules([
      { id: 5, action: 'deny', box: makeBox({ src: local }) },
      { id: 10, action: 'permit', box: makeBox({ src: hostCube(ip('10.1.0.7')), protocol: 6 }) },
      { id: 15, action: 'permit', box: makeBox({ src: fromPrefix(ip('10.1.0.0'), 16) }) },
    ]);
    expect(findings).toEqual([{ id: 10, index: 1, by: [{ id: 5, index: 0, action: 'deny' }], conflicting: true }]);
  });

  it('needs several earlier rules together', () => {
    const findings = findShadowedRules([
      { id: 5, action: 'permit', box: makeBox({ src: fromPrefix(ip('10.1.0.0'), 25) }) },
      { id: 10, action: 'permit', box: makeBox({ src: fromPrefix(ip('10.1.0.128'), 25) }) },
      { id: 15, action: 'permit', box: makeBox({ src: local }) },
    ]);
    expect(findings).toMatchObject([{ id: 15, conflicting: false, by: [{ id: 5 }, { id: 10 }] }]);
  });
});
