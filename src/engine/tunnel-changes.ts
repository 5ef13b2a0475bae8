import { naturalCompare, TUNNEL_VERDICTS, type TunnelReview, type TunnelVerdict } from './tunnel-review.js';

/** One tunnel a change touches: its verdict before and after (null: the tunnel does not exist then). */
export interface TunnelChange {
  id: string;
  before: TunnelVerdict | null;
  after: TunnelVerdict | null;
  /** The review after the change, or before it for a tunnel the change removes. */
  review: TunnelReview;
}

const rank = (verdict: TunnelVerdict | null): number => (verdict === null ? TUNNEL_VERDICTS.length : TUNNEL_VERDICTS.indexOf(verdict));

/**
 * The tunnels of either review, matched by id (the files and policy entries of both ends), with
 * their verdict before and after; changed verdicts first, the worst outcome first.
 */
export function compareReviews(before: readonly TunnelReview[], after: readonly TunnelReview[]): TunnelChange[] {
  const old = new Map(before.map((review) => [review.id, review]));
  const changes: TunnelChange[] = after.map((review) => ({ id: review.id, before: old.get(review.id)?.verdict ?? null, after: review.verdict, review }));
  const now = new Set(after.map((review) => review.id));
  for (const review of before) if (!now.has(review.id)) changes.push({ id: review.id, before: review.verdict, after: null, review });
  const same = (change: TunnelChange): number => (change.before === change.after ? 1 : 0);
  return changes.sort((a, b) => same(a) - same(b) || rank(a.after) - rank(b.after) || rank(a.before) - rank(b.before) || naturalCompare(a.id, b.id));
}

/** `3 tunnels go from up to ike-fails`, `1 new tunnel: up`, `1 tunnel removed (was up)`, `5 tunnels unchanged`. */
export function changeSummary(changes: readonly TunnelChange[]): string[] {
  const groups = new Map<string, number>();
  let unchanged = 0;
  for (const { before, after } of changes) {
    if (before === after) {
      unchanged++;
      continue;
    }
    const key = before === null ? `new:${after}` : after === null ? `removed:${before}` : `${before}>${after}`;
    groups.set(key, (groups.get(key) ?? 0) + 1);
  }
  const tunnels = (count: number): string => `${count} tunnel${count === 1 ? '' : 's'}`;
  const lines = [...groups.entries()].map(([key, count]) => {
    if (key.startsWith('new:')) return `${tunnels(count)} new: ${key.slice(4)}`;
    if (key.startsWith('removed:')) return `${tunnels(count)} removed (${key.slice(8)} before)`;
    const [from, to] = key.split('>');
    return `${tunnels(count)} ${count === 1 ? 'goes' : 'go'} from ${from} to ${to}`;
  });
  if (unchanged > 0) lines.push(`${tunnels(unchanged)} unchanged`);
  return lines.length > 0 ? lines : ['no tunnel touched by the change'];
}
