import { availableParallelism } from 'node:os';
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { MAX_CONCURRENCY, maxConcurrency, resolveConcurrency, splitBySize, type SourceInput } from '../../src/engine/parse-files.js';

describe('resolveConcurrency', () => {
  it('stays sequential for small runs and uses min(2, cpus) threads for large ones', () => {
    expect(resolveConcurrency('auto', 300, 1024 * 1024)).toBe(1);
    expect(resolveConcurrency('auto', 1, 100 * 1024 * 1024)).toBe(1);
    expect(resolveConcurrency('auto', 1000, 20 * 1024 * 1024)).toBe(1);
    expect(resolveConcurrency('auto', 10, 100 * 1024 * 1024)).toBe(Math.min(2, availableParallelism()));
  });

  it('honours an explicit count, capped by the number of files', () => {
    expect(resolveConcurrency(4, 3, 10)).toBe(3);
    expect(resolveConcurrency(2, 10, 10)).toBe(2);
  });

  it('caps an explicit count at min(2 × cpus, 16) threads (issue #20: --concurrency 100000 started a worker per file)', () => {
    expect(maxConcurrency()).toBe(Math.min(2 * availableParallelism(), MAX_CONCURRENCY));
    expect(MAX_CONCURRENCY).toBe(16);
    expect(resolveConcurrency(100_000, 50_000, 10)).toBe(maxConcurrency());
    expect(resolveConcurrency(Number.MAX_SAFE_INTEGER, 1000, 10)).toBe(maxConcurrency());
    expect(resolveConcurrency(Infinity, 1000, 10)).toBe(maxConcurrency());
    expect(resolveConcurrency(Number.NaN, 1000, 10)).toBe(1);
    expect(resolveConcurrency(maxConcurrency(), 1000, 10)).toBe(maxConcurrency());
  });
});

describe('splitBySize', () => {
  const input = (bytes: number): SourceInput => ({ file: `${bytes}.cfg`, content: 'x'.repeat(bytes) });

  it('puts the biggest file in the first share (the main thread) and balances the bytes', () => {
    const inputs = [input(10), input(600), input(200), input(300), input(100)];
    expect(splitBySize(inputs, 2)).toEqual([[0, 1], [2, 3, 4]]);
    expect(splitBySize(inputs, 3)).toEqual([[1], [0, 3], [2, 4]]);
  });

  test.prop([fc.array(fc.nat({ max: 1000 }), { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 4 })])(
    'assigns every input to exactly one share',
    (sizes, count) => {
      const shares = splitBySize(sizes.map(input), count);
      expect(shares).toHaveLength(count);
      expect(shares.flat().sort((a, b) => a - b)).toEqual(sizes.map((_, i) => i));
    },
  );
});
