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

/**
 * Parse results keyed by absolute path and content hash, invalidated by any fwlint version change.
 * The text itself is never stored (it holds secrets); neither are ASTs with plaintext-key
 * digests, whose per-run salt would not match the next run's.
 */
export class ParseCache {
  private readonly entries = new Map<string, CacheEntry>();
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
      const data = JSON.parse(readFileSync(location, 'utf8')) as CacheFile;
      if (data && data.fwlint === version && typeof data.entries === 'object' && data.entries !== null) {
        for (const [file, entry] of Object.entries(data.entries)) {
          if (isEntry(entry)) cache.entries.set(file, entry);
        }
      } else {
        cache.dirty = true;
      }
    } catch {
      cache.dirty = existsSync(location);
    }
    return cache;
  }

  get(absolutePath: string, content: string | Uint8Array, text: string): ConfigAst | undefined {
    const entry = this.entries.get(absolutePath);
    if (!entry || entry.contentHash !== sha256(content) || entry.textHash !== sha256(text)) return undefined;
    this.hits++;
    return entry.ast;
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
    const data: CacheFile = { fwlint: this.version, entries: Object.fromEntries(this.entries) };
    writeFileAtomic(this.location, JSON.stringify(data));
    this.dirty = false;
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
