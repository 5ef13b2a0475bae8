import { namespacedRuleId, ruleDocsUrl } from './docs-url.js';
import type { FormatInput } from './types.js';

/** One grep-able line per finding: `file:line:col: severity message [fwlint/id] url`. */
export function formatCompact(input: FormatInput): string {
  return input.findings
    .map((f) => {
      const related = f.related.map((r) => ` (${r.message}: ${r.file}:${r.range.start.line}:${r.range.start.column})`).join('');
      return `${f.file}:${f.range.start.line}:${f.range.start.column}: ${f.severity} ${f.message}${related} [${namespacedRuleId(f.ruleId)}] ${ruleDocsUrl(f.ruleId)}\n`;
    })
    .join('');
}
