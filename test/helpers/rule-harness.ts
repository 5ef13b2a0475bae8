import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { rules } from '../../rules/index.js';
import type { Rule } from '../../rules/types.js';
import { parseConfig } from '../../src/ast/parse.js';
import { defaultConfig } from '../../src/engine/config.js';
import type { Finding } from '../../src/engine/findings.js';
import { lintParsedFiles, type LintOutcome } from '../../src/engine/lint.js';
import { RuleRegistry } from '../../src/engine/registry.js';
import { SettingsResolver } from '../../src/engine/settings.js';
import type { TopologyDeclaration } from '../../src/network/types.js';
import { corpusNames, readCorpus } from './corpus.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export { corpusDir } from './corpus.js';
export const examplesDir = path.join(repoRoot, 'configs-examples');

export interface Input {
  file: string;
  text: string;
}

export interface HarnessOptions {
  /** Rule options, keyed by rule id. */
  options?: Record<string, Record<string, unknown>>;
  topology?: TopologyDeclaration;
  /** Extra rules not in the registry (engine tests). */
  extraRules?: Rule[];
}

/** A finding flattened for assertions. */
export interface FlatFinding {
  ruleId: string;
  severity: 'error' | 'warning';
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  objectPath: string;
  related: { file: string; line: number; column: number; message: string }[];
}

/**
 * Lints inputs as one network through the real parser, model, network and engine, with only the
 * named rules enabled (at their default severity). Invalid report ranges throw.
 */
export function lintInputs(inputs: readonly Input[], ruleIds: readonly string[], options: HarnessOptions = {}): LintOutcome {
  const registry = new RuleRegistry([...rules, ...(options.extraRules ?? [])]);
  for (const id of ruleIds) if (!registry.byId.has(id)) throw new Error(`unknown rule ${id}`);
  const config = defaultConfig(repoRoot);
  for (const meta of registry.metas.values()) {
    const wanted = ruleIds.includes(meta.id);
    const severity = meta.defaultSeverity === 'error' ? 'error' : 'warn';
    config.rules.set(meta.id, wanted ? { severity, options: options.options?.[meta.id] } : { severity: 'off' });
  }
  const settings = new SettingsResolver(registry, config, new Map(), repoRoot);
  const parsed = inputs.map(({ file, text }) => ({ file, ...parseConfig(text, file) }));
  return lintParsedFiles(parsed, { registry, settings, topology: options.topology, strictReports: true });
}

export function lint(inputs: readonly Input[], ruleIds: readonly string[], options?: HarnessOptions): FlatFinding[] {
  return lintInputs(inputs, ruleIds, options).findings.map(flatten);
}

/** Every `*.cfg` under `dir` (recursively), named relative to the repository root. */
export function readConfigDir(dir: string): Input[] {
  const absolute = path.resolve(repoRoot, dir);
  const out: Input[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const full = path.join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.(cfg|conf|txt)$/.test(name)) {
        out.push({ file: path.relative(repoRoot, full).split(path.sep).join('/'), text: readFileSync(full, 'utf8') });
      }
    }
  };
  walk(absolute);
  return out;
}

export function lintDir(dir: string, ruleIds: readonly string[], options?: HarnessOptions): FlatFinding[] {
  return lint(readConfigDir(dir), ruleIds, options);
}

/** Corpus files by name (read from ../shared/corpus, never copied into the repository). */
export function corpus(...names: string[]): Input[] {
  return names.map((name) => ({ file: `corpus/${name}`, text: readCorpus(name) }));
}

/** The corpus documentation sets the rules are checked against; each set is linted as one network. */
const DOCUMENTATION_SETS = {
  'hwdoc-ar-evpn': ['hwdoc-ar-evpn-routera.cfg', 'hwdoc-ar-evpn-routerb.cfg'],
  'hwdoc-ar-natt': ['hwdoc-ar-natt-routera.cfg', 'hwdoc-ar-natt-routerb.cfg'],
  'hwdoc-ar-redundant': ['hwdoc-ar-redundant-routera.cfg', 'hwdoc-ar-redundant-routerb.cfg', 'hwdoc-ar-redundant-routerc.cfg'],
  'ghidx-ar-border': ['ghidx9309639414-ar-border01-hq01.cfg', 'ghidx9454352902-ar-border01-br01.cfg'],
} as const satisfies Record<string, readonly string[]>;

export type DocumentationSetName = keyof typeof DOCUMENTATION_SETS;
export const DOCUMENTATION_SET_NAMES = Object.keys(DOCUMENTATION_SETS) as DocumentationSetName[];

/** The corpus inputs of the named documentation sets (all of them when none is named), one array per set. */
export function documentationSets(...names: DocumentationSetName[]): Input[][] {
  const wanted = names.length > 0 ? names : (Object.keys(DOCUMENTATION_SETS) as DocumentationSetName[]);
  return wanted.map((name) => corpus(...DOCUMENTATION_SETS[name]));
}

/** Asserts that the rule reports nothing on each documentation set. */
export function expectSilentOnDocs(ruleId: string): void {
  for (const inputs of documentationSets()) expect(lint(inputs, [ruleId])).toEqual([]);
}

/** Asserts that the rule reports nothing on its `configs-examples/<id>/fixed` example and on each documentation set. */
export function expectSilentOnFixedAndDocs(ruleId: string): void {
  expect(lintDir(`configs-examples/${ruleId}/fixed`, [ruleId])).toEqual([]);
  expectSilentOnDocs(ruleId);
}

export function allCorpusFiles(): string[] {
  return corpusNames();
}

/** The `configs-examples/<id>/fixed` pair with site A's text changed (asserts that the change applied). */
export function fixedWithSiteA(ruleId: string, change: (text: string) => string): Input[] {
  const [siteA, siteB] = readConfigDir(`configs-examples/${ruleId}/fixed`);
  const text = change(siteA.text);
  expect(text).not.toBe(siteA.text);
  return [{ ...siteA, text }, siteB];
}

/** 1-based line of the first line of `text` containing `needle` (for readable assertions). */
export function lineOf(text: string, needle: string, occurrence = 1): number {
  const lines = text.split('\n');
  let seen = 0;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].includes(needle) && ++seen === occurrence) return i + 1;
  }
  throw new Error(`"${needle}" not found`);
}

function flatten(f: Finding): FlatFinding {
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    file: f.file,
    line: f.range.line,
    column: f.range.column,
    endLine: f.range.endLine,
    endColumn: f.range.endColumn,
    message: f.message,
    objectPath: f.objectPath,
    related: f.related.map((r) => ({ file: r.file, line: r.range.line, column: r.range.column, message: r.message })),
  };
}
