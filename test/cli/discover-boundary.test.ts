import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverFiles } from '../../src/cli/discover.js';

/*
 * Issue #20 item 4: a repository's symbolic links may point anywhere (/proc/self/pagemap,
 * /dev/zero, a home directory). Discovery reads nothing outside the repository and nothing that
 * is not a regular file; each such path is an io-error problem naming where it points.
 */

function tree(files: string[]): string {
  const root = mkdtempSync(path.join(tmpdir(), 'fwlint-boundary-'));
  for (const file of files) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), 'sysname X\n');
  }
  return root;
}

const defaults = { fileGlobs: ['**/*.cfg'], ignores: [] as string[], gitIgnore: false };

describe('discovery stays inside the repository', () => {
  it('links inside the repository are followed; links out of it, devices and FIFOs are problems', () => {
    const outside = tree(['secret.cfg', 'dir/elsewhere.cfg']);
    const root = tree(['configs/a.cfg', 'shared/b.cfg']);
    symlinkSync(path.join(root, 'shared/b.cfg'), path.join(root, 'configs/b-link.cfg'));
    symlinkSync(path.join(root, 'shared'), path.join(root, 'configs/shared-dir'));
    symlinkSync('/dev/zero', path.join(root, 'configs/zero.cfg'));
    symlinkSync('/proc/self/pagemap', path.join(root, 'configs/pm.cfg'));
    symlinkSync(path.join(outside, 'secret.cfg'), path.join(root, 'configs/secret.cfg'));
    symlinkSync(path.join(outside, 'dir'), path.join(root, 'configs/outside-dir'));
    execFileSync('mkfifo', [path.join(root, 'configs/fifo.cfg')]);
    const found = discoverFiles(['configs'], { cwd: root, baseDir: root, ...defaults, boundary: root });
    expect(found.files.map((f) => f.file)).toEqual(['configs/a.cfg', 'configs/b-link.cfg']);
    expect(found.problems).toEqual([
      { file: 'configs/fifo.cfg', message: 'cannot read file (not a regular file: a FIFO)' },
      { file: 'configs/outside-dir', message: `not walked: a symbolic link to ${path.join(outside, 'dir')}, a directory outside the repository` },
      { file: 'configs/pm.cfg', message: 'not read: a symbolic link to /proc/self/pagemap, outside the repository' },
      { file: 'configs/secret.cfg', message: `not read: a symbolic link to ${path.join(outside, 'secret.cfg')}, outside the repository` },
      { file: 'configs/zero.cfg', message: 'not read: a symbolic link to /dev/zero, outside the repository' },
    ]);
  });

  it('applies to files named on the command line and to a linked directory named as the target', () => {
    const outside = tree(['secret.cfg']);
    const root = tree(['a.cfg']);
    symlinkSync(path.join(outside, 'secret.cfg'), path.join(root, 'secret.cfg'));
    symlinkSync(outside, path.join(root, 'linked'));
    const found = discoverFiles(['a.cfg', 'secret.cfg', 'linked'], { cwd: root, baseDir: root, ...defaults, boundary: root });
    expect(found.files.map((f) => f.file)).toEqual(['a.cfg']);
    expect(found.problems.map((p) => p.file)).toEqual(['secret.cfg', 'linked']);
    // Outside the repository a named file is the user's own choice; a device still is not read.
    const named = discoverFiles([path.join(outside, 'secret.cfg'), '/dev/zero'], { cwd: root, baseDir: root, ...defaults, boundary: root });
    expect(named.files.map((f) => f.absolutePath)).toEqual([path.join(outside, 'secret.cfg')]);
    expect(named.problems).toEqual([{ file: path.relative(root, '/dev/zero'), message: 'cannot read file (not a regular file: a character device)' }]);
  });

  it('without a repository the walked directory is the boundary', () => {
    const outside = tree(['secret.cfg']);
    const root = tree(['walked/a.cfg']);
    symlinkSync(path.join(outside, 'secret.cfg'), path.join(root, 'walked/secret.cfg'));
    const found = discoverFiles(['walked'], { cwd: root, baseDir: root, ...defaults });
    expect(found.files.map((f) => f.file)).toEqual(['walked/a.cfg']);
    expect(found.problems).toEqual([{ file: 'walked/secret.cfg', message: `not read: a symbolic link to ${path.join(outside, 'secret.cfg')}, outside walked` }]);
  });
});
