import path from 'node:path';
import { writeFileAtomic } from './atomic-write.js';
import { ConfigError } from './config-types.js';
import { compareStrings, type Finding } from './findings.js';
import { describeAccessError, readRegularFile } from './safe-fs.js';

export const DEFAULT_BASELINE_FILE = 'fwlint-baseline.json';

/** Accepted findings, keyed by what they are about rather than where: line numbers drift. */
export interface BaselineEntry {
  rule: string;
  /** Relative to the baseline file's directory, forward slashes. */
  file: string;
  objectPath: string;
  count: number;
}

export interface Baseline {
  version: 1;
  entries: BaselineEntry[];
}

export interface BaselineOutcome {
  kept: Finding[];
  suppressed: Finding[];
  /** Entries that accept more findings than exist now: fixed problems whose entry should go. */
  stale: { entry: BaselineEntry; unmatched: number }[];
}

function toBaselinePath(file: string, baselineDir: string, cwd: string): string {
  return path.relative(baselineDir, path.resolve(cwd, file)).split(path.sep).join('/');
}

function key(rule: string, file: string, objectPath: string): string {
  return `${rule}\0${file}\0${objectPath}`;
}

export function createBaseline(findings: readonly Finding[], baselineFile: string, cwd = process.cwd()): Baseline {
  const baselineDir = path.dirname(path.resolve(cwd, baselineFile));
  const counts = new Map<string, BaselineEntry>();
  for (const finding of findings) {
    const file = toBaselinePath(finding.file, baselineDir, cwd);
    const k = key(finding.ruleId, file, finding.objectPath);
    const entry = counts.get(k);
    if (entry) entry.count++;
    else counts.set(k, { rule: finding.ruleId, file, objectPath: finding.objectPath, count: 1 });
  }
  const entries = [...counts.values()].sort(
    (a, b) => compareStrings(a.file, b.file) || compareStrings(a.rule, b.rule) || compareStrings(a.objectPath, b.objectPath),
  );
  return { version: 1, entries };
}

/** Writes the baseline as a regular file (never through a link, never over a device: see `safeWriteFile`). */
export function writeBaseline(findings: readonly Finding[], baselineFile: string, cwd = process.cwd()): Baseline {
  const baseline = createBaseline(findings, baselineFile, cwd);
  writeFileAtomic(path.resolve(cwd, baselineFile), `${JSON.stringify(baseline, null, 2)}\n`, cwd);
  return baseline;
}

/**
 * `--write-baseline`: the baseline written, or why it could not be (one line). The caller reports
 * the findings either way, then the error: an unwritable location must not cost the report.
 */
export function tryWriteBaseline(findings: readonly Finding[], baselineFile: string, cwd = process.cwd()): { baseline: Baseline; error?: undefined } | { baseline?: undefined; error: string } {
  try {
    return { baseline: writeBaseline(findings, baselineFile, cwd) };
  } catch (error) {
    return { error: `cannot write baseline ${baselineFile} (${describeAccessError(error)})` };
  }
}

/** A baseline of 64 MB accepts some 400,000 findings; the limit keeps a link to a device from being read without end. */
export const MAX_BASELINE_SIZE = 64 * 1024 * 1024;

export function readBaseline(baselineFile: string, cwd = process.cwd()): Baseline {
  let text: string;
  try {
    text = readRegularFile(path.resolve(cwd, baselineFile), { limit: MAX_BASELINE_SIZE }).toString('utf8');
  } catch (error) {
    throw new ConfigError(`cannot read baseline ${baselineFile}: ${describeAccessError(error)}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new ConfigError(`baseline ${baselineFile} is not valid JSON`);
  }
  if (!isBaseline(data)) throw new ConfigError(`baseline ${baselineFile} is not an fwlint baseline (version 1 with "entries")`);
  return data;
}

function isBaseline(data: unknown): data is Baseline {
  if (typeof data !== 'object' || data === null) return false;
  const candidate = data as { version?: unknown; entries?: unknown };
  return (
    candidate.version === 1 &&
    Array.isArray(candidate.entries) &&
    candidate.entries.every(
      (e: unknown) =>
        typeof e === 'object' &&
        e !== null &&
        typeof (e as BaselineEntry).rule === 'string' &&
        typeof (e as BaselineEntry).file === 'string' &&
        typeof (e as BaselineEntry).objectPath === 'string' &&
        Number.isInteger((e as BaselineEntry).count) &&
        (e as BaselineEntry).count > 0,
    )
  );
}

/** Suppresses up to `count` findings per entry; the rest are kept, unused counts are stale. */
export function applyBaseline(
  findings: readonly Finding[],
  baseline: Baseline,
  baselineFile: string,
  cwd = process.cwd(),
  /** Files of this run (as shown in reports); entries for other files are never stale. */
  lintedFiles?: Iterable<string>,
): BaselineOutcome {
  const baselineDir = path.dirname(path.resolve(cwd, baselineFile));
  const linted = lintedFiles ? new Set([...lintedFiles].map((f) => toBaselinePath(f, baselineDir, cwd))) : undefined;
  const remaining = new Map<string, { entry: BaselineEntry; left: number }>();
  for (const entry of baseline.entries) {
    const k = key(entry.rule, entry.file, entry.objectPath);
    const existing = remaining.get(k);
    if (existing) existing.left += entry.count;
    else remaining.set(k, { entry, left: entry.count });
  }
  const kept: Finding[] = [];
  const suppressed: Finding[] = [];
  for (const finding of findings) {
    const slot = remaining.get(key(finding.ruleId, toBaselinePath(finding.file, baselineDir, cwd), finding.objectPath));
    if (slot && slot.left > 0) {
      slot.left--;
      suppressed.push(finding);
    } else {
      kept.push(finding);
    }
  }
  const stale = [...remaining.values()]
    .filter((s) => s.left > 0 && (!linted || linted.has(s.entry.file))).map((s) => ({ entry: s.entry, unmatched: s.left }));
  return { kept, suppressed, stale };
}
