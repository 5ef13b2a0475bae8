import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BoxIndex } from '../../src/flow/box-index.js';
import { fromPrefix, fromWildcard, makeCube } from '../../src/flow/cube.js';
import { type Box, boxesOverlap, intersectBoxes, makeBox } from '../../src/flow/flow.js';
import { parseIpv4 } from '../../src/flow/ipv4.js';
import { findOverlaps, type OverlapEntry, type OverlapKind } from '../../src/flow/overlap-index.js';
import { flowPoints, inBox, inBoxes, smallBox } from './oracle.js';

const ip = (text: string) => parseIpv4(text)!;
const allPoints = [...flowPoints()];

const wideCube = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 32 })).map(([a, len]) => fromPrefix(a, len)),
  fc.tuple(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 0xffffffff })).map(([a, w]) => fromWildcard(a, w)),
  // clustered addresses so that prefixes share bits and leaves split deep
  fc.tuple(fc.integer({ min: 0, max: 63 }), fc.integer({ min: 24, max: 32 })).map(([n, len]) => fromPrefix(ip('10.0.0.0') + n * 4, len)),
);
const wideBox = fc
  .record({ src: wideCube, dst: wideCube, protocol: fc.constantFrom<number | null>(null, 6, 17, 50) })
  .map((r) => makeBox(r));

describe('boxesOverlap', () => {
  it('agrees with intersectBoxes', () => {
    fc.assert(
      fc.property(smallBox, smallBox, (a, b) => {
        expect(boxesOverlap(a, b)).toBe(intersectBoxes(a, b) !== null);
      }),
    );
  });
});

describe('BoxIndex', () => {
  it('finds exactly the overlapping boxes (checked against a linear scan)', () => {
    fc.assert(
      fc.property(fc.array(wideBox, { minLength: 1, maxLength: 300 }), fc.array(wideBox, { maxLength: 20 }), (stored, queries) => {
        const index = new BoxIndex<number>();
        stored.forEach((box, i) => index.insert(box, i));
        expect(index.size).toBe(stored.length);
        for (const query of [...queries, ...stored.slice(0, 10)]) {
          const found: number[] = [];
          index.query(query, (item) => {
            found.push(item.payload);
            return true;
          });
          const expected = stored.flatMap((box, i) => (boxesOverlap(box, query) ? [i] : []));
          expect(found.sort((a, b) => a - b)).toEqual(expected);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('stops when the visitor says so', () => {
    const index = new BoxIndex<number>();
    for (let i = 0; i < 100; i++) index.insert(makeBox({ src: fromPrefix(ip('10.0.0.0') + i, 32) }), i);
    let seen = 0;
    index.query(makeBox(), () => ++seen < 5);
    expect(seen).toBe(5);
  });
});

interface Expected {
  kind: OverlapKind;
  overlap: boolean[];
  intersecting: number[];
}

/** All-pairs reference on explicit point sets. */
function bruteForce(entries: OverlapEntry<number>[]): Map<number, Expected> {
  const effective: boolean[][] = [];
  const result = new Map<number, Expected>();
  entries.forEach((entry, i) => {
    const group = entry.group ?? -1;
    const earlierDenies = entries.slice(0, i).filter((e) => e.action === 'deny' && (e.group ?? -1) === group);
    const eff = allPoints.map((p) => entry.action === 'permit' && inBox(entry.box, p) && !inBoxes(earlierDenies.map((e) => e.box), p));
    effective.push(eff);
    if (entry.action === 'deny') return;
    if (!eff.some(Boolean)) {
      result.set(i, { kind: 'shadowedByDeny', overlap: allPoints.map((p) => inBox(entry.box, p)), intersecting: [] });
      return;
    }
    const intersecting = effective.slice(0, i).flatMap((other, j) => (other.some((x, k) => x && eff[k]) ? [j] : []));
    if (intersecting.length === 0) return;
    const covered = eff.map((_, k) => intersecting.some((j) => effective[j][k]));
    const overlap = eff.map((x, k) => x && covered[k]);
    const full = eff.every((x, k) => !x || covered[k]);
    result.set(i, { kind: full ? 'full' : 'partial', overlap, intersecting });
  });
  return result;
}

const entryList = fc.array(
  fc.record({ box: smallBox, action: fc.constantFrom<'permit' | 'deny'>('permit', 'permit', 'deny'), group: fc.integer({ min: 0, max: 2 }) }),
  { maxLength: 12 },
);

describe('findOverlaps against brute-force all pairs', () => {
  it('classifies every permit like the oracle', () => {
    fc.assert(
      fc.property(entryList, (raw) => {
        const entries = raw.map((e, i) => ({ ...e, id: i }));
        const expected = bruteForce(entries);
        const findings = findOverlaps(entries, { maxReported: 100, maxCandidates: 1000 });
        expect(findings.map((f) => f.index).sort((a, b) => a - b)).toEqual([...expected.keys()].sort((a, b) => a - b));
        for (const finding of findings) {
          const want = expected.get(finding.index)!;
          expect(finding.kind).toBe(want.kind);
          expect(finding.complete).toBe(true);
          expect(finding.id).toBe(finding.index);
          const overlap = allPoints.map((p) => inBoxes(finding.overlap.boxes, p));
          expect(overlap).toEqual(want.overlap);
          expect(finding.by.length).toBeGreaterThan(0);
          if (finding.kind !== 'shadowedByDeny') {
            // fully covered permits are not indexed again, so `by` may name their coverers instead
            for (const by of finding.by) {
              expect(want.intersecting).toContain(by.index);
              expect(by.sameGroup).toBe(entries[by.index].group === entries[finding.index].group);
            }
          } else {
            for (const by of finding.by) expect(entries[by.index].action).toBe('deny');
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('with every cap tight and the work budget spent, verdicts stay on the safe side and say so', () => {
    let incomplete = 0;
    fc.assert(
      fc.property(entryList, fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 4 }), (raw, maxCandidates, maxBoxes) => {
        const entries = raw.map((e, i) => ({ ...e, id: i }));
        const expected = bruteForce(entries);
        for (const finding of findOverlaps(entries, { maxReported: 100, maxCandidates, maxBoxes, maxWork: 0 })) {
          const want = expected.get(finding.index);
          if (!finding.complete) incomplete++;
          // an earlier permit cut short is a superset of its flows: an overlap found with it alone is only a maybe
          if (!want) {
            expect(finding.complete).toBe(false);
            expect(finding.kind).toBe('partial');
            continue;
          }
          if (finding.kind === 'shadowedByDeny' || finding.kind === 'full') expect(finding.kind).toBe(want.kind);
          if (finding.kind === 'partial' && want!.kind !== 'partial') {
            // "partial" for a rule that is really shadowed: only as an incomplete verdict
            expect(finding.complete).toBe(false);
          }
          const overlap = allPoints.filter((p) => inBoxes(finding.overlap.boxes, p));
          expect(overlap.length).toBeGreaterThan(0);
          // an incomplete verdict may show more than the true overlap (flows an earlier deny takes), within the rule
          for (const p of overlap) expect(finding.complete ? want!.overlap[allPoints.indexOf(p)] : inBox(entries[finding.index].box, p)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
    expect(incomplete).toBeGreaterThan(0);
  });
});

describe('findOverlaps past its whole budget', () => {
  it('compares the entries left only with an earlier rule containing them, and names the others', () => {
    const host = (i: number): Box => makeBox({ src: makeCube((0x0a000000 + i) >>> 0, 0xffffffff), dst: fromPrefix(ip('172.16.0.0'), 24) });
    const wide = makeBox({ src: fromPrefix(ip('10.0.0.0'), 20), dst: fromPrefix(ip('172.16.0.0'), 24) });
    // 1,100 disjoint hosts use up the bounded entries; then a duplicate, a host inside `wide`, and `wide` again shifted
    const entries: OverlapEntry<number>[] = Array.from({ length: 1100 }, (_, i) => ({ id: i, box: host(5000 + i), action: 'permit' as const, group: 0 }));
    entries.push({ id: 1100, box: wide, action: 'permit', group: 0 });
    entries.push({ id: 1101, box: host(7), action: 'permit', group: 0 }); // inside wide: taken whole
    entries.push({ id: 1102, box: host(5003), action: 'permit', group: 0 }); // a duplicate
    entries.push({ id: 1103, box: makeBox({ src: fromPrefix(ip('10.0.0.0'), 19), dst: fromPrefix(ip('172.16.0.0'), 24) }), action: 'permit', group: 0 }); // half of it is wide
    const unchecked: number[] = [];
    const findings = findOverlaps(entries, { maxWork: 0, onUnchecked: (i) => unchecked.push(i) });
    const byId = new Map(findings.map((f) => [f.id, f]));
    expect(byId.get(1101)).toMatchObject({ kind: 'full', complete: true, by: [{ index: 1100 }] });
    expect(byId.get(1102)).toMatchObject({ kind: 'full', complete: true, by: [{ index: 3 }] });
    // the partial overlap is not looked for, but said
    expect(byId.has(1103)).toBe(false);
    expect(unchecked).toContain(1103);
    expect(unchecked).not.toContain(1101);
  });
});

describe('findOverlaps semantics', () => {
  const local = fromPrefix(ip('10.1.0.0'), 24);
  const remote = fromPrefix(ip('10.2.0.0'), 24);
  const permit = (id: string, box: Box, group = 0): OverlapEntry<string> => ({ id, box, action: 'permit', group });
  const deny = (id: string, box: Box, group = 0): OverlapEntry<string> => ({ id, box, action: 'deny', group });

  it('reports cross-sequence overlap, partial and full, with the earlier rule', () => {
    const findings = findOverlaps([
      permit('seq10/rule5', makeBox({ src: local, dst: remote })),
      permit('seq20/rule5', makeBox({ src: local, dst: fromPrefix(ip('10.2.0.0'), 16) }), 1),
      permit('seq30/rule5', makeBox({ src: local, dst: hostCube(ip('10.2.0.9')) }), 2),
    ]);
    expect(findings.map((f) => [f.id, f.kind, f.by.map((b) => b.id)])).toEqual([
      ['seq20/rule5', 'partial', ['seq10/rule5']],
      ['seq30/rule5', 'full', ['seq10/rule5', 'seq20/rule5']],
    ]);
    expect(findings[0].overlap.describe()).toBe('source 10.1.0.0/24 → destination 10.2.0.0/24');
  });

  it('lets an earlier deny carve a later permit of the same ACL only', () => {
    const findings = findOverlaps([
      deny('acl1/rule5', makeBox({ src: local, dst: remote }), 1),
      permit('acl1/rule10', makeBox({ src: local, dst: remote }), 1),
      permit('acl2/rule5', makeBox({ src: local, dst: remote }), 2),
      permit('acl2/rule10', makeBox({ src: local, dst: fromPrefix(ip('10.2.1.0'), 24) }), 2),
      permit('acl1/rule15', makeBox({ src: local, dst: fromPrefix(ip('10.2.0.0'), 16) }), 1),
    ]);
    expect(findings.map((f) => [f.id, f.kind])).toEqual([
      ['acl1/rule10', 'shadowedByDeny'],
      ['acl1/rule15', 'partial'],
    ]);
    // acl2/rule5 meets only flows that acl1's deny already took from rule15
    expect(findings[1].by).toEqual([{ id: 'acl2/rule10', index: 3, sameGroup: false }]);
  });

  it('handles non-contiguous wildcards', () => {
    const everyFifth = makeBox({ src: fromWildcard(ip('10.1.0.5'), ip('0.0.255.0')), dst: remote });
    const findings = findOverlaps([permit('a', everyFifth), permit('b', makeBox({ src: hostCube(ip('10.1.7.5')), dst: remote }), 1)]);
    expect(findings).toMatchObject([{ id: 'b', kind: 'full' }]);
    expect(findOverlaps([permit('a', everyFifth), permit('b', makeBox({ src: hostCube(ip('10.1.7.6')), dst: remote }), 1)])).toEqual([]);
  });

  it('short-circuits identical boxes and caps what it reports', () => {
    const box = makeBox({ src: local, dst: remote, protocol: 6, dstPorts: [443, 443] });
    const entries = Array.from({ length: 10 }, (_, i) => permit(`r${i}`, box, i));
    const findings = findOverlaps(entries, { maxReported: 2 });
    expect(findings).toHaveLength(9);
    expect(findings.every((f) => f.kind === 'full' && f.by.length === 1 && f.by[0].id === 'r0')).toBe(true);
    const wide = Array.from({ length: 10 }, (_, i) => permit(`h${i}`, makeBox({ src: local, dst: hostCube(ip('10.2.0.0') + i) }), i));
    const last = findOverlaps([...wide, permit('all', makeBox({ src: local, dst: remote }), 99)], { maxReported: 2, maxCandidates: 4 }).at(-1)!;
    expect(last).toMatchObject({ id: 'all', kind: 'partial', complete: false });
    expect(last.by).toHaveLength(2);
  });

  it('ignores protocols that do not meet', () => {
    const findings = findOverlaps([
      permit('esp', makeBox({ src: local, dst: remote, protocol: 50 })),
      permit('web', makeBox({ src: local, dst: remote, protocol: 6, dstPorts: [80, 80] }), 1),
      permit('all', makeBox({ src: local, dst: remote, protocol: null }), 2),
    ]);
    expect(findings.map((f) => [f.id, f.kind])).toEqual([['all', 'partial']]);
  });
});

function hostCube(address: number) {
  return makeCube(address, 0xffffffff);
}
