import path from 'node:path';
import { lexists } from './safe-fs.js';

/*
 * What `git ls-files` said in this process, so that a question it already answered (is the parse
 * cache tracked?) needs no second git process: spawning one from a process holding 100 MB or more
 * costs 10-30 ms.
 */

interface Listing {
  /** The directory git listed (recursively). */
  directory: string;
  /** Tracked files below it, absolute. */
  tracked: ReadonlySet<string>;
}

const listings: Listing[] = [];

/** Records a listing of `directory` (tracked files, absolute paths). */
export function recordGitListing(directory: string, tracked: ReadonlySet<string>): void {
  listings.push({ directory: path.resolve(directory), tracked });
}

function isBelow(file: string, directory: string): boolean {
  const relative = path.relative(directory, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

function hasDotGit(directory: string): boolean {
  return lexists(path.join(directory, '.git'));
}

/** The nearest directory at or above `start` holding `.git` (a work tree's top level), if any. */
export function gitWorkTreeRoot(start: string): string | undefined {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    if (hasDotGit(dir)) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/**
 * Whether git tracks `file`, when a listing of this process covers it; undefined when none does
 * (or a nested repository lies between the listed directory and the file).
 */
export function knownTracked(file: string): boolean | undefined {
  const absolute = path.resolve(file);
  for (const { directory, tracked } of listings) {
    if (!isBelow(absolute, directory)) continue;
    let nested = false;
    for (let dir = path.dirname(absolute); dir !== directory && isBelow(dir, directory); dir = path.dirname(dir)) {
      if (hasDotGit(dir)) nested = true;
    }
    if (!nested) return tracked.has(absolute);
  }
  return undefined;
}
