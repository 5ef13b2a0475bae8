import { spawnSync } from 'node:child_process';
import { fstatSync, readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';

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
  const result = spawnSync('git', ['-c', 'core.fsmonitor=false', 'ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: directory,
    encoding: 'buffer',
    maxBuffer: 256 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  if (result.status !== 0 || !result.stdout) return undefined;
  const files = new Set<string>();
  const directories = new Set<string>([path.resolve(directory)]);
  for (const name of result.stdout.toString('utf8').split('\0')) {
    if (name === '') continue;
    const absolute = path.resolve(directory, name);
    files.add(absolute);
    for (let dir = path.dirname(absolute); dir.length > directory.length && !directories.has(dir); dir = path.dirname(dir)) directories.add(dir);
  }
  return { files, directories };
}

const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);

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
  const isIgnoredByConfig = options.ignores.length > 0 ? picomatch([...options.ignores], { dot: true }) : () => false;
  const isIgnored = (absolute: string): boolean => {
    const relative = relativeToBase(absolute);
    return !relative.startsWith('..') && isIgnoredByConfig(relative);
  };
  const matchesGlobs = picomatch([...options.fileGlobs], { dot: true });
  const isConfigFile = (absolute: string, walkRoot: string): boolean => {
    if (options.extensions) return options.extensions.some((ext) => absolute.toLowerCase().endsWith(ext.toLowerCase()));
    const relative = relativeToBase(absolute);
    return matchesGlobs(relative.startsWith('..') ? path.relative(walkRoot, absolute).split(path.sep).join('/') : relative);
  };

  const files = new Map<string, DiscoveredFile>();
  const problems: Discovery['problems'] = [];
  let stdin = false;

  const addFile = (absolute: string): void => {
    let real: string;
    try {
      real = realpathSync(absolute);
    } catch {
      real = absolute;
    }
    if (!files.has(real)) files.set(real, { file: toDisplayPath(absolute, cwd), absolutePath: absolute });
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
    for (const entry of entries) {
      const absolute = path.join(directory, entry.name);
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const target = statSync(absolute);
          isDirectory = target.isDirectory();
          isFile = target.isFile();
        } catch {
          if (filter(absolute) && !isIgnored(absolute)) problems.push({ file: toDisplayPath(absolute, cwd), message: 'broken symbolic link' });
          continue;
        }
      }
      if (isDirectory) {
        if (visible && !visible.directories.has(absolute)) continue;
        if (!SKIPPED_DIRECTORIES.has(entry.name) && !isIgnored(absolute)) walk(absolute, root, visited, filter);
      } else if (isFile && filter(absolute) && !isIgnored(absolute)) {
        if (visible && !visible.files.has(absolute)) continue;
        if (!isExcluded(absolute)) addFile(absolute);
      }
    }
  };

  for (const target of targets) {
    if (target === '-') {
      stdin = true;
      continue;
    }
    const absolute = path.resolve(cwd, target);
    let stats;
    try {
      stats = statSync(absolute);
    } catch (error) {
      const scan = picomatch.scan(target);
      if (scan.isGlob) {
        const base = path.resolve(cwd, scan.base || '.');
        const matcher = picomatch(toPosix(path.relative(cwd, path.resolve(cwd, target))), { dot: true });
        walk(base, base, new Set(), (file) => matcher(toPosix(path.relative(cwd, file))));
      } else {
        problems.push({ file: toDisplayPath(absolute, cwd), message: `cannot read file (${errorCode(error)})` });
      }
      continue;
    }
    if (stats.isDirectory()) {
      visible = options.gitIgnore === false ? undefined : gitVisible(absolute);
      walk(absolute, absolute, new Set(), (file) => isConfigFile(file, absolute));
      visible = undefined;
    } else if (!isIgnored(absolute)) addFile(absolute);
  }

  return {
    files: [...files.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)),
    problems,
    stdin,
  };
}

function toPosix(value: string): string {
  return value.split(path.sep).join('/');
}

export function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException)?.code ?? (error instanceof Error ? error.message : 'error');
}
