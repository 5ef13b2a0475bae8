import { createRequire } from 'node:module';
import path from 'node:path';
import type { Ajv2020, ValidateFunction } from 'ajv/dist/2020.js';
import type { RuleMeta, Severity } from '../../rules/types.js';
import type { FwlintConfig, RuleEntry } from './config-types.js';
import { configGlobs } from './glob.js';
import { isInPreset, type RuleRegistry } from './registry.js';

export interface EnabledRule {
  severity: Severity;
  /** Options with the rule's schema defaults applied. */
  options: Record<string, unknown>;
}

/** Settings of every rule for one file; a missing id means the rule is off. */
export type RuleSettings = ReadonlyMap<string, EnabledRule>;

interface Layer {
  matches: ((relativePath: string) => boolean) | undefined;
  rules: ReadonlyMap<string, RuleEntry>;
}

/**
 * Resolves severity and options per file: preset, then `rules`, then matching `overrides` in
 * order, then `--rule` from the command line. A severity-only entry keeps earlier options.
 */
export class SettingsResolver {
  private readonly layers: Layer[];
  private readonly cache = new Map<string, RuleSettings>();
  /** Rules ask once per device and rule: a 1,000-device run would otherwise resolve paths 30,000 times. */
  private readonly byFile = new Map<string, RuleSettings>();
  private defaultsAjv: Ajv2020 | undefined;
  private readonly defaultsValidators = new Map<string, ValidateFunction>();

  constructor(
    private readonly registry: RuleRegistry,
    private readonly config: FwlintConfig,
    commandLineRules: ReadonlyMap<string, RuleEntry> = new Map(),
    private readonly cwd = process.cwd(),
  ) {
    this.layers = [
      { matches: undefined, rules: config.rules },
      ...config.overrides.map((o, i) => ({ matches: configGlobs(o.files, `overrides.${i}.files`), rules: o.rules })),
      { matches: undefined, rules: commandLineRules },
    ];
  }

  /** Settings for a file given as shown in reports (relative to the working directory). */
  forFile(file: string): RuleSettings {
    let settings = this.byFile.get(file);
    if (!settings) {
      settings = this.resolveForFile(file);
      this.byFile.set(file, settings);
    }
    return settings;
  }

  private resolveForFile(file: string): RuleSettings {
    const relative = path.relative(this.config.baseDir, path.resolve(this.cwd, file)).split(path.sep).join('/');
    const applicable = this.layers.filter((layer) => !layer.matches || layer.matches(relative));
    const key = applicable.map((layer) => this.layers.indexOf(layer)).join(',');
    let settings = this.cache.get(key);
    if (!settings) {
      settings = this.resolve(applicable);
      this.cache.set(key, settings);
    }
    return settings;
  }

  /** Settings without any override: what tunnel and network rules run with. */
  get base(): RuleSettings {
    return this.resolveCached('base', [this.layers[0], this.layers[this.layers.length - 1]]);
  }

  /** True when some file could have the rule enabled (base settings or any override). */
  isEnabledAnywhere(id: string): boolean {
    if (this.base.has(id)) return true;
    return this.config.overrides.some((o) => o.rules.get(id)?.severity !== undefined && o.rules.get(id)?.severity !== 'off');
  }

  private resolveCached(key: string, layers: Layer[]): RuleSettings {
    let settings = this.cache.get(key);
    if (!settings) {
      settings = this.resolve(layers);
      this.cache.set(key, settings);
    }
    return settings;
  }

  private resolve(layers: readonly Layer[]): RuleSettings {
    const preset = this.config.extends;
    const settings = new Map<string, EnabledRule>();
    for (const meta of this.registry.metas.values()) {
      let severity: Severity | 'off' = isInPreset(meta, preset) ? meta.defaultSeverity : 'off';
      let options: Record<string, unknown> | undefined;
      for (const layer of layers) {
        const entry = layer.rules.get(meta.id);
        if (!entry) continue;
        severity = entry.severity === 'off' ? 'off' : entry.severity === 'warn' ? 'warning' : 'error';
        if (entry.options) options = entry.options;
      }
      if (severity !== 'off') settings.set(meta.id, { severity, options: this.withDefaults(meta, options) });
    }
    return settings;
  }

  private withDefaults(meta: RuleMeta, options: Record<string, unknown> | undefined): Record<string, unknown> {
    const copy: Record<string, unknown> = options ? structuredClone(options) : {};
    // Compiling a schema costs Ajv its meta-schema first (half a second): only schemas with defaults need it here.
    if (!meta.optionsSchema || !JSON.stringify(meta.optionsSchema).includes('"default"')) return copy;
    const simple = topLevelDefaults(meta.optionsSchema);
    if (simple) {
      if (isPlainObject(copy)) for (const [key, value] of simple) if (copy[key] === undefined) copy[key] = structuredClone(value);
      return copy;
    }
    let validate = this.defaultsValidators.get(meta.id);
    if (!validate) {
      this.defaultsAjv ??= new (loadAjv())({ strict: false, useDefaults: true, validateSchema: false });
      validate = this.defaultsAjv.compile(meta.optionsSchema);
      this.defaultsValidators.set(meta.id, validate);
    }
    validate(copy);
    return copy;
  }
}

/** Ajv costs a run about 70 ms to load: only loaded when a schema needs it. */
function loadAjv(): typeof Ajv2020 {
  const require = createRequire(import.meta.url);
  return (require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js')).Ajv2020;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The `default` of each top-level property when the schema has no other default, applied as
 * Ajv's `useDefaults` does (to a missing or undefined property of an object, before any keyword is
 * checked); undefined for schemas with nested defaults, which go to Ajv.
 */
export function topLevelDefaults(schema: object): [string, unknown][] | undefined {
  const properties: unknown = (schema as { properties?: unknown }).properties;
  if (!isPlainObject(properties)) return undefined;
  const defaults: [string, unknown][] = [];
  const stripped: Record<string, unknown> = {};
  for (const [key, property] of Object.entries(properties)) {
    if (isPlainObject(property) && 'default' in property) {
      const { default: value, ...rest } = property;
      defaults.push([key, value]);
      stripped[key] = rest;
    } else {
      stripped[key] = property;
    }
  }
  return JSON.stringify({ ...schema, properties: stripped }).includes('"default"') ? undefined : defaults;
}
