import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { resolveConcurrency } from '../../src/engine/parse-files.js';

describe('resolveConcurrency', () => {
  it('stays sequential for small runs and uses min(2, cpus) threads for large ones', () => {
    expect(resolveConcurrency('auto', 300, 1024 * 1024)).toBe(1);
    expect(resolveConcurrency('auto', 1, 100 * 1024 * 1024)).toBe(1);
    expect(resolveConcurrency('auto', 10, 20 * 1024 * 1024)).toBe(Math.min(2, availableParallelism()));
  });

  it('honours an explicit count, capped by the number of files', () => {
    expect(resolveConcurrency(4, 3, 10)).toBe(3);
    expect(resolveConcurrency(2, 10, 10)).toBe(2);
  });
});
