import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { UsageError } from './io.js';

const execFileAsync = promisify(execFile);

/** The tree of a repository without commits: what `--changed` compares against before the first commit. */
const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

export interface ChangedPaths {
  /** Repository top level, absolute. */
  top: string;
  /** Commit (or tree) the working tree is compared with. */
  base: string;
  /** Added, modified or untracked paths, relative to `top`. */
  changed: string[];
  /** Paths present at `base` and gone from the working tree, relative to `top`. */
  deleted: string[];
}

async function git(args: readonly string[], cwd: string): Promise<string> {
  const { stdout } = await execFileAsync('git', args, { cwd, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  return stdout;
}

async function succeeds(args: readonly string[], cwd: string): Promise<boolean> {
  try {
    await git(args, cwd);
    return true;
  } catch {
    return false;
  }
}

export async function gitTopLevel(cwd: string): Promise<string> {
  try {
    return (await git(['rev-parse', '--show-toplevel'], cwd)).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new UsageError('--changed needs git, which was not found on PATH');
    throw new UsageError(`--changed needs a git repository, and ${cwd} is not inside one`);
  }
}

/**
 * Configuration candidates changed in the working tree and index since HEAD, or since the merge
 * base of `ref` and HEAD (what a pull request changes), untracked files included.
 */
export async function changedPaths(cwd: string, ref: string | undefined): Promise<ChangedPaths> {
  const top = await gitTopLevel(cwd);
  const hasHead = await succeeds(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], top);
  let base: string;
  if (ref) {
    if (!(await succeeds(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], top))) {
      throw new UsageError(`--changed: "${ref}" is not a commit, branch or tag of this repository`);
    }
    if (!hasHead) throw new UsageError(`--changed ${ref}: the repository has no commit yet`);
    try {
      base = (await git(['merge-base', ref, 'HEAD'], top)).trim();
    } catch {
      throw new UsageError(`--changed: "${ref}" and HEAD have no common ancestor`);
    }
  } else {
    base = hasHead ? 'HEAD' : EMPTY_TREE;
  }
  const changed: string[] = [];
  const deleted: string[] = [];
  const fields = (await git(['diff', '--name-status', '-z', '--no-renames', '--no-ext-diff', base, '--'], top)).split('\0');
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const status = fields[i];
    const file = fields[i + 1];
    if (status.startsWith('D')) deleted.push(file);
    else changed.push(file);
  }
  const untracked = (await git(['ls-files', '--others', '--exclude-standard', '-z'], top)).split('\0').filter((f) => f !== '');
  return { top, base, changed: [...new Set([...changed, ...untracked])].sort(), deleted: deleted.sort() };
}

/**
 * The content of `file` (relative to the top level) at `base`; undefined when git cannot show it
 * or it is longer than `limit` bytes (git is stopped there: a deleted file is read no further).
 */
export async function contentAt(top: string, base: string, file: string, limit = 512 * 1024 * 1024): Promise<Buffer | undefined> {
  try {
    const { stdout } = await promisify(execFile)('git', ['show', `${base}:${file}`], { cwd: top, encoding: 'buffer', maxBuffer: limit });
    return stdout;
  } catch {
    return undefined;
  }
}
