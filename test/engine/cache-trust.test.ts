import { execFileSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheKeyFile, loadCacheKey } from '../../src/engine/cache-key.js';
import { ParseCache } from '../../src/engine/cache.js';
import { fakeAst } from './fixtures.js';

/*
 * Issue #20 item 3: the parse cache sits in the repository, so its content is attacker-controlled.
 * Nothing in it may be used unless this user's fwlint wrote it (HMAC under a key outside the
 * repository), and a cache that cannot be trusted, read or written costs a warning, never a run.
 */

const scratch = (prefix = 'fwlint-cache-trust-'): string => mkdtempSync(path.join(tmpdir(), prefix));
const keyIn = (dir: string) => loadCacheKey(path.join(dir, 'fwlint', 'key'));

function written(dir: string, key = keyIn(scratch('fwlint-key-'))): { location: string; file: string; content: Buffer; key: ReturnType<typeof loadCacheKey> } {
  const file = path.join(dir, 'a.cfg');
  writeFileSync(file, 'sysname A\n');
  const content = readFileSync(file);
  const location = path.join(dir, '.fwlintcache');
  const cache = ParseCache.load(location, '1.0.0', { cwd: dir, key });
  cache.set(file, content, 'sysname A\n', fakeAst('a.cfg'));
  cache.setSummary(file, content, { sysname: 'a', localAddresses: [1], entries: [], lnsAddresses: [], unappliedPolicy: false, published: [] });
  cache.setShapes({ grammar: 'g', shapes: {} });
  cache.setRun({ key: 'run-key' });
  cache.save();
  expect(cache.warnings).toEqual([]);
  return { location, file, content, key };
}

describe('parse cache trust', () => {
  it('a cache written with another key is not used at all (entries, summaries, shape table, stored run)', () => {
    const dir = scratch();
    const { location, file, content } = written(dir);
    const other = ParseCache.load(location, '1.0.0', { cwd: dir, key: keyIn(scratch('fwlint-key-')) });
    expect([other.get(file, content, 'sysname A\n'), other.summary(file, content), other.shapes, other.run]).toEqual([undefined, undefined, null, null]);
    expect(other.warnings).toEqual([expect.stringMatching(/^parse cache \.fwlintcache was not written with this user's cache key \(.*\/fwlint\/key\); ignored and rewritten$/)]);
  });

  it('any change to the header or an entry line makes the file untrusted; a changed AST line costs that entry only', () => {
    const dir = scratch();
    const { location, file, content, key } = written(dir);
    const original = readFileSync(location, 'utf8');
    const trusted = ParseCache.load(location, '1.0.0', { cwd: dir, key });
    expect(trusted.get(file, content, 'sysname A\n')?.file).toBe('a.cfg');
    expect([trusted.shapes, trusted.run, trusted.warnings]).toEqual([{ grammar: 'g', shapes: {} }, { key: 'run-key' }, []]);
    for (const [what, edit] of [
      ['the stored run', (text: string) => text.replace('"run":{"key":"run-key"}', '"run":{"key":"other"}')],
      ['the shape table', (text: string) => text.replace('"grammar":"g"', '"grammar":"h"')],
      ['a content hash', (text: string) => text.replace(/"contentHash":"[0-9a-f]/, '"contentHash":"0')],
      ['a summary', (text: string) => text.replace('"sysname":"a"', '"sysname":"b"')],
      ['the MAC', (text: string) => text.replace(/"mac":"[0-9a-f]/, '"mac":"x')],
    ] as const) {
      writeFileSync(location, edit(original));
      expect(readFileSync(location, 'utf8'), what).not.toBe(original);
      const cache = ParseCache.load(location, '1.0.0', { cwd: dir, key });
      expect([cache.get(file, content, 'sysname A\n'), cache.summary(file, content), cache.run], what).toEqual([undefined, undefined, null]);
      expect(cache.warnings.length, what).toBe(1);
    }
    writeFileSync(location, original.replace('"platform":"usg"', '"platform":"ar"'));
    const changedAst = ParseCache.load(location, '1.0.0', { cwd: dir, key });
    expect(changedAst.summary(file, content)?.sysname).toBe('a');
    expect(changedAst.get(file, content, 'sysname A\n')).toBeUndefined();
    expect(changedAst.warnings).toEqual(['1 parse cache entry (a.cfg) failed verification and was parsed again']);
  });

  it('an entry moved to another file\'s path is not used', () => {
    const dir = scratch();
    const { location, file, content, key } = written(dir);
    const other = path.join(dir, 'b.cfg');
    writeFileSync(other, 'sysname A\n');
    writeFileSync(location, readFileSync(location, 'utf8').replace(JSON.stringify(file), JSON.stringify(other)));
    const cache = ParseCache.load(location, '1.0.0', { cwd: dir, key });
    expect(cache.get(other, readFileSync(other), 'sysname A\n')).toBeUndefined();
    expect(cache.get(file, content, 'sysname A\n')).toBeUndefined();
  });

  it('a file of another version or layout is a silent miss; garbage after a valid header is damage, found in one pass', () => {
    const dir = scratch();
    const { location, file, content, key } = written(dir);
    const header = readFileSync(location, 'utf8').split('\n')[0];
    writeFileSync(location, `${header.replace('"layout":5', '"layout":4')}\n}}\n`);
    expect(ParseCache.load(location, '1.0.0', { cwd: dir, key }).warnings).toEqual([]);
    expect(ParseCache.load(location, '2.0.0', { cwd: dir, key }).warnings).toEqual([]);
    writeFileSync(location, Buffer.concat([Buffer.from(`${header}\n`), Buffer.alloc(50 * 1024 * 1024, 0x0a)]));
    const started = Date.now();
    const damaged = ParseCache.load(location, '1.0.0', { cwd: dir, key });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(damaged.get(file, content, 'sysname A\n')).toBeUndefined();
    expect(damaged.warnings).toEqual(['parse cache .fwlintcache is damaged or not an fwlint cache; ignored and rewritten']);
  });

  it('an oversized cache is treated as absent, with a warning, and rewritten', () => {
    const dir = scratch();
    const { location, file, content, key } = written(dir);
    const cache = ParseCache.load(location, '1.0.0', { cwd: dir, key, maxSize: 64 });
    expect(cache.get(file, content, 'sysname A\n')).toBeUndefined();
    expect(cache.warnings).toEqual([expect.stringMatching(/^parse cache \.fwlintcache is \d+(\.\d)? MB, over the 0 MB limit; ignored and rewritten$|^parse cache \.fwlintcache is .*over the .* limit; ignored and rewritten$/)]);
    cache.set(file, content, 'sysname A\n', fakeAst('a.cfg'));
    cache.save();
    expect(ParseCache.load(location, '1.0.0', { cwd: dir, key }).get(file, content, 'sysname A\n')?.file).toBe('a.cfg');
  });

  it('a cache file that is a link, or reached through a linked directory, is neither read nor written', () => {
    const dir = scratch();
    const outside = scratch('fwlint-outside-');
    const { location, file, content, key } = written(outside);
    symlinkSync(location, path.join(dir, '.fwlintcache'));
    const linked = ParseCache.load('.fwlintcache', '1.0.0', { cwd: dir, key });
    expect(linked.get(file, content, 'sysname A\n')).toBeUndefined();
    linked.set(file, content, 'sysname A\n', fakeAst('a.cfg'));
    linked.save();
    expect(lstatSync(path.join(dir, '.fwlintcache')).isSymbolicLink()).toBe(true);
    expect(linked.warnings).toEqual(['parse cache .fwlintcache is a symbolic link; it is neither read nor written']);
    symlinkSync(outside, path.join(dir, 'cachedir'));
    const through = ParseCache.load('cachedir/.fwlintcache', '1.0.0', { cwd: dir, key });
    expect(through.get(file, content, 'sysname A\n')).toBeUndefined();
    expect(through.warnings).toEqual(['parse cache cachedir/.fwlintcache: cachedir is a symbolic link; the cache is neither read nor written']);
  });

  it('a cache that cannot be written is a warning from save, which never throws', () => {
    const dir = scratch();
    writeFileSync(path.join(dir, 'file'), 'x');
    const cache = ParseCache.load('file/cache.json', '1.0.0', { cwd: dir, key: keyIn(scratch('fwlint-key-')) });
    cache.set(path.join(dir, 'file'), 'x', 'x', fakeAst('file'));
    expect(() => cache.save()).not.toThrow();
    expect(cache.warnings).toEqual([expect.stringMatching(/^cannot write parse cache file\/cache\.json \(ENOTDIR\); the findings are not affected$/)]);
  });

  it('a cache tracked by git is neither read nor written', () => {
    const dir = scratch();
    const { location, file, content, key } = written(dir);
    execFileSync('git', ['init', '-q'], { cwd: dir });
    execFileSync('git', ['add', '.fwlintcache'], { cwd: dir });
    const before = readFileSync(location);
    const cache = ParseCache.load(location, '1.0.0', { cwd: dir, key });
    expect(cache.get(file, content, 'sysname A\n')).toBeUndefined();
    cache.set(file, Buffer.from('x'), 'x', fakeAst('a.cfg'));
    cache.save();
    expect(readFileSync(location).equals(before)).toBe(true);
    expect(cache.warnings).toEqual([
      'parse cache .fwlintcache is tracked by git: a committed cache could change results, so it is neither read nor written; untrack it (git rm --cached .fwlintcache) and list it in .gitignore',
    ]);
  });
});

describe('cache key', () => {
  it('lives in $XDG_CACHE_HOME/fwlint/key (an absolute XDG_CACHE_HOME only), else ~/.cache/fwlint/key', () => {
    expect(cacheKeyFile({ XDG_CACHE_HOME: '/x/cache', HOME: '/home/u' })).toBe('/x/cache/fwlint/key');
    expect(cacheKeyFile({ XDG_CACHE_HOME: 'relative', HOME: '/home/u' })).toBe('/home/u/.cache/fwlint/key');
    expect(cacheKeyFile({ HOME: '/home/u' })).toBe('/home/u/.cache/fwlint/key');
  });

  it('is created once, private (0600 in a 0700 directory), 32 random bytes, and read back by the next run', () => {
    const home = scratch('fwlint-key-home-');
    const file = path.join(home, 'fwlint', 'key');
    const key = loadCacheKey(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    expect(statSync(file).size).toBe(32);
    const bytes = readFileSync(file);
    expect(loadCacheKey(file).mac('x')).toBe(key.mac('x'));
    expect(readFileSync(file).equals(bytes)).toBe(true);
    expect(key.mac('a', 'bc')).not.toBe(key.mac('ab', 'c'));
  });

  it('is refused when others can read it, when it is a link, or not 32 bytes: the cache is then not used', () => {
    const home = scratch('fwlint-key-home-');
    mkdirSync(path.join(home, 'fwlint'));
    const file = path.join(home, 'fwlint', 'key');
    writeFileSync(file, Buffer.alloc(32, 7), { mode: 0o644 });
    chmodSync(file, 0o644);
    expect(() => loadCacheKey(file)).toThrow(/can be read by other users \(mode 644\); chmod 600 it/);
    chmodSync(file, 0o600);
    writeFileSync(file, Buffer.alloc(5));
    expect(() => loadCacheKey(file)).toThrow(/is not an fwlint cache key \(5 bytes\)/);
    const linked = path.join(home, 'fwlint', 'linked-key');
    symlinkSync(file, linked);
    expect(() => loadCacheKey(linked)).toThrow(/a symbolic link/);
    // A cache without a usable key is not read, not written, and says why.
    const dir = scratch();
    const cache = ParseCache.load(path.join(dir, '.fwlintcache'), '1.0.0', { cwd: dir, keyFile: linked });
    cache.set(path.join(dir, 'a.cfg'), 'x', 'x', fakeAst('a.cfg'));
    cache.save();
    expect(() => statSync(path.join(dir, '.fwlintcache'))).toThrow(/ENOENT/);
    expect(cache.warnings).toEqual([expect.stringMatching(/^the parse cache is not used: cannot read .*linked-key \(a symbolic link\)$/)]);
  });

  it('that cannot be created (no writable home) disables the cache with a warning', () => {
    const home = scratch('fwlint-key-home-');
    writeFileSync(path.join(home, 'fwlint'), 'a file where the directory should be');
    const dir = scratch();
    const cache = ParseCache.load('.fwlintcache', '1.0.0', { cwd: dir, keyFile: path.join(home, 'fwlint', 'key') });
    expect(cache.warnings).toEqual([expect.stringMatching(/^the parse cache is not used: cannot create .*\/fwlint\/key \(E(NOTDIR|EXIST)\)$/)]);
  });
});
