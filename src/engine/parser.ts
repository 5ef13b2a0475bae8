import { parseConfig } from '../ast/parse.js';
import type { ConfigAst } from '../ast/types.js';

export type ParseFunction = (input: string | Uint8Array, file: string) => { ast: ConfigAst; text: string };

/** The parser stage (`src/ast/parse.ts`); async so a lazily loaded parser can replace it without API change. */
export async function loadParser(): Promise<ParseFunction> {
  return parseConfig;
}
