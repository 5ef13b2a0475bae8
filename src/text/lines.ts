import type { Range } from './range.js';
import { CIPHER_MARKERS, findSecret, isEncryptedSecret, secretDigest, SECRET_HINT_GLOBAL, type SecretForm } from './secrets.js';

export interface LineSecret {
  form: SecretForm;
  encrypted: boolean;
  digest?: string;
  start: number;
  end: number;
}

/** Anything whose words can be read one by one (a line, without building its word list). */
export interface WordSource {
  readonly tokenCount: number;
  word(index: number): string;
}

/**
 * Start/end offsets of every word of a file in two flat arrays: lines refer to a slice of them,
 * so no object or string is kept per word (the word text is sliced from the file on demand).
 */
export class TokenTable {
  starts: Int32Array;
  ends: Int32Array;
  count = 0;

  constructor(readonly text: string) {
    const capacity = Math.max(64, text.length >> 2);
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
  }

  push(start: number, end: number): void {
    if (this.count === this.starts.length) {
      const starts = new Int32Array(this.count * 2);
      starts.set(this.starts);
      this.starts = starts;
      const ends = new Int32Array(this.count * 2);
      ends.set(this.ends);
      this.ends = ends;
    }
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    this.count++;
  }
}

/**
 * A terminal prompt at the start of a line (`<FW1>`, `[FW1]`, `[FW1-ike-peer-b]`, `[~FW1]`,
 * `[*FW1-GigabitEthernet0/0/1]`): the words after it are the command typed there.
 */
export interface LinePrompt {
  /** Offsets of the prompt, brackets included. */
  start: number;
  end: number;
  /** The name inside the brackets, without the `~` / `*` commit marks. */
  name: string;
  /** `<…>`: the user view, where no configuration command runs. */
  user: boolean;
}

export class ConfigLine implements WordSource {
  secret?: LineSecret;
  /** An author annotation (`# …`, `-- …`, `// …`) after the command was cut off. */
  annotated?: boolean;
  /** The session prompt the line starts with; the words are those typed after it. */
  prompt?: LinePrompt;

  constructor(
    readonly table: TokenTable,
    /** 1-based line number. */
    readonly line: number,
    /** Offset of the first character of the line. */
    readonly start: number,
    /** Leading spaces (a tab counts as one). */
    readonly indent: number,
    /** Offset of the first non-blank character (the end when the line is blank). */
    readonly bodyStart: number,
    /** Offset just after the last non-blank character. */
    readonly end: number,
    /** Index of the line's first word in the token table. */
    readonly firstToken: number,
    /** Words of the line; a secret value is never one of them. */
    public tokenCount: number,
  ) {}

  /** Text after the indentation, trailing whitespace removed. */
  get body(): string {
    return this.table.text.slice(this.bodyStart, this.end);
  }

  word(index: number): string {
    const t = this.firstToken + index;
    return this.table.text.slice(this.table.starts[t], this.table.ends[t]);
  }

  /** Offset of the first character of word `index`. */
  tokenStart(index: number): number {
    return this.table.starts[this.firstToken + index];
  }

  /** Offset just after word `index`. */
  tokenEnd(index: number): number {
    return this.table.ends[this.firstToken + index];
  }

  /** A fresh array of the words (for rare paths; hot paths read `word(i)`). */
  words(): string[] {
    const out: string[] = [];
    for (let i = 0; i < this.tokenCount; i++) out.push(this.word(i));
    return out;
  }
}

/**
 * Word separators: ASCII blanks and the Unicode spaces a paste from a web page or a chat brings
 * (no-break space, the U+2000 block, narrow no-break, ideographic space). VRP itself prints none,
 * so a line holding one was pasted; splitting there lets `pre-shared-key\u00a0simple\u00a0K` be
 * found as a secret like the ASCII-spaced line.
 */
function isSpace(c: number): boolean {
  if (c < 128) return c === 32 || c === 9 || c === 12 || c === 11;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x205f || c === 0x3000;
}

/**
 * Splits `text[from, to)` (one line, or a piece of a collapsed line) into words recorded in the
 * table. The secret (if the command carries one) is located from the leading words and the rest
 * of the line is removed from the words before anything else sees them.
 */
function tokenizeRange(
  table: TokenTable, lineNumber: number, lineStart: number, from: number, to: number, indent: number | undefined,
  mayHoldSecret: boolean,
): ConfigLine {
  const text = table.text;
  let end = to;
  while (end > from && isSpace(text.charCodeAt(end - 1))) end--;
  let bodyStart = skipBlanks(text, from, end);
  const firstToken = table.count;
  let i = bodyStart;
  while (i < end) {
    i = skipBlanks(text, i, end);
    if (i >= end) break;
    const s = i;
    while (i < end && !isSpace(text.charCodeAt(i)) && !isCsiAt(text, i)) i++;
    table.push(s, i);
  }
  if (bodyStart > end) bodyStart = end;
  const count = table.count - firstToken;
  const line = new ConfigLine(table, lineNumber, lineStart, indent ?? bodyStart - from, bodyStart, end, firstToken, count);
  if (count === 0) return line;
  let span = mayHoldSecret ? findSecret(line.words()) : undefined;
  // `ike-proposal 10  # key exchange`: a secret keyword inside an annotation is not a secret.
  if (span) {
    const at = span.tokenIndex;
    for (let k = 1; k < at; k++) if (isAnnotationAt(line, k)) span = undefined;
  }
  if (span) {
    const secretStart = line.tokenStart(span.tokenIndex);
    const secretEnd = secretValueEnd(line, span.tokenIndex, end);
    const value = text.slice(secretStart, secretEnd);
    const encrypted = isEncryptedSecret(value, span.form);
    line.secret = {
      form: span.form,
      encrypted,
      start: secretStart,
      end: secretEnd,
      ...(encrypted ? {} : { digest: secretDigest(value) }),
    };
    if (secretEnd < end) line.annotated = true;
    line.tokenCount = span.tokenIndex;
    return line;
  }
  for (let k = 1; k < count; k++) {
    const s = line.tokenStart(k);
    const c = text.charCodeAt(s);
    if (c !== 35 /* # */ && c !== 45 /* - */ && c !== 47 /* / */) continue;
    if (c === 35 || (line.tokenEnd(k) - s >= 2 && text.charCodeAt(s + 1) === c)) {
      line.tokenCount = k;
      line.annotated = true;
      break;
    }
  }
  return line;
}

/** Past blanks and terminal escape sequences (`ESC [ 42 D`, colours): they separate words. */
function skipBlanks(text: string, i: number, end: number): number {
  while (i < end) {
    const c = text.charCodeAt(i);
    if (isCsiAt(text, i)) i = escapeEnd(text, i, end);
    else if (isSpace(c)) i++;
    else break;
  }
  return i;
}

/**
 * A CSI sequence (`ESC [ …`: pager cursor moves, colours) separates words; any other ESC (an OSC
 * such as a clipboard write in a hostile sysname) is kept in the word, so reports can escape it.
 */
function isCsiAt(text: string, i: number): boolean {
  return text.charCodeAt(i) === 27 && text.charCodeAt(i + 1) === 91;
}

/** End of an ANSI escape sequence starting at `i` (ESC, then `[`, parameters and one final letter). */
function escapeEnd(text: string, i: number, end: number): number {
  let j = i + 1;
  if (j < end && text.charCodeAt(j) === 91 /* [ */) {
    j++;
    while (j < end && /* 0-9 ; ? */ ((text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 59) || text.charCodeAt(j) === 63)) j++;
    if (j < end && text.charCodeAt(j) >= 64 && text.charCodeAt(j) <= 126) j++;
  }
  return j;
}

/** Word `k` starts an annotation: a `#` word preceded by two blanks or more, or a lone `#`. */
function isAnnotationAt(line: ConfigLine, k: number): boolean {
  const text = line.table.text;
  const s = line.tokenStart(k);
  if (text.charCodeAt(s) !== 35 /* # */) return false;
  return line.tokenEnd(k) - s === 1 || (isSpace(text.charCodeAt(s - 1)) && isSpace(text.charCodeAt(s - 2)));
}

/**
 * Where the secret value ends: at the end of the line, or before an author annotation a how-to
 * appended (`pre-shared-key simple Huawei@123  # the key`). An annotation is a word starting with
 * `#` after at least one value word, preceded by two blanks or more, or a lone `#` word. A
 * ciphertext (`%^%#…%^%#`) or a quoted value is whole first: a `#` inside it is part of the value.
 */
function secretValueEnd(line: ConfigLine, first: number, end: number): number {
  const text = line.table.text;
  const count = line.tokenCount;
  let k = first;
  const head = line.word(first);
  const marker = head.length >= 4 ? head.slice(0, 4) : '';
  if (CIPHER_MARKERS.includes(marker)) {
    // The ciphertext runs to its closing marker (it may hold blanks and `#`).
    while (k < count && !(line.tokenEnd(k) - line.tokenStart(k) >= (k === first ? 8 : 4) && line.word(k).endsWith(marker))) k++;
  } else if (text.charCodeAt(line.tokenStart(first)) === 34 /* " */) {
    while (k < count && !(text.charCodeAt(line.tokenEnd(k) - 1) === 34 && (k > first || line.tokenEnd(k) - line.tokenStart(k) >= 2))) k++;
  }
  if (k >= count) return end;
  for (let j = k + 1; j < count; j++) {
    if (isAnnotationAt(line, j)) {
      let e = line.tokenEnd(j - 1);
      while (e > line.tokenStart(first) && isSpace(text.charCodeAt(e - 1))) e--;
      return e;
    }
  }
  return end;
}

/** Range of offsets on one line: line and column come from the line itself, no search. */
export function rangeOnLine(line: ConfigLine, start: number, end: number): Range {
  const column = line.start - 1;
  return { line: line.line, column: start - column, offset: start, endLine: line.line, endColumn: end - column, endOffset: end };
}

/** Splits normalised text into tokenised lines (one per `\n`). */
export function splitLines(text: string): ConfigLine[] {
  const table = new TokenTable(text);
  const lines: ConfigLine[] = [];
  // One pass of the secret-hint regex over the whole file instead of one test per line.
  const hint = new RegExp(SECRET_HINT_GLOBAL.source, SECRET_HINT_GLOBAL.flags);
  let nextHint = hint.exec(text)?.index ?? Infinity;
  let start = 0;
  let number = 1;
  for (;;) {
    const nl = text.indexOf('\n', start);
    const stop = nl === -1 ? text.length : nl;
    let mayHoldSecret = false;
    if (nextHint < stop) {
      mayHoldSecret = true;
      hint.lastIndex = stop;
      nextHint = hint.exec(text)?.index ?? Infinity;
    }
    const c = text.charCodeAt(start);
    // A pager line's remnant comes first; what follows its last cursor move is the line.
    const from = c === 32 || c === 45 /* - */ ? afterPager(text, start, stop) : start;
    const prompt = c === 60 /* < */ || c === 91 /* [ */ ? promptAt(text, start, stop) : undefined;
    const line = tokenizeRange(table, number, start, prompt ? prompt.end : from, stop, prompt ? 0 : undefined, mayHoldSecret);
    if (prompt) line.prompt = prompt;
    const pieces = line.annotated && !prompt ? expandCollapsed(line) : undefined;
    if (pieces) lines.push(...pieces);
    else lines.push(line);
    if (nl === -1) break;
    start = nl + 1;
    number++;
  }
  return lines;
}

/** What stands for a secret value where configuration lines are shown (a fix's diff). */
export const SECRET_PLACEHOLDER = '<secret not shown>';

/**
 * The text with every secret value (as the tokenizer finds them: keys, ciphertext, hashes) replaced
 * by SECRET_PLACEHOLDER: a diff of a fix shows context lines, and a key next to the changed line
 * must not reach the terminal, a CI log or a generated page.
 */
export function withoutSecrets(text: string): string {
  let out = '';
  let at = 0;
  for (const line of splitLines(text)) {
    const secret = line.secret;
    if (!secret || secret.start < at) continue;
    out += text.slice(at, secret.start) + SECRET_PLACEHOLDER;
    at = secret.end;
  }
  return out + text.slice(at);
}

const PAGER = '---- More ----';

/**
 * The offset just after a pager remnant at the start of a line (`  ---- More ----` and the
 * cursor-back escapes `ESC[42D` that erase it, or `[42D` where a copy lost the ESC), or `start`
 * when the line has none. Nothing is removed from the text: positions stay those of the file.
 */
function afterPager(text: string, start: number, stop: number): number {
  let i = start;
  while (i < stop && i - start < 8 && text.charCodeAt(i) === 32) i++;
  if (text.charCodeAt(i) !== 45 || !text.startsWith(PAGER, i)) return start;
  let from = i + PAGER.length;
  let j = from;
  while (j < stop) {
    while (j < stop && text.charCodeAt(j) === 32) j++;
    let k = j;
    if (text.charCodeAt(k) === 27) k++;
    if (text.charCodeAt(k) !== 91 /* [ */) break;
    k++;
    const digits = k;
    while (k < stop && k - digits < 4 && text.charCodeAt(k) >= 48 && text.charCodeAt(k) <= 57) k++;
    if (k === digits || k >= stop || text.charCodeAt(k) !== 68 /* D */) break;
    from = j = k + 1;
  }
  return from;
}

/** Banner `[V300R019C00SPC300]`: a version, not a prompt. */
const VERSION_NAME = /^V\d{3}R\d{3}/;

/** A session prompt at the start of a line: `<name>` or `[name]`, `[~name]`, `[*name]` (no blank inside). */
function promptAt(text: string, start: number, stop: number): LinePrompt | undefined {
  const open = text.charCodeAt(start);
  const close = open === 60 ? 62 /* > */ : 93; /* ] */
  let i = start + 1;
  if (open === 91 && (text.charCodeAt(i) === 126 /* ~ */ || text.charCodeAt(i) === 42 /* * */)) i++;
  const nameStart = i;
  while (i < stop && i - nameStart <= 256) {
    const c = text.charCodeAt(i);
    if (c === close) break;
    if (isSpace(c) || c === 60 || c === 62 || c === 91 || c === 93) return undefined;
    i++;
  }
  if (i >= stop || text.charCodeAt(i) !== close || i === nameStart) return undefined;
  const name = text.slice(nameStart, i);
  if (open === 91 && VERSION_NAME.test(name)) return undefined;
  return { start, end: i + 1, name, user: open === 60 };
}

const WORD = /\S+/g;
const SECRET_HINT = new RegExp(SECRET_HINT_GLOBAL.source, SECRET_HINT_GLOBAL.flags.replace('g', ''));

/**
 * Scraped documentation sometimes collapses blocks into one line:
 * `interface A  ip address … # interface B  ip address …`. Such a line is split at a lone `#`
 * into views and at runs of two spaces into a header (indent 0) and its children (indent 1).
 * Every piece keeps the real line number and offsets, so positions stay exact.
 */
function expandCollapsed(line: ConfigLine): ConfigLine[] | undefined {
  if (line.indent !== 0 || line.secret || line.word(0).toLowerCase() !== 'interface') return undefined;
  const raw = line.table.text.slice(line.start, line.end);
  const pieces: { start: number; end: number; header: boolean }[] = [];
  let current: { start: number; end: number; header: boolean } | undefined;
  let previousEnd = 0;
  let afterHash = true;
  for (const m of raw.matchAll(WORD)) {
    const at = m.index;
    if (m[0] === '#') {
      afterHash = true;
      current = undefined;
      previousEnd = at + 1;
      continue;
    }
    if (!current || afterHash || at - previousEnd >= 2) {
      current = { start: at, end: at + m[0].length, header: afterHash };
      pieces.push(current);
    } else {
      current.end = at + m[0].length;
    }
    afterHash = false;
    previousEnd = at + m[0].length;
  }
  const headersAreInterfaces = pieces.every((p) => !p.header || /^interface\s/i.test(raw.slice(p.start, p.end)));
  if (pieces.filter((p) => p.header).length < 2 || !headersAreInterfaces) return undefined;
  return pieces.map((p) => {
    const from = line.start + p.start;
    const to = line.start + p.end;
    const hint = SECRET_HINT.test(line.table.text.slice(from, to));
    return tokenizeRange(line.table, line.line, line.start, from, to, p.header ? 0 : 1, hint);
  });
}
