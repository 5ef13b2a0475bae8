import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { RuleRegistry } from '../../src/engine/registry.js';
import { countVerdicts, reviewTunnels, type TunnelReview } from '../../src/engine/tunnel-review.js';
import { formatTunnels } from '../../src/format/tunnels/index.js';
import { launchChromium } from '../helpers/chromium.js';
import { lintInputs, readConfigDir, repoRoot, type Input } from '../helpers/rule-harness.js';

const outputDir = path.join(repoRoot, 'test-output');
const recommended = rules.filter((rule) => rule.meta.presets.includes('recommended')).map((rule) => rule.meta.id);
const metas = new RuleRegistry(rules).metas;
const generator = (await import(pathToFileURL(path.join(repoRoot, 'bench/generate.js')).href)) as { generateNetwork(n: number): { name: string; text: string }[] };

/** The page `fwlint tunnels --format html` writes for these inputs, saved under test-output/. */
function writePage(name: string, inputs: readonly Input[]): { file: string; reviews: TunnelReview[] } {
  const reviews = reviewTunnels(lintInputs(inputs, recommended), metas);
  const html = formatTunnels('html', { reviews, version: 'test', deviceCount: inputs.length });
  mkdirSync(outputDir, { recursive: true });
  const file = path.join(outputDir, `${name}.html`);
  writeFileSync(file, html);
  return { file, reviews };
}

/** Opens the page with every network request refused and counted; returns the time until the script is done. */
async function open(page: Page, file: string): Promise<{ milliseconds: number; requests: string[] }> {
  const requests: string[] = [];
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    if (request.url() === pathToFileURL(file).href) return void request.continue();
    requests.push(request.url());
    void request.abort();
  });
  const start = performance.now();
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  await page.waitForSelector('body[data-ready="true"]');
  return { milliseconds: performance.now() - start, requests };
}

const countOf = (page: Page, selector: string): Promise<number> => page.$$eval(selector, (nodes) => nodes.length);

describe('the tunnel review page in headless Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('configs-examples: map, table counts, filters, search and the side-by-side view', async () => {
    const inputs = [...readConfigDir('configs-examples')];
    const { file, reviews } = writePage('tunnels-examples', inputs);
    const page = await browser.newPage();
    await page.setViewport({ width: 1400, height: 900 });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    const { requests } = await open(page, file);
    expect(requests).toEqual([]);
    expect(errors).toEqual([]);

    // Map: one edge per tunnel, carrying its id and verdict.
    expect(await countOf(page, '#map line.edge[data-tunnel][data-verdict]')).toBe(reviews.length);
    const counts = countVerdicts(reviews);
    for (const [verdict, count] of Object.entries(counts)) {
      expect(await countOf(page, `#map line.edge[data-verdict="${verdict}"]`), verdict).toBe(count);
      expect(await countOf(page, `#tunnels tbody tr[data-verdict="${verdict}"]`), verdict).toBe(count);
    }
    expect(await countOf(page, '#map circle.node')).toBeGreaterThanOrEqual(new Set(reviews.flatMap((r) => r.ends.map((e) => e.file))).size);

    // Table: everything, then one verdict, then a search.
    const shown = (): Promise<number> => page.$eval('#count', (node) => Number(node.getAttribute('data-shown')));
    expect(await shown()).toBe(reviews.length);
    await page.select('#verdict-filter', 'ike-fails');
    expect(await shown()).toBe(counts['ike-fails']);
    expect(await countOf(page, '#tunnels tbody tr:not([hidden])')).toBe(counts['ike-fails']);
    expect(await countOf(page, '#map line.edge.dim')).toBe(reviews.length - counts['ike-fails']);
    await page.select('#verdict-filter', '');
    await page.type('#search', 'ikeprop-');
    expect(await shown()).toBe(reviews.filter((r) => r.ends.some((e) => e.device.startsWith('ikeprop-'))).length);

    // Side-by-side: the IKE proposal mismatch, differences highlighted, each value with its file:line.
    const tunnel = reviews.find((r) => r.id.includes('ike-proposal-mismatch/flagged'))!;
    await page.click(`#tunnels tbody tr[data-tunnel="${tunnel.id}"]`);
    await page.waitForSelector(`#detail[data-tunnel="${tunnel.id}"]:not([hidden])`);
    expect(await page.$eval('#detail', (node) => node.getAttribute('data-verdict'))).toBe('ike-fails');
    const headers = await page.$$eval('#side-by-side thead th', (cells) => cells.map((cell) => cell.textContent ?? ''));
    expect(headers.slice(1)).toEqual(tunnel.ends.map((end) => `${end.device}${end.file}:${end.line}`));
    const differing = await page.$$eval('#side-by-side tr.differs', (rows) => rows.map((row) => row.getAttribute('data-key')));
    expect(differing).toEqual(tunnel.differences);
    expect(differing).toContain('ikeProposal');
    const proposalCells = await page.$$eval('#side-by-side tr[data-key="ikeProposal"] td', (cells) => cells.map((cell) => cell.textContent ?? ''));
    expect(proposalCells).toEqual(tunnel.ends.map((end) => `${end.values.ikeProposal.value}${end.file}:${end.values.ikeProposal.line}`));
    expect(await page.$eval('#detail ul.findings li.decisive', (node) => node.textContent)).toContain('fwlint/ike-proposal-mismatch');
    expect(await page.$eval('#map line.edge.selected', (node) => node.getAttribute('data-tunnel'))).toBe(tunnel.id);

    // Selecting on the map shows the same view.
    const other = reviews.find((r) => r.verdict === 'never-initiated')!;
    await page.$eval(`#map line.edge[data-tunnel="${other.id}"]`, (node) => node.dispatchEvent(new MouseEvent('click', { bubbles: true })));
    await page.waitForSelector(`#detail[data-tunnel="${other.id}"]`);
    await page.screenshot({ path: path.join(outputDir, 'tunnels-examples.png') });
    await page.close();
  });

  it('a 300-spoke hub network (bench/generate.js): every spoke up around its hub, grouped and zoomable', async () => {
    const inputs = generator.generateNetwork(300).map((f) => ({ file: f.name, text: f.text }));
    const { file, reviews } = writePage('tunnels-300', inputs);
    expect(reviews).toHaveLength(300);
    const page = await browser.newPage();
    await page.setViewport({ width: 1400, height: 900 });
    const { milliseconds, requests } = await open(page, file);
    expect(requests).toEqual([]);
    expect(milliseconds).toBeLessThan(10_000);
    expect(await countOf(page, '#map line.edge[data-verdict="up"]')).toBe(300);
    expect(await countOf(page, '#map circle.node.k-hub')).toBe(1);
    expect(await countOf(page, '#map circle.node.k-spoke')).toBe(300);
    expect(await page.$$eval('#map text.label.sector', (nodes) => nodes.map((n) => n.textContent))).toEqual(['up 300']);
    expect(await countOf(page, '#tunnels tbody tr')).toBe(300);
    // Zoom in with the button: the view box shrinks.
    const before = await page.$eval('#map', (node) => node.getAttribute('viewBox'));
    await page.click('#zoom-in');
    const after = await page.$eval('#map', (node) => node.getAttribute('viewBox'));
    expect(Number(after!.split(' ')[2])).toBeLessThan(Number(before!.split(' ')[2]));
    await page.click('#zoom-fit');
    await page.type('#search', 'spoke17');
    await page.click('#tunnels tbody tr:not([hidden])');
    await page.waitForSelector('#detail:not([hidden])');
    expect(await countOf(page, '#side-by-side tr.differs')).toBe(0);
    await page.screenshot({ path: path.join(outputDir, 'tunnels-300.png') });
    await page.close();
  });
});
