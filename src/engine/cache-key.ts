import { createHmac, randomBytes, type Hmac } from 'node:crypto';
import { closeSync, constants, fstatSync, linkSync, mkdirSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { accessErrorCode } from './safe-fs.js';

/*
 * The parse cache lives in the repository (.fwlintcache), where anyone who can commit can write
 * it. Its entries are therefore bound with HMAC-SHA256 under a random key that never enters the
 * repository: $XDG_CACHE_HOME/fwlint/key, else ~/.cache/fwlint/key, created 0600. Without the key
 * nobody can produce an entry this user's fwlint accepts, so a cache can make a run faster but
 * never change its result.
 */

const KEY_BYTES = 32;

export interface CacheKey {
  /** HMAC-SHA256 of the parts, hex; parts are length-prefixed so no two lists give the same input. */
  mac(...parts: (string | Uint8Array)[]): string;
  /** A running HMAC-SHA256 for input fed in pieces (the caller keeps the pieces unambiguous). */
  running(): Hmac;
  /** Where the key is kept (for messages). */
  file: string;
}

/** The key's file: $XDG_CACHE_HOME/fwlint/key when that is an absolute path (the XDG rule), else ~/.cache/fwlint/key. */
export function cacheKeyFile(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const xdg = env.XDG_CACHE_HOME;
  if (xdg && path.isAbsolute(xdg)) return path.join(xdg, 'fwlint', 'key');
  const home = env.HOME || os.homedir();
  return home && path.isAbsolute(home) ? path.join(home, '.cache', 'fwlint', 'key') : undefined;
}

function keyOf(secret: Buffer, file: string): CacheKey {
  return {
    file,
    mac(...parts) {
      const hmac = createHmac('sha256', secret);
      for (const part of parts) {
        const bytes = typeof part === 'string' ? Buffer.from(part) : part;
        hmac.update(`${bytes.byteLength}:`);
        hmac.update(bytes);
      }
      return hmac.digest('hex');
    },
    running: () => createHmac('sha256', secret),
  };
}

/** The key file's bytes; undefined when it does not exist. Refuses anything but a private regular file of this user. */
function readKey(file: string): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    if (accessErrorCode(error) === 'ENOENT' || accessErrorCode(error) === 'ENOTDIR') return undefined;
    throw new Error(`cannot read ${file} (${accessErrorCode(error) === 'ELOOP' ? 'a symbolic link' : accessErrorCode(error)})`);
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new Error(`${file} is not a regular file`);
    const uid = process.getuid?.();
    if (uid !== undefined && stats.uid !== uid) throw new Error(`${file} belongs to another user (uid ${stats.uid})`);
    if ((stats.mode & 0o077) !== 0) throw new Error(`${file} can be read by other users (mode ${(stats.mode & 0o777).toString(8)}); chmod 600 it`);
    const key = Buffer.alloc(KEY_BYTES + 1);
    const read = readSync(fd, key, 0, key.length, 0);
    if (read !== KEY_BYTES) throw new Error(`${file} is not an fwlint cache key (${read} bytes); delete it and fwlint makes a new one`);
    return key.subarray(0, KEY_BYTES);
  } finally {
    closeSync(fd);
  }
}

/** Writes a new key beside `file` and links it into place: of two runs creating it at once, one wins and both use its key. */
function createKey(file: string): Buffer {
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
  try {
    const key = randomBytes(KEY_BYTES);
    writeSync(fd, key);
    closeSync(fd);
    try {
      linkSync(temporary, file);
    } catch (error) {
      if (accessErrorCode(error) !== 'EEXIST') throw error;
      const existing = readKey(file);
      if (!existing) throw error;
      return existing;
    }
    return key;
  } finally {
    rmSync(temporary, { force: true });
  }
}

const loaded = new Map<string, CacheKey>();

/**
 * This user's cache key, created on first use. Throws (one line, for a warning) when it can
 * neither be read nor created: the cache is then not used.
 */
export function loadCacheKey(file = cacheKeyFile()): CacheKey {
  if (file === undefined) throw new Error('no home directory to keep the cache key in (set XDG_CACHE_HOME)');
  const known = loaded.get(file);
  if (known) return known;
  let secret = readKey(file);
  if (!secret) {
    try {
      mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      secret = createKey(file);
    } catch (error) {
      throw new Error(`cannot create ${file} (${error instanceof Error && !('code' in error) ? error.message : accessErrorCode(error)})`);
    }
  }
  const key = keyOf(secret, file);
  loaded.set(file, key);
  return key;
}
