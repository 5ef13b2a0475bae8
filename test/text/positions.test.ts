import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/ast/parse.js';
import { LineIndex, rangeEnd, rangeStart, type Position, type Range } from '../../src/text/range.js';
import { corpusNames } from '../helpers/corpus.js';

import { corpusDir } from '../helpers/corpus.js';

/** Every Position in the AST, wherever it sits. */
function positions(value: unknown, out: Position[] = []): Position[] {
  if (Array.isArray(value)) for (const v of value) positions(v, out);
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.line === 'number' && typeof o.endOffset === 'number') {
      const range = o as unknown as Range;
      out.push(rangeStart(range), rangeEnd(range));
    } else for (const v of Object.values(o)) positions(v, out);
  }
  return out;
}

function expectConsistent(input: string | Uint8Array, file: string): void {
  const { ast, text } = parseConfig(input, file);
  const index = new LineIndex(text);
  for (const p of positions(ast)) expect(p).toEqual(index.positionAt(p.offset));
}

describe('positions computed on the line agree with the line-start table', () => {
  for (const file of corpusNames().slice(0, 15)) {
    it(file, () => expectConsistent(readFileSync(resolve(corpusDir, file)), file));
  }

  it('for arbitrary line mixes', () => {
    const line = fc.constantFrom(
      'acl number 3000', ' rule 5 permit ip source 10.0.0.0 0.0.0.255 destination 10.1.0.0 0.0.0.255',
      'ike peer p', ' pre-shared-key simple a b # c', ' remote-address 1.2.3.4', 'interface GigabitEthernet0/0/1',
      ' ip address 1.1.1.1 255.255.255.0', '#', '', '\t rule 10 deny ip', 'ipsec policy m 10 isakmp', ' security acl 3000',
    );
    fc.assert(fc.property(fc.array(line, { maxLength: 30 }), (lines) => expectConsistent(lines.join('\n'), 'mix.cfg')), { numRuns: 100 });
  });
});

describe('LineIndex line table', () => {
  it('is built on first use, once, and matches the newlines', () => {
    const index = new LineIndex('a\nbc\n\nd');
    const starts = index.lineStarts;
    expect(starts).toEqual([0, 2, 5, 6]);
    expect(index.lineStarts).toBe(starts);
    expect(index.positionAt(5)).toEqual({ line: 3, column: 1, offset: 5 });
    expect(new LineIndex('x\ny').lineCount).toBe(2);
  });
});
