import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ParseCache } from '../../src/engine/cache.js';
import { parseFiles } from '../../src/engine/parse-files.js';
import type { ParseFunction } from '../../src/engine/parser.js';
import { fakeAst } from './fixtures.js';

function countingParser(): { parse: ParseFunction; calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    parse: (input, file) => {
      calls.push(file);
      const text = typeof input === 'string' ? input : new TextDecoder().decode(input);
      return { text, ast: fakeAst(file) };
    },
  };
}

describe('parse cache', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'fwlint-cache-'));
  const config = path.join(dir, 'a.cfg');
  writeFileSync(config, 'sysname A\n');
  const location = path.join(dir, '.fwlintcache');
  const input = () => ({ file: 'a.cfg', absolutePath: config, content: readFileSync(config) });

  it('does not re-parse an unchanged file and re-parses a changed one', async () => {
    const first = countingParser();
    const cache = ParseCache.load(location, '1.0.0');
    await parseFiles([input()], { cache, parse: first.parse });
    cache.save();
    expect(first.calls).toEqual(['a.cfg']);
    expect(readFileSync(location, 'utf8')).not.toContain('sysname A');

    const second = countingParser();
    const [parsed] = await parseFiles([input()], { cache: ParseCache.load(location, '1.0.0'), parse: second.parse });
    expect(second.calls).toEqual([]);
    expect(parsed.text).toBe('sysname A\n');

    writeFileSync(config, 'sysname B\n');
    const third = countingParser();
    await parseFiles([input()], { cache: ParseCache.load(location, '1.0.0'), parse: third.parse });
    expect(third.calls).toEqual(['a.cfg']);
  });

  it('keeps the parser\'s line-shape table in its header, rewriting the file only when the table changed', async () => {
    const cache = ParseCache.load(location, '1.0.0');
    await parseFiles([input()], { cache, parse: countingParser().parse });
    const table = { grammar: 'g1', shapes: { TopLine: { 'sysname §w': { ok: true, kind: 'Sysname', fields: { name: [[1, 1]] } } } } };
    cache.setShapes(table);
    cache.save();
    const reloaded = ParseCache.load(location, '1.0.0');
    expect(reloaded.shapes).toEqual(table);
    const before = statSync(location).mtimeMs;
    reloaded.setShapes(JSON.parse(JSON.stringify(table)));
    reloaded.save();
    expect(statSync(location).mtimeMs).toBe(before);
    reloaded.setShapes({ ...table, grammar: 'g2' });
    reloaded.save();
    expect(ParseCache.load(location, '1.0.0').shapes).toMatchObject({ grammar: 'g2' });
  });

  it('is invalidated by another fwlint version', async () => {
    const cache = ParseCache.load(location, '1.0.0');
    await parseFiles([input()], { cache, parse: countingParser().parse });
    cache.save();
    const other = countingParser();
    await parseFiles([input()], { cache: ParseCache.load(location, '2.0.0'), parse: other.parse });
    expect(other.calls).toEqual(['a.cfg']);
  });

  it('ignores a corrupt cache and rebuilds it', async () => {
    writeFileSync(location, '{"fwlint":"1.0.0","entries":{"x":');
    const parser = countingParser();
    const cache = ParseCache.load(location, '1.0.0');
    await parseFiles([input()], { cache, parse: parser.parse });
    cache.save();
    expect(parser.calls).toEqual(['a.cfg']);
    expect(JSON.parse(readFileSync(location, 'utf8')).fwlint).toBe('1.0.0');
  });

  it('never stores ASTs carrying plaintext-key digests', () => {
    const cache = ParseCache.load(path.join(dir, 'digest-cache'), '1.0.0');
    const ast = fakeAst('a.cfg');
    (ast.generic as unknown as { digest: string }[]).push({ digest: 'abc' });
    cache.set(config, 'x', 'x', ast);
    expect(cache.get(config, 'x', 'x')).toBeUndefined();
  });
});

describe('parse cache file layout', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'fwlint-cache-lines-'));
  const files = ['a.cfg', 'b.cfg', 'c.cfg'].map((name) => path.join(dir, name));
  for (const file of files) writeFileSync(file, `sysname ${path.basename(file)}\n`);
  const inputs = () => files.map((file) => ({ file: path.basename(file), absolutePath: file, content: readFileSync(file) }));

  it('is one JSON object with an entry per two lines (hashes and summary, then AST); a change rewrites only its own lines', async () => {
    const location = path.join(dir, 'cache.json');
    const cache = ParseCache.load(location, '1.0.0');
    await parseFiles(inputs(), { cache, parse: countingParser().parse });
    cache.save();
    const before = readFileSync(location, 'utf8');
    expect(Object.keys(JSON.parse(before).entries)).toEqual(files);
    expect(before.split('\n')).toHaveLength(2 * files.length + 3);

    writeFileSync(files[1], 'sysname changed\n');
    const parser = countingParser();
    const next = ParseCache.load(location, '1.0.0');
    const parsed = await parseFiles(inputs(), { cache: next, parse: parser.parse });
    next.save();
    expect(parser.calls).toEqual(['b.cfg']);
    expect(next.hits).toBe(2);
    expect(parsed.map((p) => p.ast.file)).toEqual(['a.cfg', 'b.cfg', 'c.cfg']);
    const after = readFileSync(location, 'utf8').split('\n');
    const old = before.split('\n');
    expect([after[1], after[2], after[5], after[6]]).toEqual([old[1], old[2], old[5], old[6]]);
    expect(after[3]).not.toBe(old[3]);
  });

  it('does not read a cache rewritten as a single JSON document (nothing in it can be checked), and treats a damaged AST line as a miss', async () => {
    const location = path.join(dir, 'legacy.json');
    const cache = ParseCache.load(location, '1.0.0');
    await parseFiles(inputs(), { cache, parse: countingParser().parse });
    cache.save();
    const lines = readFileSync(location, 'utf8').split('\n');
    writeFileSync(location, JSON.stringify(JSON.parse(lines.join('\n'))));
    const legacy = countingParser();
    const reloaded = ParseCache.load(location, '1.0.0');
    await parseFiles(inputs(), { cache: reloaded, parse: legacy.parse });
    expect(legacy.calls).toEqual(['a.cfg', 'b.cfg', 'c.cfg']);
    expect(reloaded.warnings).toEqual(['parse cache legacy.json is damaged or not an fwlint cache; ignored and rewritten'.replace('legacy.json', location)]);
    writeFileSync(location, lines.join('\n'));

    lines[2] = lines[2].replace('"kind":"config"', '"kind":"broken"');
    writeFileSync(location, lines.join('\n'));
    const damaged = countingParser();
    const damagedCache = ParseCache.load(location, '1.0.0');
    await parseFiles(inputs(), { cache: damagedCache, parse: damaged.parse });
    expect(damaged.calls).toEqual(['a.cfg']);
    expect(damagedCache.warnings).toEqual([`1 parse cache entry (${files[0]}) failed verification and was parsed again`]);
  });
});

describe('device summaries in the cache', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'fwlint-cache-summary-'));
  const file = path.join(dir, 'a.cfg');
  writeFileSync(file, 'sysname a\n');
  const summary = { sysname: 'a', localAddresses: [1], entries: [{ local: 1, template: false, targets: [[2]] as [number][] }], lnsAddresses: [], unappliedPolicy: false, published: [] };

  it('are kept with their entry, read back without the AST, and ignored once the content changes', async () => {
    const location = path.join(dir, 'cache.json');
    const cache = ParseCache.load(location, '1.0.0');
    const content = readFileSync(file);
    await parseFiles([{ file: 'a.cfg', absolutePath: file, content }], { cache, parse: countingParser().parse });
    expect(cache.summary(file, content)).toBeUndefined();
    cache.setSummary(file, content, summary);
    cache.save();

    const next = ParseCache.load(location, '1.0.0');
    expect(next.summary(file, content)).toEqual(summary);
    expect(next.hits).toBe(0);
    expect(next.summary(file, Buffer.from('sysname b\n'))).toBeUndefined();
    next.setSummary(file, Buffer.from('sysname b\n'), { ...summary, sysname: 'b' });
    expect(next.summary(file, content)).toEqual(summary);
  });
});
