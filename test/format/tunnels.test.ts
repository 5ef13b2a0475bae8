import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { RuleRegistry } from '../../src/engine/registry.js';
import { reviewTunnels, TUNNEL_VERDICTS, type TunnelReview } from '../../src/engine/tunnel-review.js';
import { END_PLACE_KEYS, END_VALUE_KEYS, NEGOTIATED_KEYS } from '../../src/engine/tunnel-values.js';
import { formatTunnels, type TunnelReportInput } from '../../src/format/tunnels/index.js';
import { layoutMap } from '../../src/format/tunnels/layout.js';
import { stepSummaryMarkdown } from '../../src/format/github.js';
import { markdownCell, tunnelsWithFindingsMarkdown } from '../../src/format/tunnels/markdown.js';
import { hubAndSpokes } from '../helpers/hub-network.js';
import { lintInputs, readConfigDir, type Input } from '../helpers/rule-harness.js';

const metas = new RuleRegistry(rules).metas;
const allRules = rules.map((rule) => rule.meta.id);

function inputFor(inputs: readonly Input[]): TunnelReportInput {
  const reviews = reviewTunnels(lintInputs(inputs, allRules), metas);
  return { reviews, version: '0.0.0-test', deviceCount: new Set(reviews.flatMap((r) => r.ends.map((e) => e.file))).size };
}

const examples = (): Input[] => [...readConfigDir('configs-examples/ike-proposal-mismatch/flagged'), ...readConfigDir('configs-examples/site-to-site'), ...readConfigDir('configs-examples/pfs-mismatch/fixed').slice(0, 1)];

describe('fwlint tunnels formats', () => {
  it('json: an array of tunnel objects with both ends, the negotiated values, the verdict and its findings', () => {
    const input = inputFor(examples());
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the parsed report is checked field by field
    const tunnels = JSON.parse(formatTunnels('json', input)) as Record<string, any>[];
    expect(tunnels).toHaveLength(3);
    expect(tunnels.map((t) => t.verdict)).toEqual(['unpaired', 'ike-fails', 'up']);
    for (const tunnel of tunnels) {
      expect(Object.keys(tunnel)).toEqual(['id', 'verdict', 'ends', 'pairedBy', 'negotiated', 'differences', 'reasons', 'findings']);
      expect(TUNNEL_VERDICTS).toContain(tunnel.verdict);
      expect(Object.keys(tunnel.negotiated)).toEqual([...NEGOTIATED_KEYS]);
      for (const end of tunnel.ends) {
        expect(Object.keys(end)).toEqual(['device', 'file', 'line', 'entry', 'policy', 'group', 'seq', 'kind', 'role', ...END_PLACE_KEYS, 'values']);
        expect(['initiator', 'responder', 'both']).toContain(end.role);
        expect(Object.keys(end.values)).toEqual([...END_VALUE_KEYS]);
        for (const value of [...END_PLACE_KEYS.map((k) => end[k]), ...Object.values(end.values)] as { value: string; line?: number }[]) {
          expect(typeof value.value).toBe('string');
          if (value.line !== undefined) expect(value.line).toBeGreaterThan(0);
        }
      }
    }
    const failing = tunnels[1];
    expect(failing.ends).toHaveLength(2);
    expect(failing.findings[0]).toMatchObject({ ruleId: 'fwlint/ike-proposal-mismatch', severity: 'error', phase: 'ike', decisive: true, scope: 'tunnel' });
    expect(failing.findings[0].docs).toMatch(/docs\/rules\/ike-proposal-mismatch\.md$/);
    expect(tunnels[0].ends).toHaveLength(1);
    expect(tunnels[0].pairedBy).toBe('none');
  });

  it('table: one line per tunnel within 100 columns, then the counts', () => {
    const input = inputFor(readConfigDir('configs-examples').slice(0, 40));
    const table = formatTunnels('table', input);
    const lines = table.trimEnd().split('\n');
    for (const line of lines) expect([...line].length, line).toBeLessThanOrEqual(100);
    expect(lines[0]).toMatch(/^VERDICT\s+END A\s+END B\s+CAUSE$/);
    const body = lines.slice(1, lines.indexOf(''));
    expect(body).toHaveLength(input.reviews.length);
    body.forEach((line, i) => expect(line.startsWith(input.reviews[i].verdict)).toBe(true));
    expect(table).toMatch(/\d+ tunnels: .* between \d+\s+devices\./);
  });

  it('markdown: a heading, the counts and one table row per tunnel, cells inert and escaped', () => {
    const inputs = examples();
    inputs[0] = { ...inputs[0], text: inputs[0].text.replace(/ sysname \S+/, ' sysname <b>x|y</b>`z`\u202e') };
    const markdown = formatTunnels('markdown', inputFor(inputs));
    const lines = markdown.trimEnd().split('\n');
    expect(lines[0]).toBe('## fwlint tunnel review');
    expect(lines[2]).toMatch(/^3 tunnels: 1 unpaired, 1 ike-fails, 1 up between \d+ devices\.$/);
    expect(lines[4]).toBe('| Verdict | End A | End B | Negotiated | Findings |');
    const rows = lines.slice(6);
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row.split(/(?<!\\)\|/).length).toBe(7);
    expect(markdown).toContain('&lt;b&gt;x\\|y&lt;/b&gt;\\`z\\`\\\\u202e');
    expect(markdown).not.toContain('<b>');
    expect(markdown).toContain('[fwlint/ike-proposal-mismatch](');
    expect(markdownCell('a|b*c')).toBe('a\\|b\\*c');
  });

  it('the linter job summary part lists only tunnels with findings', () => {
    const input = inputFor(examples());
    const summary = tunnelsWithFindingsMarkdown(input.reviews);
    expect(summary).toMatch(/^### Tunnels with findings\n\n1 tunnel: 1 ike-fails\./);
    expect(tunnelsWithFindingsMarkdown(input.reviews.filter((r) => r.verdict === 'up'))).toBe('');
  });

  it("the github format's job summary appends the tunnels with findings when the review is given", () => {
    const outcome = lintInputs(examples(), allRules);
    const tunnels = reviewTunnels(outcome, metas);
    const base = { findings: outcome.findings, files: [], metas, cwd: '/', repositoryRoot: '/', version: 'test' };
    expect(stepSummaryMarkdown(base)).not.toContain('Tunnels with findings');
    const summary = stepSummaryMarkdown({ ...base, tunnels });
    expect(summary).toMatch(/^## fwlint\n/);
    expect(summary).toContain('\n### Tunnels with findings\n\n1 tunnel: 1 ike-fails.\n');
  });

  it('html: one self-contained page, no network access, every tunnel in the data', () => {
    const input = inputFor(examples());
    const html = formatTunnels('html', input);
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain("default-src 'none'");
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/i);
    const data = JSON.parse(/<script type="application\/json" id="fwlint-data">(.*?)<\/script>/s.exec(html)![1]);
    expect(data.tunnels.map((t: TunnelReview) => t.id)).toEqual(input.reviews.map((r) => r.id));
    expect(html.length).toBeLessThan(200_000);
  });

  it('html: text from a configuration cannot close the data block', () => {
    const inputs = examples();
    inputs[1] = { ...inputs[1], text: inputs[1].text.replace(/ sysname \S+/, ' sysname </script><script>alert(1)</script>') };
    const html = formatTunnels('html', inputFor(inputs));
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(html).not.toContain('alert(1)</script>');
  });

  it('map layout: a hub with its spokes in rings, one sector label per verdict, every tunnel an edge', () => {
    const input = inputFor(hubAndSpokes(40));
    const map = layoutMap(input.reviews);
    expect(map.edges).toHaveLength(input.reviews.length);
    const hub = map.nodes.find((node) => node.kind === 'hub')!;
    expect(hub.name).toBe('HUB');
    const spokes = map.nodes.filter((node) => node.kind === 'spoke');
    expect(spokes).toHaveLength(40);
    const distances = spokes.map((s) => Math.hypot(s.x - hub.x, s.y - hub.y));
    expect(Math.min(...distances)).toBeGreaterThan(50);
    const sectors = map.labels.filter((label) => label.verdict);
    expect(sectors.map((s) => s.verdict)).toEqual([...new Set(input.reviews.map((r) => r.verdict))]);
    for (const node of map.nodes) {
      expect(node.x).toBeGreaterThanOrEqual(0);
      expect(node.y).toBeGreaterThanOrEqual(0);
      expect(node.x).toBeLessThanOrEqual(map.width);
      expect(node.y).toBeLessThanOrEqual(map.height);
    }
  });
});
