import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { ConfigAst } from '../ast/types.js';
import { writeFileAtomic } from './atomic-write.js';

export const DEFAULT_CACHE_LOCATION = '.fwlintcache';

interface CacheEntry {
  contentHash: string;
  /** Hash of the decoded text, to check a cheap re-decoding gives the same text the AST was built on. */
  textHash: string;
  ast: ConfigAst;
}

interface CacheFile {
  fwlint: string;
  entries: Record<string, CacheEntry>;
}

export function sha256(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}

/** An entry read from disk, kept as its JSON line: the AST is parsed only on a hit and written back as is. */
interface StoredEntry {
  contentHash: string;
  textHash: string;
  line: string;
}

const HASH_LENGTH = 64;
const ENTRY_PREFIX = '{"contentHash":"';
const TEXT_HASH_PREFIX = '","textHash":"';
const AST_PREFIX = '","ast":';

/**
 * Parse results keyed by absolute path and content hash, invalidated by any fwlint version change.
 * The text itself is never stored (it holds secrets); neither are ASTs with plaintext-key
 * digests, whose per-run salt would not match the next run's.
 *
 * The file is one JSON object with one entry per line, so a run re-serialises only the entries
 * it parsed: a 1,000-device cache is ~75 MB, which took a second to stringify after one change.
 */
export class ParseCache {
  private readonly entries = new Map<string, CacheEntry | StoredEntry>();
  private dirty = false;
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
      const content = readFileSync(location, 'utf8');
      if (!cache.loadLines(content)) cache.loadJson(content);
    } catch {
      cache.entries.clear();
      cache.dirty = existsSync(location);
    }
    return cache;
  }

  get(absolutePath: string, content: string | Uint8Array, text: string): ConfigAst | undefined {
    const entry = this.entries.get(absolutePath);
    if (!entry || entry.contentHash !== sha256(content) || entry.textHash !== sha256(text)) return undefined;
    const ast = 'ast' in entry ? entry.ast : astOfLine(entry.line);
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
    this.entries.set(absolutePath, { contentHash: sha256(content), textHash: sha256(text), ast });
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
    const lines = [...this.entries].map(([file, entry]) => ('line' in entry ? entry.line : `${JSON.stringify(file)}:${JSON.stringify(entry)}`));
    writeFileAtomic(this.location, `{"fwlint":${JSON.stringify(this.version)},"entries":{\n${lines.join(',\n')}\n}}\n`);
    this.dirty = false;
  }

  /** The line layout `save` writes; false when the file has another layout (then read as plain JSON). */
  private loadLines(content: string): boolean {
    const lines = content.split('\n');
    if (lines[0] !== `{"fwlint":${JSON.stringify(this.version)},"entries":{`) return false;
    if (lines.at(-1) === '') lines.pop();
    if (lines.at(-1) !== '}}') return false;
    for (let i = 1; i < lines.length - 1; i++) {
      const line = lines[i].endsWith(',') ? lines[i].slice(0, -1) : lines[i];
      const keyEnd = line.indexOf(`:${ENTRY_PREFIX}`);
      if (keyEnd < 0) continue;
      const hashes = keyEnd + 1 + ENTRY_PREFIX.length;
      const textHashAt = hashes + HASH_LENGTH + TEXT_HASH_PREFIX.length;
      if (line.slice(hashes + HASH_LENGTH, textHashAt) !== TEXT_HASH_PREFIX || line.slice(textHashAt + HASH_LENGTH, textHashAt + HASH_LENGTH + AST_PREFIX.length) !== AST_PREFIX) continue;
      let file: unknown;
      try {
        file = JSON.parse(line.slice(0, keyEnd));
      } catch {
        continue;
      }
      if (typeof file !== 'string') continue;
      this.entries.set(file, { contentHash: line.slice(hashes, hashes + HASH_LENGTH), textHash: line.slice(textHashAt, textHashAt + HASH_LENGTH), line });
    }
    return true;
  }

  private loadJson(content: string): void {
    const data = JSON.parse(content) as CacheFile;
    if (data && data.fwlint === this.version && typeof data.entries === 'object' && data.entries !== null) {
      for (const [file, entry] of Object.entries(data.entries)) {
        if (isEntry(entry)) this.entries.set(file, entry);
      }
    }
    this.dirty = true;
  }
}

/** The AST of a stored line, or undefined when it does not hold a valid entry. */
function astOfLine(line: string): ConfigAst | undefined {
  const at = line.indexOf(`:${ENTRY_PREFIX}`);
  try {
    const entry: unknown = JSON.parse(line.slice(at + 1));
    return isEntry(entry) ? entry.ast : undefined;
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
