import { execFileSync, spawnSync, type StdioOptions } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, lstatSync, openSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJson, repositoryRoot, tempDir, write } from './run-cli.js';

/*
 * Issue #20 (items 3, 4 and 7): a repository fwlint lints may be hostile. What it commits (a cache
 * file, symbolic links, a config file) must not change a result, make fwlint read without end, or
 * make it write outside the places it was asked to write.
 */

const bin = path.join(repositoryRoot, 'bin/fwlint.js');
const examples = path.join(repositoryRoot, 'configs-examples/pfs-mismatch');
const FILES = ['site-a.cfg', 'site-b.cfg'];

interface Run {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** The built CLI with its own cache-key home; killed after `timeout` ms (a run that reads without end fails instead of hanging the suite). */
function run(args: string[], options: { cwd: string; keyHome?: string; env?: Record<string, string>; stdin?: StdioOptions; timeout?: number }): Run {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', XDG_CACHE_HOME: options.keyHome ?? path.join(options.cwd, '..', `${path.basename(options.cwd)}-home`), ...options.env };
  for (const name of ['GITHUB_ACTIONS', 'GITHUB_STEP_SUMMARY', 'FORCE_COLOR', 'FWLINT_DEBUG', 'CI']) if (!options.env?.[name]) delete env[name];
  const start = Date.now();
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd: options.cwd,
    env,
    encoding: 'utf8',
    timeout: options.timeout ?? 30_000,
    killSignal: 'SIGKILL',
    stdio: (options.stdin as StdioOptions | undefined) ?? 'pipe',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status, signal: result.signal, stdout: result.stdout ?? '', stderr: result.stderr ?? '', ms: Date.now() - start };
}

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function gitRepository(): string {
  const dir = tempDir('fwlint-untrusted-');
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.email', 'fwlint-test@example.invalid');
  git(dir, 'config', 'user.name', 'fwlint test');
  git(dir, 'config', 'commit.gpgsign', 'false');
  return dir;
}

function commitAll(dir: string): void {
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'snapshot');
}

const sha256 = (content: string | Buffer): string => createHash('sha256').update(content).digest('hex');

function copyPair(dir: string, variant: 'fixed' | 'flagged'): void {
  for (const file of FILES) writeFileSync(path.join(dir, file), readFileSync(path.join(examples, variant, file)));
}

/** Error findings in a JSON report, each counted once (two-end findings are listed at both ends). */
function errorCount(stdout: string): number {
  return parseJson(stdout).flatMap((r) => r.messages.filter((m) => m.severity === 2 && !m.message.includes('; reported in '))).length;
}

/** Rewrites every entry of a cache file to the hashes of the files as they are now, and drops the stored run, as an attacker would. */
function rekey(location: string, dir: string): void {
  const lines = readFileSync(location, 'utf8').split('\n');
  const header = JSON.parse(`${lines[0]}}}`) as Record<string, unknown>;
  header.run = null;
  lines[0] = JSON.stringify(header).slice(0, -2);
  for (let i = 1; i < lines.length; i++) {
    const file = /^"([^"]+)":\{/.exec(lines[i])?.[1];
    if (!file || !FILES.includes(path.basename(file))) continue;
    const content = readFileSync(path.join(dir, path.basename(file)));
    lines[i] = lines[i].replace(/"contentHash":"[0-9a-f]+"/, `"contentHash":"${sha256(content)}"`).replace(/"textHash":"[0-9a-f]+"/, `"textHash":"${sha256(content.toString('utf8'))}"`);
  }
  writeFileSync(location, lines.join('\n'));
}

describe('issue 20.3: a cache file cannot change a result', () => {
  it('the ASTs of a clean pair re-keyed to the faulty files\' hashes are not used: still exit 1 with 2 errors', () => {
    const dir = tempDir('fwlint-forged-');
    const attacker = tempDir('fwlint-attacker-home-');
    const args = ['--no-config', '-f', 'json', '--cache', ...FILES];
    copyPair(dir, 'flagged');
    const honest = run(args, { cwd: dir, keyHome: attacker });
    expect([honest.status, errorCount(honest.stdout)]).toEqual([1, 2]);
    // The attacker lints the fixed pair in the same place (the path of a CI checkout is predictable), then re-keys its entries.
    copyPair(dir, 'fixed');
    expect(run(args, { cwd: dir, keyHome: attacker }).status).toBe(0);
    copyPair(dir, 'flagged');
    rekey(path.join(dir, '.fwlintcache'), dir);
    const victim = run([...args, '--verbose'], { cwd: dir });
    expect(victim.stderr).toContain('0 of 2 files from the cache');
    expect([victim.status, errorCount(victim.stdout)]).toEqual([1, 2]);
  });

  it('a stored run whose findings were removed from the cache file is not replayed', () => {
    const dir = tempDir('fwlint-forged-run-');
    copyPair(dir, 'flagged');
    const args = ['--no-config', '-f', 'json', '--cache', ...FILES];
    expect(run(args, { cwd: dir }).status).toBe(1);
    const location = path.join(dir, '.fwlintcache');
    const lines = readFileSync(location, 'utf8').split('\n');
    const header = JSON.parse(`${lines[0]}}}`) as { run: { findings: unknown[] } };
    expect(header.run.findings.length).toBeGreaterThan(0);
    header.run.findings = [];
    lines[0] = JSON.stringify(header).slice(0, -2);
    writeFileSync(location, lines.join('\n'));
    const second = run([...args, '--verbose'], { cwd: dir });
    expect(second.stderr).not.toContain('same files, contents and settings');
    expect([second.status, errorCount(second.stdout)]).toEqual([1, 2]);
  });

  it('a cache file tracked by git is neither read nor written', () => {
    const dir = gitRepository();
    copyPair(dir, 'flagged');
    const args = ['--no-config', '-f', 'json', '--cache', '--verbose', ...FILES];
    expect(run(args, { cwd: dir }).status).toBe(1);
    commitAll(dir);
    const committed = readFileSync(path.join(dir, '.fwlintcache'));
    const again = run([...args, '--rule', 'dpd-not-configured:warn'], { cwd: dir });
    expect(again.stderr).toContain('0 of 2 files from the cache');
    expect([again.status, errorCount(again.stdout)]).toEqual([1, 2]);
    expect(readFileSync(path.join(dir, '.fwlintcache')).equals(committed)).toBe(true);
  });
});

describe('issue 20.4: reads are bounded and stay inside the repository', () => {
  it('committed links to /proc/self/pagemap and /dev/zero are io-error findings, not reads without end', () => {
    const dir = gitRepository();
    copyPair(dir, 'fixed');
    symlinkSync('/proc/self/pagemap', path.join(dir, 'pm.cfg'));
    symlinkSync('/dev/zero', path.join(dir, 'zero.cfg'));
    commitAll(dir);
    const walked = run(['--no-config', '-f', 'json', '.'], { cwd: dir, timeout: 20_000 });
    expect(walked.signal).toBeNull();
    expect(walked.status).toBe(1);
    const results = parseJson(walked.stdout);
    const messages = (name: string) => results.find((r) => path.basename(r.filePath) === name)?.messages.map((m) => `${m.ruleId}: ${m.message}`);
    expect(messages('pm.cfg')).toEqual(['fwlint/io-error: not read: a symbolic link to /proc/self/pagemap, outside the repository']);
    expect(messages('zero.cfg')).toEqual(['fwlint/io-error: not read: a symbolic link to /dev/zero, outside the repository']);
    expect(messages('site-a.cfg')).toEqual([]);
    // Named on the command line, and as --changed targets.
    const named = run(['--no-config', '-f', 'json', 'zero.cfg', 'pm.cfg'], { cwd: dir, timeout: 20_000 });
    expect([named.signal, named.status, parseJson(named.stdout).map((r) => r.messages[0]?.message)]).toEqual([
      null,
      1,
      ['not read: a symbolic link to /proc/self/pagemap, outside the repository', 'not read: a symbolic link to /dev/zero, outside the repository'],
    ]);
    symlinkSync('/dev/zero', path.join(dir, 'new.cfg'));
    const changed = run(['--no-config', '-f', 'json', '--changed'], { cwd: dir, timeout: 20_000 });
    expect([changed.signal, changed.status]).toEqual([null, 1]);
    expect(parseJson(changed.stdout).find((r) => r.filePath.endsWith('new.cfg'))?.messages[0]?.message).toBe('not read: a symbolic link to /dev/zero, outside the repository');
  });

  it('a link to another directory of the same git work tree is followed, also from a config file in a subdirectory', () => {
    const dir = gitRepository();
    write(dir, 'team/fwlint.config.json', '{}');
    for (const file of FILES) writeFileSync(path.join(dir, file), readFileSync(path.join(examples, 'flagged', file)));
    for (const file of FILES) symlinkSync(path.join('..', file), path.join(dir, 'team', file));
    const result = run(['-f', 'json', '.'], { cwd: path.join(dir, 'team') });
    expect(result.status).toBe(1);
    expect(parseJson(result.stdout).flatMap((r) => r.messages.map((m) => m.ruleId))).not.toContain('fwlint/io-error');
    expect(errorCount(result.stdout)).toBe(2);
  });

  it('a device named on the command line outside any repository is not read', () => {
    const dir = tempDir('fwlint-device-');
    const result = run(['--no-config', '-f', 'json', '/dev/zero'], { cwd: dir, timeout: 20_000, env: { GIT_CEILING_DIRECTORIES: path.dirname(dir) } });
    expect([result.signal, result.status]).toEqual([null, 1]);
    expect(parseJson(result.stdout)[0].messages[0].message).toBe('cannot read file (not a regular file: a character device)');
    const parse = run(['parse', '/dev/zero'], { cwd: dir, timeout: 20_000 });
    expect([parse.signal, parse.status]).toEqual([null, 2]);
    expect(parse.stderr).toMatch(/^fwlint: cannot read (\.\.\/)*dev\/zero \(not a regular file: a character device\)\n$/);
  });

  it('standard input is read up to the size limit, not to its end', () => {
    const dir = tempDir('fwlint-stdin-');
    const zero = openSync('/dev/zero', 'r');
    try {
      const result = run(['--no-config', '-f', 'json', '--max-file-size', '1', '-'], { cwd: dir, stdin: [zero, 'pipe', 'pipe'], timeout: 20_000 });
      expect([result.signal, result.status]).toEqual([null, 1]);
      expect(parseJson(result.stdout)[0].messages[0].message).toMatch(/^input-too-large: /);
    } finally {
      closeSync(zero);
    }
  });

  it('a config file or baseline linked to /dev/zero is refused at once (exit 2)', () => {
    const dir = tempDir('fwlint-config-device-');
    copyPair(dir, 'fixed');
    symlinkSync('/dev/zero', path.join(dir, 'fwlint.config.json'));
    const config = run(['-f', 'json', ...FILES], { cwd: dir, timeout: 20_000 });
    expect([config.signal, config.status, config.stderr]).toEqual([null, 2, 'fwlint: cannot read config file fwlint.config.json: not a regular file: a character device\n']);
    symlinkSync('/dev/zero', path.join(dir, 'baseline.json'));
    const baseline = run(['--no-config', '--baseline', 'baseline.json', ...FILES], { cwd: dir, timeout: 20_000 });
    expect([baseline.signal, baseline.status, baseline.stderr]).toEqual([null, 2, 'fwlint: cannot read baseline baseline.json: not a regular file: a character device\n']);
  });

  it('a 100 MB cache of newlines is a corrupt cache, ignored: the run lints as without it', () => {
    const dir = tempDir('fwlint-cache-newlines-');
    copyPair(dir, 'flagged');
    writeFileSync(path.join(dir, '.fwlintcache'), Buffer.alloc(100 * 1024 * 1024, 0x0a));
    // A small heap: reading the file line by line into memory ran out of it (exit 134).
    const result = run(['--no-config', '-f', 'json', '--cache', ...FILES], { cwd: dir, timeout: 40_000, env: { NODE_OPTIONS: '--max-old-space-size=256' } });
    expect([result.signal, result.status, errorCount(result.stdout)]).toEqual([null, 1, 2]);
  });
});

describe('issue 20.7: writes go only to regular files in the intended place', () => {
  it('an unwritable cache location still reports the findings (exit 1, not 2)', () => {
    const dir = tempDir('fwlint-cache-unwritable-');
    copyPair(dir, 'flagged');
    write(dir, 'not-a-directory', 'x');
    const result = run(['--no-config', '-f', 'json', '--cache', '--cache-location', 'not-a-directory/cache.json', ...FILES], { cwd: dir });
    expect([result.status, errorCount(result.stdout)]).toEqual([1, 2]);
  });

  it('a .fwlintcache link to a directory outside the repository writes nothing there', () => {
    const dir = tempDir('fwlint-cache-link-');
    const outside = tempDir('fwlint-outside-');
    copyPair(dir, 'flagged');
    symlinkSync(outside, path.join(dir, '.fwlintcache'));
    const result = run(['--no-config', '-f', 'json', '--cache', ...FILES], { cwd: dir });
    expect([result.status, errorCount(result.stdout)]).toEqual([1, 2]);
    expect(readdirSync(outside)).toEqual([]);
    expect(lstatSync(path.join(dir, '.fwlintcache')).isSymbolicLink()).toBe(true);
  });

  it('a .fwlintcache link to a file outside the repository is neither read nor overwritten', () => {
    const dir = tempDir('fwlint-cache-file-link-');
    const outside = write(tempDir('fwlint-outside-'), 'precious.txt', 'keep me\n');
    copyPair(dir, 'flagged');
    symlinkSync(outside, path.join(dir, '.fwlintcache'));
    const result = run(['--no-config', '-f', 'json', '--cache', ...FILES], { cwd: dir });
    expect([result.status, errorCount(result.stdout)]).toEqual([1, 2]);
    expect(readFileSync(outside, 'utf8')).toBe('keep me\n');
    expect(lstatSync(path.join(dir, '.fwlintcache')).isSymbolicLink()).toBe(true);
  });

  it.runIf(process.getuid?.() === 0)('as root, a cache location or baseline at a device node leaves the node in place', () => {
    const dir = tempDir('fwlint-device-node-');
    copyPair(dir, 'flagged');
    const node = path.join(dir, 'null-node');
    execFileSync('mknod', [node, 'c', '1', '3']);
    const cache = run(['--no-config', '-f', 'json', '--cache', '--cache-location', 'null-node', ...FILES], { cwd: dir });
    expect([cache.status, errorCount(cache.stdout)]).toEqual([1, 2]);
    expect(lstatSync(node).isCharacterDevice()).toBe(true);
    run(['--no-config', '-f', 'json', '--write-baseline=null-node', ...FILES], { cwd: dir });
    expect(lstatSync(node).isCharacterDevice()).toBe(true);
    expect(existsSync(path.join(dir, 'fwlint-baseline.json'))).toBe(false);
  });
});
