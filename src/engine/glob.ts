import { ConfigError } from './config-types.js';

/**
 * The one glob matcher of fwlint (`files`, `ignores`, `overrides` and glob targets on the command
 * line). Globs are compiled to path segments of single-character tokens and matched without
 * backtracking regular expressions: within a segment by the two-pointer wildcard algorithm (at
 * most pattern × name steps), across segments by a set of states for `**`. A glob's cost is
 * bounded by its length and by the number of alternatives its braces expand to; globs over
 * either limit are refused with a GlobError naming them.
 *
 * Syntax (paths use `/`; matching is case-sensitive):
 * - `*` any characters but `/` (a leading dot included), `?` one character but `/`;
 * - `**` as a whole segment: any number of segments, none included (`a/**` matches `a` too);
 *   elsewhere (and `***`) it is `*`;
 * - `[abc]`, `[a-z]`, `[!a-z]` / `[^a-z]`: one character of (or not of) the set; `]` first is literal;
 * - `{a,b}` alternatives (nested allowed), `{1..12}` / `{a..f}` ranges; `{a}` is literal;
 * - `\x` the character x; a leading `!` negates; a leading `./` is dropped;
 * - wildcards never match a `.` or `..` segment, only the literal `.` / `..` does.
 * Extglobs (`@(a|b)`, `+(…)`, `*(…)`, `?(…)`, `!(…)`) are refused: write `{a,b}` instead.
 */

/** Longest glob accepted, in characters. */
export const MAX_GLOB_LENGTH = 512;
/** Most alternatives the braces of one glob may expand to. */
export const MAX_GLOB_ALTERNATIVES = 64;

export class GlobError extends Error {
  override name = 'GlobError';

  constructor(
    readonly pattern: string,
    readonly reason: string,
  ) {
    super(`glob ${JSON.stringify(shorten(pattern))} ${reason}`);
  }
}

export type PathMatcher = (path: string) => boolean;

type CharToken = { kind: 'char'; value: string } | { kind: 'any' } | { kind: 'class'; negated: boolean; ranges: [number, number][] };
type Token = CharToken | { kind: 'star'; count: number } | { kind: 'sep' };
type Node = Token | { kind: 'alt'; options: Node[][] };

/** One segment of a compiled glob: `**`, or tokens matching one path segment. */
type Segment = { globstar: true } | { globstar: false; tokens: (CharToken | { kind: 'star' })[]; literal: string | undefined };

/** A matcher for one glob; throws GlobError for a glob fwlint refuses. */
export function compileGlob(pattern: string): PathMatcher {
  if (pattern.length === 0) throw new GlobError(pattern, 'is empty');
  if (pattern.length > MAX_GLOB_LENGTH) throw new GlobError(pattern, `is longer than ${MAX_GLOB_LENGTH} characters`);
  let body = pattern;
  let negated = false;
  while (body.startsWith('!') && !body.startsWith('!(')) {
    negated = !negated;
    body = body.slice(1);
  }
  while (body.startsWith('./')) body = body.slice(2);
  const alternatives = expand(parseSequence(body, pattern), pattern).map(toSegments);
  const matches = (path: string): boolean => {
    const parts = path.split('/');
    return alternatives.some((segments) => matchSegments(segments, parts));
  };
  return negated ? (path) => !matches(path) : matches;
}

/** A matcher true when any of the globs matches (false for none). */
export function compileGlobs(patterns: readonly string[]): PathMatcher {
  const matchers = patterns.map(compileGlob);
  if (matchers.length === 0) return () => false;
  if (matchers.length === 1) return matchers[0];
  return (path) => matchers.some((matches) => matches(path));
}

/**
 * The config's globs (`where`: `files`, `ignores`, `overrides.0.files`) as one matcher; a glob
 * fwlint refuses is a ConfigError. The config loader reports it first, at its line and column.
 */
export function configGlobs(patterns: readonly string[], where: string): PathMatcher {
  try {
    return compileGlobs(patterns);
  } catch (error) {
    if (error instanceof GlobError) throw new ConfigError(`"${where}": ${error.message}`);
    throw error;
  }
}

/** The GlobError of the first glob fwlint refuses, with its index, or undefined. */
export function checkGlobs(patterns: readonly string[]): { index: number; error: GlobError } | undefined {
  for (let index = 0; index < patterns.length; index++) {
    try {
      compileGlob(patterns[index]);
    } catch (error) {
      if (error instanceof GlobError) return { index, error };
      throw error;
    }
  }
  return undefined;
}

/**
 * Whether a command-line target is a glob, and the directory below which its matches lie (the
 * segments before the first one holding a wildcard, escapes resolved; '' for the working directory).
 */
export function scanGlob(pattern: string): { isGlob: boolean; base: string } {
  let body = pattern;
  while (body.startsWith('./')) body = body.slice(2);
  const literal: string[] = [];
  let segment = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\\' && i + 1 < body.length) {
      segment += body[++i];
    } else if (c === '*' || c === '?' || (c === '[' && body.indexOf(']', i + 2) !== -1) || (c === '{' && isBraceGroup(body, i))) {
      return { isGlob: true, base: literal.join('/') };
    } else if (c === '/') {
      literal.push(segment);
      segment = '';
    } else {
      segment += c;
    }
  }
  return { isGlob: false, base: [...literal, segment].join('/') };
}

function isBraceGroup(text: string, open: number): boolean {
  const close = matchingBrace(text, open);
  if (close === -1) return false;
  const inner = text.slice(open + 1, close);
  return topLevelCommas(inner).length > 0 || NUMERIC_RANGE.test(inner) || LETTER_RANGE.test(inner);
}

const EXTGLOB_PREFIXES = new Set(['?', '*', '+', '@', '!']);

function parseSequence(text: string, pattern: string): Node[] {
  const nodes: Node[] = [];
  /** The previous character when it was not escaped: `@(` is an extglob, `\@(` is not. */
  let previous: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(' && previous !== undefined && EXTGLOB_PREFIXES.has(previous)) {
      throw new GlobError(pattern, `uses extglob syntax "${previous}(…)", which fwlint does not support; use {a,b} for alternatives or \\( for a parenthesis`);
    }
    previous = c;
    if (c === '\\') {
      // A trailing backslash stands for itself.
      if (i + 1 < text.length) {
        const value = codePointAt(text, i + 1);
        nodes.push({ kind: 'char', value });
        i += value.length;
        previous = undefined;
      } else {
        nodes.push({ kind: 'char', value: '\\' });
      }
    } else if (c === '*') {
      const last = nodes.at(-1);
      if (last?.kind === 'star') last.count++;
      else nodes.push({ kind: 'star', count: 1 });
    } else if (c === '?') {
      nodes.push({ kind: 'any' });
    } else if (c === '/') {
      nodes.push({ kind: 'sep' });
    } else if (c === '[') {
      const parsed = parseClass(text, i);
      if (parsed) {
        nodes.push(parsed.token);
        i = parsed.end;
        previous = ']';
      } else {
        nodes.push({ kind: 'char', value: '[' });
      }
    } else if (c === '{') {
      const close = matchingBrace(text, i);
      const inner = close === -1 ? '' : text.slice(i + 1, close);
      const commas = close === -1 ? [] : topLevelCommas(inner);
      const range = close === -1 || commas.length > 0 ? undefined : rangeOf(inner, pattern);
      if (commas.length > 0) {
        const options: Node[][] = [];
        let start = 0;
        for (const comma of [...commas, inner.length]) {
          options.push(parseSequence(inner.slice(start, comma), pattern));
          start = comma + 1;
        }
        nodes.push({ kind: 'alt', options });
        i = close;
        previous = '}';
      } else if (range) {
        nodes.push({ kind: 'alt', options: range.map((value) => [...value].map((ch): Node => ({ kind: 'char', value: ch }))) });
        i = close;
        previous = '}';
      } else {
        nodes.push({ kind: 'char', value: '{' });
      }
    } else {
      const value = codePointAt(text, i);
      nodes.push({ kind: 'char', value });
      i += value.length - 1;
    }
  }
  return nodes;
}

function codePointAt(text: string, i: number): string {
  return String.fromCodePoint(text.codePointAt(i)!);
}

/** `[…]` starting at `open`: the token and the index of its `]`, or undefined when it is not closed. */
function parseClass(text: string, open: number): { token: CharToken; end: number } | undefined {
  let i = open + 1;
  const negated = text[i] === '!' || text[i] === '^';
  if (negated) i++;
  const ranges: [number, number][] = [];
  const first = i;
  const read = (): number => {
    if (text[i] === '\\' && i + 1 < text.length) i++;
    const code = text.codePointAt(i)!;
    i += code > 0xffff ? 2 : 1;
    return code;
  };
  while (i < text.length) {
    if (text[i] === ']' && i > first) return { token: { kind: 'class', negated, ranges }, end: i };
    const low = read();
    if (text[i] === '-' && i + 1 < text.length && text[i + 1] !== ']') {
      i++;
      ranges.push([low, read()]);
    } else {
      ranges.push([low, low]);
    }
  }
  return undefined;
}

/** Index of the `}` closing the `{` at `open` (escapes and nesting respected), or -1. */
function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  return -1;
}

/** Offsets of the commas of `inner` outside nested braces and escapes. */
function topLevelCommas(inner: string): number[] {
  const commas: number[] = [];
  let depth = 0;
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (c === '\\') i++;
    else if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (c === ',' && depth === 0) commas.push(i);
  }
  return commas;
}

const NUMERIC_RANGE = /^(-?\d{1,6})\.\.(-?\d{1,6})$/;
const LETTER_RANGE = /^([a-zA-Z])\.\.([a-zA-Z])$/;
const ZERO_PADDED = /^-?0\d/;

/** The values of `1..12` (zero-padded as `01..12`) or `a..f`, or undefined for anything else. */
function rangeOf(inner: string, pattern: string): string[] | undefined {
  const numeric = NUMERIC_RANGE.exec(inner);
  if (numeric) {
    const [from, to] = [Number(numeric[1]), Number(numeric[2])];
    const count = Math.abs(to - from) + 1;
    if (count > MAX_GLOB_ALTERNATIVES) throw tooManyAlternatives(pattern);
    const padded = ZERO_PADDED.test(numeric[1]) || ZERO_PADDED.test(numeric[2]);
    const width = Math.max(numeric[1].replace('-', '').length, numeric[2].replace('-', '').length);
    const step = from <= to ? 1 : -1;
    const values: string[] = [];
    for (let n = from; values.length < count; n += step) {
      const digits = String(Math.abs(n));
      values.push(`${n < 0 ? '-' : ''}${padded ? digits.padStart(width, '0') : digits}`);
    }
    return values;
  }
  const letters = LETTER_RANGE.exec(inner);
  if (letters) {
    const [from, to] = [letters[1].charCodeAt(0), letters[2].charCodeAt(0)];
    if (Math.abs(to - from) + 1 > MAX_GLOB_ALTERNATIVES) throw tooManyAlternatives(pattern);
    const step = from <= to ? 1 : -1;
    const values: string[] = [];
    for (let code = from; ; code += step) {
      values.push(String.fromCharCode(code));
      if (code === to) return values;
    }
  }
  return undefined;
}

function tooManyAlternatives(pattern: string): GlobError {
  return new GlobError(pattern, `expands to more than ${MAX_GLOB_ALTERNATIVES} alternatives ({…} braces)`);
}

/** Every brace alternative as a flat token list; the count is checked before any product is built. */
function expand(nodes: readonly Node[], pattern: string): Token[][] {
  let results: Token[][] = [[]];
  for (const node of nodes) {
    if (node.kind !== 'alt') {
      for (const result of results) result.push(node);
      continue;
    }
    const options = node.options.flatMap((option) => expand(option, pattern));
    if (results.length * options.length > MAX_GLOB_ALTERNATIVES) throw tooManyAlternatives(pattern);
    results = results.flatMap((result) => options.map((option) => [...result, ...option]));
  }
  return results;
}

function toSegments(tokens: readonly Token[]): Segment[] {
  const segments: Segment[] = [];
  let current: Token[] = [];
  const close = (): void => {
    // Stars side by side (`*{*,a}` expanded, say) are one star.
    const merged: Token[] = [];
    for (const token of current) {
      const last = merged.at(-1);
      if (token.kind === 'star' && last?.kind === 'star') merged[merged.length - 1] = { kind: 'star', count: last.count + token.count };
      else merged.push(token);
    }
    // Only `**` as written is a globstar: `***`, and `*{*,a}` expanded, are stars.
    const only = current.length === 1 ? current[0] : undefined;
    if (only?.kind === 'star' && only.count === 2) {
      // `**/**` is `**`.
      if (!(segments.at(-1)?.globstar ?? false)) segments.push({ globstar: true });
    } else {
      const tokens = merged.map((t) => (t.kind === 'star' ? { kind: 'star' as const } : (t as CharToken)));
      const literal = tokens.every((t) => t.kind === 'char') ? tokens.map((t) => (t as { value: string }).value).join('') : undefined;
      segments.push({ globstar: false, tokens, literal });
    }
    current = [];
  };
  for (const token of tokens) {
    if (token.kind === 'sep') close();
    else current.push(token);
  }
  close();
  return segments;
}

function isDotSegment(part: string): boolean {
  return part === '.' || part === '..';
}

/** Set-of-states match over path segments: each (glob segment, path segment) pair is tried at most once. */
function matchSegments(segments: readonly Segment[], parts: readonly string[]): boolean {
  const n = segments.length;
  let states = new Uint8Array(n + 1);
  let next = new Uint8Array(n + 1);
  const add = (into: Uint8Array, k: number): void => {
    // A `**` may match no segment: the state after it is reached too.
    for (; k <= n; k++) {
      into[k] = 1;
      if (k === n || !segments[k].globstar) return;
    }
  };
  add(states, 0);
  for (const part of parts) {
    next.fill(0);
    let any = false;
    for (let k = 0; k < n; k++) {
      if (!states[k]) continue;
      const segment = segments[k];
      if (segment.globstar) {
        if (!isDotSegment(part)) {
          add(next, k);
          any = true;
        }
      } else if (matchSegment(segment, part)) {
        add(next, k + 1);
        any = true;
      }
    }
    if (!any) return false;
    [states, next] = [next, states];
  }
  return states[n] === 1;
}

function matchSegment(segment: Extract<Segment, { globstar: false }>, part: string): boolean {
  if (segment.literal !== undefined) return segment.literal === part;
  if (isDotSegment(part)) return false;
  return matchTokens(segment.tokens, part);
}

/**
 * The classic wildcard match: on a mismatch only the last star is widened by one character, which
 * is enough because every other token matches exactly one character. At most tokens × characters steps.
 */
function matchTokens(tokens: readonly (CharToken | { kind: 'star' })[], part: string): boolean {
  const chars = [...part];
  let t = 0;
  let c = 0;
  let starToken = -1;
  let starChar = 0;
  while (c < chars.length) {
    const token = tokens[t];
    if (token !== undefined && token.kind === 'star') {
      starToken = t++;
      starChar = c;
    } else if (token !== undefined && matchesChar(token, chars[c])) {
      t++;
      c++;
    } else if (starToken >= 0) {
      t = starToken + 1;
      c = ++starChar;
    } else {
      return false;
    }
  }
  while (t < tokens.length && tokens[t].kind === 'star') t++;
  return t === tokens.length;
}

function matchesChar(token: CharToken, char: string): boolean {
  switch (token.kind) {
    case 'char':
      return token.value === char;
    case 'any':
      return true;
    case 'class': {
      const code = char.codePointAt(0)!;
      const inSet = token.ranges.some(([low, high]) => code >= low && code <= high);
      return inSet !== token.negated;
    }
  }
}

function shorten(pattern: string): string {
  return pattern.length > 80 ? `${pattern.slice(0, 77)}…` : pattern;
}
