import { createHash } from 'node:crypto';
import * as ohm from 'ohm-js';
import type { CompiledGrammar } from './compiled.js';

/** Compiles `statements.ohm` to the recipe `npm run generate` writes (ohm is needed here, not at run time). */
export function compileGrammar(source: string): CompiledGrammar {
  const keywords = [...new Set(Array.from(source.matchAll(/k<"([^"]+)">/g), (m) => m[1]))].sort();
  const grammar = ohm.grammar(source) as ohm.Grammar & { toRecipe(): string };
  const fingerprint = createHash('sha256').update(source).digest('hex').slice(0, 16);
  return { fingerprint, keywords, recipe: JSON.parse(grammar.toRecipe()) };
}

export function compiledGrammarText(source: string): string {
  return `${JSON.stringify(compileGrammar(source))}\n`;
}
