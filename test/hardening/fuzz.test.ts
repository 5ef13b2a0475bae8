import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { parseConfig } from '../../src/ast/parse.js';
import { LineIndex } from '../../src/text/range.js';
import { lintInputs, type Input } from '../helpers/rule-harness.js';
import { mutated, seedConfigs } from './seeds.js';

const allRuleIds = rules.map((r) => r.meta.id);
const seeds = seedConfigs();

/** Several mutated devices in one run, with distinct file names (both ends of tunnels). */
const mutatedNetwork = fc
  .array(mutated(seeds), { minLength: 1, maxLength: 4 })
  .map((inputs) => inputs.map((input, i) => ({ file: `d${i}/${input.file}`, text: input.text })));

function keyOf(findings: ReturnType<typeof lintInputs>['findings']): string[] {
  return findings.map((f) => `${f.ruleId}|${f.file}|${f.range.offset}-${f.range.endOffset}|${f.objectPath}|${f.message}|${f.related.map((r) => `${r.file}:${r.range.offset}`).join(',')}`);
}

function assertRangesInside(inputs: readonly Input[], outcome: ReturnType<typeof lintInputs>): void {
  const texts = new Map(inputs.map(({ file, text }) => [file, parseConfig(text, file).text]));
  for (const f of outcome.findings) {
    const text = texts.get(f.file);
    expect(text, `${f.ruleId} reported in unknown file ${f.file}`).toBeDefined();
    const lines = new LineIndex(text!);
    expect(lines.contains(f.range), `${f.ruleId} range ${JSON.stringify(f.range)} outside ${f.file}`).toBe(true);
    expect(f.range.offset).toBeLessThanOrEqual(f.range.endOffset);
    expect(f.range.endOffset).toBeLessThanOrEqual(text!.length);
  }
}

describe('mutated configurations', () => {
  it('seeds exist', () => {
    expect(seeds.length).toBeGreaterThan(40);
  });

  it('never make the parser throw, and every diagnostic range lies inside the text', () => {
    fc.assert(
      fc.property(mutated(seeds), ({ file, text }) => {
        const { ast, text: normalised } = parseConfig(text, file);
        const lines = new LineIndex(normalised);
        for (const d of ast.diagnostics) expect(lines.contains(d.range), `${d.code} ${JSON.stringify(d.range)}`).toBe(true);
        expect(ast.diagnostics.every((d) => !d.message.startsWith('internal parser error'))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('never make the model, the network or any rule throw (strict reports), and ranges stay inside their files', () => {
    fc.assert(
      fc.property(mutatedNetwork, (inputs) => {
        const outcome = lintInputs(inputs, allRuleIds);
        expect(outcome.internalErrors).toEqual([]);
        assertRangesInside(inputs, outcome);
      }),
      { numRuns: 120 },
    );
  });

  it('give the same findings twice and whatever the order of the input files', () => {
    fc.assert(
      fc.property(mutatedNetwork, fc.integer(), (inputs, seed) => {
        const first = keyOf(lintInputs(inputs, allRuleIds).findings);
        expect(keyOf(lintInputs(inputs, allRuleIds).findings)).toEqual(first);
        const reordered = [...inputs];
        let state = seed >>> 0 || 1;
        for (let i = reordered.length - 1; i > 0; i--) {
          state = (Math.imul(state, 1103515245) + 12345) >>> 0;
          const j = state % (i + 1);
          [reordered[i], reordered[j]] = [reordered[j], reordered[i]];
        }
        expect(keyOf(lintInputs(reordered, allRuleIds).findings)).toEqual(first);
      }),
      { numRuns: 40 },
    );
  });

  it('the unmodified seeds lint cleanly as one network in both orders', () => {
    const inputs = seeds.map((s, i) => ({ file: `s${i}/${s.file}`, text: s.text }));
    const forward = lintInputs(inputs, allRuleIds);
    expect(forward.internalErrors).toEqual([]);
    assertRangesInside(inputs, forward);
    expect(keyOf(lintInputs([...inputs].reverse(), allRuleIds).findings)).toEqual(keyOf(forward.findings));
  });
});
