import type { ConfigAst } from './types.js';

/**
 * JSON for `fwlint parse --json`. Secret values never reach the AST (the tokeniser cuts them
 * off), so this only asserts it: a SecretValue must carry no text, and no generic token may
 * follow a redaction point.
 */
export function astToJson(ast: ConfigAst, space = 2): string {
  return JSON.stringify(ast, (key, value: unknown) => {
    if (value && typeof value === 'object' && (value as { secret?: unknown }).secret === true) {
      const keys = Object.keys(value);
      const allowed = new Set(['secret', 'form', 'encrypted', 'digest', 'range']);
      if (keys.some((k) => !allowed.has(k))) throw new Error('secret value carries unexpected fields');
    }
    return value;
  }, space);
}
