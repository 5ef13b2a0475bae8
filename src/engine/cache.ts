import { spawnSync } from 'node:child_process';
import { createHash, type Hmac } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { ConfigAst } from '../ast/types.js';
import { toConfigAst } from '../ast/validate.js';
import type { Range } from '../text/range.js';
import { isDeviceSummary, type DeviceSummary } from '../network/summary.js';
import { loadCacheKey, type CacheKey } from './cache-key.js';
import { gitWorkTreeRoot, knownTracked } from './git-listing.js';
import { accessErrorCode, describeAccessError, FileAccessError, lexists, linkOnTheWay, readRegularFile, safeWriteFile } from './safe-fs.js';

export const DEFAULT_CACHE_LOCATION = '.fwlintcache';

/** A cache file larger than this is treated as absent (a 1,000-device repository's is ~45 MB). */
export const MAX_CACHE_SIZE = 1024 * 1024 * 1024;

/** 5: ranges are flat records (`line` … `endOffset`), in the ASTs and in the last run's findings. */
const LAYOUT = 5;

interface CacheEntry {
  contentHash: string;
  /** Hash of the decoded text, to check a cheap re-decoding gives the same text the AST was built on. */
  textHash: string;
  ast: ConfigAst;
  /** Addresses of the device (repository mode decides from these which ASTs to load). */
  summary?: DeviceSummary;
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
  /** HMAC of the AST's JSON and what it was parsed from (see `astMac`), checked on a hit. */
  astMac: string;
}

const AST_PREFIX = '"ast":';
const CLOSE_ENTRY = Buffer.from('}');
const NEWLINE = 0x0a;
const COMMA = 0x2c;
const CLOSE_BRACE = 0x7d;
const HEADER_END = '"entries":{';
/** The last line: the end of the entries, then the file's MAC (see `fileMac`). */
const MAC_LINE = /^\},"mac":"([0-9a-f]{64})"\}$/;
const HEX = /^[0-9a-f]{64}$/;

export interface CacheLoadOptions {
  /**
   * The directory the cache is meant to be in (default: the process's): a cache file reached
   * through a linked directory below it is neither read nor written.
   */
  cwd?: string;
  /** The MAC key (default: this user's, see cache-key.ts). */
  key?: CacheKey;
  /** Where this user's key is kept (default: `cacheKeyFile()`). */
  keyFile?: string;
  /** Bytes (default MAX_CACHE_SIZE): a larger cache file is treated as absent. */
  maxSize?: number;
  /** Refuse a cache file tracked by git (default true). */
  checkGit?: boolean;
}

type LoadStatus = 'loaded' | 'other-version' | 'damaged' | 'forged';

/**
 * Parse results keyed by absolute path and content hash, invalidated by any fwlint version change.
 * The text itself is never stored (it holds secrets); neither are ASTs with plaintext-key
 * digests, whose per-run salt would not match the next run's.
 *
 * The file is one JSON object with one entry per two lines: hashes and device summary, then the
 * AST. A run re-serialises only the entries it parsed (a 1,000-device cache is ~45 MB, which took a
 * second to stringify after one change), and reading the summaries parses no AST.
 *
 * The cache sits in the repository, where anyone who can commit can write it, so nothing in it is
 * believed unless this user's fwlint wrote it: the last line holds an HMAC-SHA256 under the user's
 * key (cache-key.ts) of the header (shape table, stored run) and every entry line (path, hashes,
 * summary), each entry line the HMAC of its AST bound to the path, version and content hashes,
 * and an AST is also checked against the AST schema before use. A damaged, forged, oversized or
 * unreadable file is a cache miss with a warning. A cache file tracked by git, a link, a device,
 * or one reached through a linked directory is neither read nor written.
 */
export class ParseCache {
  private readonly entries = new Map<string, CacheEntry | StoredEntry>();
  private dirty = false;
  /** False when the cache may be neither read nor written (no key, tracked by git, a link). */
  private enabled = true;
  private key: CacheKey | undefined;
  /** The parser's line-shape table, stored as given (see `learnShapes`). */
  private shapeTable: unknown = null;
  /** The last run's outcome, stored as given (see run-cache.ts). */
  private lastRun: unknown = null;
  private readonly problems: string[] = [];
  private rejected: { count: number; first: string } | undefined;
  /** Look-ups answered from the cache in this run. */
  hits = 0;

  private constructor(
    readonly location: string,
    private readonly version: string,
    private readonly cwd: string,
  ) {}

  /**
   * Loads the cache; a missing or other-version file starts an empty one, and so (with a warning)
   * does a damaged, forged or oversized one. Never throws.
   */
  static load(location: string, version: string, options: CacheLoadOptions = {}): ParseCache {
    const cwd = path.resolve(options.cwd ?? process.cwd());
    const cache = new ParseCache(path.resolve(cwd, location), version, cwd);
    const shown = cache.shown;
    try {
      cache.key = options.key ?? loadCacheKey(options.keyFile);
    } catch (error) {
      return cache.disable(`the parse cache is not used: ${error instanceof Error ? error.message : String(error)}`);
    }
    const link = linkOnTheWay(cache.location, cwd);
    if (link !== undefined) return cache.disable(`parse cache ${shown}: ${link} is a symbolic link; the cache is neither read nor written`);
    if (options.checkGit !== false && isTrackedByGit(cache.location)) {
      return cache.disable(
        `parse cache ${shown} is tracked by git: a committed cache could change results, so it is neither read nor written; untrack it (git rm --cached ${shown}) and list it in .gitignore`,
      );
    }
    let content: Buffer;
    try {
      content = readRegularFile(cache.location, { limit: options.maxSize ?? MAX_CACHE_SIZE, noFollow: true });
    } catch (error) {
      const code = accessErrorCode(error);
      if (code === 'ENOENT' || code === 'ENOTDIR') return cache;
      if (code === 'ESYMLINK' || code === 'ENOTREG') return cache.disable(`parse cache ${shown} is ${code === 'ESYMLINK' ? 'a symbolic link' : (error as FileAccessError).message}; it is neither read nor written`);
      cache.dirty = true;
      cache.problems.push(`parse cache ${shown} ${code === 'ETOOBIG' ? `is ${describeAccessError(error)}` : `cannot be read (${describeAccessError(error)})`}; ignored and rewritten`);
      return cache;
    }
    const status = cache.loadLines(content);
    if (status !== 'loaded') {
      cache.entries.clear();
      cache.shapeTable = null;
      cache.lastRun = null;
      cache.dirty = true;
      if (status === 'damaged') cache.problems.push(`parse cache ${shown} is damaged or not an fwlint cache; ignored and rewritten`);
      if (status === 'forged') cache.problems.push(`parse cache ${shown} was not written with this user's cache key (${cache.key.file}); ignored and rewritten`);
    }
    return cache;
  }

  /** One line each, for `fwlint: warning:` (the cache was not used or not written, and why). */
  get warnings(): string[] {
    const rejected = this.rejected
      ? [`${this.rejected.count} parse cache ${this.rejected.count === 1 ? 'entry' : 'entries'} (${this.rejected.first}${this.rejected.count > 1 ? ', …' : ''}) failed verification and ${this.rejected.count === 1 ? 'was' : 'were'} parsed again`]
      : [];
    return [...this.problems, ...rejected];
  }

  /** The location as shown in messages: relative to the directory it is meant for, when inside it. */
  private get shown(): string {
    const relative = path.relative(this.cwd, this.location);
    return (relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? this.location : relative).split(path.sep).join('/');
  }

  private disable(warning: string): ParseCache {
    this.enabled = false;
    this.entries.clear();
    this.problems.push(warning);
    return this;
  }

  get(absolutePath: string, content: string | Uint8Array, text: string): ConfigAst | undefined {
    const entry = this.entries.get(absolutePath);
    if (!entry || entry.contentHash !== contentHash(content) || entry.textHash !== sha256(text)) return undefined;
    let ast: ConfigAst | undefined;
    if ('ast' in entry) ast = entry.ast;
    else if (this.key && this.astMac(absolutePath, entry, entry.astJson) === entry.astMac) {
      ast = astOfJson(Buffer.from(entry.astJson.buffer, entry.astJson.byteOffset, entry.astJson.byteLength).toString('utf8'));
    }
    if (!ast) {
      this.entries.delete(absolutePath);
      this.dirty = true;
      this.rejected = { count: (this.rejected?.count ?? 0) + 1, first: this.rejected?.first ?? this.shownFile(absolutePath) };
      return undefined;
    }
    this.hits++;
    return ast;
  }

  private shownFile(absolutePath: string): string {
    const relative = path.relative(this.cwd, absolutePath);
    return (relative.startsWith('..') || path.isAbsolute(relative) ? absolutePath : relative).split(path.sep).join('/');
  }

  set(absolutePath: string, content: string | Uint8Array, text: string, ast: ConfigAst): void {
    if (!this.enabled) return;
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
    if (!this.enabled || JSON.stringify(table) === JSON.stringify(this.shapeTable)) return;
    this.shapeTable = table;
    this.dirty = true;
  }

  /** The outcome of the run that wrote the cache (null when none). */
  get run(): unknown {
    return this.lastRun;
  }

  /** Keeps a run's outcome; one with the key already stored is the same outcome and writes nothing. */
  setRun(run: { key: string } | undefined): void {
    if (!this.enabled || run?.key === (this.lastRun as { key?: unknown } | null)?.key) return;
    this.lastRun = run ?? null;
    this.dirty = true;
  }

  /**
   * Writes when something changed; entries of deleted files are dropped. Never throws: a cache
   * that cannot be written is a warning (see `warnings`), the run's findings stand.
   */
  save(): void {
    if (!this.enabled || !this.key) return;
    for (const file of [...this.entries.keys()]) {
      if (!existsSync(file)) {
        this.entries.delete(file);
        this.dirty = true;
      }
    }
    if (!this.dirty) return;
    const key = this.key;
    const mac = fileMac(key, this.version);
    const header = `{"fwlint":${JSON.stringify(this.version)},"layout":${LAYOUT},"shapes":${JSON.stringify(this.shapeTable)},"run":${JSON.stringify(this.lastRun)},${HEADER_END}`;
    mac.update(header);
    const chunks: Uint8Array[] = [Buffer.from(`${header}\n`)];
    let first = true;
    for (const [file, entry] of this.entries) {
      const astJson = 'ast' in entry ? Buffer.from(astToCacheJson(entry.ast)) : entry.astJson;
      const astMac = 'ast' in entry ? this.astMac(file, entry, astJson) : entry.astMac;
      const head = `${JSON.stringify(file)}:${JSON.stringify({ contentHash: entry.contentHash, textHash: entry.textHash, summary: entry.summary ?? null, astMac }).slice(0, -1)},`;
      mac.update('\n');
      mac.update(head);
      chunks.push(Buffer.from(`${first ? '' : ',\n'}${head}\n${AST_PREFIX}`));
      chunks.push(astJson);
      chunks.push(CLOSE_ENTRY);
      first = false;
    }
    chunks.push(Buffer.from(`\n},"mac":"${mac.digest('hex')}"}\n`));
    try {
      safeWriteFile(this.location, chunks, { cwd: this.cwd, createDirectories: true });
      this.dirty = false;
    } catch (error) {
      this.problems.push(`cannot write parse cache ${this.shown} (${describeAccessError(error)}); the findings are not affected`);
    }
  }

  /** Binds an AST's JSON to the file, version and contents it was parsed from. */
  private astMac(file: string, entry: { contentHash: string; textHash: string }, astJson: Uint8Array): string {
    return this.key!.mac('ast', this.version, file, entry.contentHash, entry.textHash, astJson);
  }

  /** Checks the header line: this version's layout, or why not. */
  private checkHeader(line: string): LoadStatus {
    const prefix = /^\{"fwlint":("(?:[^"\\]|\\.)*"),"layout":(\d+),/.exec(line);
    if (!prefix) return 'damaged';
    if (prefix[1] !== JSON.stringify(this.version) || Number(prefix[2]) !== LAYOUT) return 'other-version';
    return line.endsWith(HEADER_END) ? 'loaded' : 'damaged';
  }

  /**
   * The line layout `save` writes, read as bytes in two passes. The first checks the layout line
   * by line and computes the file's MAC over the header and entry lines, decoding nothing; the
   * first line out of place ends it (a file of newlines or one endless line costs one pass). Only
   * a file whose MAC is right is decoded, and then only its header and entry lines: an AST is
   * decoded (and checked with its own MAC) when it is used.
   */
  private loadLines(content: Buffer): LoadStatus {
    const lineEnd = (start: number): number => {
      const end = content.indexOf(NEWLINE, start);
      return end < 0 ? content.length : end;
    };
    const headerEnd = lineEnd(0);
    const header = content.toString('utf8', 0, headerEnd);
    const status = this.checkHeader(header);
    if (status !== 'loaded') return status;
    /** Walks the entries (head line, AST line) to the MAC line; false at the first line out of place. */
    const scan = (onEntry: (headStart: number, headEnd: number, astStart: number, astEnd: number) => void): string | false => {
      for (let start = headerEnd + 1; start < content.length; ) {
        const headEnd = lineEnd(start);
        const last = MAC_LINE.exec(content.toString('latin1', start, Math.min(headEnd, start + 80)));
        if (last && headEnd - start === last[0].length) return content.length - headEnd > 1 ? false : last[1];
        const astStart = headEnd + 1;
        if (content[headEnd - 1] !== COMMA || astStart >= content.length) return false;
        const astLineEnd = lineEnd(astStart);
        const astEnd = content[astLineEnd - 1] === COMMA ? astLineEnd - 2 : astLineEnd - 1;
        if (content.toString('latin1', astStart, astStart + AST_PREFIX.length) !== AST_PREFIX || content[astEnd] !== CLOSE_BRACE) return false;
        onEntry(start, headEnd, astStart + AST_PREFIX.length, astEnd);
        start = astLineEnd + 1;
      }
      return false;
    };
    // Pass 1 keeps nothing but the MAC: what an unverified file holds costs no memory.
    const mac = fileMac(this.key!, this.version);
    mac.update(content.subarray(0, headerEnd));
    const stored = scan((headStart, headEnd) => {
      mac.update('\n');
      mac.update(content.subarray(headStart, headEnd));
    });
    if (stored === false) return 'damaged';
    if (mac.digest('hex') !== stored) return 'forged';
    try {
      const { shapes, run } = JSON.parse(`${header}}}`) as { shapes?: unknown; run?: unknown };
      this.shapeTable = shapes ?? null;
      this.lastRun = run ?? null;
      let damaged = false;
      scan((headStart, headEnd, astStart, astEnd) => {
        const parsed = JSON.parse(`{${content.toString('utf8', headStart, headEnd - 1)}}}`) as Record<string, unknown>;
        const [file, entry] = Object.entries(parsed)[0] ?? [];
        const head = entry as Partial<StoredEntry> | undefined;
        if (typeof file !== 'string' || typeof head?.contentHash !== 'string' || typeof head.textHash !== 'string' || typeof head.astMac !== 'string' || !HEX.test(head.astMac)) {
          damaged = true;
          return;
        }
        this.entries.set(file, {
          contentHash: head.contentHash,
          textHash: head.textHash,
          ...(isDeviceSummary(head.summary) ? { summary: head.summary } : {}),
          astJson: content.subarray(astStart, astEnd),
          astMac: head.astMac,
        });
      });
      return damaged ? 'damaged' : 'loaded';
    } catch {
      return 'damaged';
    }
  }
}

/** The MAC of a cache file: its header and entry lines, under this user's key, for this version. */
function fileMac(key: CacheKey, version: string): Hmac {
  const mac = key.running();
  mac.update(`fwlint parse cache\0layout ${LAYOUT}\0${version.length}:${version}\0`);
  return mac;
}

/** Whether git tracks `file` (false without git or outside a work tree; git is run only when a .git is above the file). */
function isTrackedByGit(file: string): boolean {
  if (!lexists(file) || gitWorkTreeRoot(path.dirname(file)) === undefined) return false;
  // The run's directory walk usually listed the repository already.
  const known = knownTracked(file);
  if (known !== undefined) return known;
  const result = spawnSync('git', ['-c', 'core.fsmonitor=false', 'ls-files', '--error-unmatch', '-z', '--', path.basename(file)], {
    cwd: path.dirname(file),
    stdio: 'ignore',
  });
  return result.status === 0;
}



/**
 * Ranges are most of an AST's JSON: the cache stores each as its six numbers, the first negated
 * so no other number array can be taken for one. Halves the JSON and cuts the time to read a
 * 170,000-line hub's AST back by about a third.
 */
function compactRange(_key: string, value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  // No AST node but a Range has an `endOffset` field (the cache test round-trips every example and corpus AST).
  const range = value as Partial<Range>;
  if (typeof range.endOffset !== 'number' || typeof range.offset !== 'number') return value;
  return [-range.line!, range.column, range.offset, range.endLine, range.endColumn, range.endOffset];
}

/** The AST as the cache stores it. */
export function astToCacheJson(ast: ConfigAst): string {
  return JSON.stringify(ast, compactRange);
}

/** The AST of a stored entry (compact ranges expanded), or undefined when its text is not JSON of the AST schema's shape. */
export function astOfJson(json: string): ConfigAst | undefined {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  return toConfigAst(value);
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
