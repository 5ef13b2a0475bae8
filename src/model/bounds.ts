import type { Lookups } from './lookups.js';
import { MemoSlot } from './memo.js';

/**
 * Computations the model settled with a bounded answer instead of an exact one (a work or size
 * budget was reached), per configuration. The answer is always on the safe side (a superset of
 * flows marked inexact, a verdict left unknown), never silently wrong: the engine reports each
 * bound once as a note for the file, after the rules ran, whichever rules read the result.
 */
const BOUNDS = new MemoSlot<Lookups, Map<string, string>>('bounds reached');

/** Records (once per key) that a computation for this configuration was bounded, and how, for a note. */
export function noteBound(lookups: Lookups, key: string, message: string): void {
  const byKey = lookups.memo.get(BOUNDS, lookups, () => new Map<string, string>());
  if (!byKey.has(key)) byKey.set(key, message);
}

/** The bounds recorded so far for a configuration (the lookups of its AST), in the order met. */
export function boundsOf(lookups: Lookups | undefined): string[] {
  return lookups ? [...(lookups.memo.peek(BOUNDS, lookups)?.values() ?? [])] : [];
}
