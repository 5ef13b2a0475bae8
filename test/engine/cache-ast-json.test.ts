import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyAst } from '../../src/ast/empty.js';
import { parseConfig } from '../../src/ast/parse.js';
import { astOfJson, astToCacheJson } from '../../src/engine/cache.js';
import { pathToFileURL } from 'node:url';
import { allCorpusFiles, corpusDir, examplesDir, repoRoot } from '../helpers/rule-harness.js';

const generator = (await import(pathToFileURL(path.join(repoRoot, 'bench/generate.js')).href)) as { generateHub(options: { policies: number }): string };

const exampleFiles = (readdirSync(examplesDir, { recursive: true }) as string[]).filter((f) => f.endsWith('.cfg')).map((f) => path.join(examplesDir, f));

describe('the cache stores ASTs with compact ranges', () => {
  it('gives back every example and corpus AST unchanged', () => {
    const files = [...exampleFiles, ...allCorpusFiles().map((name) => path.join(corpusDir, name))];
    expect(files.length).toBeGreaterThan(100);
    for (const file of files) {
      const { ast } = parseConfig(readFileSync(file), file);
      expect(astOfJson(astToCacheJson(ast)), file).toEqual(ast);
    }
  });

  it('is about half the JSON of the plain AST', () => {
    const { ast } = parseConfig(generator.generateHub({ policies: 20 }), 'hub.cfg');
    const compact = astToCacheJson(ast).length;
    expect(compact).toBeLessThan(0.6 * JSON.stringify(ast).length);
  });

  it('keeps number arrays that are not ranges', () => {
    const range = { line: 1, column: 1, offset: 0, endLine: 1, endColumn: 9, endOffset: 8 };
    fc.assert(
      fc.property(fc.array(fc.integer(), { minLength: 6, maxLength: 6 }), (numbers) => {
        const ast = { ...emptyAst('a.cfg'), globals: { ikeDpdInterval: { value: numbers, range } } };
        expect(astOfJson(astToCacheJson(ast))).toEqual(ast);
      }),
    );
  });

  it('gives back nothing for JSON that is not of the AST schema\'s shape', () => {
    const ast = emptyAst('a.cfg');
    expect(astOfJson(astToCacheJson(ast))).toEqual(ast);
    expect(astOfJson(JSON.stringify({ ...ast, extra: 1 }))).toBeUndefined();
    expect(astOfJson(JSON.stringify({ ...ast, lineCount: -1 }))).toBeUndefined();
    expect(astOfJson(JSON.stringify({ ...ast, interfaces: [{}] }))).toBeUndefined();
    expect(astOfJson('{"kind":"config","diagnostics":[]}')).toBeUndefined();
    expect(astOfJson('[1,2,3')).toBeUndefined();
  });
});
