import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getCurrentTest } from '@vitest/runner';

/**
 * The published corpus lives beside this repository (../shared/corpus) and is never copied into
 * it. On a clone elsewhere the tests that read it skip with one line saying where it is expected;
 * under CI=true a missing corpus is a failure.
 */
export const corpusDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/corpus');
export const hasCorpus = existsSync(corpusDir);
export const corpusMissingNote = `needs the published corpus, expected at ${corpusDir}`;

/** Call first in a test that reads the corpus: skips that test when the corpus is absent (fails under CI=true). */
export function requireCorpus(): void {
  if (hasCorpus) return;
  if (process.env.CI === 'true') throw new Error(`${corpusMissingNote} (CI=true: a missing corpus fails the run)`);
  const test = getCurrentTest();
  if (test) test.context.skip(corpusMissingNote);
  throw new Error(corpusMissingNote);
}

/** The corpus's `.cfg` names, sorted. Inside a test it requires the corpus; while collecting, an absent corpus gives none. */
export function corpusNames(): string[] {
  if (!hasCorpus && (getCurrentTest() || process.env.CI === 'true')) requireCorpus();
  if (!hasCorpus) return [];
  return readdirSync(corpusDir).filter((n) => n.endsWith('.cfg')).sort();
}

/** One corpus file's text (requires the corpus). */
export function readCorpus(name: string): string {
  requireCorpus();
  return readFileSync(path.join(corpusDir, name), 'utf8');
}
