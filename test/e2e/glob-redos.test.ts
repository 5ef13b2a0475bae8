import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fwlint, parseJson, repositoryRoot, tempDir, write, warningsOf } from './run-cli.js';

const SITE_A = readFileSync(path.join(repositoryRoot, 'configs-examples/ike-peer-mismatch/flagged/site-a.cfg'), 'utf8');
const REDOS_GLOB = '**/*a*a*a*a*a*a*a*a*a*a*a*a*b';

/** The built CLI with a deadline: picomatch needed more than a minute for the glob below. */
function timedFwlint(args: string[], cwd: string, timeout = 20_000): { status: number | null; stdout: string; stderr: string; ms: number } {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  for (const name of ['GITHUB_ACTIONS', 'GITHUB_STEP_SUMMARY', 'FORCE_COLOR', 'FWLINT_DEBUG']) delete env[name];
  const started = Date.now();
  const result = spawnSync(process.execPath, [path.join(repositoryRoot, 'bin/fwlint.js'), ...args], { cwd, env, encoding: 'utf8', timeout, killSignal: 'SIGKILL' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, ms: Date.now() - started };
}

describe('issue #20: config globs match in linear time', () => {
  it('the backtracking ignores glob against a file named with 34 "a"s finishes at once, and still ignores what it matches', () => {
    const dir = tempDir('fwlint-redos-');
    write(dir, 'fwlint.config.json', JSON.stringify({ ignores: [REDOS_GLOB] }));
    write(dir, `${'a'.repeat(34)}.cfg`, SITE_A);
    write(dir, `${'a'.repeat(12)}b/ignored.cfg`, SITE_A);
    const result = timedFwlint(['-f', 'json', '.'], dir);
    expect(result.status, `killed after ${result.ms} ms`).not.toBeNull();
    expect(result.ms).toBeLessThan(10_000);
    expect(warningsOf(result.stderr)).toBe('');
    expect(parseJson(result.stdout).map((r) => path.basename(r.filePath))).toEqual([`${'a'.repeat(34)}.cfg`]);
  });

  it('the same shape as a command-line glob, and in overrides, is as fast', () => {
    const dir = tempDir('fwlint-redos-');
    write(dir, 'fwlint.config.json', JSON.stringify({ overrides: [{ files: [REDOS_GLOB], rules: { 'parse-error': 'off' } }] }));
    write(dir, `sub/${'a'.repeat(34)}.cfg`, SITE_A);
    const result = timedFwlint(['-f', 'json', `sub/*a*a*a*a*a*a*a*a*a*a*a*a*b*.cfg`, 'sub'], dir);
    expect(result.status, `killed after ${result.ms} ms`).not.toBeNull();
    expect(result.ms).toBeLessThan(10_000);
    expect(parseJson(result.stdout)).toHaveLength(1);
  });

  it('a glob over the limits is a config error naming it (exit 2, one line)', () => {
    const dir = tempDir('fwlint-redos-');
    write(dir, 'fwlint.config.json', `{\n  "ignores": ["${'{a,b}'.repeat(8)}"]\n}\n`);
    write(dir, 'a.cfg', SITE_A);
    const result = fwlint(['a.cfg'], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(`fwlint: fwlint.config.json:2:15: "ignores.0": glob "${'{a,b}'.repeat(8)}" expands to more than 64 alternatives ({…} braces)\n`);
    const target = fwlint(['--no-config', '-f', 'json', `x/${'*a'.repeat(300)}`], { cwd: dir });
    expect(target.status).toBe(2);
    expect(target.stderr).toMatch(/^fwlint: glob "x\/\*a\*a[^\n]*…" is longer than 512 characters\n$/);
  });
});
