import type { TunnelChange } from '../../engine/tunnel-changes.js';
import { changeSummary } from '../../engine/tunnel-changes.js';
import type { TunnelVerdict } from '../../engine/tunnel-review.js';
import { inertText } from '../safe-text.js';
import { causeText, endLabel } from './common.js';
import { tunnelObject } from './json.js';
import { markdownCell, tunnelTableMarkdown } from './markdown.js';
import { fit, TABLE_WIDTH } from './table.js';
import type { TunnelReportInput } from './types.js';

const shown = (verdict: TunnelVerdict | null): string => verdict ?? '(none)';

/** `up → ike-fails`, `(none) → up` for a new tunnel, `up → (none)` for a removed one. */
export function transition(change: TunnelChange): string {
  return change.before === change.after ? `${shown(change.after)} (same)` : `${shown(change.before)} → ${shown(change.after)}`;
}

/** `--changed` as a table: one line per tunnel the change touches, then what moved. */
export function formatChangesTable(input: TunnelReportInput & { changes: readonly TunnelChange[] }): string {
  const width = Math.max(60, input.width ?? TABLE_WIDTH);
  const rows = input.changes.map((change) => {
    const [a, b] = change.review.ends;
    return [transition(change), endLabel(a), b ? endLabel(b) : `? ${a.remoteAddress.value}`, causeText(change.review)].map(inertText);
  });
  const first = Math.max('BEFORE → AFTER'.length, ...rows.map((row) => [...row[0]].length));
  const end = Math.min(24, Math.max(...rows.map((row) => Math.max([...row[1]].length, [...row[2]].length)), 5));
  const rest = Math.max(10, width - first - 2 * end - 6);
  const line = (cells: string[]): string => [cells[0].padEnd(first), fit(cells[1], end).padEnd(end), fit(cells[2], end).padEnd(end), fit(cells[3], rest)].join('  ').trimEnd();
  const body = [line(['BEFORE → AFTER', 'END A', 'END B', 'CAUSE (after)']), ...rows.map(line)].join('\n');
  return `${input.changes.length > 0 ? `${body}\n\n` : ''}${changeSummary(input.changes).join('\n')}.\n`;
}

export function formatChangesJson(input: { changes: readonly TunnelChange[] }): string {
  return `${JSON.stringify(input.changes.map((change) => ({ id: change.id, before: change.before, after: change.after, tunnel: tunnelObject(change.review) })), null, 2)}\n`;
}

export function formatChangesMarkdown(input: { changes: readonly TunnelChange[] }): string {
  const summary = changeSummary(input.changes).map((line) => `- ${markdownCell(line)}`).join('\n');
  const moved = input.changes.filter((change) => change.before !== change.after);
  const table = moved.length > 0 ? `\n\n| Before → after | ${tunnelTableMarkdown(moved.map((change) => change.review)).slice(2)}` : '';
  // The table's rows gain the transition as their first cell.
  const rows = table.split('\n');
  let index = 0;
  const withTransitions = rows
    .map((row) => {
      if (!row.startsWith('| ') || row.startsWith('| Before') || row.startsWith('| --- ')) return row.startsWith('| --- ') ? `| --- ${row}` : row;
      return `| ${markdownCell(transition(moved[index++]))} ${row}`;
    })
    .join('\n');
  return `## fwlint tunnel review: what the change does\n\n${summary}${withTransitions}\n`;
}
