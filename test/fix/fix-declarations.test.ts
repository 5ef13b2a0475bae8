import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';

/**
 * Rules that still owe their fix or suggestions (issue #14): their correction is determined by
 * the configurations, but fwlint does not write it yet. The list may only shrink: a new rule must
 * come with a fix, suggestions or a `noFix` reason.
 */
const FIX_NOT_WRITTEN_YET = new Set<string>([]);

describe('fix declarations', () => {
  it('every rule carries a fix or suggestions, or says in meta.noFix why the configurations do not determine one', () => {
    const undeclared = rules
      .filter((rule) => !rule.meta.fixable && !rule.meta.hasSuggestions && !rule.meta.noFix)
      .map((rule) => rule.meta.id)
      .sort();
    expect(undeclared).toEqual([...FIX_NOT_WRITTEN_YET].sort());
  });

  it('a rule with a fix does not also claim there is none, and every noFix reason is a sentence', () => {
    for (const { meta } of rules) {
      if (meta.noFix === undefined) continue;
      expect(meta.fixable || meta.hasSuggestions, `${meta.id}: noFix beside a fix`).toBeFalsy();
      expect(meta.noFix, meta.id).toMatch(/^[A-Z].{40,}\.$/s);
    }
  });
});
