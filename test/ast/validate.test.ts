import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/ast/parse.js';
import { astSchema } from '../../src/ast/schema.js';
import { compileAstSchema, toConfigAst } from '../../src/ast/validate.js';
import { astToCacheJson } from '../../src/engine/cache.js';
import { allCorpusFiles, corpusDir, examplesDir } from '../helpers/rule-harness.js';

/*
 * The parse cache checks ASTs with its own interpreter of the AST schema (src/ast/validate.ts),
 * not with Ajv (too slow to compile per run). Its verdicts must be Ajv's.
 */

const ajv = new Ajv2020({ strict: true, allErrors: false });
const ajvValidate = ajv.compile(astSchema);
const exampleFiles = (readdirSync(examplesDir, { recursive: true }) as string[]).filter((f) => f.endsWith('.cfg')).map((f) => path.join(examplesDir, f));

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function plainJson(file: string): Json {
  return JSON.parse(JSON.stringify(parseConfig(readFileSync(file), file).ast)) as Json;
}

/** Every path to a value in `value`, the root included. */
function paths(value: Json, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((item, i) => paths(item, [...prefix, i], out));
  else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) paths(item, [...prefix, key], out);
  return out;
}

type Mutation = { kind: 'delete' } | { kind: 'replace'; value: Json } | { kind: 'add'; key: string; value: Json };

function mutate(root: Json, at: (string | number)[], mutation: Mutation): Json {
  const copy = structuredClone(root);
  if (at.length === 0) return mutation.kind === 'replace' ? mutation.value : copy;
  let parent = copy as Record<string | number, Json>;
  for (const step of at.slice(0, -1)) parent = parent[step] as Record<string | number, Json>;
  const last = at[at.length - 1];
  const target = parent[last];
  if (mutation.kind === 'delete') {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else if (mutation.kind === 'replace') {
    parent[last] = mutation.value;
  } else if (target && typeof target === 'object' && !Array.isArray(target)) {
    (target as Record<string, Json>)[mutation.key] = mutation.value;
  } else if (Array.isArray(target)) {
    target.push(mutation.value);
  }
  return copy;
}

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.constant<Mutation>({ kind: 'delete' }),
  fc.jsonValue({ maxDepth: 2 }).map((value): Mutation => ({ kind: 'replace', value: value as Json })),
  fc.constantFrom<Json>(-1, 0, 1, 1.5, 4294967296, '', 'x', true, null, [], {}).map((value): Mutation => ({ kind: 'replace', value })),
  fc.tuple(fc.constantFrom('range', 'value', 'name', 'extra', 'start', 'form', '__proto__'), fc.jsonValue({ maxDepth: 1 })).map(([key, value]): Mutation => ({ kind: 'add', key, value: value as Json })),
);

describe('AST schema interpreter (the parse cache\'s check)', () => {
  it('accepts every example and corpus AST, compact ranges expanded to the AST itself', () => {
    const files = [...exampleFiles, ...allCorpusFiles().map((name) => path.join(corpusDir, name))];
    expect(files.length).toBeGreaterThan(50);
    for (const file of files) {
      const { ast } = parseConfig(readFileSync(file), file);
      expect(ajvValidate(JSON.parse(JSON.stringify(ast))), file).toBe(true);
      expect(toConfigAst(JSON.parse(astToCacheJson(ast))), file).toEqual(ast);
    }
  });

  it('gives Ajv\'s verdict on mutated ASTs (a field deleted, replaced or added anywhere)', () => {
    const samples = ['site-to-site/hq.cfg', 'nat-traversal-mismatch/flagged/site-a.cfg', 'acl-overlap-in-policy-group/flagged/site-a.cfg']
      .map((name) => path.join(examplesDir, name))
      .filter((file) => exampleFiles.includes(file))
      .map(plainJson);
    expect(samples.length).toBeGreaterThan(1);
    const all = samples.map((sample) => ({ sample, paths: paths(sample) }));
    const verdicts = { valid: 0, invalid: 0 };
    fc.assert(
      fc.property(fc.nat(all.length - 1), fc.nat(), mutationArb, (which, pick, mutation) => {
        const { sample, paths: list } = all[which];
        const mutated = mutate(sample, list[pick % list.length], mutation);
        const expected = ajvValidate(structuredClone(mutated)) === true;
        verdicts[expected ? 'valid' : 'invalid']++;
        expect(toConfigAst(structuredClone(mutated)) !== undefined).toBe(expected);
      }),
      { numRuns: 1500 },
    );
    // Both verdicts occur (deleting an optional field or an array item keeps an AST valid).
    expect(verdicts.valid).toBeGreaterThan(50);
    expect(verdicts.invalid).toBeGreaterThan(500);
  });

  it('takes a compact range only where a Range goes, and only with sane numbers', () => {
    const { ast } = parseConfig(readFileSync(path.join(examplesDir, 'site-to-site/hq.cfg')), 'hq.cfg');
    const compact = JSON.parse(astToCacheJson(ast)) as { lineCount: unknown; diagnostics: unknown[]; globals: { sysname: { range: unknown } } };
    expect(toConfigAst(structuredClone(compact))).toEqual(ast);
    for (const bad of [[1, 1, 0, 1, 1, 0], [-1, 0, 0, 1, 1, 0], [-1, 1, -1, 1, 1, 0], [-1, 1, 0, 1, 1], [-1, 1, 0, 1, 1, 0, 0], [-1.5, 1, 0, 1, 1, 0]]) {
      expect(toConfigAst({ ...structuredClone(compact), globals: { ...compact.globals, sysname: { ...compact.globals.sysname, range: bad } } }), JSON.stringify(bad)).toBeUndefined();
    }
    expect(toConfigAst({ ...structuredClone(compact), lineCount: [-1, 1, 0, 1, 1, 0] })).toBeUndefined();
  });

  it('agrees with Ajv on the keywords it implements, alone and combined', () => {
    const schemas = [
      { type: 'object', required: ['x'], additionalProperties: false },
      { required: ['x'] },
      { type: 'object', properties: { x: { type: 'integer', minimum: 0, maximum: 3 } }, required: ['x'], additionalProperties: false },
      { type: ['integer', 'null'] },
      { enum: ['a', 1, null] },
      { const: 'a' },
      { type: 'array', prefixItems: [{ type: 'string' }, { type: 'boolean' }], items: false, minItems: 2 },
      { type: 'array', items: { type: 'string', pattern: '^[0-9a-f]{2}$' } },
      { oneOf: [{ type: 'string' }, { type: 'integer' }, { enum: [1, 'x'] }] },
      { minimum: 2, maximum: 4 },
      { type: 'number' },
      // Tagged unions (AddressSpec's `form`): checked by the option the tag names.
      {
        oneOf: [
          { type: 'object', properties: { form: { const: 'a' }, x: { type: 'integer' } }, required: ['form', 'x'], additionalProperties: false },
          { type: 'object', properties: { form: { const: 'b' }, y: { type: 'string' } }, required: ['form'], additionalProperties: false },
        ],
      },
      // Not tagged, so every option is tried: the tag is optional in one option, or two options share a constant.
      {
        oneOf: [
          { type: 'object', properties: { form: { const: 'a' }, x: { type: 'integer' } }, required: ['x'] },
          { type: 'object', properties: { form: { const: 'b' } }, required: ['form'] },
        ],
      },
      {
        oneOf: [
          { type: 'object', properties: { form: { const: 'a' }, x: { type: 'integer' } }, required: ['form'] },
          { type: 'object', properties: { form: { const: 'a' }, y: { type: 'string' } }, required: ['form'] },
        ],
      },
    ];
    const values: unknown[] = [
      null, 0, 1, 2.5, 3, 5, -1, 'a', 'x', 'ab', 'zz', true, [], ['a', true], ['a', true, 1], ['0f', 'ff'], ['0F'], {}, { x: 1 }, { x: 9 }, { x: 1, y: 2 }, { y: 2 },
      { form: 'a', x: 1 }, { form: 'a' }, { form: 'a', x: 'n' }, { form: 'a', x: 1, y: 'n' }, { form: 'b' }, { form: 'b', y: 'n' }, { form: 'b', x: 1 }, { form: 'c', x: 1 }, { form: 1 }, ['a'], { form: 'a', y: 'n' },
    ];
    for (const schema of schemas) {
      const ours = compileAstSchema(schema);
      const theirs = new Ajv2020({ strict: false }).compile(schema);
      for (const value of values) {
        const holder = { value: structuredClone(value) };
        expect(ours(holder.value, holder, 'value'), `${JSON.stringify(schema)} on ${JSON.stringify(value)}`).toBe(theirs(structuredClone(value)));
      }
    }
  });

  it('refuses a schema keyword it does not implement, rather than ignoring it', () => {
    expect(() => compileAstSchema({ type: 'string', minLength: 1 })).toThrow(/minLength/);
    expect(() => compileAstSchema({ additionalProperties: { type: 'string' } })).toThrow(/additionalProperties/);
    expect(() => compileAstSchema({ $ref: '#/$defs/Missing' })).toThrow(/Missing/);
  });
});
