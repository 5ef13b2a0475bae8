import type { ConfigAst } from '../ast/types.js';

export type ParseFunction = (input: string | Uint8Array, file: string) => { ast: ConfigAst; text: string };

/**
 * The parser stage (`src/ast/parse.ts`), imported on first use: loading it compiles the grammar
 * (about half a second), which a run answered entirely from the cache never needs.
 */
export async function loadParser(): Promise<ParseFunction> {
  const { parseConfig } = await import('../ast/parse.js');
  return parseConfig;
}
