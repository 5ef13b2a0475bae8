import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { examplesDir, lint, readConfigDir } from '../helpers/rule-harness.js';

const recommended = rules.filter((rule) => rule.meta.presets.includes('recommended')).map((rule) => rule.meta.id);
const all = rules.map((rule) => rule.meta.id);
const ruleDirs = readdirSync(examplesDir).filter((name) => existsSync(path.join(examplesDir, name, 'flagged')));

describe('configs-examples', () => {
  it('has a flagged and a fixed set for every rule', () => {
    expect(ruleDirs.sort()).toEqual([...all].sort());
    for (const id of all) {
      expect(readConfigDir(`configs-examples/${id}/flagged`).length, id).toBeGreaterThan(0);
      expect(readConfigDir(`configs-examples/${id}/fixed`).length, id).toBeGreaterThan(0);
    }
  });

  it.each(ruleDirs)('%s: the fixed set is a correct VPN for every rule of the recommended preset', (id) => {
    const findings = lint(readConfigDir(`configs-examples/${id}/fixed`), recommended);
    expect(findings.map((f) => `${f.ruleId} ${f.file}:${f.line}:${f.column} ${f.message}`)).toEqual([]);
  });

  it.each(ruleDirs)('%s: the flagged set triggers its own rule', (id) => {
    const findings = lint(readConfigDir(`configs-examples/${id}/flagged`), [id]);
    expect(findings.length).toBeGreaterThan(0);
  });

  it('the two-site example is clean for every rule, strict preset included', () => {
    expect(lint(readConfigDir('configs-examples/site-to-site'), all).map((f) => `${f.ruleId} ${f.file}:${f.line} ${f.message}`)).toEqual([]);
  });

  it('all fixed sets linted together as one network stay clean (addresses never collide across examples)', () => {
    const inputs = ruleDirs.flatMap((id) => readConfigDir(`configs-examples/${id}/fixed`));
    inputs.push(...readConfigDir('configs-examples/site-to-site'));
    const findings = lint(inputs, recommended);
    expect(findings.map((f) => `${f.ruleId} ${f.file}:${f.line} ${f.message}`)).toEqual([]);
  });
});
