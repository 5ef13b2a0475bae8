import { TUNNEL_VERDICTS } from '../../engine/tunnel-review.js';
import { END_LABELS, END_PLACE_KEYS, END_VALUE_KEYS, NEGOTIATED_KEYS, NEGOTIATED_LABELS } from '../../engine/tunnel-values.js';
import { changeSummary } from '../../engine/tunnel-changes.js';
import { verdictSummary } from './common.js';
import { tunnelObject } from './json.js';
import { layoutMap } from './layout.js';
import { PAGE_SCRIPT, PAGE_STYLE } from './page-assets.js';
import type { TunnelReportInput } from './types.js';
import { inertJson, inertText } from '../safe-text.js';

// `[` too: with it no `##[` (a v1 workflow command) can appear in the page's text.
const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '[': '&#91;' };

export function escapeHtml(text: string): string {
  return inertText(text).replace(/[&<>"'[]/g, (c) => HTML_ESCAPES[c]);
}

/** JSON that can sit inside a <script> element: nothing in it can close the element or start markup. */
export function scriptJson(value: unknown): string {
  return inertJson(JSON.stringify(value).replace(/[<>&]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

/**
 * `--format html`: one self-contained page (style, script and data inline; a Content-Security-Policy
 * that forbids every network access): the map of devices and tunnels coloured by verdict, the table
 * filtered by verdict and searched by device, file or address, and the side-by-side view of a
 * selected tunnel's two ends with differences highlighted, each value with its file:line. Every
 * tunnel's element (map edge, table row) carries data-tunnel="<id>" and data-verdict="<verdict>".
 */
export function formatTunnelHtml(input: TunnelReportInput): string {
  const data = {
    version: input.version,
    verdicts: TUNNEL_VERDICTS,
    placeKeys: END_PLACE_KEYS,
    endKeys: [...END_PLACE_KEYS, ...END_VALUE_KEYS],
    negotiatedKeys: NEGOTIATED_KEYS,
    labels: { ...END_LABELS, ...NEGOTIATED_LABELS },
    tunnels: input.reviews.map(tunnelObject),
    map: layoutMap(input.reviews),
    // --changed: each tunnel's verdict before the change (null: new), and the tunnels it removes.
    changes: input.changes?.map((change) => ({ id: change.id, before: change.before, after: change.after })),
  };
  const summary = `${verdictSummary(input.reviews)} between ${input.deviceCount} devices`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">
<meta name="generator" content="fwlint ${escapeHtml(input.version)}">
<title>fwlint tunnel review</title>
<style>${PAGE_STYLE}</style>
</head>
<body>
<header>
<h1>fwlint tunnel review</h1>
<span id="summary">${escapeHtml(summary)}</span>${input.changes ? `\n<span id="change-summary">${escapeHtml(changeSummary(input.changes).join('; '))}</span>` : ''}
<div class="chips" id="chips" aria-label="Filter by verdict"></div>
</header>
<main>
<section id="map-panel" aria-label="Map of the network">
<div class="toolbar"><button type="button" id="zoom-in" title="Zoom in">+</button><button type="button" id="zoom-out" title="Zoom out">−</button><button type="button" id="zoom-fit" title="Show everything">fit</button></div>
<svg id="map" xmlns="http://www.w3.org/2000/svg" preserveAspectRatio="xMidYMid meet" role="img" aria-label="Devices and tunnels, coloured by verdict"></svg>
</section>
<section id="table-panel" aria-label="Tunnels">
<div class="filters">
<label>Verdict <select id="verdict-filter"><option value="">all</option></select></label>
<input id="search" type="search" placeholder="Search device, file or address" aria-label="Search device, file or address">
<span id="count"></span>
</div>
<table id="tunnels">
<thead><tr><th>Verdict</th><th>End A</th><th>End B</th><th>Addresses</th><th>Cause</th></tr></thead>
<tbody></tbody>
</table>
</section>
<section id="detail" aria-live="polite" hidden></section>
</main>
<script type="application/json" id="fwlint-data">${scriptJson(data)}</script>
<script>${PAGE_SCRIPT}</script>
</body>
</html>
`;
}
