import type { TunnelReview } from '../../engine/tunnel-review.js';
import { namespacedRuleId, ruleDocsUrl } from '../../engine/docs-url.js';
import type { TunnelReportInput } from './types.js';

/** A review as written by `--format json` (and embedded in the html page): rule ids namespaced, docs linked. */
export function tunnelObject(review: TunnelReview): Record<string, unknown> {
  return {
    id: review.id,
    verdict: review.verdict,
    ends: review.ends,
    pairedBy: review.pairedBy,
    negotiated: review.negotiated,
    differences: review.differences,
    reasons: review.reasons,
    findings: review.findings.map((finding) => ({ ...finding, ruleId: namespacedRuleId(finding.ruleId), docs: ruleDocsUrl(finding.ruleId) })),
  };
}

/** An array of tunnel objects, one per tunnel and per entry fwlint could not pair. */
export function formatTunnelJson(input: TunnelReportInput): string {
  return `${JSON.stringify(input.reviews.map(tunnelObject), null, 2)}\n`;
}
