import { KEPT_GENERIC_WORDS } from './build.js';
import type { ConfigAst, GenericStatement } from './types.js';

/**
 * JSON for `fwlint parse --json`. Secret values never reach the AST (the tokeniser cuts them
 * off, and unmodelled statements keep only their leading words), so this only asserts it: a
 * SecretValue must carry no text, and no generic statement more than its leading words.
 */
export function astToJson(ast: ConfigAst, space = 2): string {
  return JSON.stringify(ast, (key, value: unknown) => {
    if (value && typeof value === 'object' && (value as { secret?: unknown }).secret === true) {
      const keys = Object.keys(value);
      const allowed = new Set(['secret', 'form', 'encrypted', 'digest', 'range']);
      if (keys.some((k) => !allowed.has(k))) throw new Error('secret value carries unexpected fields');
    }
    if (key === 'generic' && Array.isArray(value) && (value as GenericStatement[]).some((g) => g.tokens.length > KEPT_GENERIC_WORDS)) {
      throw new Error('a generic statement carries more than its leading words');
    }
    return value;
  }, space);
}
