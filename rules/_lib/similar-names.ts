import { editDistance } from '../../src/text/edit-distance.js';

/**
 * `candidates` ordered by how close their name is to `wanted`, closest first: a name equal but for
 * case first, then by edit distance ignoring case, then by edit distance with case; ties keep the
 * candidates' own order (the order of definition). At most `limit` of them.
 */
export function closestNames<T extends { name: string }>(wanted: string, candidates: readonly T[], limit: number): T[] {
  const lower = wanted.toLowerCase();
  const ranked = candidates.map((candidate, index) => {
    const name = candidate.name.toLowerCase();
    return { candidate, index, same: name === lower ? 0 : 1, folded: editDistance(lower, name), exact: editDistance(wanted, candidate.name) };
  });
  ranked.sort((a, b) => a.same - b.same || a.folded - b.folded || a.exact - b.exact || a.index - b.index);
  return ranked.slice(0, limit).map((r) => r.candidate);
}

/** `base` made unique among `taken` (lower-case names): `base`, `base-2`, … */
export function freeName(taken: ReadonlySet<string>, base: string): string {
  if (!taken.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`.toLowerCase())) return `${base}-${i}`;
}
