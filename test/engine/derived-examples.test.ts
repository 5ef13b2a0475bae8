import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { deriveFixedExample, derivedRuleMetas, NOT_DERIVED } from '../../scripts/derive-fixed.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const REGENERATE = 'run npm run generate to derive it again (scripts/derive-fixed.ts)';

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const full = path.join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.(cfg|conf|txt)$/.test(name)) out.push(path.relative(root, full).split(path.sep).join('/'));
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

describe('fixed examples are the flagged examples plus the rule’s fix (#14, #19)', () => {
  const derived = derivedRuleMetas().filter((meta) => existsSync(path.join(root, 'configs-examples', meta.id, 'flagged')));

  it('derives every rule with a fix or suggestions but a few, each listed with its reason', () => {
    const offering = rules.filter((r) => r.meta.fixable || r.meta.hasSuggestions).map((r) => r.meta.id);
    for (const [id, reason] of Object.entries(NOT_DERIVED)) {
      expect(rules.map((r) => r.meta.id), `NOT_DERIVED lists ${id}, which is no rule`).toContain(id);
      expect(reason.length, id).toBeGreaterThan(20);
    }
    expect(derived.map((meta) => meta.id).sort()).toEqual(offering.filter((id) => NOT_DERIVED[id] === undefined).sort());
    expect(derived.length).toBeGreaterThan(Object.keys(NOT_DERIVED).length * 5);
  });

  it.each(derived.map((meta) => [meta.id, meta] as const))('%s: its changes applied to flagged/ give a clean fixed example, and fixed/ is that', (id, meta) => {
    const derivation = deriveFixedExample(root, meta);
    expect(derivation, id).toBeDefined();
    if (!derivation) return;
    expect(derivation.problems, `${id}: its changes applied to flagged/ do not give a clean fixed example; repair the fix or list ${id} in NOT_DERIVED with the reason`).toEqual([]);
    const expected = derivation.files.map((f) => f.file).sort();
    expect(filesUnder(path.join(root, 'configs-examples', id, 'fixed')), `configs-examples/${id}/fixed holds other files than flagged/: ${REGENERATE}`).toEqual(expected);
    for (const { file, text } of derivation.files) {
      expect(readFileSync(path.join(root, file), 'utf8'), `${file} is not flagged/ plus the fix of ${id} (it drifted): ${REGENERATE}`).toBe(text);
    }
  });

  it.each(Object.keys(NOT_DERIVED))('%s (in NOT_DERIVED) still cannot be derived cleanly: the list only shrinks', (id) => {
    const meta = rules.find((r) => r.meta.id === id)?.meta;
    expect(meta, id).toBeDefined();
    if (!meta) return;
    const derivation = deriveFixedExample(root, meta);
    expect(derivation?.problems.length ?? 0, `${id} now derives cleanly: remove it from NOT_DERIVED in scripts/derive-fixed.ts and run npm run generate`).toBeGreaterThan(0);
  });
});
