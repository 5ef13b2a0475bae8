import { spawnSync } from 'node:child_process';
import { fstatSync, readdirSync, readlinkSync, realpathSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { compileGlob, configGlobs, GlobError, scanGlob } from '../engine/glob.js';
import { UsageError } from './io.js';
import { recordGitListing } from '../engine/git-listing.js';
import { fileKind } from '../engine/safe-fs.js';

export interface DiscoveredFile {
  /** As shown in reports: relative to cwd, forward slashes. */
  file: string;
  absolutePath: string;
}

export interface Discovery {
  files: DiscoveredFile[];
  /** Targets or entries that could not be read; each becomes an io-error finding. */
  problems: { file: string; message: string }[];
  /** `-` was among the targets. */
  stdin: boolean;
}

export interface DiscoverOptions {
  cwd: string;
  /** Directory `files` and `ignores` globs are relative to. */
  baseDir: string;
  fileGlobs: readonly string[];
  ignores: readonly string[];
  /** When given, directory walks pick files by extension instead of `fileGlobs`. */
  extensions?: readonly string[];
  /** Files fwlint writes in this run (the report stdout is redirected to, -o, cache, baseline), as `dev:ino`: never read. */
  excludedFiles?: ReadonlySet<string>;
  /** Inside a git work tree, walk only what git would track (.gitignore, .git/info/exclude, global excludes). Default true. */
  gitIgnore?: boolean;
  /**
   * The repository: a file or directory below it that is a symbolic link to a place outside it is
   * not read (an io-error finding instead). Without one, each walked directory is its own boundary.
   */
  boundary?: string;
}

/** A file's identity as `dev:ino`, or undefined when it does not exist. */
export function fileIdentity(file: string | number): string | undefined {
  try {
    const stats = typeof file === 'number' ? fstatSync(file) : statSync(file);
    return stats.isFile() ? `${stats.dev}:${stats.ino}` : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The files git would track below `directory` (tracked, and untracked but not ignored), or
 * undefined outside a work tree or without git. The directories holding them come along, so the
 * walk prunes ignored directories instead of reading them.
 */
function gitVisible(directory: string): { files: Set<string>; directories: Set<string> } | undefined {
  // core.fsmonitor off: a configured monitor would be a program run on the repository's behalf.
  // -t tags each path: "? " untracked, anything else tracked (kept for the parse cache's check).
  const result = spawnSync('git', ['-c', 'core.fsmonitor=false', 'ls-files', '-z', '-t', '--cached', '--others', '--exclude-standard'], {
    cwd: directory,
    encoding: 'buffer',
    maxBuffer: 256 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  if (result.status !== 0 || !result.stdout) return undefined;
  const files = new Set<string>();
  const tracked = new Set<string>();
  const directories = new Set<string>([path.resolve(directory)]);
  for (const entry of result.stdout.toString('utf8').split('\0')) {
    if (entry.length < 3 || entry[1] !== ' ') continue;
    const absolute = path.resolve(directory, entry.slice(2));
    files.add(absolute);
    if (entry[0] !== '?') tracked.add(absolute);
    for (let dir = path.dirname(absolute); dir.length > directory.length && !directories.has(dir); dir = path.dirname(dir)) directories.add(dir);
  }
  recordGitListing(directory, tracked);
  return { files, directories };
}

const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);

function isInside(absolute: string, root: string): boolean {
  const relative = path.relative(root, absolute);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

function realpathOrSelf(file: string): string {
  try {
    return realpathSync.native(file);
  } catch {
    return file;
  }
}

/** Where a symbolic link points, for messages: its own target when that is already outside, else its resolved path. */
function linkTarget(absolute: string, real: string, realRoot: string): string {
  try {
    const first = path.resolve(path.dirname(absolute), readlinkSync(absolute));
    if (!isInside(realpathOrSelf(path.dirname(first)), realRoot)) return first;
  } catch {
    // Not a link itself (a linked directory on the way): the resolved path says it.
  }
  return real;
}

/**
 * Why `absolute` (below `root`, the repository or the walked directory) must not be read: it
 * resolves to a place outside `root` (a committed link to /proc/self/pagemap, /dev/zero or a
 * home directory), or it is not a regular file. Undefined when it may be read.
 */
export function unreadableReason(absolute: string, root: string | undefined, rootLabel = 'the repository', realRoot = root && realpathOrSelf(root)): string | undefined {
  let real: string;
  try {
    real = realpathSync.native(absolute);
  } catch (error) {
    return `cannot read file (${errorCode(error)})`;
  }
  if (root !== undefined && realRoot !== undefined) {
    if ((isInside(absolute, root) || isInside(absolute, realRoot)) && !isInside(real, realRoot)) {
      return `not read: a symbolic link to ${linkTarget(absolute, real, realRoot)}, outside ${rootLabel}`;
    }
  }
  try {
    const stats = statSync(real);
    if (!stats.isFile()) return `cannot read file (not a regular file: ${fileKind(stats)})`;
  } catch (error) {
    return `cannot read file (${errorCode(error)})`;
  }
  return undefined;
}

export function toDisplayPath(absolutePath: string, cwd: string): string {
  const relative = path.relative(cwd, absolutePath);
  return (relative === '' ? '.' : relative).split(path.sep).join('/');
}

/**
 * Expands files, directories (recursively, following symlinks once: loops are cut by real path)
 * and globs. Explicit files are linted whatever their name; `ignores` applies to everything.
 */
export function discoverFiles(targets: readonly string[], options: DiscoverOptions): Discovery {
  const { cwd, baseDir } = options;
  const relativeToBase = (absolute: string): string => path.relative(baseDir, absolute).split(path.sep).join('/');
  const isIgnoredByConfig = configGlobs(options.ignores, 'ignores');
  const isIgnored = (absolute: string): boolean => {
    const relative = relativeToBase(absolute);
    return !relative.startsWith('..') && isIgnoredByConfig(relative);
  };
  const matchesGlobs = configGlobs(options.fileGlobs, 'files');
  const isConfigFile = (absolute: string, walkRoot: string): boolean => {
    if (options.extensions) return options.extensions.some((ext) => absolute.toLowerCase().endsWith(ext.toLowerCase()));
    const relative = relativeToBase(absolute);
    return matchesGlobs(relative.startsWith('..') ? path.relative(walkRoot, absolute).split(path.sep).join('/') : relative);
  };

  const files = new Map<string, DiscoveredFile>();
  const problems: Discovery['problems'] = [];
  let stdin = false;

  const boundaryLabel = (root: string): string => (options.boundary === undefined ? toDisplayPath(root, cwd) : 'the repository');
  const realRoots = new Map<string, string>();
  const realRoot = (root: string): string => {
    let real = realRoots.get(root);
    if (real === undefined) realRoots.set(root, (real = realpathOrSelf(root)));
    return real;
  };
  /** `plain`: a regular file (not a link) met in a walk, whose directories were checked on the way in. */
  const addFile = (absolute: string, root: string | undefined, plain = false): void => {
    const real = realpathOrSelf(absolute);
    if (files.has(real)) return;
    if (!plain) {
      const shown = toDisplayPath(absolute, cwd);
      if (problems.some((p) => p.file === shown)) return;
      const reason = root === undefined ? unreadableReason(absolute, undefined) : unreadableReason(absolute, root, boundaryLabel(root), realRoot(root));
      if (reason) {
        problems.push({ file: shown, message: reason });
        return;
      }
    }
    files.set(real, { file: toDisplayPath(absolute, cwd), absolutePath: absolute });
  };

  const isExcluded = (absolute: string): boolean => {
    if (!options.excludedFiles || options.excludedFiles.size === 0) return false;
    const identity = fileIdentity(absolute);
    return identity !== undefined && options.excludedFiles.has(identity);
  };

  let visible: ReturnType<typeof gitVisible>;
  const walk = (directory: string, root: string, visited: Set<string>, filter: (absolute: string) => boolean): void => {
    let real: string;
    let entries: Dirent[];
    try {
      real = realpathSync(directory);
      if (visited.has(real)) return;
      visited.add(real);
      entries = readdirSync(directory, { withFileTypes: true });
    } catch (error) {
      problems.push({ file: toDisplayPath(directory, cwd), message: `cannot read directory (${errorCode(error)})` });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    // Names are decoded as UTF-8: one that is not UTF-8 comes back with U+FFFD and opens nothing.
    const undecodable = entries.some((e) => e.name.includes('\ufffd')) ? nonUtf8Names(directory) : undefined;
    for (const entry of entries) {
      const absolute = path.join(directory, entry.name);
      if (undecodable?.has(entry.name)) {
        const isDir = entry.isDirectory();
        const wanted = isDir ? !SKIPPED_DIRECTORIES.has(entry.name) : filter(absolute);
        const seen = !visible || visible.files.has(absolute) || visible.directories.has(absolute);
        if (wanted && seen && !isIgnored(absolute)) problems.push({ file: toDisplayPath(absolute, cwd), message: isDir ? NON_UTF8_DIRECTORY : NON_UTF8_FILE });
        continue;
      }
      let isDirectory = entry.isDirectory();
      let linked = false;
      if (entry.isSymbolicLink()) {
        try {
          isDirectory = statSync(absolute).isDirectory();
          linked = true;
        } catch {
          if (filter(absolute) && !isIgnored(absolute)) problems.push({ file: toDisplayPath(absolute, cwd), message: 'broken symbolic link' });
          continue;
        }
      }
      if (isDirectory) {
        if (visible && !visible.directories.has(absolute)) continue;
        if (SKIPPED_DIRECTORIES.has(entry.name) || isIgnored(absolute)) continue;
        const boundary = options.boundary ?? root;
        const real = linked ? realpathOrSelf(absolute) : undefined;
        if (real !== undefined && !isInside(real, realRoot(boundary))) {
          problems.push({ file: toDisplayPath(absolute, cwd), message: `not walked: a symbolic link to ${linkTarget(absolute, real, realRoot(boundary))}, a directory outside ${boundaryLabel(boundary)}` });
          continue;
        }
        walk(absolute, root, visited, filter);
      } else if (filter(absolute) && !isIgnored(absolute)) {
        // Anything else that matches (a device, a FIFO, a link to one) is reported by addFile, not read.
        if (visible && !visible.files.has(absolute)) continue;
        if (!isExcluded(absolute)) addFile(absolute, options.boundary ?? root, !linked && entry.isFile());
      }
    }
  };

  for (const target of targets) {
    // `fwlint "$FILE"` with FILE unset: path.resolve would take '' for the working directory.
    if (target === '') throw new UsageError('an empty path was given as a file to lint; name a file or directory ("." for the working directory)');
    if (target === '-') {
      stdin = true;
      continue;
    }
    const absolute = path.resolve(cwd, target);
    let stats;
    try {
      stats = statSync(absolute);
    } catch (error) {
      const scan = scanGlob(target);
      if (scan.isGlob) {
        const base = path.resolve(cwd, scan.base || '.');
        const matcher = targetGlob(toPosix(path.relative(cwd, path.resolve(cwd, target))));
        walk(base, base, new Set(), (file) => matcher(toPosix(path.relative(cwd, file))));
      } else {
        const message = isNonUtf8Name(absolute) ? NON_UTF8_FILE : `cannot read file (${errorCode(error)})`;
        problems.push({ file: toDisplayPath(absolute, cwd), message });
      }
      continue;
    }
    if (stats.isDirectory()) {
      const boundary = options.boundary;
      if (boundary !== undefined && isInside(absolute, boundary) && !isInside(realpathOrSelf(absolute), realRoot(boundary))) {
        problems.push({ file: toDisplayPath(absolute, cwd), message: `not walked: a symbolic link to ${linkTarget(absolute, realpathOrSelf(absolute), realRoot(boundary))}, a directory outside the repository` });
        continue;
      }
      visible = options.gitIgnore === false ? undefined : gitVisible(absolute);
      walk(absolute, absolute, new Set(), (file) => isConfigFile(file, absolute));
      visible = undefined;
    } else if (!isIgnored(absolute)) addFile(absolute, options.boundary);
  }

  return {
    files: [...files.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)),
    problems,
    stdin,
  };
}

const NON_UTF8_FILE = 'cannot read file (its name is not valid UTF-8; rename it)';
const NON_UTF8_DIRECTORY = 'cannot read directory (its name is not valid UTF-8; rename it)';

/** Entries of `directory` whose name is not valid UTF-8, as Node decodes them (with U+FFFD). */
function nonUtf8Names(directory: string): Set<string> {
  const names = new Set<string>();
  try {
    for (const raw of readdirSync(directory, { encoding: 'buffer' })) {
      const decoded = raw.toString('utf8');
      if (!Buffer.from(decoded, 'utf8').equals(raw)) names.add(decoded);
    }
  } catch {
    // Unreadable: the caller reports what it could not open.
  }
  return names;
}

/** Whether a path that could not be opened goes through an entry whose real name is not UTF-8 (a command-line argument decoded with U+FFFD). */
function isNonUtf8Name(absolute: string): boolean {
  for (let p = absolute; path.dirname(p) !== p; p = path.dirname(p)) {
    const name = path.basename(p);
    if (name.includes('\ufffd') && nonUtf8Names(path.dirname(p)).has(name)) return true;
  }
  return false;
}

/** A glob named on the command line; one fwlint refuses is a usage error. */
function targetGlob(pattern: string): (relative: string) => boolean {
  try {
    return compileGlob(pattern);
  } catch (error) {
    if (error instanceof GlobError) throw new UsageError(error.message);
    throw error;
  }
}

function toPosix(value: string): string {
  return value.split(path.sep).join('/');
}

export function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException)?.code ?? (error instanceof Error ? error.message : 'error');
}
