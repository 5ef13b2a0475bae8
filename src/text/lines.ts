import type { Position, Range } from './range.js';
import { findSecret, isEncryptedSecret, mayHoldSecret, secretDigest, type SecretForm } from './secrets.js';

export interface LineToken {
  text: string;
  /** Offsets into the normalised text; `end` exclusive. */
  start: number;
  end: number;
}

export interface LineSecret {
  form: SecretForm;
  encrypted: boolean;
  digest?: string;
  start: number;
  end: number;
}

export interface ConfigLine {
  /** 1-based line number. */
  line: number;
  /** Offset of the first character of the line. */
  start: number;
  /** Leading spaces (a tab counts as one). */
  indent: number;
  /** Line text with trailing whitespace removed (indentation kept). */
  text: string;
  /** Words of the line; a secret value is never one of them. */
  tokens: LineToken[];
  /** `tokens[i].text`, kept once so later passes do not rebuild it. */
  words: string[];
  secret?: LineSecret;
  /** An author annotation (`# …`, `-- …`, `// …`) after the command was cut off. */
  annotated?: boolean;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 12 || c === 11;
}

/**
 * Splits one line into words with offsets. The secret (if the command carries one) is located
 * from the leading words and the rest of the line is removed from the tokens before anything
 * else sees them.
 */
export function tokenizeLine(text: string, lineStart: number, lineNumber: number): ConfigLine {
  let end = text.length;
  while (end > 0 && isSpace(text.charCodeAt(end - 1))) end--;
  const trimmed = text.slice(0, end);
  let indent = 0;
  while (indent < end && isSpace(trimmed.charCodeAt(indent))) indent++;
  const tokens: LineToken[] = [];
  const words: string[] = [];
  let i = indent;
  while (i < end) {
    while (i < end && isSpace(trimmed.charCodeAt(i))) i++;
    if (i >= end) break;
    const s = i;
    while (i < end && !isSpace(trimmed.charCodeAt(i))) i++;
    const word = trimmed.slice(s, i);
    words.push(word);
    tokens.push({ text: word, start: lineStart + s, end: lineStart + i });
  }
  const line: ConfigLine = { line: lineNumber, start: lineStart, indent, text: trimmed, tokens, words };
  if (tokens.length === 0) return line;
  const span = mayHoldSecret(trimmed) ? findSecret(words) : undefined;
  if (span) {
    const first = tokens[span.tokenIndex];
    const value = trimmed.slice(first.start - lineStart, end);
    const encrypted = isEncryptedSecret(value, span.form);
    line.secret = {
      form: span.form,
      encrypted,
      start: first.start,
      end: lineStart + end,
      ...(encrypted ? {} : { digest: secretDigest(value) }),
    };
    line.tokens = tokens.slice(0, span.tokenIndex);
    line.words = words.slice(0, span.tokenIndex);
    return line;
  }
  for (let k = 1; k < words.length; k++) {
    const c = words[k].charCodeAt(0);
    if (c !== 35 /* # */ && c !== 45 /* - */ && c !== 47 /* / */) continue;
    const w = words[k];
    if (c === 35 || w.startsWith('--') || w.startsWith('//')) {
      line.tokens = tokens.slice(0, k);
      line.words = words.slice(0, k);
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
  const lines: ConfigLine[] = [];
  let start = 0;
  let number = 1;
  for (;;) {
    const nl = text.indexOf('\n', start);
    const stop = nl === -1 ? text.length : nl;
    const line = tokenizeLine(text.slice(start, stop), start, number);
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

/**
 * Scraped documentation sometimes collapses blocks into one line:
 * `interface A  ip address … # interface B  ip address …`. Such a line is split at a lone `#`
 * into views and at runs of two spaces into a header (indent 0) and its children (indent 1).
 * Every piece keeps the real line number and offsets, so positions stay exact.
 */
function expandCollapsed(line: ConfigLine): ConfigLine[] | undefined {
  if (line.indent !== 0 || line.secret || line.words[0]?.toLowerCase() !== 'interface') return undefined;
  const raw = line.text;
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
    const piece = tokenizeLine(' '.repeat(p.start) + raw.slice(p.start, p.end), line.start, line.line);
    const indent = p.header ? 0 : 1;
    return { ...piece, indent, text: ' '.repeat(indent) + raw.slice(p.start, p.end) };
  });
}
