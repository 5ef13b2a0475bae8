import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/ast/parse.js';
import { astToJson } from '../../src/ast/redact.js';
import { astSchema, astSchemaText } from '../../src/ast/schema.js';
import { corpusDir, corpusNames, requireCorpus } from '../helpers/corpus.js';

const root = resolve(import.meta.dirname, '../..');

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...walk(full));
    else out.push(full);
  }
  return out;
}

const exampleFiles = walk(resolve(root, 'configs-examples')).filter((f) => f.endsWith('.cfg') || f.endsWith('.txt'));
const corpusFiles = corpusNames().map((f) => join(corpusDir, f));

const ajv = new Ajv2020({ strict: true, allErrors: true });
const validate = ajv.compile(astSchema);

function check(input: string | Uint8Array, file: string): void {
  const json = JSON.parse(astToJson(parseConfig(input, file).ast)) as unknown;
  const ok = validate(json);
  expect(ok ? [] : validate.errors?.slice(0, 5), file).toEqual([]);
}

describe('AST JSON Schema', () => {
  it('schemas/ast.schema.json matches src/ast/schema.generated.ts', () => {
    const committed = readFileSync(resolve(root, 'schemas/ast.schema.json'), 'utf8');
    expect(committed === astSchemaText(), 'schemas/ast.schema.json is stale: run `npm run generate` and commit it').toBe(true);
  });

  it('is strict about unknown fields and secret values', () => {
    const origin = { line: 1, column: 1, offset: 0 };
    const range = { start: origin, end: origin };
    const ast = JSON.parse(astToJson(parseConfig('ike peer p\n pre-shared-key simple abc\n', 'x.cfg').ast)) as {
      ikePeers: { preSharedKey: Record<string, unknown> }[];
      extra?: unknown;
    };
    expect(validate(ast)).toBe(true);
    ast.ikePeers[0].preSharedKey.value = 'abc';
    expect(validate(ast)).toBe(false);
    delete ast.ikePeers[0].preSharedKey.value;
    ast.extra = range;
    expect(validate(ast)).toBe(false);
  });

  it('has example and corpus files to validate', () => {
    expect(exampleFiles.length).toBeGreaterThan(0);
    requireCorpus();
    expect(corpusFiles.length).toBeGreaterThan(10);
  });

  for (const file of [...exampleFiles, ...corpusFiles]) {
    it(`validates the AST of ${relative(resolve(root, '..'), file)}`, () => check(readFileSync(file), file));
  }

  it('validates the AST of mutated corpus inputs (deleted, duplicated, truncated and re-indented lines)', () => {
    requireCorpus();
    const texts = corpusFiles.slice(0, 12).map((f) => readFileSync(f, 'utf8'));
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: texts.length - 1 }),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom('delete', 'duplicate', 'truncate', 'indent', 'dedent', 'garble')), { maxLength: 20 }),
        (which, edits) => {
          const lines = texts[which].split('\n');
          for (const [at, edit] of edits) {
            const i = at % lines.length;
            const line = lines[i];
            if (edit === 'delete') lines.splice(i, 1);
            else if (edit === 'duplicate') lines.splice(i, 0, line);
            else if (edit === 'truncate') lines[i] = line.slice(0, Math.floor(line.length / 2));
            else if (edit === 'indent') lines[i] = `  ${line}`;
            else if (edit === 'dedent') lines[i] = line.trimStart();
            else lines[i] = line.replace(/\d/g, '9').replace(/ /, ' 300 ');
          }
          check(lines.join('\n'), 'mutated.cfg');
        },
      ),
      { numRuns: 60 },
    );
  });

  it('validates the AST of arbitrary text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (text) => check(text, 'random.cfg')), { numRuns: 100 });
  });
});
