import type { ConfigAst } from '../ast/types.js';

export type ParseFunction = (input: string | Uint8Array, file: string) => { ast: ConfigAst; text: string };

let loaded: ParseFunction | undefined;

/** The parser stage (`src/ast/parse.ts`). */
export async function loadParser(): Promise<ParseFunction> {
  if (!loaded) {
    const specifier = '../ast/parse.js';
    const module = (await import(specifier)) as { parseConfig: ParseFunction };
    loaded = module.parseConfig;
  }
  return loaded;
}
