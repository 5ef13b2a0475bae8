import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { parseConfigText } from '../../src/engine/config.js';
import { ConfigError } from '../../src/engine/config-types.js';
import { RuleRegistry } from '../../src/engine/registry.js';
import { fwlint, tempDir, write } from '../e2e/run-cli.js';
import { readCorpus } from '../helpers/corpus.js';

const registry = new RuleRegistry(rules);

const HOSTILE: [string, string, RegExp][] = [
  ['__proto__ at the top', '{ "__proto__": { "polluted": true } }', /:1:3: key "__proto__" is not allowed/],
  ['__proto__ in rules', '{ "rules": { "__proto__": { "polluted": true } } }', /:1:14: key "__proto__" is not allowed/],
  ['constructor.prototype', '{ "constructor": { "prototype": { "polluted": true } } }', /key "constructor" is not allowed/],
  ['prototype in rule options', '{ "rules": { "dpd-not-configured": ["warn", { "prototype": { "polluted": 1 } }] } }', /key "prototype" is not allowed/],
  ['huge number', '{ "rules": { "dpd-not-configured": 1e400 } }', /:1:36: "rules.dpd-not-configured" must be/],
  ['wrong type at the top', '[1, 2, 3]', /:1:1: config must be object/],
  ['wrong type for files', '{ "files": "*.cfg" }', /:1:12: "files" must be array/],
  ['string instead of tunnels', '{ "topology": { "tunnels": 42 } }', /"topology.tunnels" must be array/],
  ['deeply nested JSON', `{ "rules": ${'['.repeat(5000)}${']'.repeat(5000)} }`, /config\.json:1:75: config file nested more than 64 levels deep/],
  ['deeply nested objects', `{ "x": ${'{"a":'.repeat(5000)}1${'}'.repeat(5000)} }`, /config\.json:1:\d+: config file nested more than 64 levels deep/],
  ['invalid JSON', '{ "rules": ', /:1:12: invalid JSON in config file/],
  ['NaN-like value', '{ "extends": NaN }', /invalid JSON/],
];

describe('hostile fwlint.config.json', () => {
  for (const [name, text, expected] of HOSTILE) {
    it(`${name}: one clear ConfigError at file:line:col, no prototype pollution`, () => {
      let error: unknown;
      try {
        parseConfigText(text, '/x/fwlint.config.json', registry, '/x');
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toMatch(expected);
      expect((error as Error).message).toMatch(/^fwlint\.config\.json:\d+:\d+: /);
      expect((error as Error).message.includes('\n')).toBe(false);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
    });
  }

  it('brackets inside strings and comments do not count as nesting', () => {
    const brackets = '['.repeat(200) + '{'.repeat(200);
    const config = parseConfigText(`{ // ${brackets}\n /* ${brackets} */ "ignores": ["${brackets}"] }`, '/x/fwlint.config.json', registry, '/x');
    expect(config.ignores).toEqual([brackets]);
  });

  it('through the real CLI: exit 2, exactly one line on stderr with file:line:col, no stack trace', () => {
    const dir = tempDir('fwlint-hardening-');
    write(dir, 'a.cfg', readCorpus('hwdoc-ar-natt-routera.cfg'));
    for (const [, text] of HOSTILE) {
      writeFileSync(path.join(dir, 'fwlint.config.json'), text);
      const result = fwlint(['-f', 'json', 'a.cfg'], { cwd: dir });
      expect(result.status, text.slice(0, 60)).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/^fwlint: fwlint\.config\.json:\d+:\d+: [^\n]+\n$/);
    }
  });
});
