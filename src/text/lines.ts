import type { Position, Range } from './range.js';
import { findSecret, isEncryptedSecret, secretDigest, SECRET_HINT_GLOBAL, type SecretForm } from './secrets.js';

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

export class ConfigLine implements WordSource {
  secret?: LineSecret;
  /** An author annotation (`# …`, `-- …`, `// …`) after the command was cut off. */
  annotated?: boolean;

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
  let bodyStart = from;
  while (bodyStart < end && isSpace(text.charCodeAt(bodyStart))) bodyStart++;
  const firstToken = table.count;
  let i = bodyStart;
  while (i < end) {
    while (i < end && isSpace(text.charCodeAt(i))) i++;
    if (i >= end) break;
    const s = i;
    while (i < end && !isSpace(text.charCodeAt(i))) i++;
    table.push(s, i);
  }
  const count = table.count - firstToken;
  const line = new ConfigLine(table, lineNumber, lineStart, indent ?? bodyStart - from, bodyStart, end, firstToken, count);
  if (count === 0) return line;
  const span = mayHoldSecret ? findSecret(line.words()) : undefined;
  if (span) {
    const secretStart = line.tokenStart(span.tokenIndex);
    const value = text.slice(secretStart, end);
    const encrypted = isEncryptedSecret(value, span.form);
    line.secret = {
      form: span.form,
      encrypted,
      start: secretStart,
      end,
      ...(encrypted ? {} : { digest: secretDigest(value) }),
    };
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

/** Range of offsets on one line: line and column come from the line itself, no search. */
export function rangeOnLine(line: ConfigLine, start: number, end: number): Range {
  return { start: positionOnLine(line, start), end: positionOnLine(line, end) };
}

export function positionOnLine(line: ConfigLine, offset: number): Position {
  return { line: line.line, column: offset - line.start + 1, offset };
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
    const line = tokenizeRange(table, number, start, start, stop, undefined, mayHoldSecret);
    const pieces = line.annotated ? expandCollapsed(line) : undefined;
    if (pieces) lines.push(...pieces);
    else lines.push(line);
    if (nl === -1) break;
    start = nl + 1;
    number++;
  }
  return lines;
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
