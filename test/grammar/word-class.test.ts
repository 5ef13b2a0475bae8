import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classAt, tokenClass } from '../../src/grammar/shapes.js';

describe('classAt', () => {
  it('classes digit-led words in place exactly as tokenClass does on the sliced word', () => {
    const word = fc.array(fc.constantFrom(...'0123456789.../x'.split('')), { minLength: 1, maxLength: 18 }).map((a) => a.join(''));
    fc.assert(fc.property(word, (w) => {
      const inPlace = classAt(`ab ${w} cd`, 3, 3 + w.length);
      expect(inPlace ?? tokenClass(w)).toBe(tokenClass(w));
    }), { numRuns: 5000 });
  });

  it('leaves words that may be keywords to tokenClass', () => {
    expect(classAt('permit', 0, 6)).toBeUndefined();
    expect(classAt('3des', 0, 4)).toBeUndefined();
    expect(classAt('10.1.1.1', 0, 8)).toBe('§a');
    expect(classAt('0255.1.1.1', 0, 10)).toBe('§w');
    expect(classAt('4294967295', 0, 10)).toBe('§n');
    expect(classAt('42949672950', 0, 11)).toBe('§w');
  });
});
