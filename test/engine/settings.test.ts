import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/engine/config.js';
import { RuleRegistry } from '../../src/engine/registry.js';
import { SettingsResolver } from '../../src/engine/settings.js';
import { meta, needleRule } from './fixtures.js';

const registry = new RuleRegistry([
  needleRule('always-on', 'x'),
  needleRule('strict-only', 'y', { presets: ['strict'], defaultSeverity: 'warning' }),
  {
    meta: {
      ...meta('with-options'),
      scope: 'device',
      optionsSchema: { type: 'object', properties: { limit: { type: 'integer', default: 3 }, mode: { type: 'string', default: 'a' } } },
    },
    check: () => {},
  },
]);

describe('severity resolution', () => {
  it('enables the recommended preset by default, with default severities and option defaults', () => {
    const settings = new SettingsResolver(registry, defaultConfig('/repo'), new Map(), '/repo').forFile('a.cfg');
    expect(settings.get('always-on')).toEqual({ severity: 'error', options: {} });
    expect(settings.has('strict-only')).toBe(false);
    expect(settings.get('with-options')?.options).toEqual({ limit: 3, mode: 'a' });
    expect(settings.get('parse-error')?.severity).toBe('error');
  });

  it('adds strict rules with extends strict', () => {
    const config = { ...defaultConfig('/repo'), extends: 'strict' as const };
    expect(new SettingsResolver(registry, config, new Map(), '/repo').forFile('a.cfg').get('strict-only')?.severity).toBe('warning');
  });

  it('layers rules, overrides matching the file, then the command line; severity-only keeps options', () => {
    const config = defaultConfig('/repo');
    config.rules = new Map([
      ['always-on', { severity: 'warn' }],
      ['with-options', { severity: 'warn', options: { limit: 7 } }],
    ]);
    config.overrides = [{ files: ['lab/**/*.cfg'], rules: new Map([['always-on', { severity: 'off' }], ['with-options', { severity: 'error' }]]) }];
    const resolver = new SettingsResolver(registry, config, new Map([['strict-only', { severity: 'error' }]]), '/repo/sub');
    const plain = resolver.forFile('../hq.cfg');
    expect(plain.get('always-on')?.severity).toBe('warning');
    expect(plain.get('strict-only')?.severity).toBe('error');
    const lab = resolver.forFile('../lab/x/r1.cfg');
    expect(lab.has('always-on')).toBe(false);
    expect(lab.get('with-options')).toEqual({ severity: 'error', options: { limit: 7, mode: 'a' } });
    expect(resolver.isEnabledAnywhere('always-on')).toBe(true);
  });

  it('never lets defaults mutate the configured options', () => {
    const options = { limit: 1 };
    const config = defaultConfig('/repo');
    config.rules = new Map([['with-options', { severity: 'warn', options }]]);
    new SettingsResolver(registry, config, new Map(), '/repo').forFile('a.cfg');
    expect(options).toEqual({ limit: 1 });
  });
});
