import { TUNNEL_VERDICTS, type TunnelReview, type TunnelVerdict } from '../../engine/tunnel-review.js';

export interface MapNode {
  name: string;
  /** Device file; empty for the placeholder of an address no device of the run owns. */
  file: string;
  x: number;
  y: number;
  kind: 'hub' | 'spoke' | 'site' | 'missing';
}

export interface MapEdge {
  /** Index of the tunnel in the reviews. */
  tunnel: number;
  from: number;
  to: number;
}

/** A group label: the spokes of one verdict around a hub (`ike-fails 3`), or a hub's name. */
export interface MapLabel {
  x: number;
  y: number;
  text: string;
  verdict?: TunnelVerdict;
}

export interface MapLayout {
  nodes: MapNode[];
  edges: MapEdge[];
  labels: MapLabel[];
  width: number;
  height: number;
}

/** A device with at least this many peers is a hub: its spokes are laid out in rings around it. */
export const HUB_DEGREE = 3;
const SPOKE_SPACING = 9;
const SPOKES_PER_RING = 90;
const RING_GAP = 16;
const MARGIN = 70;
const SITE_CELL = { width: 190, height: 110 };
const MAX_ROW_WIDTH = 2600;
/** Room a sector label takes (map units), so that neighbouring labels do not overlap. */
const LABEL_WIDTH = 110;
const LABEL_HEIGHT = 17;

const round = (value: number): number => Math.round(value * 10) / 10;
const rank = (verdict: TunnelVerdict): number => TUNNEL_VERDICTS.indexOf(verdict);

/**
 * The network map, laid out here (not in the browser) so the page opens at once and the layout is
 * tested: hubs with their spokes in rings around them, the spokes of each verdict side by side in
 * one sector (with its count as a label), so a hub with 1,000 spokes shows at a glance which
 * group fails; the other devices (site-to-site pairs, small meshes) in a grid below.
 */
export function layoutMap(reviews: readonly TunnelReview[]): MapLayout {
  const nodes: MapNode[] = [];
  const byFile = new Map<string, number>();
  const nodeOf = (file: string, name: string): number => {
    let index = byFile.get(file);
    if (index === undefined) {
      index = nodes.push({ name, file, x: 0, y: 0, kind: 'site' }) - 1;
      byFile.set(file, index);
    }
    return index;
  };
  const edges: MapEdge[] = [];
  const neighbours = new Map<number, Set<number>>();
  const link = (a: number, b: number): void => {
    if (a === b) return;
    for (const [x, y] of [
      [a, b],
      [b, a],
    ]) {
      const set = neighbours.get(x) ?? new Set<number>();
      set.add(y);
      neighbours.set(x, set);
    }
  };
  /** Worst verdict of the tunnels between two nodes (sorts spokes into sectors). */
  const pairVerdict = new Map<string, TunnelVerdict>();
  const missingOf = new Map<number, number[]>();
  reviews.forEach((review, tunnel) => {
    const from = nodeOf(review.ends[0].file, review.ends[0].device);
    let to: number;
    if (review.ends[1]) {
      to = nodeOf(review.ends[1].file, review.ends[1].device);
      link(from, to);
    } else {
      to = nodes.push({ name: review.ends[0].remoteAddress.value, file: '', x: 0, y: 0, kind: 'missing' }) - 1;
      missingOf.set(from, [...(missingOf.get(from) ?? []), to]);
    }
    edges.push({ tunnel, from, to });
    for (const key of [`${from}|${to}`, `${to}|${from}`]) {
      const previous = pairVerdict.get(key);
      if (previous === undefined || rank(review.verdict) < rank(previous)) pairVerdict.set(key, review.verdict);
    }
  });

  const degree = (index: number): number => neighbours.get(index)?.size ?? 0;
  const hubs = nodes
    .map((_, index) => index)
    .filter((index) => nodes[index].kind !== 'missing' && degree(index) >= HUB_DEGREE)
    .sort((a, b) => degree(b) - degree(a) || (nodes[a].name < nodes[b].name ? -1 : 1));
  const hubSet = new Set(hubs);
  const spokesOf = new Map<number, number[]>(hubs.map((hub) => [hub, []]));
  const placed = new Set<number>(hubs);
  for (let index = 0; index < nodes.length; index++) {
    if (hubSet.has(index) || nodes[index].kind === 'missing') continue;
    const peers = [...(neighbours.get(index) ?? [])];
    if (peers.length === 0 || !peers.every((peer) => hubSet.has(peer))) continue;
    const primary = peers.sort((a, b) => degree(b) - degree(a) || (nodes[a].name < nodes[b].name ? -1 : 1))[0];
    spokesOf.get(primary)?.push(index);
    placed.add(index);
  }

  const labels: MapLabel[] = [];
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  let width = 0;
  for (const hub of hubs) {
    const around = [...(spokesOf.get(hub) ?? []), ...(missingOf.get(hub) ?? [])];
    for (const missing of missingOf.get(hub) ?? []) placed.add(missing);
    const verdictOf = (spoke: number): TunnelVerdict => pairVerdict.get(`${hub}|${spoke}`) ?? 'up';
    around.sort((a, b) => rank(verdictOf(a)) - rank(verdictOf(b)) || (nodes[a].name < nodes[b].name ? -1 : nodes[a].name > nodes[b].name ? 1 : 0));
    const count = around.length;
    const rings = Math.max(1, Math.ceil(count / SPOKES_PER_RING));
    const inner = Math.max(70, (SPOKE_SPACING * count) / (2 * Math.PI * rings));
    const outer = inner + (rings - 1) * RING_GAP;
    const size = 2 * (outer + MARGIN);
    if (x > 0 && x + size > MAX_ROW_WIDTH) {
      x = 0;
      y += rowHeight;
      rowHeight = 0;
    }
    const cx = x + size / 2;
    const cy = y + size / 2;
    Object.assign(nodes[hub], { x: round(cx), y: round(cy), kind: 'hub' });
    labels.push({ x: round(cx), y: round(cy + 26), text: nodes[hub].name });
    around.forEach((spoke, i) => {
      const angle = -Math.PI / 2 + (2 * Math.PI * i) / Math.max(count, 1);
      const radius = inner + (i % rings) * RING_GAP;
      Object.assign(nodes[spoke], { x: round(cx + radius * Math.cos(angle)), y: round(cy + radius * Math.sin(angle)) });
      if (nodes[spoke].kind !== 'missing') nodes[spoke].kind = 'spoke';
    });
    // One label per sector: the spokes of one verdict are consecutive.
    if (count >= 2 * HUB_DEGREE) {
      const sectorLabels: MapLabel[] = [];
      let start = 0;
      for (let i = 1; i <= count; i++) {
        if (i < count && verdictOf(around[i]) === verdictOf(around[start])) continue;
        const verdict = verdictOf(around[start]);
        let angle = -Math.PI / 2 + (2 * Math.PI * ((start + i - 1) / 2)) / count;
        // Small neighbouring sectors: each label moves on round the ring until it clears the ones before it.
        const radius = outer + 34;
        const at = (a: number): { x: number; y: number } => ({ x: cx + radius * Math.cos(a), y: cy + radius * Math.sin(a) });
        const clashes = (a: number): boolean => sectorLabels.some((label) => Math.abs(label.x - at(a).x) < LABEL_WIDTH && Math.abs(label.y - at(a).y) < LABEL_HEIGHT);
        for (let step = 0; step < 600 && clashes(angle); step++) angle += 0.01;
        const { x: lx, y: ly } = at(angle);
        const label = { x: round(lx), y: round(ly), text: `${verdict} ${i - start}`, verdict };
        sectorLabels.push(label);
        labels.push(label);
        start = i;
      }
    }
    x += size;
    rowHeight = Math.max(rowHeight, size);
    width = Math.max(width, x);
  }

  // Everything else (pairs, small meshes, one-ended entries) in a grid of small cells.
  const rest = nodes.map((_, index) => index).filter((index) => !placed.has(index) && nodes[index].kind !== 'missing');
  const components: number[][] = [];
  const seen = new Set<number>();
  for (const start of rest) {
    if (seen.has(start)) continue;
    const component: number[] = [];
    const queue = [start];
    seen.add(start);
    while (queue.length > 0) {
      const node = queue.pop() as number;
      component.push(node);
      for (const peer of neighbours.get(node) ?? []) {
        if (!seen.has(peer) && !placed.has(peer)) {
          seen.add(peer);
          queue.push(peer);
        }
      }
    }
    components.push(component);
  }
  const top = y + rowHeight + (hubs.length > 0 ? 20 : 0);
  // About as wide as high (or as wide as the hubs above), so the map fills a screen.
  const square = Math.ceil(Math.sqrt((components.length * SITE_CELL.height) / SITE_CELL.width));
  const columns = Math.max(1, Math.min(Math.max(square, Math.floor(width / SITE_CELL.width)), Math.floor(MAX_ROW_WIDTH / SITE_CELL.width), components.length));
  components.forEach((component, i) => {
    const cx = (i % columns) * SITE_CELL.width + SITE_CELL.width / 2;
    const cy = top + Math.floor(i / columns) * SITE_CELL.height + SITE_CELL.height / 2;
    component.forEach((node, j) => {
      const angle = component.length === 1 ? Math.PI : Math.PI + (2 * Math.PI * j) / component.length;
      const radius = component.length === 1 ? 0 : component.length === 2 ? 45 : 38;
      Object.assign(nodes[node], { x: round(cx + radius * Math.cos(angle)), y: round(cy + radius * Math.sin(angle) * 0.7) });
      // Names of neighbouring nodes alternate below and above them.
      labels.push({ x: nodes[node].x, y: round(nodes[node].y + (j % 2 === 0 ? 18 : -10)), text: nodes[node].name });
      (missingOf.get(node) ?? []).forEach((missing, k) => {
        Object.assign(nodes[missing], { x: round(nodes[node].x + 30 * Math.cos(-Math.PI / 2 + k * 0.6)), y: round(nodes[node].y - 26 + k * 6) });
        placed.add(missing);
      });
    });
    width = Math.max(width, (Math.min(i, columns - 1) + 1) * SITE_CELL.width);
  });
  // Placeholders of spokes' unpaired entries sit just outside the spoke.
  for (const [owner, missing] of missingOf) {
    for (const [k, node] of missing.entries()) {
      if (placed.has(node)) continue;
      Object.assign(nodes[node], { x: round(nodes[owner].x + 14 + 6 * k), y: round(nodes[owner].y - 14) });
    }
  }
  const rows = Math.ceil(components.length / columns);
  const height = Math.max(top + rows * SITE_CELL.height, y + rowHeight, 100);
  return { nodes, edges, labels, width: Math.max(width, 200), height };
}
