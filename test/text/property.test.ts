import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseConfig } from '../../src/ast/parse.js';
import { LineIndex, type Range } from '../../src/text/range.js';
import { corpusDir, corpusNames, hasCorpus } from '../helpers/corpus.js';

const exampleFiles = (): string[] =>
  (readdirSync(resolve(import.meta.dirname, '../../configs-examples'), { recursive: true }) as string[])
    .filter((f) => f.endsWith('.cfg'))
    .map((f) => resolve(import.meta.dirname, '../../configs-examples', f));
// Without the corpus, the examples' lines stand in for the published ones.
const corpusLines = (hasCorpus ? corpusNames().map((f) => resolve(corpusDir, f)) : exampleFiles())
  .flatMap((f) => readFileSync(f, 'utf8').split('\n'));

function* ranges(value: unknown): Generator<Range> {
  if (Array.isArray(value)) for (const v of value) yield* ranges(v);
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.endOffset === 'number' && typeof o.line === 'number') yield o as unknown as Range;
    else for (const v of Object.values(o)) yield* ranges(v);
  }
}

const word = fc.oneof(
  fc.constantFrom('ike', 'peer', 'ipsec', 'policy', 'rule', 'permit', 'source', 'acl', 'number', '10', '1.2.3.4', '#', 'interface', 'nat', 'server', 'pre-shared-key', 'cipher', 'mask', 'range', 'any', '%^%#', 'return'),
  fc.string({ maxLength: 6 }),
);
const line = fc.oneof(
  fc.constantFrom(...corpusLines),
  fc.tuple(fc.nat({ max: 4 }), fc.array(word, { maxLength: 8 })).map(([indent, ws]) => ' '.repeat(indent) + ws.join(' ')),
);

describe('robustness', () => {
  test.prop([fc.array(line, { maxLength: 40 })], { numRuns: 300 })('random and mutated lines never throw; ranges lie inside the document', (lines) => {
    const { ast, text } = parseConfig(lines.join('\n'), 'p.cfg');
    const index = new LineIndex(text);
    for (const r of ranges(ast)) expect(index.contains(r)).toBe(true);
    expect(ast.diagnostics.every((d) => d.message !== undefined && !d.message.includes('internal parser error'))).toBe(true);
  });

  test.prop([fc.uint8Array({ maxLength: 300 })], { numRuns: 200 })('arbitrary bytes never throw', (bytes) => {
    expect(() => parseConfig(bytes, 'b')).not.toThrow();
  });
});
