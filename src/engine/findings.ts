import type { RelatedLocation, Severity } from '../../rules/types.js';
import type { GeneratedFix, GeneratedSuggestion } from '../fix/generate.js';
import type { Range } from '../text/range.js';

/** One problem, ready for the formatters: message filled, severity resolved, range validated. */
export interface Finding {
  /** Bare rule id (`ike-weak-dh-group`); formatters namespace it as `fwlint/<id>`. */
  ruleId: string;
  severity: Severity;
  message: string;
  /** Path as shown in reports (relative to the working directory, forward slashes). */
  file: string;
  range: Range;
  objectPath: string;
  related: RelatedLocation[];
  /** The file could not be read as a configuration at all (ESLint's `fatal`). */
  fatal?: boolean;
  /** The change that removes the finding (both forms), in `fix.file`. */
  fix?: GeneratedFix;
  /** Alternatives the user chooses between; never applied automatically. */
  suggestions?: GeneratedSuggestion[];
}

export const SEVERITY_RANK: Record<Severity, number> = { warning: 1, error: 2 };

/** Deterministic order: file, line, column, rule, message. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareStrings(a.file, b.file) ||
    a.range.line - b.range.line ||
    a.range.column - b.range.column ||
    compareStrings(a.ruleId, b.ruleId) ||
    compareStrings(a.message, b.message)
  );
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(compareFindings);
}

export function countBySeverity(findings: readonly Finding[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const finding of findings) {
    if (finding.severity === 'error') errors++;
    else warnings++;
  }
  return { errors, warnings };
}
