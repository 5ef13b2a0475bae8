import { expect } from 'vitest';
import { rules } from '../../rules/index.js';
import type { Finding } from '../../src/engine/findings.js';
import { applyFixes, type GeneratedFix, type GeneratedSuggestion } from '../../src/fix/generate.js';
import { lintInputs, type Input } from './rule-harness.js';

/** Every rule id: a fix is re-linted with all rules, so a new error of any rule shows. */
export const ALL_RULES = rules.map((r) => r.meta.id);

/** A finding's identity across two runs (its line may move when a fix inserts lines). */
export function findingKey(f: Finding): string {
  return `${f.ruleId} ${f.file} ${f.objectPath} ${f.message}`;
}

/** The inputs with `fix` applied to its file. */
export function applyFix(inputs: readonly Input[], fix: GeneratedFix): Input[] {
  return inputs.map((input) => (input.file === fix.file ? { ...input, text: applyFixes(input.text, [fix]).text } : input));
}

/** The errors of `after` that `before` did not have (rules in `expected` excepted), as keys. */
export function newErrors(before: readonly Finding[], after: readonly Finding[], expected: readonly string[] = []): string[] {
  const old = new Set(before.map(findingKey));
  return after.filter((f) => f.severity === 'error' && !old.has(findingKey(f)) && !expected.includes(f.ruleId)).map(findingKey);
}

/**
 * Applies the one suggestion (unsafe, no fix) of `ruleId`'s finding on `file` to the whole network
 * and re-lints it with `ruleIds`: the rule's findings are gone and no new error appears.
 */
export function expectOneSuggestionWorks(
  ruleId: string,
  inputs: readonly Input[],
  file: string,
  ruleIds: readonly string[] = ALL_RULES,
): { suggestion: GeneratedSuggestion; input: Input; edited: string } {
  const before = lintInputs(inputs, ruleIds).findings;
  const finding = before.find((f) => f.ruleId === ruleId && f.file === file);
  expect(finding?.fix).toBeUndefined();
  expect(finding?.suggestions).toHaveLength(1);
  const [suggestion] = finding?.suggestions ?? [];
  expect(suggestion.fix.applicability).toBe('unsafe');
  const input = inputs.find((i) => i.file === file) as Input;
  const edited = applyFixes(input.text, [suggestion.fix]).text;
  const after = lintInputs(inputs.map((i) => (i === input ? { ...i, text: edited } : i)), ruleIds).findings;
  expect(after.filter((f) => f.ruleId === ruleId)).toEqual([]);
  expect(newErrors(before, after)).toEqual([]);
  return { suggestion, input, edited };
}
