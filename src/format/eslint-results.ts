import path from 'node:path';
import type { ESLint, Linter } from 'eslint';
import type { Finding } from '../engine/findings.js';
import type { GeneratedFix } from '../fix/generate.js';
import { compareStrings } from '../engine/findings.js';
import { namespacedRuleId } from '../engine/docs-url.js';
import { messageWithRelated } from './related.js';
import type { FormatInput } from './types.js';

function lintMessage(finding: Finding): Linter.LintMessage {
  const { range } = finding;
  return {
    ruleId: namespacedRuleId(finding.ruleId),
    severity: finding.severity === 'error' ? 2 : 1,
    message: messageWithRelated(finding),
    line: range.line,
    column: range.column,
    endLine: range.endLine,
    endColumn: range.endColumn,
    ...(finding.fatal ? { fatal: true as const } : {}),
    // ESLint's shapes, plus the VRP commands that make the same change on the device.
    ...(finding.fix ? { fix: eslintFix(finding.fix) } : {}),
    ...(finding.suggestions ? { suggestions: finding.suggestions.map((s) => ({ desc: s.desc, fix: eslintFix(s.fix) })) } : {}),
  };
}

function eslintFix(fix: GeneratedFix): { range: [number, number]; text: string; commands: string[]; applicability: string; commandsOnly?: true } {
  // A commands-only suggestion keeps ESLint's shape (an empty edit, applying it changes nothing) and says so.
  return { range: fix.range, text: fix.text, commands: fix.commands, applicability: fix.applicability, ...(fix.commandsOnly ? { commandsOnly: true as const } : {}) };
}

/**
 * ESLint `LintResult[]`, one per file with absolute paths, so ESLint formatters work unchanged.
 * The findings are already per file (perFileFindings); each message names its related locations.
 */
export function toLintResults(input: FormatInput): ESLint.LintResult[] {
  const byFile = new Map<string, Linter.LintMessage[]>();
  for (const file of input.files) byFile.set(file, []);
  const add = (file: string, message: Linter.LintMessage): void => {
    const messages = byFile.get(file) ?? [];
    messages.push(message);
    byFile.set(file, messages);
  };
  for (const finding of input.findings) add(finding.file, lintMessage(finding));
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
        fixableErrorCount: messages.filter((m) => m.severity === 2 && m.fix).length,
        fixableWarningCount: messages.filter((m) => m.severity === 1 && m.fix).length,
        usedDeprecatedRules: [],
      };
    });
}
