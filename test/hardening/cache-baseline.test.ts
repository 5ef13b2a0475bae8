import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/ast/parse.js';
import { writeFileAtomic } from '../../src/engine/atomic-write.js';
import { ParseCache } from '../../src/engine/cache.js';
import { fwlint, repositoryRoot, tempDir, write } from '../e2e/run-cli.js';

const CONFIG = '#\n sysname cached\n#\nike peer x\n pre-shared-key cipher %^%#abcdefabcdef%^%#\n remote-address 192.0.2.1\n#\nreturn\n';

describe('cache and baseline files', () => {
  for (const [name, garbage] of [
    ['truncated JSON', '{"fwlint":"0.1.0","entries":{"/a":{"contentHash":"'],
    ['binary bytes', '\u0000\u0001\u0002\u00ff'],
    ['wrong shapes', '{"fwlint":"0.1.0","entries":{"/a":{"contentHash":1,"ast":null},"__proto__":{"polluted":1}}}'],
    ['a JSON array', '[1,2,3]'],
    ['an empty file', ''],
  ] as const) {
    it(`a corrupt cache (${name}) is ignored and rebuilt`, () => {
      const dir = tempDir('fwlint-cache-');
      const file = write(dir, 'a.cfg', CONFIG);
      const location = path.join(dir, 'cache.json');
      writeFileSync(location, garbage);
      const cache = ParseCache.load(location, '0.1.0');
      const content = readFileSync(file);
      const { ast, text } = parseConfig(content, 'a.cfg');
      expect(cache.get(file, content, text)).toBeUndefined();
      cache.set(file, content, text, ast);
      cache.save();
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      const rebuilt = ParseCache.load(location, '0.1.0');
      expect(rebuilt.get(file, content, text)?.ikePeers[0]?.name.value).toBe('x');
      expect(readdirSync(dir).sort()).toEqual(['a.cfg', 'cache.json']);
    });
  }

  it('the real CLI ignores a corrupt cache file, lints, and rewrites the cache', () => {
    const dir = tempDir('fwlint-cache-');
    write(dir, 'a.cfg', CONFIG);
    write(dir, '.fwlintcache', '{ not json');
    const first = fwlint(['--no-config', '-f', 'json', '--cache', 'a.cfg'], { cwd: dir });
    expect(first.stderr).toBe('fwlint: warning: parse cache .fwlintcache is damaged or not an fwlint cache; ignored and rewritten\n');
    expect([0, 1]).toContain(first.status);
    const data = JSON.parse(readFileSync(path.join(dir, '.fwlintcache'), 'utf8')) as { entries: Record<string, unknown> };
    expect(Object.keys(data.entries)).toHaveLength(1);
    // Another (equivalent) rule flag: the run is not replayed, the parse result comes from the cache.
    const second = fwlint(['--no-config', '-f', 'json', '--cache', '--verbose', '--rule', 'dpd-not-configured:warn', 'a.cfg'], { cwd: dir });
    expect(second.stderr).toContain('1 of 1 files from the cache');
    expect(second.stdout).toBe(first.stdout);
    const third = fwlint(['--no-config', '-f', 'json', '--cache', '--verbose', '--rule', 'dpd-not-configured:warn', 'a.cfg'], { cwd: dir });
    expect(third.stderr).toContain('same files, contents and settings as the cached run');
    expect(third.stdout).toBe(first.stdout);
  });

  it('a tampered stored run is not replayed: the run lints again and reports the same', () => {
    const dir = tempDir('fwlint-run-');
    write(dir, 'a.cfg', readFileSync(path.join(repositoryRoot, 'configs-examples/ipsec-policy-disabled/flagged/site-a.cfg'), 'utf8'));
    const args = ['--no-config', '-f', 'json', '--cache', '--verbose', 'a.cfg'];
    const first = fwlint(args, { cwd: dir });
    const location = path.join(dir, '.fwlintcache');
    const lines = readFileSync(location, 'utf8').split('\n');
    const header = JSON.parse(`${lines[0]}}}`) as { run: { findings: { range: unknown }[] } };
    expect(header.run.findings.length).toBeGreaterThan(0);
    header.run.findings[0].range = { start: null };
    lines[0] = JSON.stringify(header).replace(/\}\}$/, '').replace(/"entries":\{$/, '"entries":{');
    writeFileSync(location, lines.join('\n'));
    const second = fwlint(args, { cwd: dir });
    expect(second.stderr).not.toContain('same files, contents and settings');
    expect(second.stderr).not.toMatch(/internal error/);
    expect([second.stdout, second.status]).toEqual([first.stdout, first.status]);
  });

  it('atomic writes replace the file whole, leave no temporary file, and keep the old file when the write fails', () => {
    const dir = tempDir('fwlint-atomic-');
    const target = path.join(dir, 'fwlint-baseline.json');
    writeFileAtomic(target, 'old');
    writeFileAtomic(target, 'new');
    expect(readFileSync(target, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['fwlint-baseline.json']);
    // The rename cannot replace a non-empty directory: the write fails and nothing is left behind.
    const blocked = path.join(dir, 'blocked');
    mkdirSync(path.join(blocked, 'inside'), { recursive: true });
    expect(() => writeFileAtomic(blocked, 'x')).toThrow();
    expect(readdirSync(dir).sort()).toEqual(['blocked', 'fwlint-baseline.json']);
  });

  it('the CLI writes the baseline through the atomic writer (no temporary file left, valid JSON)', () => {
    const dir = tempDir('fwlint-baseline-');
    write(dir, 'a.cfg', CONFIG);
    const result = fwlint(['--no-config', '-f', 'json', '--write-baseline', 'a.cfg'], { cwd: dir });
    expect(result.stderr).toMatch(/^fwlint: wrote fwlint-baseline.json/);
    expect(readdirSync(dir).sort()).toEqual(['a.cfg', 'fwlint-baseline.json']);
    expect(JSON.parse(readFileSync(path.join(dir, 'fwlint-baseline.json'), 'utf8'))).toMatchObject({ version: 1 });
  });
});
