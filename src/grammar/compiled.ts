import { createRequire } from 'node:module';
import type * as ohm from 'ohm-js';

/**
 * The statement grammar precompiled to an ohm recipe. Compiling `statements.ohm` costs ~0.5 s
 * per process (and per parse worker); loading the recipe costs ~30 ms. The recipe is generated
 * by `npm run generate` (src/grammar/compile.ts) and a test fails when it is stale.
 */
export interface CompiledGrammar {
  /** Hash of the grammar source: line-shape results learnt under another grammar are not reused. */
  fingerprint: string;
  /** Every `k<"…">` keyword of the grammar: words kept literally in line shapes. */
  keywords: string[];
  recipe: unknown;
}

export const COMPILED_GRAMMAR_FILE = 'statements.grammar.json';

/**
 * Builds the grammar from its recipe. ohm-js is required here, on first use, rather than imported:
 * loading it costs ~60 ms, which a run whose line shapes are all known from the cache never pays.
 * (`makeRecipe` exists in ohm-js 17 at runtime but not in its type declarations.)
 */
export function grammarFromRecipe(recipe: unknown): ohm.Grammar {
  const runtime = createRequire(import.meta.url)('ohm-js') as { makeRecipe(recipe: unknown): ohm.Grammar };
  return runtime.makeRecipe(recipe);
}
