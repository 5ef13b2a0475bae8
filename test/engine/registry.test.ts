import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { buildConfigSchema } from '../../src/engine/config-schema.js';
import { parseConfigText } from '../../src/engine/config.js';
import { RuleRegistry } from '../../src/engine/registry.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const rulesDir = path.join(root, 'rules');
const ruleFilesOnDisk = readdirSync(rulesDir)
  .filter((name) => name.endsWith('.ts') && name !== 'index.ts' && name !== 'types.ts')
  .map((name) => name.slice(0, -'.ts'.length))
  .sort();

describe('rule registry', () => {
  it('lists exactly the rule files on disk, in alphabetical order', () => {
    const ids = rules.map((rule) => rule.meta.id);
    expect(ids).toEqual(ruleFilesOnDisk);
    expect(ids).toEqual([...ids].sort());
  });

  it('has unique kebab-case ids', () => {
    expect(() => new RuleRegistry(rules)).not.toThrow();
    for (const rule of rules) expect(rule.meta.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it.each(rules.map((rule) => [rule.meta.id]))('%s has prose docs and examples', (id) => {
    expect(existsSync(path.join(rulesDir, `${id}.md`))).toBe(true);
    expect(existsSync(path.join(root, 'configs-examples', id))).toBe(true);
  });

  it('composes a config schema that compiles in ajv strict mode, options included', () => {
    const registry = new RuleRegistry(rules);
    expect(() => new Ajv2020({ strict: true, allErrors: true }).compile(buildConfigSchema([...registry.metas.values()]))).not.toThrow();
    const everyRuleOff = JSON.stringify({ rules: Object.fromEntries(registry.configurableIds.map((id) => [id, 'off'])) });
    expect(parseConfigText(everyRuleOff, '/repo/fwlint.config.json', registry, '/repo').rules.size).toBe(registry.configurableIds.length);
  });

  it('refuses duplicate ids', () => {
    const rule = { meta: { id: 'x' } } as (typeof rules)[number];
    expect(() => new RuleRegistry([rule, rule])).toThrow(/duplicate rule id "x"/);
  });
});
