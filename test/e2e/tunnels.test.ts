import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { edit, networkRepository } from '../repository/git-repo.js';
import { fwlint, repositoryRoot, tempDir, write, warningsOf } from './run-cli.js';

const example = (id: string): string => `configs-examples/${id}`;

describe('fwlint tunnels (through bin/fwlint.js)', () => {
  it('prints the table and exits 0 when every tunnel is up', () => {
    const result = fwlint(['tunnels', example('site-to-site')]);
    expect(warningsOf(result.stderr)).toBe('');
    expect(result.status).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(/^VERDICT\s+END A\s+END B\s+CAUSE$/);
    expect(lines[1]).toMatch(/^up\s+BRANCH-FW branch\.cfg:\d+\s+HQ-FW hq\.cfg:\d+$/);
    expect(result.stdout).toContain('1 tunnel: 1 up between 2 devices.');
  });

  it('exits 1 when a tunnel fails (0 with --exit-zero); json names the verdict and the findings', () => {
    const failing = fwlint(['tunnels', '--format', 'json', example('ike-proposal-mismatch/flagged')]);
    expect(failing.status).toBe(1);
    const [tunnel] = JSON.parse(failing.stdout) as { verdict: string; findings: { ruleId: string; decisive: boolean }[]; ends: unknown[] }[];
    expect(tunnel.verdict).toBe('ike-fails');
    expect(tunnel.ends).toHaveLength(2);
    expect(tunnel.findings.filter((f) => f.decisive).map((f) => f.ruleId)).toEqual(['fwlint/ike-proposal-mismatch', 'fwlint/ike-proposal-mismatch']);
    expect(fwlint(['tunnels', '-f', 'json', '--exit-zero', example('ike-proposal-mismatch/flagged')]).status).toBe(0);
  });

  it('writes markdown, and the html page to -o only', () => {
    const markdown = fwlint(['tunnels', '--format=markdown', example('pfs-mismatch')]);
    expect(markdown.stdout).toMatch(/^## fwlint tunnel review\n\n2 tunnels: 1 ipsec-fails, 1 up between 4 devices\.\n/);
    const dir = tempDir();
    const page = path.join(dir, 'review.html');
    const html = fwlint(['tunnels', '-f', 'html', '-o', page, example('pfs-mismatch')]);
    expect(html.stdout).toBe('');
    expect(html.status).toBe(1);
    const text = readFileSync(page, 'utf8');
    expect(text).toMatch(/^<!doctype html>/);
    expect(text).toContain('"verdict":"ipsec-fails"');
  });

  it('appends the markdown table to $GITHUB_STEP_SUMMARY', () => {
    const dir = tempDir();
    const summary = path.join(dir, 'summary.md');
    const result = fwlint(['tunnels', example('site-to-site')], { env: { GITHUB_STEP_SUMMARY: summary } });
    expect(result.status).toBe(0);
    expect(readFileSync(summary, 'utf8')).toMatch(/^## fwlint tunnel review\n\n1 tunnel: 1 up between 2 devices\./);
  });

  it('refuses the linter formats and options that mean nothing for the review (exit 2)', () => {
    const format = fwlint(['tunnels', '--format', 'pretty', example('site-to-site')]);
    expect(format.status).toBe(2);
    expect(format.stderr).toBe('fwlint: unknown format "pretty"; fwlint tunnels writes table, json, markdown, html\n');
    const baseline = fwlint(['tunnels', '--baseline', 'b.json', example('site-to-site')]);
    expect(baseline.status).toBe(2);
    expect(baseline.stderr).toContain('--baseline is an option of the linter');
    expect(fwlint(['tunnels', '--help']).stdout).toContain('Usage: fwlint tunnels [options]');
  });

  it('repository mode: a file named inside a repository is reviewed with the rest as context', () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, '.git'));
    cpSync(path.join(repositoryRoot, example('site-to-site')), path.join(dir, 'configs', 'site'), { recursive: true });
    cpSync(path.join(repositoryRoot, example('pfs-mismatch/flagged')), path.join(dir, 'configs', 'pfs'), { recursive: true });
    write(dir, 'fwlint.config.json', '{}\n');
    const target = fwlint(['tunnels', '-f', 'json', 'configs/site/hq.cfg'], { cwd: dir });
    const tunnels = JSON.parse(target.stdout) as { verdict: string; ends: { file: string }[] }[];
    expect(tunnels.map((t) => [t.verdict, t.ends.map((e) => e.file).sort()])).toEqual([['up', ['configs/site/branch.cfg', 'configs/site/hq.cfg']]]);
    const all = JSON.parse(fwlint(['tunnels', '-f', 'json'], { cwd: dir }).stdout) as { verdict: string }[];
    expect(all.map((t) => t.verdict).sort()).toEqual(['ipsec-fails', 'up']);
    expect(existsSync(path.join(dir, 'review.html'))).toBe(false);
  });
});

describe('fwlint tunnels --changed [REF]', () => {
  it('shows each tunnel the change touches with its verdict before and after', () => {
    const dir = networkRepository('sites');
    edit(dir, 'sites/hq.cfg', ' encryption-algorithm aes-256\n', ' encryption-algorithm aes-128\n');
    const json = fwlint(['tunnels', '--changed', '-f', 'json'], { cwd: dir });
    expect(json.status).toBe(1);
    const changes = JSON.parse(json.stdout) as { id: string; before: string | null; after: string | null; tunnel: { verdict: string } }[];
    expect(changes.map((c) => [c.before, c.after, c.tunnel.verdict])).toEqual([['up', 'ike-fails', 'ike-fails']]);
    const table = fwlint(['tunnels', '--changed'], { cwd: dir });
    expect(table.stdout).toMatch(/^BEFORE → AFTER\s+END A\s+END B\s+CAUSE \(after\)\nup → ike-fails\s+(HQ-FW hq|BRANCH-FW branch)\.cfg:\d+\s+(HQ-FW hq|BRANCH-FW branch)\.cfg:\d+\s+ike-proposal-mismatch [AB]:\d+\n/);
    expect(table.stdout).toContain('\n1 tunnel goes from up to ike-fails.\n');
    const markdown = fwlint(['tunnels', '--changed', '-f', 'markdown'], { cwd: dir });
    expect(markdown.stdout).toContain('- 1 tunnel goes from up to ike-fails');
    expect(markdown.stdout).toMatch(/\n\| up → ike-fails \| ❌ ike-fails \| /);
  });

  it('a deleted end: the tunnel is removed and the other end is left unpaired', () => {
    const dir = networkRepository('sites');
    rmSync(path.join(dir, 'sites/branch.cfg'));
    const changes = JSON.parse(fwlint(['tunnels', '--changed', '-f', 'json'], { cwd: dir }).stdout) as { before: string | null; after: string | null }[];
    expect(changes.map((c) => [c.before, c.after])).toEqual([
      [null, 'unpaired'],
      ['up', null],
    ]);
    const html = fwlint(['tunnels', '--changed', '-f', 'html', '-o', 'review.html'], { cwd: dir });
    expect(html.status).toBe(0);
    expect(readFileSync(path.join(dir, 'review.html'), 'utf8')).toContain('1 tunnel removed (up before)');
  });
});
