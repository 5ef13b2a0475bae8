import type { Finding } from './findings.js';
import { sortFindings } from './findings.js';

/** What a location in another file is, seen from the copy of the finding shown there. */
export const REPORTED_AT = 'reported at';

function backReferenceKey(ruleId: string, file: string, otherFile: string): string {
  return `${ruleId}\0${file}\0${otherFile}`;
}

/**
 * The findings as every format lists and counts them: a problem that concerns several files (the
 * two ends of a tunnel) appears once in each of them. The copy in the other file sits at the
 * related location and points back at where the rule reported it. No copy is made where the rule
 * reports that end itself (a finding of the same rule in that file pointing back into this one,
 * as rules that check each end do), and a file gets at most one copy of a finding however many of
 * its lines are related.
 */
export function perFileFindings(findings: readonly Finding[], reportedBeforeSuppression: readonly Finding[] = findings): Finding[] {
  // A report the user accepted (ignoreFindings, baseline, --quiet) still stands for that end: no copy there.
  const reportedBack = new Set<string>();
  for (const finding of reportedBeforeSuppression) {
    for (const related of finding.related) reportedBack.add(backReferenceKey(finding.ruleId, finding.file, related.file));
  }
  const entries: Finding[] = [];
  for (const finding of findings) {
    entries.push(withChangesFor(finding, finding.file));
    const copied = new Set<string>([finding.file]);
    for (const related of finding.related) {
      if (copied.has(related.file)) continue;
      copied.add(related.file);
      if (reportedBack.has(backReferenceKey(finding.ruleId, related.file, finding.file))) continue;
      entries.push({
        ...withChangesFor(finding, related.file),
        file: related.file,
        range: related.range,
        message: `${finding.message} (this line: ${related.message})`,
        related: [
          { file: finding.file, range: finding.range, message: REPORTED_AT },
          ...finding.related.filter((other) => other !== related && other.file !== related.file),
        ],
      });
    }
  }
  return sortFindings(entries);
}

/** Each copy of a finding carries the fix and suggestions for its own file only. */
function withChangesFor(finding: Finding, file: string): Finding {
  if (!finding.fix && !finding.suggestions) return finding;
  const { fix, suggestions, ...rest } = finding;
  const kept: Finding = { ...rest };
  if (fix?.file === file) kept.fix = fix;
  const own = suggestions?.filter((s) => s.fix.file === file) ?? [];
  if (own.length > 0) kept.suggestions = own;
  return kept;
}
