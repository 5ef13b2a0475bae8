import { createHash, randomBytes } from 'node:crypto';

export type SecretForm = 'cipher' | 'simple' | 'plain' | 'irreversible-cipher';

/** Where a secret starts on a line (index into the raw token list) and how it was introduced. */
export interface SecretSpan {
  /** Index of the first secret token; everything from it to the end of the line is secret. */
  tokenIndex: number;
  form: SecretForm;
}

const FORM_WORDS = new Set(['cipher', 'simple', 'irreversible-cipher']);
const MANUAL_SA_KEYS = new Set(['string-key', 'authentication-hex', 'encryption-hex']);
const KEY_WORDS = new Set(['pre-shared-key', 'shared-key', 'authentication-key', 'key-string']);
const DIRECTION_WORDS = new Set(['inbound', 'outbound', 'esp', 'ah']);

/** Every word `findSecret` starts from contains one of these: lines without them skip the per-word work. */
const SECRET_HINT = /key|password|community|cipher|-hex/i;
/** The same hint for one pass over a whole file (copy it before use: it carries `lastIndex`). */
export const SECRET_HINT_GLOBAL = /key|password|community|cipher|-hex/gi;

export function mayHoldSecret(lineText: string): boolean {
  return SECRET_HINT.test(lineText);
}

/**
 * Finds the secret on a line from its leading words only (the value itself may contain `#`,
 * `%`, quotes and spaces, so the rest of the line is taken verbatim, never regex-matched).
 * `words` are the raw whitespace-separated tokens of the line.
 */
export function findSecret(words: readonly string[]): SecretSpan | undefined {
  const lower = words.map((w) => w.toLowerCase());
  const n = lower.length;
  for (let i = 0; i < n; i++) {
    const word = lower[i];
    if (KEY_WORDS.has(word)) return afterForm(lower, i + 1);
    if (word === 'password' && !(i > 0 && lower[0] === 'undo')) {
      let j = i + 1;
      if (lower[j] === 'level' && j + 1 < n) j += 2;
      if (FORM_WORDS.has(lower[j])) return afterForm(lower, j);
      // `ppp chap password X`, `password X`: plaintext. `local-aaa-user password policy …` is not a secret.
      if (j < n && (i === 0 || lower[0] === 'ppp' || lower[0] === 'tunnel')) return { tokenIndex: j, form: 'plain' };
      continue;
    }
    if (word === 'community' && lower[0] === 'snmp-agent' && (lower[i + 1] === 'read' || lower[i + 1] === 'write')) {
      return afterForm(lower, i + 2);
    }
    if (MANUAL_SA_KEYS.has(word) && lower[0] === 'sa') {
      let j = i + 1;
      while (j < n && DIRECTION_WORDS.has(lower[j])) j++;
      return afterForm(lower, j);
    }
    if ((word === 'cipher' || word === 'irreversible-cipher') && i > 0 && i + 1 < n) {
      return { tokenIndex: i + 1, form: word };
    }
  }
  return undefined;
}

function afterForm(lower: readonly string[], index: number): SecretSpan | undefined {
  if (index >= lower.length) return undefined;
  const word = lower[index];
  if (FORM_WORDS.has(word)) {
    if (index + 1 >= lower.length) return undefined;
    return { tokenIndex: index + 1, form: word as SecretForm };
  }
  return { tokenIndex: index, form: 'plain' };
}

/** Reversible-ciphertext markers printed by VRP, plus the `$1a$` irreversible hash prefix. */
const ENCRYPTED_PREFIXES = ['%^%#', '%$%$', '%@%@', '@%@%', '%#%#', '$1a$', '$1b$', '$1c$', '$1d$'];

export function isEncryptedSecret(value: string, form: SecretForm): boolean {
  if (form === 'irreversible-cipher') return true;
  return ENCRYPTED_PREFIXES.some((p) => value.startsWith(p));
}

const SALT = randomBytes(16);

/** Salted per process so a digest printed anywhere cannot be looked up offline. */
export function secretDigest(value: string): string {
  return createHash('sha256').update(SALT).update(value, 'utf8').digest('hex');
}
