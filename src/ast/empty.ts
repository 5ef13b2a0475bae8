import { astSchema } from './schema.js';
import type { ConfigAst, Platform } from './types.js';

/*
 * What an AST without any statement holds, and which lists an AST has, read from its schema
 * (derived from src/ast/types.ts): a list added to `ConfigAst` starts empty and is counted by
 * `fwlint parse` without being named here.
 */

interface PropertySchema {
  const?: unknown;
  type?: string | string[];
  minimum?: number;
  $ref?: string;
  items?: PropertySchema;
}

const root = astSchema as { properties: Record<string, PropertySchema>; required: string[]; $defs: Record<string, { required?: string[] }> };

/** How a required property of an empty AST starts (a fresh value each call); `file` and `platform` are the caller's. */
function starter(name: string, property: PropertySchema): (file: string, platform: Platform) => unknown {
  if (name === 'file') return (file) => file;
  if (name === 'platform') return (_file, platform) => platform;
  if (property.const !== undefined) return () => property.const;
  if (property.type === 'array') return () => [];
  if (property.type === 'integer') return () => property.minimum ?? 0;
  const def = property.$ref?.startsWith('#/$defs/') ? root.$defs[property.$ref.slice('#/$defs/'.length)] : undefined;
  if (def && (def.required ?? []).length === 0) return () => ({});
  throw new Error(`emptyAst: no empty value for ConfigAst.${name} (a new kind of required field: say in src/ast/empty.ts what it starts with)`);
}

// In the order of the types, as the JSON of a parse has always listed them.
const STARTERS = Object.entries(root.properties)
  .filter(([name]) => root.required.includes(name))
  .map(([name, property]) => [name, starter(name, property)] as const);

/** An AST without any statement: the starting point of a parse and the fallback of a model build. */
export function emptyAst(file: string, platform: Platform = 'unknown'): ConfigAst {
  const ast: Record<string, unknown> = {};
  for (const [name, start] of STARTERS) ast[name] = start(file, platform);
  return ast as unknown as ConfigAst;
}

/** The AST's lists of statements (every array property of `ConfigAst`), in the order of the types. */
export const AST_LISTS: readonly (keyof ConfigAst & string)[] = Object.entries(root.properties)
  .filter(([, property]) => property.type === 'array')
  .map(([name]) => name as keyof ConfigAst & string);
