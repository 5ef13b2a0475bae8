import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverFiles } from '../../src/cli/discover.js';

function tree(files: string[]): string {
  const root = mkdtempSync(path.join(tmpdir(), 'fwlint-discover-'));
  for (const file of files) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), 'sysname X\n');
  }
  return root;
}

const defaults = { fileGlobs: ['**/*.cfg', '**/*.conf', '**/*.txt'], ignores: [] as string[] };

describe('discoverFiles', () => {
  it('walks directories in sorted order and picks config extensions only', () => {
    const root = tree(['b/x.cfg', 'a.txt', 'c.md', 'node_modules/m.cfg', '.git/g.cfg', 'd/e/f.conf']);
    const found = discoverFiles(['.'], { cwd: root, baseDir: root, ...defaults });
    expect(found.files.map((f) => f.file)).toEqual(['a.txt', 'b/x.cfg', 'd/e/f.conf']);
    expect(found.problems).toEqual([]);
  });

  it('lints explicit files whatever their extension, once even when named twice or via a link', () => {
    const root = tree(['notes.md', 'x.cfg']);
    symlinkSync(path.join(root, 'x.cfg'), path.join(root, 'link.cfg'));
    const found = discoverFiles(['notes.md', 'x.cfg', './x.cfg', 'link.cfg'], { cwd: root, baseDir: root, ...defaults });
    expect(found.files.map((f) => f.file)).toEqual(['notes.md', 'x.cfg']);
  });

  it('cuts symlink loops, applies ignores relative to the config directory, and expands globs', () => {
    const root = tree(['configs/a.cfg', 'configs/old/b.cfg', 'configs/sub/c.cfg']);
    symlinkSync(path.join(root, 'configs'), path.join(root, 'configs', 'sub', 'loop'));
    const options = { cwd: path.join(root, 'configs'), baseDir: root, fileGlobs: defaults.fileGlobs, ignores: ['configs/old/**'] };
    expect(discoverFiles(['.'], options).files.map((f) => f.file)).toEqual(['a.cfg', 'sub/c.cfg']);
    expect(discoverFiles(['**/c.cfg'], options).files.map((f) => f.file)).toEqual(['sub/c.cfg']);
  });

  it('uses --ext instead of the globs, and reports unreadable targets and stdin', () => {
    const root = tree(['a.cfg', 'b.log']);
    const found = discoverFiles(['.', 'missing.cfg', '-'], { cwd: root, baseDir: root, ...defaults, extensions: ['.log'] });
    expect(found.files.map((f) => f.file)).toEqual(['b.log']);
    expect(found.problems).toEqual([{ file: 'missing.cfg', message: 'cannot read file (ENOENT)' }]);
    expect(found.stdin).toBe(true);
  });
});
