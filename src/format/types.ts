import type { RuleMeta } from '../../rules/types.js';
import type { Finding } from '../engine/findings.js';
import type { TunnelReview } from '../engine/tunnel-review.js';

export interface FormatInput {
  /** Sorted findings after baseline suppression, one per file they concern (perFileFindings). */
  findings: readonly Finding[];
  /** Every file of the run as shown in reports, so clean files appear in per-file formats. */
  files: readonly string[];
  /** Metas of every rule and engine pseudo-rule, by bare id. */
  metas: ReadonlyMap<string, RuleMeta>;
  /** Directory report paths are relative to. */
  cwd: string;
  /** Repository root: SARIF URIs are relative to it. */
  repositoryRoot: string;
  version: string;
  /** Columns the pretty format wraps messages to (the terminal's width; 80 when unknown). */
  width?: number;
  /** Warnings about the run itself (stale baseline entries, dropped reports), also printed on stderr. */
  runWarnings?: readonly string[];
  /** The tunnel review of the run (`reviewTunnels`), when the job summary is written: it lists the tunnels with findings. */
  tunnels?: readonly TunnelReview[];
}

export const FORMAT_NAMES = ['pretty', 'json', 'sarif', 'github', 'compact'] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];
