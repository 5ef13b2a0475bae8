import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { LineIndex } from '../text/range.js';
import { buildConfigSchema, DEFAULT_FILE_GLOBS } from './config-schema.js';
import { ConfigError, type FwlintConfig, type IgnoreFindingEntry, type RuleEntry, type SeveritySetting } from './config-types.js';
import { checkGlobs, type GlobError } from './glob.js';
import type { PresetName, RuleRegistry } from './registry.js';
import { describeAccessError, readRegularFile } from './safe-fs.js';
import { didYouMean } from './suggest.js';

export const CONFIG_FILE_NAME = 'fwlint.config.json';

/** Keys that would reach an object's prototype if merged naively; refused anywhere in the file. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const validators = new WeakMap<RuleRegistry, ValidateFunction>();

function configValidator(registry: RuleRegistry): ValidateFunction {
  let validate = validators.get(registry);
  if (!validate) {
    // Loaded here, not at start: a run without a config file never needs Ajv (about 70 ms to load).
    const { Ajv2020 } = createRequire(import.meta.url)('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
    const ajv = new Ajv2020({ allErrors: true, strict: true, verbose: true });
    validate = ajv.compile(buildConfigSchema([...registry.metas.values()]));
    validators.set(registry, validate);
  }
  return validate;
}

export function defaultConfig(baseDir: string): FwlintConfig {
  return {
    baseDir,
    extends: 'recommended',
    rules: new Map(),
    overrides: [],
    files: [...DEFAULT_FILE_GLOBS],
    ignores: [],
    ignoreFindings: [],
    topology: { tunnels: [], natAddresses: [] },
  };
}

/** The nearest `fwlint.config.json` in `startDir` or one of its parents. */
export function findConfigFile(startDir: string): string | undefined {
  let dir = path.resolve(startDir);
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE_NAME);
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** A config file is a few kilobytes; the limit only keeps a link to a device or procfs from being read without end. */
export const MAX_CONFIG_FILE_SIZE = 16 * 1024 * 1024;

export function loadConfigFile(file: string, registry: RuleRegistry, cwd = process.cwd()): FwlintConfig {
  let text: string;
  try {
    text = readRegularFile(file, { limit: MAX_CONFIG_FILE_SIZE }).toString('utf8');
  } catch (error) {
    throw new ConfigError(`cannot read config file ${displayPath(file, cwd)}: ${describeAccessError(error)}`);
  }
  return parseConfigText(text, path.resolve(cwd, file), registry, cwd);
}

/** Parses and validates JSONC config text; every problem becomes a ConfigError at `file:line:col`. */
export function parseConfigText(source: string, file: string, registry: RuleRegistry, cwd = process.cwd()): FwlintConfig {
  // Notepad and PowerShell's `Out-File -Encoding utf8` start the file with a byte-order mark; JSON parsers take it for a stray character.
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  const shownPath = displayPath(file, cwd);
  const lines = new LineIndex(text);
  const at = (offset: number): string => {
    const position = lines.positionAt(offset);
    return `${shownPath}:${position.line}:${position.column}`;
  };

  const tooDeep = excessiveNesting(text, MAX_CONFIG_NESTING);
  if (tooDeep !== undefined) throw new ConfigError(`${at(tooDeep)}: config file nested more than ${MAX_CONFIG_NESTING} levels deep`);

  const syntaxErrors: ParseError[] = [];
  const root = parseTree(text, syntaxErrors, { allowTrailingComma: true, disallowComments: false });
  if (syntaxErrors.length > 0 || !root) {
    const first = syntaxErrors[0];
    const where = first ? at(first.offset) : `${shownPath}:1:1`;
    const what = first ? printParseErrorCode(first.error) : 'empty file';
    throw new ConfigError(`${where}: invalid JSON in config file (${what})`);
  }

  const forbidden = findForbiddenKey(root);
  if (forbidden) throw new ConfigError(`${at(forbidden.offset)}: key "${forbidden.value}" is not allowed`);

  const data = toPlainValue(root);
  const validate = configValidator(registry);
  if (!validate(data)) {
    const errors = validate.errors ?? [];
    const chosen = chooseError(errors);
    const located = locateError(root, chosen);
    const message = describeError(chosen, registry);
    const unrelated = new Set(
      errors
        .map((e) => e.instancePath)
        .filter((p) => !(p.startsWith(chosen.instancePath) || chosen.instancePath.startsWith(p))),
    );
    const more = unrelated.size > 0 ? ` (and ${unrelated.size} more)` : '';
    throw new ConfigError(`${at(located.offset)}: ${message}${more}`);
  }
  const refused = refusedGlob(data as RawConfig);
  if (refused) {
    const node = nodeAtSegments(root, refused.segments) ?? root;
    throw new ConfigError(`${at(node.offset)}: "${refused.segments.join('.')}": ${refused.error.message}`);
  }
  return { ...toConfig(data as RawConfig, path.dirname(file)), path: file };
}

/** The first glob of `files`, `ignores` or an override that fwlint refuses (too long, too many brace alternatives, extglob). */
function refusedGlob(raw: RawConfig): { segments: string[]; error: GlobError } | undefined {
  const lists: [string[], readonly string[] | undefined][] = [
    [['files'], raw.files],
    [['ignores'], raw.ignores],
    ...(raw.overrides ?? []).map((o, i): [string[], readonly string[]] => [['overrides', String(i), 'files'], o.files]),
    ...(raw.ignoreFindings ?? []).map((o, i): [string[], readonly string[]] => [['ignoreFindings', String(i), 'files'], o.files]),
  ];
  for (const [segments, globs] of lists) {
    const found = globs && checkGlobs(globs);
    if (found) return { segments: [...segments, String(found.index)], error: found.error };
  }
  return undefined;
}

/** The parser and the walks below recurse per level; a real config file is a handful of levels deep. */
const MAX_CONFIG_NESTING = 64;

/** Offset of the first `[` or `{` deeper than `max` (strings and comments skipped), without recursion. */
function excessiveNesting(text: string, max: number): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else if (c === '[' || c === '{') {
      if (++depth > max) return i;
    } else if (c === ']' || c === '}') {
      depth--;
    }
  }
  return undefined;
}

interface RawConfig {
  extends?: string;
  rules?: Record<string, RawRuleEntry>;
  overrides?: { files: string[]; rules?: Record<string, RawRuleEntry> }[];
  files?: string[];
  ignores?: string[];
  ignoreFindings?: IgnoreFindingEntry[];
  topology?: { tunnels?: { ends: [string, string]; nat?: boolean }[]; natAddresses?: { public: string; private: string }[] };
}

type RawRuleEntry = SeveritySetting | [SeveritySetting] | [SeveritySetting, Record<string, unknown>];

function toConfig(raw: RawConfig, baseDir: string): FwlintConfig {
  const config = defaultConfig(baseDir);
  config.extends = (raw.extends?.replace('fwlint:', '') as PresetName | undefined) ?? 'recommended';
  config.rules = toRuleEntries(raw.rules);
  config.overrides = (raw.overrides ?? []).map((o) => ({ files: [...o.files], rules: toRuleEntries(o.rules) }));
  if (raw.files) config.files = [...raw.files];
  config.ignores = [...(raw.ignores ?? [])];
  config.ignoreFindings = (raw.ignoreFindings ?? []).map((entry) => ({ ...entry, files: [...entry.files] }));
  config.topology = {
    tunnels: (raw.topology?.tunnels ?? []).map((t) => ({ ends: [t.ends[0], t.ends[1]], ...(t.nat === undefined ? {} : { nat: t.nat }) })),
    natAddresses: (raw.topology?.natAddresses ?? []).map((n) => ({ public: n.public, private: n.private })),
  };
  return config;
}

export function toRuleEntries(raw: Record<string, RawRuleEntry> | undefined): Map<string, RuleEntry> {
  const entries = new Map<string, RuleEntry>();
  if (!raw) return entries;
  for (const id of Object.keys(raw)) {
    const value = raw[id];
    if (typeof value === 'string') entries.set(id, { severity: value });
    else if (value.length === 2) entries.set(id, { severity: value[0], options: value[1] });
    else entries.set(id, { severity: value[0] });
  }
  return entries;
}

/** JSON value from the tree with null-prototype objects, so no key can reach Object.prototype. */
function toPlainValue(node: Node): unknown {
  switch (node.type) {
    case 'object': {
      const object: Record<string, unknown> = Object.create(null);
      for (const property of node.children ?? []) {
        const [key, value] = property.children ?? [];
        if (key && value) object[String(key.value)] = toPlainValue(value);
      }
      return object;
    }
    case 'array':
      return (node.children ?? []).map(toPlainValue);
    default:
      return node.value;
  }
}

function findForbiddenKey(node: Node): Node | undefined {
  for (const child of node.children ?? []) {
    if (node.type === 'object') {
      const key = child.children?.[0];
      if (key && FORBIDDEN_KEYS.has(String(key.value))) return key;
    }
    const found = findForbiddenKey(child);
    if (found) return found;
  }
  return undefined;
}

function pathSegments(instancePath: string): string[] {
  if (instancePath === '') return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The deepest concrete error: `anyOf` summaries and shallower alternatives say less. */
function chooseError(errors: readonly ErrorObject[]): ErrorObject {
  const concrete = errors.filter((e) => e.keyword !== 'anyOf' && e.keyword !== 'oneOf');
  const pool = concrete.length > 0 ? concrete : [...errors];
  let best = pool[0];
  for (const error of pool) {
    const depth = pathSegments(error.instancePath).length + (error.keyword === 'additionalProperties' ? 1 : 0);
    const bestDepth = pathSegments(best.instancePath).length + (best.keyword === 'additionalProperties' ? 1 : 0);
    if (depth > bestDepth) best = error;
  }
  return best;
}

function nodeAtSegments(root: Node, segments: readonly string[]): Node | undefined {
  let node: Node | undefined = root;
  for (const segment of segments) {
    if (!node) return undefined;
    node = findNodeAtLocation(node, [node.type === 'array' ? Number(segment) : segment]);
  }
  return node;
}

function locateError(root: Node, error: ErrorObject): { offset: number } {
  const segments = pathSegments(error.instancePath);
  const node = nodeAtSegments(root, segments) ?? root;
  if (error.keyword === 'additionalProperties') {
    const property = String((error.params as { additionalProperty: string }).additionalProperty);
    const value = nodeAtSegments(root, [...segments, property]);
    const key = value?.parent?.children?.[0];
    if (key) return { offset: key.offset };
  }
  return { offset: node.offset };
}

function isRulesObject(segments: readonly string[]): boolean {
  const last = segments[segments.length - 1];
  return last === 'rules' && (segments.length === 1 || segments[0] === 'overrides');
}

function describeError(error: ErrorObject, registry: RuleRegistry): string {
  const segments = pathSegments(error.instancePath);
  const where = segments.length > 0 ? `"${segments.join('.')}"` : 'config';
  switch (error.keyword) {
    case 'additionalProperties': {
      const property = String((error.params as { additionalProperty: string }).additionalProperty);
      if (isRulesObject(segments)) return `unknown rule "${property}"${didYouMean(property, registry.configurableIds)}`;
      const known = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      return `unknown key "${property}" in ${where}${didYouMean(property, known)}`;
    }
    case 'enum': {
      const allowed = ((error.params as { allowedValues: unknown[] }).allowedValues ?? []).map((v) => JSON.stringify(v));
      return `${where} must be one of ${allowed.join(', ')}`;
    }
    case 'type':
      if (segments.length >= 2 && isRulesObject(segments.slice(0, -1))) {
        return `${where} must be "off", "warn", "error" or ["warn", {options}]`;
      }
      return `${where} ${error.message ?? 'has the wrong type'}`;
    default:
      return `${where} ${error.message ?? 'is invalid'}`;
  }
}

function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return (relative === '' || relative.startsWith('..') ? file : relative).split(path.sep).join('/');
}
