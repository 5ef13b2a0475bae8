import type { ConfigAst } from '../ast/types.js';

/** One input after parsing: what the cache stores and workers send back (plain JSON). */
export interface ParsedFile {
  /** Path as shown in reports. */
  file: string;
  text: string;
  ast: ConfigAst;
}

/** Parse diagnostics that mean there is no configuration to model at all. */
export const FATAL_PARSE_CODES: ReadonlySet<string> = new Set(['not-huawei-config', 'binary-input', 'empty-input', 'input-too-large']);

export function isModelable(parsed: ParsedFile): boolean {
  return !parsed.ast.diagnostics.some((d) => FATAL_PARSE_CODES.has(d.code));
}
