import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Note } from '../../rules/types.js';
import { contentHash, sha256 } from './cache.js';
import type { FwlintConfig } from './config-types.js';
import type { Finding } from './findings.js';
import type { LintOutcome } from './lint.js';
import type { SourceInput } from './parse-files.js';
import type { DeletedDevice } from './targets.js';

/** Everything a run's findings depend on; equal fingerprints give equal findings. */
export interface RunInputs {
  version: string;
  config: FwlintConfig;
  /** `--rule` flags as given. */
  ruleFlags: readonly string[];
  strictReports: boolean;
  /** Repository mode: the targets and deleted devices (undefined when every file is reported). */
  targets?: readonly string[];
  deleted?: readonly DeletedDevice[];
  inputs: readonly SourceInput[];
}

/**
 * The outcome of the last run kept with the parse cache: a run over the same files, contents,
 * configuration and flags gives it back without parsing or modelling anything (the `fwlint-repo`
 * pre-commit hook after a commit that touched no configuration, a CI job re-run).
 */
export interface StoredRun {
  key: string;
  findings: Finding[];
  notes: Note[];
  warnings: string[];
  /** Files the run reported on (targets and their peers in repository mode). */
  reported: string[];
}

function stable(_key: string, value: unknown): unknown {
  if (value instanceof Map) return [...value.entries()];
  if (value instanceof Set) return [...value.values()];
  return value;
}

/** When fwlint was built: a rebuilt checkout (rules changed, same version number) does not reuse older runs. */
function buildStamp(): number {
  try {
    return statSync(fileURLToPath(import.meta.url)).mtimeMs;
  } catch {
    return 0;
  }
}

const BUILD_STAMP = buildStamp();

export function runFingerprint(run: RunInputs): string {
  const files = run.inputs.map((input) => [input.file, input.absolutePath ?? '', contentHash(input.content)]);
  const targets = run.targets ? [...run.targets].sort() : null;
  return sha256(JSON.stringify([run.version, BUILD_STAMP, run.config, run.ruleFlags, run.strictReports, targets, run.deleted ?? null, files], stable));
}

/** The stored run for this key; undefined when there is none, it is another run's, or any part of it is malformed. */
export function storedRunFor(stored: unknown, key: string): StoredRun | undefined {
  const run = stored as Partial<StoredRun> | null;
  if (typeof run !== 'object' || run === null || run.key !== key) return undefined;
  const valid =
    isListOf(run.findings, isFinding) &&
    isListOf(run.notes, (note) => isRecord(note) && typeof note.file === 'string' && typeof note.message === 'string') &&
    isListOf(run.warnings, (warning) => typeof warning === 'string') &&
    isListOf(run.reported, (file) => typeof file === 'string');
  return valid ? (run as StoredRun) : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isListOf(value: unknown, item: (value: unknown) => boolean): boolean {
  return Array.isArray(value) && value.every(item);
}

function isRange(value: unknown): boolean {
  return (
    isRecord(value) &&
    Number.isInteger(value.line) && Number.isInteger(value.column) && Number.isInteger(value.offset) &&
    Number.isInteger(value.endLine) && Number.isInteger(value.endColumn) && Number.isInteger(value.endOffset)
  );
}

function isFinding(value: unknown): boolean {
  if (!isRecord(value)) return false;
  const strings = [value.ruleId, value.message, value.file, value.objectPath].every((field) => typeof field === 'string');
  const related = isListOf(value.related, (r) => isRecord(r) && typeof r.file === 'string' && typeof r.message === 'string' && isRange(r.range));
  const changes = (value.fix === undefined || isFix(value.fix)) && (value.suggestions === undefined || isListOf(value.suggestions, (s) => isRecord(s) && typeof s.desc === 'string' && isFix(s.fix)));
  return strings && (value.severity === 'error' || value.severity === 'warning') && isRange(value.range) && related && (value.fatal === undefined || typeof value.fatal === 'boolean') && changes;
}

/** A stored fix is used as it is (fix --commands prints it): its shape is checked like the rest. */
function isFix(value: unknown): boolean {
  if (!isRecord(value) || !Array.isArray(value.range) || value.range.length !== 2) return false;
  const [start, end] = value.range as unknown[];
  return (
    Number.isInteger(start) &&
    Number.isInteger(end) &&
    (start as number) >= 0 &&
    (start as number) <= (end as number) &&
    typeof value.text === 'string' &&
    typeof value.file === 'string' &&
    (value.applicability === 'safe' || value.applicability === 'unsafe') &&
    isListOf(value.commands, (c) => typeof c === 'string')
  );
}

/** What to keep of a finished run: nothing when a rule failed (the run was incomplete). */
export function runToStore(key: string, outcome: LintOutcome, warnings: readonly string[], reported: readonly string[]): StoredRun | undefined {
  if (outcome.internalErrors.length > 0) return undefined;
  return { key, findings: outcome.findings, notes: outcome.notes, warnings: [...warnings], reported: [...reported] };
}
