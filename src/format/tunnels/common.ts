import type { ReviewEnd, ReviewFinding, TunnelReview, TunnelVerdict } from '../../engine/tunnel-review.js';
import { countVerdicts, TUNNEL_VERDICTS } from '../../engine/tunnel-review.js';

/** `12 tunnels: 9 up, 2 ike-fails, 1 unpaired` (verdicts without tunnels left out). */
export function verdictSummary(reviews: readonly TunnelReview[]): string {
  const counts = countVerdicts(reviews);
  const parts = TUNNEL_VERDICTS.filter((verdict) => counts[verdict] > 0).map((verdict) => `${counts[verdict]} ${verdict}`);
  return `${reviews.length} tunnel${reviews.length === 1 ? '' : 's'}${parts.length > 0 ? `: ${parts.join(', ')}` : ''}`;
}

/** The last part of a path (`configs/hq.cfg` → `hq.cfg`). */
export function baseName(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1);
}

/** `HQ hq.cfg:40` — the device and the line of its policy entry. */
export function endLabel(end: ReviewEnd, file: (end: ReviewEnd) => string = (e) => baseName(e.file)): string {
  return end.device === end.file || end.device === baseName(end.file) ? `${file(end)}:${end.line}` : `${end.device} ${file(end)}:${end.line}`;
}

/** The finding the verdict rests on first (decisive ones come first), if any. */
export function leadingFinding(review: TunnelReview): ReviewFinding | undefined {
  return review.findings.find((finding) => finding.decisive);
}

/** Where a finding is, named after the end it is on (`A:14`) when it is in one of the ends' files. */
export function findingPlace(review: TunnelReview, finding: ReviewFinding, names = ['A', 'B']): string {
  const index = review.ends.findIndex((end) => end.file === finding.file);
  return index >= 0 && review.ends.length > 1 ? `${names[index]}:${finding.line}` : `${baseName(finding.file)}:${finding.line}`;
}

/** One line saying why: the leading finding, else the first reason, else nothing for an `up` tunnel. */
export function causeText(review: TunnelReview): string {
  const finding = leadingFinding(review);
  if (finding) return `${finding.ruleId} ${findingPlace(review, finding)}`;
  // The verdict is in its own column: "unpaired: no device …" says "no device …".
  const reason = review.reasons[0] ?? '';
  return reason.startsWith(`${review.verdict}: `) ? reason.slice(review.verdict.length + 2) : reason;
}

export const VERDICT_MARK: Record<TunnelVerdict, string> = {
  up: '✅',
  'traffic-blocked': '⚠️',
  'ipsec-fails': '❌',
  'ike-fails': '❌',
  'never-initiated': '⛔',
  unpaired: '❔',
};
