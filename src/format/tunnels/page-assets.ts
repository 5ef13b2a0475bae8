/*
 * The page's style and script, inlined into the one html file (no network access when it is
 * opened: the Content-Security-Policy allows inline code only). The script is plain ES2017 and
 * builds the map, the table and the side-by-side view from the JSON data block; every text from
 * the configurations goes through textContent, never through markup.
 */

export const PAGE_STYLE = `
:root { --up: #2e7d32; --traffic-blocked: #e65100; --ipsec-fails: #ad1457; --ike-fails: #d32f2f; --never-initiated: #6a1b9a; --unpaired: #757575;
  --bg: #fff; --fg: #1d1d1f; --muted: #666; --line: #ddd; --hl: #fff3c4; font-family: system-ui, -apple-system, "Segoe UI", sans-serif; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--fg); background: var(--bg); font-size: 14px; }
header { padding: 10px 16px; border-bottom: 1px solid var(--line); display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: baseline; }
h1 { font-size: 18px; margin: 0; }
h2 { font-size: 16px; margin: 0 0 8px; }
.chips { display: flex; flex-wrap: wrap; gap: 6px; }
.chip { border: 1px solid var(--line); border-radius: 12px; padding: 2px 10px; background: #fafafa; cursor: pointer; font: inherit; }
.chip[aria-pressed="true"] { outline: 2px solid var(--fg); }
.dot { display: inline-block; width: 10px; height: 10px; border-radius: 50%; margin-right: 5px; vertical-align: -1px; }
main { display: grid; grid-template-columns: minmax(360px, 1fr) minmax(420px, 1fr); grid-template-rows: auto auto; gap: 0; }
#map-panel { grid-column: 1; grid-row: 1 / span 2; border-right: 1px solid var(--line); position: relative; height: calc(100vh - 52px); min-height: 420px; }
#map { width: 100%; height: 100%; display: block; cursor: grab; background: #fcfcfc; }
#map.dragging { cursor: grabbing; }
.toolbar { position: absolute; top: 8px; left: 8px; display: flex; gap: 4px; z-index: 1; }
.toolbar button { font: inherit; min-width: 30px; padding: 2px 8px; border: 1px solid var(--line); background: #fff; border-radius: 4px; cursor: pointer; }
.edge { stroke-width: 1.4; stroke-opacity: .75; vector-effect: non-scaling-stroke; cursor: pointer; }
.edge.dim { stroke-opacity: .08; }
.edge.selected { stroke-width: 4; stroke-opacity: 1; }
.node { stroke: #fff; stroke-width: 1; vector-effect: non-scaling-stroke; cursor: pointer; }
.node.k-hub { stroke: #222; stroke-width: 2; }
.node.k-missing { fill: #fff; stroke: var(--unpaired); stroke-dasharray: 2 2; }
.label { font-size: 11px; fill: var(--muted); text-anchor: middle; pointer-events: none; }
.label.sector { font-size: 13px; font-weight: 600; }
#table-panel { grid-column: 2; grid-row: 1; padding: 8px 12px; overflow: auto; max-height: 55vh; }
.filters { display: flex; gap: 8px; align-items: center; margin-bottom: 6px; flex-wrap: wrap; }
.filters input { flex: 1; min-width: 160px; padding: 4px 6px; font: inherit; }
.filters select { font: inherit; padding: 3px; }
#count { color: var(--muted); }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 3px 6px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { position: sticky; top: 0; background: #f5f5f5; font-weight: 600; z-index: 1; }
#tunnels tbody tr { cursor: pointer; }
#tunnels tbody tr:hover, #tunnels tbody tr.selected { background: #eef4ff; }
.verdict { font-weight: 600; white-space: nowrap; }
.at { display: block; color: var(--muted); font-size: 12px; }
#detail { grid-column: 2; grid-row: 2; padding: 10px 12px; border-top: 1px solid var(--line); overflow: auto; max-height: 45vh; }
#side-by-side tr.differs td { background: var(--hl); }
#side-by-side tr.differs th::after { content: " ≠"; color: var(--ike-fails); }
#side-by-side th { position: static; width: 22%; background: #fafafa; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0 0 8px; }
dt { color: var(--muted); }
dd { margin: 0; }
ul.findings { padding-left: 18px; margin: 4px 0 10px; }
ul.findings li { margin-bottom: 4px; }
.decisive a { font-weight: 600; }
td.cause { font-size: 13px; word-break: break-word; }
td.addresses { white-space: nowrap; font-size: 13px; }
.muted { color: var(--muted); }
@media (max-width: 900px) { main { grid-template-columns: 1fr; } #map-panel { grid-row: auto; height: 60vh; } #table-panel, #detail { grid-column: 1; grid-row: auto; } }
`;

export const PAGE_SCRIPT = `
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('fwlint-data').textContent);
  var tunnels = data.tunnels;
  var SVG = 'http://www.w3.org/2000/svg';
  var state = { verdict: '', search: '', selected: -1 };

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    for (var key in attrs || {}) {
      if (key === 'text') node.textContent = attrs[key];
      else if (key === 'className') node.className = attrs[key];
      else node.setAttribute(key, attrs[key]);
    }
    (children || []).forEach(function (child) { if (child) node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child); });
    return node;
  }
  function svgEl(tag, attrs) {
    var node = document.createElementNS(SVG, tag);
    for (var key in attrs) node.setAttribute(key, attrs[key]);
    return node;
  }
  function colour(verdict) { return 'var(--' + verdict + ')'; }
  function place(file, line) { return line ? file + ':' + line : ''; }
  function endName(end) { return end.device; }
  function address(value) { return value.value.indexOf('cannot verify') === 0 ? '?' : value.value.split(' ')[0]; }
  function baseName(file) { return file.slice(file.lastIndexOf('/') + 1); }
  function endCell(end) { return el('td', { title: end.file + ':' + end.line }, [endName(end), el('span', { className: 'at', text: baseName(end.file) + ':' + end.line })]); }

  // Summary chips: one per verdict, a click filters the table and the map.
  var counts = {};
  data.verdicts.forEach(function (v) { counts[v] = 0; });
  tunnels.forEach(function (t) { counts[t.verdict]++; });
  var chips = document.getElementById('chips');
  data.verdicts.forEach(function (v) {
    if (!counts[v]) return;
    var chip = el('button', { type: 'button', className: 'chip', 'data-verdict': v, 'aria-pressed': 'false' }, [el('span', { className: 'dot', style: 'background:' + colour(v) }), v + ' ' + counts[v]]);
    chip.addEventListener('click', function () { setVerdict(state.verdict === v ? '' : v); });
    chips.appendChild(chip);
  });
  var select = document.getElementById('verdict-filter');
  data.verdicts.forEach(function (v) { select.appendChild(el('option', { value: v, text: v + ' (' + counts[v] + ')' })); });
  select.addEventListener('change', function () { setVerdict(select.value); });
  var search = document.getElementById('search');
  search.addEventListener('input', function () { state.search = search.value.trim().toLowerCase(); apply(); });

  // The map: edges coloured by verdict, nodes by their worst tunnel.
  var map = data.map;
  var svg = document.getElementById('map');
  var edgeLayer = svgEl('g', { id: 'edges' });
  var nodeLayer = svgEl('g', { id: 'nodes' });
  var labelLayer = svgEl('g', { id: 'labels' });
  svg.appendChild(edgeLayer); svg.appendChild(nodeLayer); svg.appendChild(labelLayer);
  var worst = map.nodes.map(function () { return data.verdicts.length - 1; });
  var edges = [];
  map.edges.forEach(function (edge) {
    var t = tunnels[edge.tunnel], a = map.nodes[edge.from], b = map.nodes[edge.to];
    var rank = data.verdicts.indexOf(t.verdict);
    worst[edge.from] = Math.min(worst[edge.from], rank);
    worst[edge.to] = Math.min(worst[edge.to], rank);
    var line = svgEl('line', { x1: a.x, y1: a.y, x2: b.x, y2: b.y, class: 'edge', stroke: colour(t.verdict), 'data-tunnel': t.id, 'data-verdict': t.verdict });
    var title = svgEl('title', {}); title.textContent = t.verdict + ': ' + t.ends.map(endName).join(' - ');
    line.appendChild(title);
    line.addEventListener('click', function () { selectTunnel(edge.tunnel, true); });
    edgeLayer.appendChild(line);
    edges[edge.tunnel] = line;
  });
  var radius = { hub: 9, spoke: 3.5, site: 6, missing: 3.5 };
  map.nodes.forEach(function (node, i) {
    var circle = svgEl('circle', { cx: node.x, cy: node.y, r: radius[node.kind], class: 'node k-' + node.kind, 'data-device': node.file });
    if (node.kind !== 'missing') circle.setAttribute('fill', colour(data.verdicts[worst[i]]));
    var title = svgEl('title', {}); title.textContent = node.kind === 'missing' ? node.name + ' (not in this run)' : node.name + ' (' + node.file + ')';
    circle.appendChild(title);
    circle.addEventListener('click', function () { search.value = node.kind === 'missing' ? node.name : node.file; state.search = search.value.toLowerCase(); apply(); });
    nodeLayer.appendChild(circle);
  });
  map.labels.forEach(function (label) {
    var text = svgEl('text', { x: label.x, y: label.y, class: label.verdict ? 'label sector' : 'label' });
    if (label.verdict) text.setAttribute('style', 'fill:' + colour(label.verdict));
    text.textContent = label.text;
    labelLayer.appendChild(text);
  });

  // Zoom (wheel, buttons) and pan (drag) through the viewBox, so 1,000 spokes stay readable.
  var full = { x: -20, y: -20, w: map.width + 40, h: map.height + 40 };
  var view = { x: full.x, y: full.y, w: full.w, h: full.h };
  function show() { svg.setAttribute('viewBox', [view.x, view.y, view.w, view.h].join(' ')); svg.setAttribute('data-zoom', (full.w / view.w).toFixed(2)); }
  function zoom(factor, cx, cy) {
    var w = Math.min(full.w * 2, Math.max(20, view.w / factor)), h = view.h * (w / view.w);
    if (cx === undefined) { cx = view.x + view.w / 2; cy = view.y + view.h / 2; }
    view.x = cx - (cx - view.x) * (w / view.w); view.y = cy - (cy - view.y) * (h / view.h); view.w = w; view.h = h; show();
  }
  function pointer(event) {
    var box = svg.getBoundingClientRect(), scale = Math.max(view.w / box.width, view.h / box.height);
    var offsetX = (box.width * scale - view.w) / 2, offsetY = (box.height * scale - view.h) / 2;
    return { x: view.x - offsetX + (event.clientX - box.left) * scale, y: view.y - offsetY + (event.clientY - box.top) * scale, scale: scale };
  }
  svg.addEventListener('wheel', function (event) { event.preventDefault(); var p = pointer(event); zoom(event.deltaY < 0 ? 1.25 : 0.8, p.x, p.y); }, { passive: false });
  var drag = null;
  svg.addEventListener('mousedown', function (event) { drag = { x: event.clientX, y: event.clientY, vx: view.x, vy: view.y, scale: pointer(event).scale }; svg.classList.add('dragging'); });
  window.addEventListener('mousemove', function (event) { if (!drag) return; view.x = drag.vx - (event.clientX - drag.x) * drag.scale; view.y = drag.vy - (event.clientY - drag.y) * drag.scale; show(); });
  window.addEventListener('mouseup', function () { drag = null; svg.classList.remove('dragging'); });
  document.getElementById('zoom-in').addEventListener('click', function () { zoom(1.5); });
  document.getElementById('zoom-out').addEventListener('click', function () { zoom(1 / 1.5); });
  document.getElementById('zoom-fit').addEventListener('click', function () { view = { x: full.x, y: full.y, w: full.w, h: full.h }; show(); });
  show();

  // --changed: a Before column, each row's verdict before the change.
  var before = null;
  if (data.changes) {
    before = {};
    data.changes.forEach(function (change) { before[change.id] = change.before; });
    var headRow = document.querySelector('#tunnels thead tr');
    headRow.insertBefore(el('th', { text: 'Before' }), headRow.children[1]);
  }
  // The table: one row per tunnel, filtered by verdict and by a search on devices, files and addresses.
  var tbody = document.querySelector('#tunnels tbody');
  var rows = [];
  var haystacks = [];
  var fragment = document.createDocumentFragment();
  tunnels.forEach(function (t, i) {
    var a = t.ends[0], b = t.ends[1];
    var lead = t.findings.filter(function (f) { return f.decisive; })[0];
    var cause = lead ? lead.ruleId.slice(lead.ruleId.indexOf('/') + 1) + ' ' + place(baseName(lead.file), lead.line) : (t.reasons[0] || '');
    var row = el('tr', { 'data-tunnel': t.id, 'data-verdict': t.verdict, tabindex: '0' }, [
      el('td', {}, [el('span', { className: 'verdict', style: 'color:' + colour(t.verdict), text: t.verdict })]),
      endCell(a),
      b ? endCell(b) : el('td', {}, [el('span', { className: 'muted', text: 'not in this run' })]),
      el('td', { className: 'addresses' }, [address(a.localAddress) + ' → ' + (b ? address(b.localAddress) : a.remoteAddress.value)]),
      el('td', { className: 'cause', text: cause }),
    ]);
    if (before) {
      var was = before[t.id] === undefined ? null : before[t.id];
      row.setAttribute('data-before', was === null ? 'none' : was);
      row.insertBefore(el('td', {}, [el('span', { className: 'verdict', style: was ? 'color:' + colour(was) : '', text: was === null ? 'new' : was === t.verdict ? 'same' : was })]), row.children[1]);
    }
    row.addEventListener('click', function () { selectTunnel(i, false); });
    row.addEventListener('keydown', function (event) { if (event.key === 'Enter') selectTunnel(i, false); });
    rows.push(row);
    haystacks.push([t.id, t.verdict].concat(t.ends.map(function (e) { return [e.device, e.file, e.policy, e.localAddress.value, e.remoteAddress.value, e.interface.value].join(' '); })).join(' ').toLowerCase());
    fragment.appendChild(row);
  });
  tbody.appendChild(fragment);

  function setVerdict(verdict) {
    state.verdict = verdict; select.value = verdict;
    Array.prototype.forEach.call(chips.children, function (chip) { chip.setAttribute('aria-pressed', String(chip.getAttribute('data-verdict') === verdict)); });
    apply();
  }
  function apply() {
    var shown = 0;
    tunnels.forEach(function (t, i) {
      var visible = (!state.verdict || t.verdict === state.verdict) && (!state.search || haystacks[i].indexOf(state.search) >= 0);
      rows[i].hidden = !visible;
      if (edges[i]) edges[i].classList.toggle('dim', !visible);
      if (visible) shown++;
    });
    var count = document.getElementById('count');
    count.textContent = 'Showing ' + shown + ' of ' + tunnels.length + ' tunnels';
    count.setAttribute('data-shown', String(shown));
  }

  // Selecting a tunnel: both ends side by side, differences highlighted, each value with its file:line.
  function selectTunnel(index, fromMap) {
    if (state.selected >= 0) { rows[state.selected].classList.remove('selected'); if (edges[state.selected]) edges[state.selected].classList.remove('selected'); }
    state.selected = index;
    var t = tunnels[index];
    rows[index].classList.add('selected');
    if (edges[index]) { edges[index].classList.add('selected'); edgeLayer.appendChild(edges[index]); }
    if (fromMap && rows[index].hidden) { search.value = ''; state.search = ''; setVerdict(''); }
    if (fromMap) rows[index].scrollIntoView({ block: 'nearest' });
    var detail = document.getElementById('detail');
    detail.setAttribute('data-tunnel', t.id);
    detail.setAttribute('data-verdict', t.verdict);
    detail.hidden = false;
    detail.textContent = '';
    detail.appendChild(el('h2', {}, [el('span', { className: 'verdict', style: 'color:' + colour(t.verdict), text: t.verdict }), ' ', t.ends.map(endName).join(' ↔ ')]));
    t.reasons.forEach(function (reason) { detail.appendChild(el('p', { className: 'reason', text: reason })); });
    if (t.ends.length > 1) {
      var dl = el('dl', { id: 'negotiated' });
      data.negotiatedKeys.forEach(function (key) { dl.appendChild(el('dt', { text: data.labels[key] })); dl.appendChild(el('dd', { 'data-key': key, text: t.negotiated[key] })); });
      detail.appendChild(dl);
    }
    if (t.findings.length) {
      detail.appendChild(el('h2', { text: 'Findings' }));
      var list = el('ul', { className: 'findings' });
      t.findings.forEach(function (f) {
        var link = el('a', { href: f.docs, target: '_blank', rel: 'noopener noreferrer', text: f.ruleId });
        list.appendChild(el('li', { className: f.decisive ? 'decisive' : '', 'data-rule': f.ruleId }, [f.severity + ' ', link, ' ' + place(f.file, f.line) + (f.phase ? ' (' + f.phase + ')' : '') + ': ', el('span', { text: f.message })]));
      });
      detail.appendChild(list);
    }
    var table = el('table', { id: 'side-by-side' });
    table.appendChild(el('thead', {}, [el('tr', {}, [el('th', { text: '' })].concat(t.ends.map(function (e) { return el('th', {}, [e.device, el('span', { className: 'at', text: place(e.file, e.line) })]); })).concat(t.ends.length > 1 ? [] : [el('th', { className: 'muted', text: 'other end: not in this run' })]))]));
    var body = el('tbody');
    function addRow(key, label, cell) {
      var tr = el('tr', { 'data-key': key }, [el('th', { text: label })].concat(t.ends.map(cell)));
      if (t.ends.length < 2) tr.appendChild(el('td', { className: 'muted', text: '—' }));
      if (t.differences.indexOf(key) >= 0) tr.className = 'differs';
      body.appendChild(tr);
    }
    addRow('policy', 'Policy', function (e) { return el('td', {}, [e.policy + ' (' + e.kind + ')', el('span', { className: 'at', text: e.entry })]); });
    addRow('role', 'Role', function (e) { return el('td', { text: e.role }); });
    data.endKeys.forEach(function (key) {
      addRow(key, data.labels[key], function (e) {
        var value = data.placeKeys.indexOf(key) >= 0 ? e[key] : e.values[key];
        return el('td', {}, [value.value, value.line ? el('span', { className: 'at', text: place(e.file, value.line) }) : null]);
      });
    });
    table.appendChild(body);
    detail.appendChild(table);
  }
  apply();
  var initial = /^#tunnel=(\\d+)$/.exec(location.hash);
  if (initial && tunnels[Number(initial[1])]) selectTunnel(Number(initial[1]), true);
  document.body.setAttribute('data-ready', 'true');
})();
`;
