import path from 'node:path';
import type { ESLint, Linter } from 'eslint';
import type { Finding } from '../engine/findings.js';
import { compareStrings } from '../engine/findings.js';
import type { Range } from '../text/range.js';
import { namespacedRuleId } from './docs-url.js';
import type { FormatInput } from './types.js';

function lintMessage(finding: Finding, range: Range, message: string): Linter.LintMessage {
  return {
    ruleId: namespacedRuleId(finding.ruleId),
    severity: finding.severity === 'error' ? 2 : 1,
    message,
    line: range.start.line,
    column: range.start.column,
    endLine: range.end.line,
    endColumn: range.end.column,
    ...(finding.fatal ? { fatal: true as const } : {}),
  };
}

function locationKey(ruleId: string, file: string, line: number, otherFile: string, otherLine: number): string {
  return `${ruleId}\0${file}\0${line}\0${otherFile}\0${otherLine}`;
}

/** Findings at (file, line) whose related locations point at (other file, other line), per rule. */
function reciprocalKeys(findings: readonly Finding[]): Set<string> {
  const keys = new Set<string>();
  for (const finding of findings) {
    for (const related of finding.related) {
      keys.add(locationKey(finding.ruleId, finding.file, finding.range.start.line, related.file, related.range.start.line));
    }
  }
  return keys;
}

/**
 * ESLint `LintResult[]`, one per file with absolute paths, so ESLint formatters work unchanged.
 * A finding about both ends of a tunnel appears in each file it points at (once: when the rule
 * already reported the other end itself, that report stands for it).
 */
export function toLintResults(input: FormatInput): ESLint.LintResult[] {
  const byFile = new Map<string, Linter.LintMessage[]>();
  for (const file of input.files) byFile.set(file, []);
  const add = (file: string, message: Linter.LintMessage): void => {
    const messages = byFile.get(file) ?? [];
    messages.push(message);
    byFile.set(file, messages);
  };
  const reportedBack = reciprocalKeys(input.findings);
  for (const finding of input.findings) {
    add(finding.file, lintMessage(finding, finding.range, finding.message));
    for (const related of finding.related) {
      if (related.file === finding.file) continue;
      // The rule already reported the other end itself, pointing back here: do not show it twice.
      if (reportedBack.has(locationKey(finding.ruleId, related.file, related.range.start.line, finding.file, finding.range.start.line))) continue;
      add(related.file, lintMessage(finding, related.range, `${finding.message} (${related.message}; reported in ${finding.file}:${finding.range.start.line})`));
    }
  }
  return [...byFile.entries()]
    .sort(([a], [b]) => compareStrings(a, b))
    .map(([file, messages]) => {
      messages.sort((a, b) => a.line - b.line || a.column - b.column || compareStrings(a.ruleId ?? '', b.ruleId ?? ''));
      const errorCount = messages.filter((m) => m.severity === 2).length;
      return {
        filePath: path.resolve(input.cwd, file),
        messages,
        suppressedMessages: [],
        errorCount,
        fatalErrorCount: messages.filter((m) => m.fatal).length,
        warningCount: messages.length - errorCount,
        fixableErrorCount: 0,
        fixableWarningCount: 0,
        usedDeprecatedRules: [],
      };
    });
}
