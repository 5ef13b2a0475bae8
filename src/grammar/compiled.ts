import * as ohm from 'ohm-js';

/**
 * The statement grammar precompiled to an ohm recipe. Compiling `statements.ohm` costs ~0.5 s
 * per process (and per parse worker); loading the recipe costs ~30 ms. The recipe is generated
 * by `npm run generate` and a test fails when it is stale.
 */
export interface CompiledGrammar {
  /** Every `k<"…">` keyword of the grammar: words kept literally in line shapes. */
  keywords: string[];
  recipe: unknown;
}

export const COMPILED_GRAMMAR_FILE = 'statements.grammar.json';

export function compileGrammar(source: string): CompiledGrammar {
  const keywords = [...new Set(Array.from(source.matchAll(/k<"([^"]+)">/g), (m) => m[1]))].sort();
  const grammar = ohm.grammar(source) as ohm.Grammar & { toRecipe(): string };
  return { keywords, recipe: JSON.parse(grammar.toRecipe()) };
}

export function compiledGrammarText(source: string): string {
  return `${JSON.stringify(compileGrammar(source))}\n`;
}

/** `makeRecipe` (like `Grammar.toRecipe`) exists in ohm-js 17 at runtime but not in its type declarations. */
export function grammarFromRecipe(recipe: unknown): ohm.Grammar {
  return (ohm as unknown as { makeRecipe(recipe: unknown): ohm.Grammar }).makeRecipe(recipe);
}
