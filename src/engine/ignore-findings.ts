import path from 'node:path';
import type { FwlintConfig, IgnoreFindingEntry } from './config-types.js';
import type { Finding } from './findings.js';
import { configGlobs } from './glob.js';

export interface IgnoreFindingsOutcome {
  kept: Finding[];
  suppressed: Finding[];
  /** Entries that matched no finding although the run linted files they name: fixed, or mistyped. */
  stale: { entry: IgnoreFindingEntry; index: number }[];
}

/**
 * Applies the config's `ignoreFindings`: a finding is dropped when an entry names its rule, one of
 * its globs matches the finding's file (relative to the config file's directory) and, when given,
 * its object path is the finding's. Runs before the baseline, so a baseline never records them.
 */
export function applyIgnoreFindings(findings: readonly Finding[], config: FwlintConfig, cwd: string, lintedFiles: Iterable<string>): IgnoreFindingsOutcome {
  if (config.ignoreFindings.length === 0) return { kept: [...findings], suppressed: [], stale: [] };
  const relative = (file: string): string => path.relative(config.baseDir, path.resolve(cwd, file)).split(path.sep).join('/');
  const entries = config.ignoreFindings.map((entry, index) => ({ entry, index, matches: configGlobs(entry.files, `ignoreFindings.${index}.files`), used: false }));
  const kept: Finding[] = [];
  const suppressed: Finding[] = [];
  for (const finding of findings) {
    const file = relative(finding.file);
    const entry = entries.find((e) => e.entry.rule === finding.ruleId && (e.entry.objectPath === undefined || e.entry.objectPath === finding.objectPath) && e.matches(file));
    if (entry) {
      entry.used = true;
      suppressed.push(finding);
    } else {
      kept.push(finding);
    }
  }
  const linted = [...lintedFiles].map(relative);
  const stale = entries.filter((e) => !e.used && linted.some((file) => e.matches(file))).map(({ entry, index }) => ({ entry, index }));
  return { kept, suppressed, stale };
}
