import { execFileSync, spawnSync } from 'node:child_process';
import { lstatSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJson, repositoryRoot, tempDir, warningsOf, write } from './run-cli.js';

/*
 * Issue #20 items 3, 4 and 7, the parts that go through src/cli/main.ts: the cache's warnings on
 * stderr, inputs read by the bounded reader (src/cli/read-input.ts), -o written by safeWriteFile,
 * and a --write-baseline that cannot be written reported after the findings.
 */

const bin = path.join(repositoryRoot, 'bin/fwlint.js');
const examples = path.join(repositoryRoot, 'configs-examples/pfs-mismatch/flagged');
const FILES = ['site-a.cfg', 'site-b.cfg'];

function run(args: string[], cwd: string, env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: '1', XDG_CACHE_HOME: `${cwd}-home`, GITHUB_ACTIONS: '', GITHUB_STEP_SUMMARY: '', CI: '', ...env },
    encoding: 'utf8',
    timeout: 30_000,
    killSignal: 'SIGKILL',
  });
  return { status: result.status, signal: result.signal, stdout: result.stdout, stderr: warningsOf(result.stderr) };
}

function flaggedPair(): string {
  const dir = tempDir('fwlint-wired-');
  for (const file of FILES) writeFileSync(path.join(dir, file), readFileSync(path.join(examples, file)));
  return dir;
}

const errors = (stdout: string): number => parseJson(stdout).flatMap((r) => r.messages.filter((m) => m.severity === 2 && !m.message.includes('; reported in '))).length;

describe('issue 20: what main.ts reports', () => {
  it('a cache it cannot trust, read or write is one warning line, and the findings stand', () => {
    const dir = flaggedPair();
    write(dir, '.fwlintcache', '\n'.repeat(1000));
    const damaged = run(['--no-config', '-f', 'json', '--cache', ...FILES], dir);
    expect([damaged.status, errors(damaged.stdout), damaged.stderr]).toEqual([1, 2, 'fwlint: warning: parse cache .fwlintcache is damaged or not an fwlint cache; ignored and rewritten\n']);
    const otherUser = run(['--no-config', '-f', 'json', '--cache', '--rule', 'dpd-not-configured:warn', ...FILES], dir, { XDG_CACHE_HOME: `${dir}-other-home` });
    expect(otherUser.stderr).toMatch(/^fwlint: warning: parse cache \.fwlintcache was not written with this user's cache key \(.*-other-home\/fwlint\/key\); ignored and rewritten\n$/);
    write(dir, 'not-a-directory', 'x');
    const unwritable = run(['--no-config', '-f', 'json', '--cache', '--cache-location', 'not-a-directory/cache.json', ...FILES], dir);
    expect([unwritable.status, errors(unwritable.stdout)]).toEqual([1, 2]);
    expect(unwritable.stderr).toBe('fwlint: warning: cannot write parse cache not-a-directory/cache.json (ENOTDIR); the findings are not affected\n');
  });

  it('a cache tracked by git: said once', () => {
    const dir = flaggedPair();
    execFileSync('git', ['init', '-q'], { cwd: dir });
    expect(run(['--no-config', '-f', 'json', '--cache', ...FILES], dir).status).toBe(1);
    execFileSync('git', ['add', '.fwlintcache'], { cwd: dir });
    const tracked = run(['--no-config', '-f', 'json', '--cache', ...FILES], dir);
    expect([tracked.status, errors(tracked.stdout)]).toEqual([1, 2]);
    expect(tracked.stderr).toBe(
      'fwlint: warning: parse cache .fwlintcache is tracked by git: a committed cache could change results, so it is neither read nor written; untrack it (git rm --cached .fwlintcache) and list it in .gitignore\n',
    );
  });

  it('a procfs file named on the command line is read up to --max-file-size, not to its end', () => {
    const dir = tempDir('fwlint-wired-procfs-');
    const result = run(['--no-config', '-f', 'json', '/proc/self/pagemap'], dir, { GIT_CEILING_DIRECTORIES: path.dirname(dir) });
    expect([result.signal, result.status]).toEqual([null, 1]);
    expect(parseJson(result.stdout)[0].messages[0].message).toBe('input-too-large: the input goes on past the 32 MB limit; raise it with --max-file-size <MB>');
  });

  it('-o does not write through a link: the linked file stays as it was', () => {
    const dir = flaggedPair();
    const precious = write(tempDir('fwlint-outside-'), 'precious.txt', 'keep me\n');
    symlinkSync(precious, path.join(dir, 'report.json'));
    const result = run(['--no-config', '-f', 'json', '-o', 'report.json', ...FILES], dir);
    expect([result.status, result.stderr]).toEqual([2, 'fwlint: cannot write report.json (a symbolic link)\n']);
    expect(readFileSync(precious, 'utf8')).toBe('keep me\n');
    expect(lstatSync(path.join(dir, 'report.json')).isSymbolicLink()).toBe(true);
    // A regular file is replaced as before.
    expect(run(['--no-config', '-f', 'json', '-o', 'out.json', ...FILES], dir).status).toBe(1);
    expect(errors(readFileSync(path.join(dir, 'out.json'), 'utf8'))).toBe(2);
  });

  it('a --write-baseline that cannot be written: the findings are reported, then the error (exit 2)', () => {
    const dir = flaggedPair();
    write(dir, 'not-a-directory', 'x');
    const result = run(['--no-config', '-f', 'json', '--write-baseline=not-a-directory/baseline.json', ...FILES], dir);
    expect(result.status).toBe(2);
    expect(errors(result.stdout)).toBe(2);
    expect(result.stderr).toBe('fwlint: cannot write baseline not-a-directory/baseline.json (ENOTDIR)\n');
  });

  it.runIf(process.getuid?.() === 0)('as root, --write-baseline at a device node: the node stays, the findings are reported', () => {
    const dir = flaggedPair();
    execFileSync('mknod', [path.join(dir, 'null-node'), 'c', '1', '3']);
    const result = run(['--no-config', '-f', 'json', '--write-baseline=null-node', ...FILES], dir);
    expect([result.status, errors(result.stdout), result.stderr]).toEqual([2, 2, 'fwlint: cannot write baseline null-node (not a regular file: a character device)\n']);
    expect(lstatSync(path.join(dir, 'null-node')).isCharacterDevice()).toBe(true);
  });
});
