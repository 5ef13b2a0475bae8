import type { Lookups } from './lookups.js';

/**
 * Computations the model settled with a bounded answer instead of an exact one (a work or size
 * budget was reached), per configuration. The answer is always on the safe side (a superset of
 * flows marked inexact, a verdict left unknown), never silently wrong: the engine reports each
 * bound once as a note for the file, after the rules ran, whichever rules read the result.
 */
const bounds = new WeakMap<Lookups, Map<string, string>>();

/** Records (once per key) that a computation for this configuration was bounded, and how, for a note. */
export function noteBound(lookups: Lookups, key: string, message: string): void {
  let byKey = bounds.get(lookups);
  if (!byKey) bounds.set(lookups, (byKey = new Map()));
  if (!byKey.has(key)) byKey.set(key, message);
}

/** The bounds recorded so far for a configuration (the lookups of its AST), in the order met. */
export function boundsOf(lookups: Lookups | undefined): string[] {
  return lookups ? [...(bounds.get(lookups)?.values() ?? [])] : [];
}
