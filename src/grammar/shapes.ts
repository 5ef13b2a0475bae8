import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type * as ohm from 'ohm-js';
import type { ConfigLine } from '../text/lines.js';
import { COMPILED_GRAMMAR_FILE, grammarFromRecipe, type CompiledGrammar } from './compiled.js';
// The line contexts (start rules) come from the grammar: statement-defs.generated.ts.
import { LINE_CONTEXTS, type LineContext } from './statement-defs.generated.js';

/*
 * Why shapes: ohm costs ~75 µs per line and matching a whole file needs ~32 KB of memo per line,
 * so ohm never sees the file, nor even the real words. Each line is split in plain TypeScript,
 * every word is replaced by its class (`§a` IPv4, `§n` integer, `§s` secret, `§w` other word,
 * grammar keywords kept literally) and ohm parses that SHAPE once; the result is a template
 * (field name → token index span) cached by shape. Thousands of ACL rules share a handful of
 * shapes, so ohm's share of the time is tiny and parsing stays linear in the file size.
 */

export type { LineContext };

/** Field name (rule `fSourcePort` → `sourcePort`) → [first, last] token indexes, one entry per occurrence. */
export type FieldSpans = Record<string, [number, number][]>;

export type ShapeResult =
  | { ok: true; kind: string; fields: FieldSpans }
  /**
   * `failedToken` is the index of the first token that does not fit (= token count when the line
   * ended too early); `overBudget`: not parsed at all, the file's `ShapeBudget` is spent.
   */
  | { ok: false; failedToken: number; overBudget?: true };

function loadCompiledGrammar(): CompiledGrammar {
  const candidates = [
    new URL(`./${COMPILED_GRAMMAR_FILE}`, import.meta.url),
    // From dist/src/grammar/ the recipe is read from the sources it was built from.
    new URL(`../../../src/grammar/${COMPILED_GRAMMAR_FILE}`, import.meta.url),
  ];
  for (const url of candidates) {
    const path = fileURLToPath(url);
    if (existsSync(path)) return JSON.parse(readFileSync(path, 'utf8')) as CompiledGrammar;
  }
  throw new Error(`${COMPILED_GRAMMAR_FILE} not found next to shapes.js nor in src/grammar`);
}

const compiled = loadCompiledGrammar();
const KEYWORDS: ReadonlySet<string> = new Set(compiled.keywords);

type Span = [string, number, number];

interface Matcher {
  grammar: ohm.Grammar;
  semantics: ohm.Semantics;
}

let matcher: Matcher | undefined;

/** The grammar and its span semantics, built when a line shape is first met that no cache knows. */
function grammarMatcher(): Matcher {
  if (matcher) return matcher;
  const grammar = grammarFromRecipe(compiled.recipe);
  const semantics = grammar.createSemantics().addOperation('spans', {
    _nonterminal(...children: ohm.Node[]): Span[] {
      const out: Span[] = [];
      const name = this.ctorName;
      if (name.length > 1 && name.charCodeAt(0) === 102 /* f */ && name.charCodeAt(1) < 91) {
        out.push([name[1].toLowerCase() + name.slice(2), this.source.startIdx, this.source.endIdx]);
      }
      for (const child of children) out.push(...(child.spans() as Span[]));
      return out;
    },
    _iter(...children: ohm.Node[]): Span[] {
      const out: Span[] = [];
      for (const child of children) out.push(...(child.spans() as Span[]));
      return out;
    },
    _terminal(): Span[] {
      return [];
    },
  });
  matcher = { grammar, semantics };
  return matcher;
}

/** True once this process has built the grammar (a run whose line shapes all came from the cache has not). */
export function grammarLoaded(): boolean {
  return matcher !== undefined;
}

function isInteger(word: string): boolean {
  const n = word.length;
  if (n === 0 || n > 10) return false;
  for (let i = 0; i < n; i++) {
    const c = word.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Dotted quad with every part 0–255 (one to three digits each), without allocating. */
function isIpv4(word: string): boolean {
  let parts = 0;
  let digits = 0;
  let value = 0;
  for (let i = 0; i <= word.length; i++) {
    const c = i < word.length ? word.charCodeAt(i) : 46;
    if (c === 46 /* . */) {
      if (digits === 0 || value > 255) return false;
      parts++;
      digits = 0;
      value = 0;
    } else if (c >= 48 && c <= 57 && digits < 3) {
      digits++;
      value = value * 10 + (c - 48);
    } else {
      return false;
    }
  }
  return parts === 4;
}

/** Words starting with a digit are never keywords (checked when the grammar loads), so numbers and addresses are classed from the file text without slicing the word. */
const DIGIT_KEYWORD = Array.from(KEYWORDS).some((k) => k.charCodeAt(0) >= 48 && k.charCodeAt(0) <= 57);

export function classAt(text: string, start: number, end: number): string | undefined {
  const c = text.charCodeAt(start);
  if (DIGIT_KEYWORD || c < 48 || c > 57) return undefined;
  let dots = 0;
  let digits = 0;
  let value = 0;
  for (let i = start; i < end; i++) {
    const d = text.charCodeAt(i);
    if (d === 46 /* . */) {
      if (digits === 0 || digits > 3 || value > 255) return '§w';
      dots++;
      digits = 0;
      value = 0;
    } else if (d >= 48 && d <= 57) {
      digits++;
      value = value * 10 + (d - 48);
    } else {
      return undefined;
    }
  }
  if (dots === 0) return end - start <= 10 ? '§n' : '§w';
  return dots === 3 && digits > 0 && digits <= 3 && value <= 255 ? '§a' : '§w';
}

export function tokenClass(word: string): string {
  const lower = word.toLowerCase();
  if (KEYWORDS.has(lower)) return lower;
  if (isInteger(word)) return '§n';
  if (isIpv4(word)) return '§a';
  return '§w';
}

export function lineShape(words: readonly string[], hasSecret: boolean): string[] {
  const shape = words.map(tokenClass);
  if (hasSecret) shape.push('§s');
  return shape;
}

const caches = new Map<LineContext, Map<string, ShapeResult>>();

function cacheOf(context: LineContext): Map<string, ShapeResult> {
  let cache = caches.get(context);
  if (!cache) {
    cache = new Map();
    caches.set(context, cache);
  }
  return cache;
}

/** Parses a line shape in a view context; results are cached per (context, shape). */
export function matchShape(context: LineContext, shape: readonly string[]): ShapeResult {
  if (shape.length > MAX_STATEMENT_WORDS) return { ok: false, failedToken: MAX_STATEMENT_WORDS };
  const text = shape.join(' ');
  const cache = cacheOf(context);
  const hit = cache.get(text);
  if (hit) return hit;
  const result = computeShape(context, shape, text);
  cache.set(text, result);
  return result;
}

/**
 * VRP accepts command lines of at most 510 characters, so no real statement comes near this many
 * words; longer lines are refused before ohm, whose memo and recursion grow with the line.
 */
export const MAX_STATEMENT_WORDS = 512;

/** One word class deeper in the shapes seen so far; `result` is set once the shape ending here was parsed. */
interface ShapeTrieNode {
  next: Map<string, ShapeTrieNode> | undefined;
  result: ShapeResult | undefined;
}

/**
 * Words of distinct line shapes one file may bring to the grammar. ohm costs some 60 µs a word
 * of a shape it has not seen, so 5 MB of lines that all differ in shape (800 rules of 505 random
 * options each) took 20 s; a real configuration has well under a hundred shapes of a few words
 * each (the largest corpus file: 58; a 1,000-spoke hub: 59).
 */
export const FILE_SHAPE_WORDS = 10_000;

/**
 * The shapes one file has used so far and the words left for new ones (`FILE_SHAPE_WORDS`).
 * A shape is charged the first time the file uses it, whether or not an earlier file or the
 * cache taught it to the parser, so what a file reads depends on the file alone.
 */
export class ShapeBudget {
  #left: number;
  readonly #seen = new Set<ShapeTrieNode>();
  /** Lines refused since the budget ran out. */
  refused = 0;

  constructor(words = FILE_SHAPE_WORDS) {
    this.#left = words;
  }

  /** @internal */
  admit(node: ShapeTrieNode, words: number): boolean {
    if (this.#seen.has(node)) return true;
    if (words > this.#left) {
      this.refused++;
      return false;
    }
    this.#left -= words;
    this.#seen.add(node);
    return true;
  }
}

/** A line whose shape is past the file's `ShapeBudget`: not parsed (never cached). */
export const OVER_BUDGET: ShapeResult & { ok: false } = Object.freeze({ ok: false, failedToken: 0, overBudget: true });

const tries = new Map<LineContext, ShapeTrieNode>();

/**
 * `matchShape(context, lineShape(words, hasSecret))` walking a trie of word classes, so a cache
 * hit builds neither the shape array nor its joined key (one string fewer per word and line).
 */
export function matchWords(context: LineContext, words: ConfigLine, hasSecret: boolean, budget?: ShapeBudget): ShapeResult {
  const count = words.tokenCount;
  if (count > MAX_STATEMENT_WORDS) return { ok: false, failedToken: MAX_STATEMENT_WORDS };
  let node = tries.get(context);
  if (!node) {
    node = { next: undefined, result: undefined };
    tries.set(context, node);
  }
  for (let i = 0; i <= count; i++) {
    let cls: string;
    if (i < count) cls = classAt(words.table.text, words.tokenStart(i), words.tokenEnd(i)) ?? tokenClass(words.word(i));
    else if (hasSecret) cls = '§s';
    else break;
    node.next ??= new Map();
    let child = node.next.get(cls);
    if (!child) {
      child = { next: undefined, result: undefined };
      node.next.set(cls, child);
    }
    node = child;
  }
  if (budget && !budget.admit(node, count + (hasSecret ? 1 : 0))) return OVER_BUDGET;
  if (node.result) return node.result;
  const shape: string[] = [];
  for (let i = 0; i < count; i++) shape.push(tokenClass(words.word(i)));
  if (hasSecret) shape.push('§s');
  node.result = matchShape(context, shape);
  return node.result;
}

function computeShape(context: LineContext, shape: readonly string[], text: string): ShapeResult {
  const starts: number[] = [];
  let offset = 0;
  for (const s of shape) {
    starts.push(offset);
    offset += s.length + 1;
  }
  const tokenAt = (idx: number): number => {
    let lo = 0;
    let hi = starts.length - 1;
    if (hi < 0 || idx >= text.length) return shape.length;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= idx) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const { grammar, semantics } = grammarMatcher();
  const match = grammar.match(text, context);
  if (match.failed()) {
    const pos = match.getRightmostFailurePosition();
    let index = tokenAt(pos);
    // A failure on the separator before a word points at that word.
    if (index < shape.length && pos > starts[index] + shape[index].length - 1) index++;
    return { ok: false, failedToken: index };
  }
  const node = semantics(match);
  const root = match.succeeded() ? (node.spans() as Span[]) : [];
  const fields: FieldSpans = {};
  for (const [name, start, end] of root) {
    if (end <= start) continue;
    (fields[name] ??= []).push([tokenAt(start), tokenAt(end - 1)]);
  }
  return { ok: true, kind: statementKind(match), fields };
}

function statementKind(match: ohm.MatchResult): string {
  // The start rule's body is an alternation of statement rules: the chosen one names the statement.
  const cst = (match as unknown as { _cst: { children: { ctorName: string }[] } })._cst;
  return cst.children[0]?.ctorName ?? 'unknown';
}

export function shapeCacheSize(): number {
  let size = 0;
  for (const cache of caches.values()) size += cache.size;
  return size;
}

/** Line-shape results learnt in this process, per context, tagged with the grammar they came from (kept in the parse cache). */
export interface ShapeTable {
  grammar: string;
  shapes: Partial<Record<LineContext, Record<string, ShapeResult>>>;
}

/** Real configurations use a few hundred line shapes; garbage input could make up any number, which the cache need not keep. */
export const MAX_KEPT_SHAPES = 20_000;

export function knownShapes(limit = MAX_KEPT_SHAPES): ShapeTable {
  const shapes: ShapeTable['shapes'] = {};
  let kept = 0;
  for (const [context, cache] of caches) {
    const entries: Record<string, ShapeResult> = {};
    for (const [shape, result] of cache) {
      if (kept++ >= limit) break;
      entries[shape] = result;
    }
    shapes[context] = entries;
  }
  return { grammar: compiled.fingerprint, shapes };
}

/**
 * Adds shape results from an earlier run's table (from the parse cache). A table of another
 * grammar, or any malformed part of one, is ignored: the shape is then parsed again.
 */
export function learnShapes(table: unknown): number {
  const candidate = table as Partial<ShapeTable> | null;
  if (typeof candidate !== 'object' || candidate === null || candidate.grammar !== compiled.fingerprint) return 0;
  if (typeof candidate.shapes !== 'object' || candidate.shapes === null) return 0;
  let learnt = 0;
  for (const [context, entries] of Object.entries(candidate.shapes)) {
    if (!KNOWN_CONTEXTS.has(context) || typeof entries !== 'object' || entries === null) continue;
    const cache = cacheOf(context as LineContext);
    for (const [shape, result] of Object.entries(entries)) {
      if (!cache.has(shape) && isShapeResult(result)) {
        cache.set(shape, result);
        learnt++;
      }
    }
  }
  return learnt;
}

const KNOWN_CONTEXTS: ReadonlySet<string> = new Set(LINE_CONTEXTS);

function isShapeResult(value: unknown): value is ShapeResult {
  const result = value as Partial<Record<string, unknown>> | null;
  if (typeof result !== 'object' || result === null) return false;
  if (result.ok === false) return Number.isInteger(result.failedToken) && (result.failedToken as number) >= 0;
  if (result.ok !== true || typeof result.kind !== 'string' || typeof result.fields !== 'object' || result.fields === null) return false;
  return Object.values(result.fields).every(
    (spans) => Array.isArray(spans) && spans.every((span) => Array.isArray(span) && span.length === 2 && span.every((n) => Number.isInteger(n) && (n as number) >= 0)),
  );
}
