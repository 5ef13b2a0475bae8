import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { ConfigAst } from '../ast/types.js';
import type { Range } from '../text/range.js';
import { isDeviceSummary, type DeviceSummary } from '../network/summary.js';
import { writeFileAtomic } from './atomic-write.js';

export const DEFAULT_CACHE_LOCATION = '.fwlintcache';

interface CacheEntry {
  contentHash: string;
  /** Hash of the decoded text, to check a cheap re-decoding gives the same text the AST was built on. */
  textHash: string;
  ast: ConfigAst;
  /** Addresses of the device (repository mode decides from these which ASTs to load). */
  summary?: DeviceSummary;
}

interface CacheFile {
  fwlint: string;
  shapes?: unknown;
  run?: unknown;
  entries: Record<string, CacheEntry>;
}

export function sha256(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}

const contentHashes = new WeakMap<Uint8Array, string>();

/** `sha256` of a file's bytes, computed once per buffer: the cache look-ups and the run fingerprint all need it. */
export function contentHash(content: string | Uint8Array): string {
  if (typeof content === 'string') return sha256(content);
  let hash = contentHashes.get(content);
  if (hash === undefined) contentHashes.set(content, (hash = sha256(content)));
  return hash;
}

/** An entry read from disk: the AST is kept as its JSON text, parsed only on a hit and written back as is. */
interface StoredEntry {
  contentHash: string;
  textHash: string;
  summary?: DeviceSummary;
  /** The AST's JSON as stored: bytes of the cache file, decoded only on a hit and written back as they are. */
  astJson: Uint8Array;
}

const AST_PREFIX = '"ast":';
const CLOSE_ENTRY = Buffer.from('}');
const NEWLINE = 0x0a;
const COMMA = 0x2c;
const CLOSE_BRACE = 0x7d;

/**
 * Parse results keyed by absolute path and content hash, invalidated by any fwlint version change.
 * The text itself is never stored (it holds secrets); neither are ASTs with plaintext-key
 * digests, whose per-run salt would not match the next run's.
 *
 * The file is one JSON object with one entry per two lines: hashes and device summary, then the
 * AST. A run re-serialises only the entries it parsed (a 1,000-device cache is ~45 MB, which took a
 * second to stringify after one change), and reading the summaries parses no AST.
 */
export class ParseCache {
  private readonly entries = new Map<string, CacheEntry | StoredEntry>();
  private dirty = false;
  /** The parser's line-shape table, stored as given (see `learnShapes`). */
  private shapeTable: unknown = null;
  /** The last run's outcome, stored as given (see run-cache.ts). */
  private lastRun: unknown = null;
  /** Look-ups answered from the cache in this run. */
  hits = 0;

  private constructor(
    readonly location: string,
    private readonly version: string,
  ) {}

  /** Loads the cache; a missing, corrupt or other-version file starts an empty one. */
  static load(location: string, version: string): ParseCache {
    const cache = new ParseCache(location, version);
    try {
      const content = readFileSync(location);
      if (!cache.loadLines(content)) cache.loadJson(content.toString('utf8'));
    } catch {
      cache.entries.clear();
      cache.dirty = existsSync(location);
    }
    return cache;
  }

  get(absolutePath: string, content: string | Uint8Array, text: string): ConfigAst | undefined {
    const entry = this.entries.get(absolutePath);
    if (!entry || entry.contentHash !== contentHash(content) || entry.textHash !== sha256(text)) return undefined;
    const ast = 'ast' in entry ? entry.ast : astOfJson(Buffer.from(entry.astJson.buffer, entry.astJson.byteOffset, entry.astJson.byteLength).toString('utf8'));
    if (!ast) {
      this.entries.delete(absolutePath);
      this.dirty = true;
      return undefined;
    }
    this.hits++;
    return ast;
  }

  set(absolutePath: string, content: string | Uint8Array, text: string, ast: ConfigAst): void {
    if (hasSecretDigest(ast)) {
      if (this.entries.delete(absolutePath)) this.dirty = true;
      return;
    }
    this.entries.set(absolutePath, { contentHash: contentHash(content), textHash: sha256(text), ast });
    this.dirty = true;
  }

  /** The stored device summary of this exact content, if any (no AST is read). */
  summary(absolutePath: string, content: string | Uint8Array): DeviceSummary | undefined {
    const entry = this.entries.get(absolutePath);
    if (!entry?.summary || entry.contentHash !== contentHash(content)) return undefined;
    return entry.summary;
  }

  /** Attaches a summary to the entry of this exact content (ignored when there is none). */
  setSummary(absolutePath: string, content: string | Uint8Array, summary: DeviceSummary): void {
    const entry = this.entries.get(absolutePath);
    if (!entry || entry.contentHash !== contentHash(content)) return;
    if (entry.summary && JSON.stringify(entry.summary) === JSON.stringify(summary)) return;
    entry.summary = summary;
    this.dirty = true;
  }

  /** The line-shape table of the run that wrote the cache (null when none). */
  get shapes(): unknown {
    return this.shapeTable;
  }

  setShapes(table: unknown): void {
    if (JSON.stringify(table) === JSON.stringify(this.shapeTable)) return;
    this.shapeTable = table;
    this.dirty = true;
  }

  /** The outcome of the run that wrote the cache (null when none). */
  get run(): unknown {
    return this.lastRun;
  }

  /** Keeps a run's outcome; one with the key already stored is the same outcome and writes nothing. */
  setRun(run: { key: string } | undefined): void {
    if (run?.key === (this.lastRun as { key?: unknown } | null)?.key) return;
    this.lastRun = run ?? null;
    this.dirty = true;
  }

  /** Writes when something changed; entries of deleted files are dropped. */
  save(): void {
    for (const file of [...this.entries.keys()]) {
      if (!existsSync(file)) {
        this.entries.delete(file);
        this.dirty = true;
      }
    }
    if (!this.dirty) return;
    const chunks: Uint8Array[] = [Buffer.from(`${this.header()}\n`)];
    let first = true;
    for (const [file, entry] of this.entries) {
      const head = JSON.stringify({ contentHash: entry.contentHash, textHash: entry.textHash, summary: entry.summary ?? null }).slice(0, -1);
      chunks.push(Buffer.from(`${first ? '' : ',\n'}${JSON.stringify(file)}:${head},\n${AST_PREFIX}`));
      chunks.push('ast' in entry ? Buffer.from(astToJson(entry.ast)) : entry.astJson);
      chunks.push(CLOSE_ENTRY);
      first = false;
    }
    chunks.push(Buffer.from('\n}}\n'));
    writeFileAtomic(this.location, Buffer.concat(chunks));
    this.dirty = false;
  }

  private header(): string {
    return `{"fwlint":${JSON.stringify(this.version)},"layout":3,"shapes":${JSON.stringify(this.shapeTable)},"run":${JSON.stringify(this.lastRun)},"entries":{`;
  }

  /** Reads the header line; false when it is not this version's layout. */
  private loadHeader(line: string): boolean {
    if (!line.endsWith('"entries":{')) return false;
    try {
      const header = JSON.parse(`${line}}}`) as { fwlint?: unknown; layout?: unknown; shapes?: unknown; run?: unknown };
      if (header.fwlint !== this.version || header.layout !== 3) return false;
      this.shapeTable = header.shapes ?? null;
      this.lastRun = header.run ?? null;
      return true;
    } catch {
      return false;
    }
  }

  /** The line layout `save` writes, read as bytes: only the hash and summary lines are decoded. */
  private loadLines(content: Buffer): boolean {
    const lines: [number, number][] = [];
    for (let start = 0; start < content.length; ) {
      const end = content.indexOf(NEWLINE, start);
      lines.push([start, end < 0 ? content.length : end]);
      start = end < 0 ? content.length : end + 1;
    }
    const text = (i: number): string => content.toString('utf8', lines[i][0], lines[i][1]);
    if (lines.length < 2 || text(lines.length - 1) !== '}}' || !this.loadHeader(text(0))) return false;
    for (let i = 1; i + 1 < lines.length - 1; i += 2) {
      const head = text(i);
      const [astStart, lineEnd] = lines[i + 1];
      const astEnd = content[lineEnd - 1] === COMMA ? lineEnd - 2 : lineEnd - 1;
      if (!head.endsWith(',') || content.toString('utf8', astStart, astStart + AST_PREFIX.length) !== AST_PREFIX || content[astEnd] !== CLOSE_BRACE) return false;
      let parsed: unknown;
      try {
        parsed = JSON.parse(`{${head.slice(0, -1)}}}`);
      } catch {
        return false;
      }
      const [file, entry] = Object.entries(parsed as Record<string, unknown>)[0] ?? [];
      const stored = entry as Partial<StoredEntry> | undefined;
      if (typeof file !== 'string' || typeof stored?.contentHash !== 'string' || typeof stored.textHash !== 'string') continue;
      this.entries.set(file, {
        contentHash: stored.contentHash,
        textHash: stored.textHash,
        ...(isDeviceSummary(stored.summary) ? { summary: stored.summary } : {}),
        astJson: content.subarray(astStart + AST_PREFIX.length, astEnd),
      });
    }
    return true;
  }

  private loadJson(content: string): void {
    const data = JSON.parse(content) as CacheFile;
    if (data && data.fwlint === this.version && typeof data.entries === 'object' && data.entries !== null) {
      this.shapeTable = data.shapes ?? null;
      this.lastRun = data.run ?? null;
      for (const [file, entry] of Object.entries(data.entries)) {
        if (!isEntry(entry)) continue;
        const { summary, ...rest } = entry;
        expandRanges(rest.ast);
        this.entries.set(file, isDeviceSummary(summary) ? { ...rest, summary } : rest);
      }
    }
    this.dirty = true;
  }
}

/**
 * Ranges are most of an AST's JSON (three objects each): the cache stores them as six numbers,
 * the first negated so no other number array can be taken for one. Halves the JSON and cuts the
 * time to read a 170,000-line hub's AST back by about a third.
 */
function compactRange(_key: string, value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  // No AST node but a Range has `start` and `end` fields (the cache test round-trips every example and corpus AST).
  const { start, end } = value as Partial<Range>;
  if (start === undefined || end === undefined || typeof start.offset !== 'number' || typeof end.offset !== 'number') return value;
  return [-start.line, start.column, start.offset, end.line, end.column, end.offset];
}

function isCompactRange(value: unknown): value is number[] {
  return Array.isArray(value) && value.length === 6 && typeof value[0] === 'number' && value[0] < 0;
}

function expandRange(compact: number[]): Range {
  return { start: { line: -compact[0], column: compact[1], offset: compact[2] }, end: { line: compact[3], column: compact[4], offset: compact[5] } };
}

/** The AST as the cache stores it. */
export function astToJson(ast: ConfigAst): string {
  return JSON.stringify(ast, compactRange);
}

/** Turns the cache's compact ranges back into `Range` objects, in place. */
function expandRanges(root: unknown): void {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        if (isCompactRange(item)) value[i] = expandRange(item);
        else if (typeof item === 'object' && item !== null) stack.push(item);
      }
    } else if (typeof value === 'object' && value !== null) {
      const record = value as Record<string, unknown>;
      for (const key in record) {
        const child = record[key];
        if (isCompactRange(child)) record[key] = expandRange(child);
        else if (typeof child === 'object' && child !== null) stack.push(child);
      }
    }
  }
}

/** The AST of a stored entry, or undefined when its text is not a valid AST. */
export function astOfJson(json: string): ConfigAst | undefined {
  try {
    const ast = JSON.parse(json) as ConfigAst | null;
    if (typeof ast !== 'object' || ast === null || ast.kind !== 'config' || !Array.isArray(ast.diagnostics)) return undefined;
    expandRanges(ast);
    return ast;
  } catch {
    return undefined;
  }
}

function isEntry(value: unknown): value is CacheEntry {
  const entry = value as CacheEntry | null;
  return (
    typeof entry === 'object' &&
    entry !== null &&
    typeof entry.contentHash === 'string' &&
    typeof entry.textHash === 'string' &&
    typeof entry.ast === 'object' &&
    entry.ast !== null &&
    entry.ast.kind === 'config' &&
    Array.isArray(entry.ast.diagnostics)
  );
}

/** True when a plaintext key left a salted digest anywhere in the AST (a walk: stringifying a 170,000-line AST took a second). */
export function hasSecretDigest(ast: ConfigAst): boolean {
  const stack: unknown[] = [ast];
  while (stack.length > 0) {
    const value = stack.pop();
    if (Array.isArray(value)) {
      for (const item of value) if (typeof item === 'object' && item !== null) stack.push(item);
    } else if (typeof value === 'object' && value !== null) {
      if (typeof (value as { digest?: unknown }).digest === 'string') return true;
      for (const key in value) {
        const child = (value as Record<string, unknown>)[key];
        if (typeof child === 'object' && child !== null) stack.push(child);
      }
    }
  }
  return false;
}
