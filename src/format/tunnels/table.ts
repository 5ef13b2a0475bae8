import wrapAnsi from 'wrap-ansi';
import type { ReviewEnd, TunnelReview } from '../../engine/tunnel-review.js';
import { inertText } from '../safe-text.js';
import { baseName, causeText, endLabel, verdictSummary } from './common.js';
import type { TunnelReportInput } from './types.js';

export const TABLE_WIDTH = 100;
const GAP = '  ';
/** The ends get up to this many columns each before the cause column takes the rest. */
const END_SHARE = 24;
const MIN_END = 12;

/** Cuts text to `width` columns, keeping the start and the end (`configs/…/hq.cfg:40`). */
export function fit(text: string, width: number): string {
  const chars = [...text];
  if (chars.length <= width) return text;
  if (width <= 1) return '…';
  const head = Math.ceil((width - 1) * 0.6);
  return `${chars.slice(0, head).join('')}…${chars.slice(chars.length - (width - 1 - head)).join('')}`;
}

/** An end in `width` columns: the device name gives way first, then the file; the line number stays. */
function fitEnd(device: string, place: string, width: number): string {
  const full = device === '' ? place : `${device} ${place}`;
  if ([...full].length <= width) return full;
  const room = width - [...place].length - 1;
  if (device !== '' && room >= 4) return `${[...device].slice(0, room - 1).join('')}… ${place}`;
  return fit(place, width);
}

interface Cells {
  verdict: string;
  ends: [{ device: string; place: string }, { device: string; place: string }];
  cause: string;
}

function cellsOf(review: TunnelReview): Cells {
  const side = (end: ReviewEnd): { device: string; place: string } => {
    const label = endLabel(end);
    const place = `${baseName(end.file)}:${end.line}`;
    return { device: inertText(label === place ? '' : end.device), place: inertText(place) };
  };
  const other = review.ends[1] ? side(review.ends[1]) : { device: '?', place: inertText(review.ends[0].remoteAddress.value) };
  return { verdict: review.verdict, ends: [side(review.ends[0]), other], cause: inertText(causeText(review)) };
}

/**
 * One line per tunnel, readable at 100 columns: verdict, both ends (device and the line of the
 * policy entry) and what the verdict rests on (rule and line, `A:14` = end A's file); then the
 * count per verdict. Every other value is in the json, markdown and html formats.
 */
export function formatTunnelTable(input: TunnelReportInput): string {
  if (input.reviews.length === 0) return `No IPSec policy found in ${input.deviceCount} device${input.deviceCount === 1 ? '' : 's'}.\n`;
  const width = Math.max(60, input.width ?? TABLE_WIDTH);
  const rows = input.reviews.map(cellsOf);
  const length = (text: string): number => [...text].length;
  const verdictWidth = Math.max('VERDICT'.length, ...rows.map((row) => row.verdict.length));
  const endLength = (i: 0 | 1): number => Math.max('END A'.length, ...rows.map((row) => length(row.ends[i].device ? `${row.ends[i].device} ${row.ends[i].place}` : row.ends[i].place)));
  const causeLength = Math.max('CAUSE'.length, ...rows.map((row) => length(row.cause)));
  const free = width - verdictWidth - 3 * GAP.length;
  const wanted = [endLength(0), endLength(1), causeLength];
  let [a, b] = wanted;
  if (wanted[0] + wanted[1] + wanted[2] > free) {
    // The ends get up to END_SHARE columns each, the cause the rest; what the cause leaves goes back to the ends.
    a = Math.min(a, END_SHARE);
    b = Math.min(b, END_SHARE);
    let spare = free - a - b - causeLength;
    while (spare > 0 && (a < wanted[0] || b < wanted[1])) {
      if (a < wanted[0] && (a <= b || b >= wanted[1])) a++;
      else b++;
      spare--;
    }
  }
  a = Math.max(MIN_END, a);
  b = Math.max(MIN_END, b);
  const cause = Math.max(8, free - a - b);
  const line = (cells: string[]): string => [cells[0].padEnd(verdictWidth), cells[1].padEnd(a), cells[2].padEnd(b), cells[3]].join(GAP).trimEnd();
  const body = [
    line(['VERDICT', 'END A', 'END B', 'CAUSE']),
    ...rows.map((row) => line([row.verdict, fitEnd(row.ends[0].device, row.ends[0].place, a), fitEnd(row.ends[1].device, row.ends[1].place, b), fit(row.cause, cause)])),
  ].join('\n');
  const summary = wrapAnsi(`${verdictSummary(input.reviews)} between ${input.deviceCount} device${input.deviceCount === 1 ? '' : 's'}.`, width);
  return `${body}\n\n${summary}\nA:n, B:n: line n of END A's, END B's file. All values: --format json, markdown or html.\n`;
}
