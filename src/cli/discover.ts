import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
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
        if (!SKIPPED_DIRECTORIES.has(entry.name) && !isIgnored(absolute)) walk(absolute, root, visited, filter);
      } else if (isFile && filter(absolute) && !isIgnored(absolute)) {
        addFile(absolute);
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
    if (stats.isDirectory()) walk(absolute, absolute, new Set(), (file) => isConfigFile(file, absolute));
    else if (!isIgnored(absolute)) addFile(absolute);
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
