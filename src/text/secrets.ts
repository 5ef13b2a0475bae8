import { createHash, randomBytes } from 'node:crypto';

export type SecretForm = 'cipher' | 'simple' | 'plain' | 'irreversible-cipher';

/** Where a secret starts on a line (index into the raw token list) and how it was introduced. */
export interface SecretSpan {
  /** Index of the first secret token; everything from it to the end of the line is secret. */
  tokenIndex: number;
  form: SecretForm;
}

/** Words that say how the value after them is written; the value is the word after them. */
const FORM_WORDS = new Set(['cipher', 'simple', 'plain', 'irreversible-cipher']);
/** Form words a typed statement keeps as a keyword (`pre-shared-key cipher …`, `sa … cipher …`). */
const KEPT_FORM_WORDS = new Set(['cipher', 'simple', 'irreversible-cipher']);
/** Words whose value follows them (optionally after a form word): everything after is secret. */
const VALUE_WORDS = new Set([
  'key', 'pre-shared-key', 'shared-key', 'authentication-key', 'key-string', 'password', 'community', 'securityname',
  'pass-phrase',
]);
/** Manual SA keys: `sa string-key inbound esp [cipher] VALUE`; the direction and protocol words are kept. */
const MANUAL_SA_KEYS = new Set(['string-key', 'authentication-hex', 'encryption-hex']);
const DIRECTION_WORDS = new Set(['inbound', 'outbound', 'esp', 'ah']);
/** `authentication-mode md5 VALUE`, `privacy-mode des56 VALUE`: the algorithm is kept, what follows it is secret. */
const MODE_WORDS = new Set(['authentication-mode', 'privacy-mode']);

/**
 * VRP's ciphertext markers (`%^%#…%^%#`, `%$%$…%$%$`, `%@%@…%@%@`, and the older `@%@%`, `%#%#`)
 * and its irreversible-hash prefixes: a word holding one is secret wherever it appears.
 */
export const CIPHER_MARKERS: readonly string[] = ['%^%#', '%$%$', '%@%@', '@%@%', '%#%#'];
const HASH_PREFIXES = ['$1a$', '$1b$', '$1c$', '$1d$'];

/** Every line `findSecret` finds a secret on contains one of these: lines without them skip the per-word work. */
const SECRET_HINT = /key|password|community|cipher|-hex|simple|plain|securityname|authentication-mode|privacy-mode|pass-phrase|%\^%#|%\$%\$|%@%@|@%@%|%#%#|\$1[a-d]\$/i;
/** The same hint for one pass over a whole file (copy it before use: it carries `lastIndex`). */
export const SECRET_HINT_GLOBAL = new RegExp(SECRET_HINT.source, 'gi');

export function mayHoldSecret(lineText: string): boolean {
  return SECRET_HINT.test(lineText);
}

function holdsCipherMarker(word: string): boolean {
  if (word.length < 4) return false;
  for (const m of CIPHER_MARKERS) if (word.includes(m)) return true;
  for (const p of HASH_PREFIXES) if (word.startsWith(p)) return true;
  return false;
}

/**
 * Finds the secret on a line by structure, in any statement (known to fwlint or not): a word
 * holding a VRP cipher marker, or the words after `cipher`, `simple`, `plain`,
 * `irreversible-cipher`, `password`, `key` (and `pre-shared-key`, `shared-key`, …),
 * `community`, `securityname`, `pass-phrase`, `string-key` / `authentication-hex` /
 * `encryption-hex` (after their direction words), `authentication-mode <alg>` and
 * `privacy-mode <alg>`. Everything from the first secret word to the end of the line is secret:
 * the value itself may contain `#`, `%`, quotes and spaces, so it is never regex-matched.
 * `words` are the raw whitespace-separated tokens of the line.
 */
export function findSecret(words: readonly string[]): SecretSpan | undefined {
  const lower = words.map((w) => w.toLowerCase());
  const n = lower.length;
  for (let i = 0; i < n; i++) {
    const word = lower[i];
    if (holdsCipherMarker(words[i])) {
      const before = i > 0 ? lower[i - 1] : '';
      return { tokenIndex: i, form: KEPT_FORM_WORDS.has(before) ? (before as SecretForm) : 'plain' };
    }
    let span: SecretSpan | undefined;
    if (MANUAL_SA_KEYS.has(word)) {
      let j = i + 1;
      while (j < n && DIRECTION_WORDS.has(lower[j])) j++;
      span = afterForm(lower, j);
    } else if (VALUE_WORDS.has(word)) {
      // `local-aaa-user password policy administrator` names a policy view: it holds no password.
      if (word === 'password' && lower[0] === 'local-aaa-user' && lower[i + 1] === 'policy') continue;
      span = afterForm(lower, i + 1);
    } else if (MODE_WORDS.has(word)) {
      span = afterForm(lower, i + 2);
    } else if (FORM_WORDS.has(word) && i + 1 < n) {
      span = { tokenIndex: i + 1, form: word as SecretForm };
    }
    if (span) return span;
  }
  return undefined;
}

/** The value at `index`, after a form word if there is one (a form word with nothing after it is the value). */
function afterForm(lower: readonly string[], index: number): SecretSpan | undefined {
  if (index >= lower.length) return undefined;
  const word = lower[index];
  if (KEPT_FORM_WORDS.has(word) && index + 1 < lower.length) return { tokenIndex: index + 1, form: word as SecretForm };
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
