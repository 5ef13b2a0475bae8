import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverFiles } from '../../src/cli/discover.js';
import { knownTracked, recordGitListing } from '../../src/engine/git-listing.js';

describe('git listings kept from discovery', () => {
  it('answer "is it tracked?" for files below a listed directory, ignored and untracked ones included', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fwlint-git-listing-'));
    execFileSync('git', ['init', '-q'], { cwd: dir });
    for (const file of ['tracked.cfg', 'untracked.cfg', 'ignored.cache', '.gitignore']) writeFileSync(path.join(dir, file), file === '.gitignore' ? '*.cache\n' : 'x\n');
    execFileSync('git', ['add', 'tracked.cfg', '.gitignore'], { cwd: dir });
    expect(knownTracked(path.join(dir, 'tracked.cfg'))).toBeUndefined();
    discoverFiles(['.'], { cwd: dir, baseDir: dir, fileGlobs: ['**/*.cfg'], ignores: [] });
    expect([knownTracked(path.join(dir, 'tracked.cfg')), knownTracked(path.join(dir, 'untracked.cfg')), knownTracked(path.join(dir, 'ignored.cache'))]).toEqual([true, false, false]);
    expect(knownTracked(path.join(path.dirname(dir), 'elsewhere.cfg'))).toBeUndefined();
  });

  it('do not answer for a file inside a nested repository', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fwlint-git-listing-'));
    mkdirSync(path.join(dir, 'inner', '.git'), { recursive: true });
    recordGitListing(dir, new Set());
    expect(knownTracked(path.join(dir, 'inner', 'x.cache'))).toBeUndefined();
    expect(knownTracked(path.join(dir, 'x.cache'))).toBe(false);
  });
});
