import type { Finding } from '../engine/findings.js';

/**
 * The finding's message followed by its related locations in other places, `(what: file:line:col)`,
 * so that every format shows the other end. `where` renders a file as the format needs it.
 */
export function messageWithRelated(finding: Finding, where: (file: string) => string = (file) => file): string {
  const related = finding.related.map((r) => ` (${r.message}: ${where(r.file)}:${r.range.line}:${r.range.column})`).join('');
  return finding.message + related;
}
