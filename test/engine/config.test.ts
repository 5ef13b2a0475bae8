import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findConfigFile, loadConfigFile, parseConfigText } from '../../src/engine/config.js';
import { ConfigError } from '../../src/engine/config-types.js';
import { RuleRegistry } from '../../src/engine/registry.js';
import { meta, needleRule } from './fixtures.js';

const registry = new RuleRegistry([
  needleRule('ike-weak-dh-group', 'group1'),
  {
    meta: {
      ...meta('dpd-disabled', { presets: ['strict'] }),
      scope: 'device',
      optionsSchema: {
        type: 'object',
        additionalProperties: false,
        properties: { minIdle: { type: 'integer', minimum: 1, default: 10 } },
      },
    },
    check: () => {},
  },
]);

const cwd = '/repo';
const parse = (text: string) => parseConfigText(text, '/repo/fwlint.config.json', registry, cwd);
const errorOf = (text: string): string => {
  try {
    parse(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
};

describe('config file', () => {
  it('reads JSONC with comments, trailing commas, options and overrides', () => {
    const config = parse(`{
      // start from everything
      "extends": "fwlint:strict",
      "rules": { "ike-weak-dh-group": "warn", "dpd-disabled": ["error", { "minIdle": 5 }], },
      "overrides": [{ "files": ["lab/**"], "rules": { "ike-weak-dh-group": "off" } }],
      "ignores": ["old/**"],
      "topology": { "tunnels": [{ "ends": ["hq.cfg", "BR1"], "nat": true }], "natAddresses": [{ "public": "1.2.3.4", "private": "10.0.0.1" }] }
    }`);
    expect(config.extends).toBe('strict');
    expect(config.rules.get('ike-weak-dh-group')).toEqual({ severity: 'warn' });
    expect(config.rules.get('dpd-disabled')).toEqual({ severity: 'error', options: { minIdle: 5 } });
    expect(config.overrides[0].files).toEqual(['lab/**']);
    expect(config.files).toEqual(['**/*.cfg', '**/*.conf', '**/*.txt']);
    expect(config.ignores).toEqual(['old/**']);
    expect(config.topology.tunnels).toEqual([{ ends: ['hq.cfg', 'BR1'], nat: true }]);
    expect(config.baseDir).toBe('/repo');
  });

  it('points at an invalid severity with line and column', () => {
    expect(errorOf('{\n  "rules": {\n    "ike-weak-dh-group": "warning"\n  }\n}')).toBe(
      'fwlint.config.json:3:26: "rules.ike-weak-dh-group" must be one of "off", "warn", "error"',
    );
  });

  it('suggests the closest rule for an unknown rule name, at the key', () => {
    expect(errorOf('{ "rules": {\n "ike-weak-dh": "error" } }')).toBe(
      'fwlint.config.json:2:2: unknown rule "ike-weak-dh" (did you mean "ike-weak-dh-group"?)',
    );
  });

  it('suggests a known top-level key', () => {
    expect(errorOf('{ "rule": {} }')).toMatch(/^fwlint\.config\.json:1:3: unknown key "rule" in config \(did you mean "rules"\?\)/);
  });

  it('validates rule options against the rule schema', () => {
    expect(errorOf('{ "rules": { "dpd-disabled": ["warn", { "minIdle": 0 }] } }')).toMatch(
      /^fwlint\.config\.json:1:52: "rules\.dpd-disabled\.1\.minIdle" must be >= 1/,
    );
    expect(errorOf('{ "rules": { "ike-weak-dh-group": ["warn", {}] } }')).toMatch(/^fwlint\.config\.json:1:\d+: /);
  });

  it('refuses __proto__ and constructor keys without touching Object.prototype', () => {
    expect(errorOf('{ "rules": { "__proto__": { "polluted": "yes" } } }')).toBe('fwlint.config.json:1:14: key "__proto__" is not allowed');
    expect(errorOf('{ "topology": { "constructor": 1 } }')).toMatch(/key "constructor" is not allowed/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reports JSON syntax errors at their position', () => {
    expect(errorOf('{\n  "rules": { "a" "b" }\n}')).toMatch(/^fwlint\.config\.json:2:\d+: invalid JSON in config file/);
  });

  it('rejects bad topology addresses', () => {
    expect(errorOf('{ "topology": { "natAddresses": [{ "public": "1.2.3", "private": "10.0.0.1" }] } }')).toMatch(
      /"topology\.natAddresses\.0\.public" must match pattern/,
    );
  });

  it('is found in a parent directory and loaded from disk', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'fwlint-config-'));
    mkdirSync(path.join(root, 'a', 'b'), { recursive: true });
    writeFileSync(path.join(root, 'fwlint.config.json'), '{ "rules": { "ike-weak-dh-group": "off" } }');
    const found = findConfigFile(path.join(root, 'a', 'b'));
    expect(found).toBe(path.join(root, 'fwlint.config.json'));
    expect(loadConfigFile(found!, registry, root).rules.get('ike-weak-dh-group')).toEqual({ severity: 'off' });
    expect(() => loadConfigFile(path.join(root, 'missing.json'), registry, root)).toThrow(/cannot read config file missing\.json: ENOENT/);
  });

  it('accepts a UTF-8 byte-order mark at the start (Notepad, PowerShell), from text and from disk', () => {
    expect(parse('\ufeff{ "ignores": ["old/**"] }').ignores).toEqual(['old/**']);
    // Positions count from the first character after the mark.
    expect(errorOf('\ufeff{\n  "rules": { "ike-weak-dh-group": "warning" }\n}')).toMatch(/^fwlint\.config\.json:2:35: /);
    const root = mkdtempSync(path.join(tmpdir(), 'fwlint-config-'));
    writeFileSync(path.join(root, 'fwlint.config.json'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{ "files": ["**/*.cfg"] }\n')]));
    expect(loadConfigFile(path.join(root, 'fwlint.config.json'), registry, root).files).toEqual(['**/*.cfg']);
  });

  it('refuses a glob fwlint cannot match in bounded time, naming it at its line and column', () => {
    expect(errorOf(`{\n  "ignores": ["archive/**", "${'{a,b}'.repeat(7)}"]\n}`)).toBe(
      `fwlint.config.json:2:29: "ignores.1": glob "${'{a,b}'.repeat(7)}" expands to more than 64 alternatives ({…} braces)`,
    );
    expect(errorOf(`{ "files": ["${'*a'.repeat(300)}"] }`)).toMatch(/^fwlint\.config\.json:1:13: "files\.0": glob "\*a\*a.*…" is longer than 512 characters$/);
    expect(errorOf('{ "overrides": [{ "files": ["lab/**"] }, { "files": ["x", "@(a|b).cfg"], "rules": {} }] }')).toMatch(
      /^fwlint\.config\.json:1:\d+: "overrides\.1\.files\.1": glob "@\(a\|b\)\.cfg" uses extglob syntax/,
    );
    // The ReDoS shape of issue #20 is a valid glob: it is matched in linear time, not refused.
    expect(parse('{ "ignores": ["**/*a*a*a*a*a*a*a*a*a*a*a*a*b"] }').ignores).toHaveLength(1);
  });
});
