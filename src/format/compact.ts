import { namespacedRuleId, ruleDocsUrl } from './docs-url.js';
import { messageWithRelated } from './related.js';
import type { FormatInput } from './types.js';

/** A message's line breaks would split the finding over several lines. */
function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ');
}

/** One grep-able line per finding: `file:line:col: severity message [fwlint/id] url`. */
export function formatCompact(input: FormatInput): string {
  return input.findings
    .map((f) => {
      return `${f.file}:${f.range.start.line}:${f.range.start.column}: ${f.severity} ${oneLine(messageWithRelated(f))} [${namespacedRuleId(f.ruleId)}] ${ruleDocsUrl(f.ruleId)}\n`;
    })
    .join('');
}
