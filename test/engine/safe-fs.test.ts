import { execFileSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileAccessError, linkOnTheWay, readRegularFile, safeWriteFile } from '../../src/engine/safe-fs.js';

const scratch = (): string => mkdtempSync(path.join(tmpdir(), 'fwlint-safe-fs-'));

function failure(action: () => unknown): FileAccessError | NodeJS.ErrnoException {
  try {
    action();
  } catch (error) {
    return error as FileAccessError;
  }
  throw new Error('expected a failure');
}

describe('readRegularFile', () => {
  it('reads a regular file, through a link unless noFollow is set', () => {
    const dir = scratch();
    const file = path.join(dir, 'a.cfg');
    writeFileSync(file, 'sysname A\n');
    symlinkSync(file, path.join(dir, 'link.cfg'));
    expect(readRegularFile(file, { limit: 100 }).toString()).toBe('sysname A\n');
    expect(readRegularFile(path.join(dir, 'link.cfg'), { limit: 100 }).toString()).toBe('sysname A\n');
    expect(failure(() => readRegularFile(path.join(dir, 'link.cfg'), { limit: 100, noFollow: true }))).toMatchObject({ code: 'ESYMLINK' });
  });

  it('refuses devices, directories and FIFOs without reading (or blocking on) them', () => {
    const dir = scratch();
    expect(failure(() => readRegularFile('/dev/zero', { limit: 100 }))).toMatchObject({ code: 'ENOTREG', message: 'not a regular file: a character device' });
    expect(failure(() => readRegularFile(dir, { limit: 100 }))).toMatchObject({ code: 'ENOTREG', message: 'not a regular file: a directory' });
    execFileSync('mkfifo', [path.join(dir, 'fifo.cfg')]);
    expect(failure(() => readRegularFile(path.join(dir, 'fifo.cfg'), { limit: 100 }))).toMatchObject({ code: 'ENOTREG', message: 'not a regular file: a FIFO' });
  });

  it('refuses a file over the limit by its size, and a procfs file (size 0) once the read passes the limit', () => {
    const dir = scratch();
    writeFileSync(path.join(dir, 'big.cfg'), Buffer.alloc(3 * 1024 * 1024));
    expect(failure(() => readRegularFile(path.join(dir, 'big.cfg'), { limit: 1024 * 1024 }))).toMatchObject({ code: 'ETOOBIG', size: 3 * 1024 * 1024, sizeIsExact: true, message: '3 MB, over the 1 MB limit' });
    expect(statSync('/proc/self/pagemap').size).toBe(0);
    const procfs = failure(() => readRegularFile('/proc/self/pagemap', { limit: 1024 * 1024 })) as FileAccessError;
    expect(procfs).toMatchObject({ code: 'ETOOBIG', sizeIsExact: false, message: 'over the 1 MB limit' });
    expect(procfs.size).toBeGreaterThan(1024 * 1024);
    expect(procfs.size).toBeLessThanOrEqual(2 * 1024 * 1024 + 1);
    // A procfs file under the limit is read whole.
    expect(readRegularFile('/proc/self/status', { limit: 1024 * 1024 }).toString()).toMatch(/^Name:/);
  });
});

describe('safeWriteFile', () => {
  it('writes and replaces a regular file whole, keeping its permissions, and leaves no temporary file', () => {
    const dir = scratch();
    const target = path.join(dir, 'report.json');
    safeWriteFile(target, 'one');
    writeFileSync(target, 'old');
    chmodSync(target, 0o600);
    safeWriteFile(target, 'two');
    expect(readFileSync(target, 'utf8')).toBe('two');
    expect(statSync(target).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['report.json']);
  });

  it('never writes through a link at the target: the link and what it points to stay as they were', () => {
    const dir = scratch();
    const precious = path.join(dir, 'precious.txt');
    writeFileSync(precious, 'keep');
    symlinkSync(precious, path.join(dir, 'out.json'));
    expect(failure(() => safeWriteFile(path.join(dir, 'out.json'), 'x'))).toMatchObject({ code: 'ESYMLINK' });
    expect(readFileSync(precious, 'utf8')).toBe('keep');
    expect(lstatSync(path.join(dir, 'out.json')).isSymbolicLink()).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['out.json', 'precious.txt']);
  });

  it('refuses a directory, a FIFO or a device at the target', () => {
    const dir = scratch();
    mkdirSync(path.join(dir, 'directory'));
    execFileSync('mkfifo', [path.join(dir, 'fifo')]);
    expect(failure(() => safeWriteFile(path.join(dir, 'directory'), 'x'))).toMatchObject({ code: 'ENOTREG' });
    expect(failure(() => safeWriteFile(path.join(dir, 'fifo'), 'x'))).toMatchObject({ code: 'ENOTREG', message: 'not a regular file: a FIFO' });
    expect(lstatSync(path.join(dir, 'fifo')).isFIFO()).toBe(true);
    expect(failure(() => safeWriteFile('/dev/null', 'x'))).toMatchObject({ code: 'ENOTREG', message: 'not a regular file: a character device' });
    expect(readdirSync(dir).sort()).toEqual(['directory', 'fifo']);
  });

  it('does not write through a linked directory below cwd, and creates missing directories only when asked', () => {
    const dir = scratch();
    const outside = scratch();
    symlinkSync(outside, path.join(dir, 'cache'));
    expect(linkOnTheWay(path.join(dir, 'cache/sub/file.json'), dir)).toBe('cache');
    expect(failure(() => safeWriteFile('cache/file.json', 'x', { cwd: dir, createDirectories: true }))).toMatchObject({ code: 'ESYMLINK', message: 'cache is a symbolic link' });
    expect(readdirSync(outside)).toEqual([]);
    expect(failure(() => safeWriteFile('new/file.json', 'x', { cwd: dir }))).toMatchObject({ code: 'ENOENT' });
    safeWriteFile('new/deeper/file.json', 'x', { cwd: dir, createDirectories: true });
    expect(readFileSync(path.join(dir, 'new/deeper/file.json'), 'utf8')).toBe('x');
    // Outside cwd the path is the caller's own: a link on the way is followed.
    safeWriteFile(path.join(dir, 'cache/file.json'), 'y', { cwd: path.join(dir, 'new') });
    expect(readFileSync(path.join(outside, 'file.json'), 'utf8')).toBe('y');
  });
});
