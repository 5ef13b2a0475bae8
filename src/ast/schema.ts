import { astSchema as generatedAstSchema } from './schema.generated.js';

/*
 * The JSON Schema (draft 2020-12) of `ConfigAst` as serialised by `astToJson`. It is not written
 * here: scripts/ast-schema.ts derives it from the types themselves (src/ast/types.ts, with the
 * bounds the types cannot say as `@minimum` / `@maximum` / `@pattern` JSDoc tags there) into
 * src/ast/schema.generated.ts, which `npm run generate` rewrites and a test holds fresh; so the
 * runtime (src/ast/validate.ts) needs neither the compiler nor the generator.
 */

type Schema = Record<string, unknown>;

/** The JSON Schema of `ConfigAst` (the output of `fwlint parse --json`). */
export const astSchema: Schema = generatedAstSchema;

export const AST_SCHEMA_ID = astSchema.$id as string;

/** schemas/ast.schema.json: the schema as JSON. */
export function astSchemaText(schema: Schema = astSchema): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}
