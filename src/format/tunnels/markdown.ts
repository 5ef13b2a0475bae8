import type { ReviewEnd, TunnelReview } from '../../engine/tunnel-review.js';
import { namespacedRuleId, ruleDocsUrl } from '../../engine/docs-url.js';
import { inertText } from '../safe-text.js';
import { findingPlace, VERDICT_MARK, verdictSummary } from './common.js';
import type { TunnelReportInput } from './types.js';

/** GitHub keeps 1 MiB of summary per step. */
const SUMMARY_LIMIT = 1024 * 1024 - 8192;
const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** A cell shows its text literally: inert, one line, no HTML and no Markdown syntax. */
export function markdownCell(value: string): string {
  return inertText(value.replace(/\r?\n/g, ' '))
    .replace(/[&<>]/g, (c) => HTML_ENTITIES[c])
    .replace(/[\\`*_[\]|~!#]/g, (c) => `\\${c}`);
}

function endCell(end: ReviewEnd): string {
  const where = `${end.file}:${end.line}`;
  return `${markdownCell(end.device)}<br>${markdownCell(`${end.policy} (${end.role})`)}<br>${markdownCell(where)}<br>${markdownCell(end.localAddress.value)}`;
}

function negotiatedCell(review: TunnelReview): string {
  if (review.ends.length < 2) return markdownCell(`→ ${review.ends[0].remoteAddress.value}`);
  const n = review.negotiated;
  const ike = n.exchangeMode === '—' ? n.ikeVersion : `${n.ikeVersion} ${n.exchangeMode}`;
  return [`${ike}: ${n.ikeProposal}`, `IPSec ${n.ipsecProposal}, PFS ${n.pfs}, ${n.encapsulation}`, `NAT ${n.natCrossing}, NAT-T ${n.natTraversal}`].map(markdownCell).join('<br>');
}

function findingsCell(review: TunnelReview): string {
  const decisive = review.findings.filter((f) => f.decisive);
  const items = decisive.map((f) => `[${namespacedRuleId(f.ruleId)}](${ruleDocsUrl(f.ruleId)}) ${markdownCell(`${f.file}:${f.line}`)}`);
  const others = review.findings.length - decisive.length;
  if (others > 0) items.push(markdownCell(`+ ${others} other finding${others === 1 ? '' : 's'} (${findingPlace(review, review.findings[decisive.length])})`));
  if (items.length === 0 && review.reasons.length > 0) items.push(markdownCell(review.reasons[0]));
  return items.join('<br>') || '—';
}

function row(review: TunnelReview): string {
  const other = review.ends[1] ? endCell(review.ends[1]) : markdownCell('not in this run');
  return `| ${VERDICT_MARK[review.verdict]} ${markdownCell(review.verdict)} | ${endCell(review.ends[0])} | ${other} | ${negotiatedCell(review)} | ${findingsCell(review)} |\n`;
}

/** The tunnel table as Markdown (capped below GitHub's step summary limit). */
export function tunnelTableMarkdown(reviews: readonly TunnelReview[], limit = SUMMARY_LIMIT): string {
  let markdown = '| Verdict | End A | End B | Negotiated | Findings |\n| --- | --- | --- | --- | --- |\n';
  for (let i = 0; i < reviews.length; i++) {
    const line = row(reviews[i]);
    if (markdown.length + line.length > limit) {
      markdown += `\n${reviews.length - i} more tunnels: see the json or html report.\n`;
      break;
    }
    markdown += line;
  }
  return markdown;
}

/** `--format markdown`: a heading, the counts per verdict and the table (for `$GITHUB_STEP_SUMMARY`). */
export function formatTunnelMarkdown(input: TunnelReportInput): string {
  const heading = `## fwlint tunnel review\n\n${markdownCell(verdictSummary(input.reviews))} between ${input.deviceCount} devices.\n\n`;
  if (input.reviews.length === 0) return heading;
  return `${heading}${tunnelTableMarkdown(input.reviews, SUMMARY_LIMIT - heading.length)}`;
}

/** For the linter's job summary: the tunnels that have findings, or nothing when none has. */
export function tunnelsWithFindingsMarkdown(reviews: readonly TunnelReview[], limit = SUMMARY_LIMIT): string {
  const concerned = reviews.filter((review) => review.findings.some((f) => f.scope !== 'device'));
  if (concerned.length === 0) return '';
  const heading = `### Tunnels with findings\n\n${markdownCell(verdictSummary(concerned))}.\n\n`;
  return `${heading}${tunnelTableMarkdown(concerned, limit - heading.length)}`;
}
