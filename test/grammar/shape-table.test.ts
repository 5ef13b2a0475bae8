import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { examplesDir } from '../helpers/rule-harness.js';

type ShapesModule = typeof import('../../src/grammar/shapes.js');
type ParseModule = typeof import('../../src/ast/parse.js');

const config = readFileSync(path.join(examplesDir, 'site-to-site/hq.cfg'));

/** A fresh copy of the parser and its shape caches, as a new process would have. */
async function freshParser(): Promise<{ shapes: ShapesModule; parse: ParseModule['parseConfig'] }> {
  vi.resetModules();
  const shapes = await import('../../src/grammar/shapes.js');
  const { parseConfig } = await import('../../src/ast/parse.js');
  return { shapes, parse: parseConfig };
}

describe('line-shape table kept between runs', () => {
  it('lets a new process parse the same configuration without building the grammar, to the same AST', async () => {
    const first = await freshParser();
    const expected = first.parse(config, 'hq.cfg').ast;
    expect(first.shapes.grammarLoaded()).toBe(true);
    const table = JSON.parse(JSON.stringify(first.shapes.knownShapes())) as unknown;

    const second = await freshParser();
    expect(second.shapes.learnShapes(table)).toBeGreaterThan(10);
    expect(second.parse(config, 'hq.cfg').ast).toEqual(expected);
    expect(second.shapes.grammarLoaded()).toBe(false);

    second.parse('sysname A\nike dpd idle-time 20\nbogus words here\n', 'new.cfg');
    expect(second.shapes.grammarLoaded()).toBe(true);
  });

  it('ignores a table of another grammar and malformed entries', async () => {
    const first = await freshParser();
    first.parse(config, 'hq.cfg');
    const table = JSON.parse(JSON.stringify(first.shapes.knownShapes())) as { grammar: string; shapes: Record<string, Record<string, unknown>> };

    const second = await freshParser();
    expect(second.shapes.learnShapes({ ...table, grammar: 'another' })).toBe(0);
    expect(second.shapes.learnShapes(null)).toBe(0);
    expect(second.shapes.learnShapes({ grammar: table.grammar, shapes: 'x' })).toBe(0);
    const malformed = {
      grammar: table.grammar,
      shapes: {
        NoSuchLine: { 'sysname §w': { ok: true, kind: 'Sysname', fields: {} } },
        TopLine: {
          'sysname §w': { ok: true, kind: 'Sysname', fields: { name: [[1, -1]] } },
          'ike dpd type §w': { ok: false, failedToken: 'x' },
          'ike dpd idle-time §n': { ok: true, kind: 7, fields: {} },
        },
      },
    };
    expect(second.shapes.learnShapes(malformed)).toBe(0);
    second.parse('sysname A\n', 'a.cfg');
    expect(second.shapes.grammarLoaded()).toBe(true);
  });

  it('keeps a bounded number of shapes for the cache', async () => {
    const { shapes, parse } = await freshParser();
    const lines = Array.from({ length: 60 }, (_, i) => `${'word '.repeat(i % 20)}ike ${'x '.repeat(Math.floor(i / 20))}`);
    parse(`${lines.join('\n')}\n`, 'garbage.cfg');
    const count = (limit?: number): number => Object.values(shapes.knownShapes(limit).shapes).reduce((sum, entries) => sum + Object.keys(entries ?? {}).length, 0);
    expect(count()).toBe(60);
    expect(count(25)).toBe(25);
    expect(shapes.MAX_KEPT_SHAPES).toBeGreaterThan(1000);
  });
});
