import type { TunnelChange } from '../../engine/tunnel-changes.js';
import type { TunnelReview } from '../../engine/tunnel-review.js';

export const TUNNEL_FORMAT_NAMES = ['table', 'json', 'markdown', 'html'] as const;
export type TunnelFormatName = (typeof TUNNEL_FORMAT_NAMES)[number];

export interface TunnelReportInput {
  /** Sorted: verdict (TUNNEL_VERDICTS order), then id. */
  reviews: readonly TunnelReview[];
  version: string;
  /** Columns of the table (100 unless told). */
  width?: number;
  /** `--changed`: the tunnels the change touches, with their verdicts before and after. */
  changes?: readonly TunnelChange[];
  /** Devices the reviewed tunnels have an end on, to say "N devices". */
  deviceCount: number;
}
