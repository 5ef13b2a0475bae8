import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fwlint, repositoryRoot, tempDir, write } from './run-cli.js';

const RULE_FILES = readdirSync(path.join(repositoryRoot, 'rules')).filter((name) => name.endsWith('.md')).map((name) => name.replace(/\.md$/, ''));

describe('fwlint rules', () => {
  it('lists every rule with severity, preset and fixable, within 100 columns', () => {
    const { status, stdout } = fwlint(['rules']);
    expect(status).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toMatch(/^RULE\s+SEVERITY\s+PRESET\s+FIX\s+DESCRIPTION$/);
    for (const id of RULE_FILES) expect(stdout, id).toMatch(new RegExp(`^${id}\\s+(error|warning)\\s+(recommended|strict|-)\\s+(fix\\+sugg|fix|sugg|-)\\s+\\S`, 'm'));
    expect(stdout).toMatch(/^pfs-mismatch\s+error\s+recommended\s+sugg\s/m);
    expect(stdout).toMatch(/^remote-address-mismatch\s+error\s+recommended\s+fix\s/m);
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThanOrEqual(100);
    const json = JSON.parse(fwlint(['rules', '--json']).stdout) as { id: string; severity: string }[];
    expect(json.map((r) => r.id)).toEqual(expect.arrayContaining(RULE_FILES.map((id) => `fwlint/${id}`)));
  });

  it('prints one rule\'s documentation; an unknown id is a usage error with a suggestion', () => {
    const doc = fwlint(['rules', 'fwlint/pfs-mismatch']);
    expect(doc.status).toBe(0);
    expect(doc.stdout).toMatch(/^# fwlint\/pfs-mismatch\n/);
    expect(doc.stdout).toContain('## Why it breaks the VPN');
    expect(doc.stdout).toBe(fwlint(['rules', 'pfs-mismatch']).stdout);
    expect(doc.stdout).toContain(readFileSync(path.join(repositoryRoot, 'docs/rules/pfs-mismatch.md'), 'utf8').split('\n')[4]);
    const unknown = fwlint(['rules', 'pfs-mismach']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toBe('fwlint: unknown rule "pfs-mismach" (did you mean "pfs-mismatch"?); "fwlint rules" lists them\n');
  });

  it('a subcommand wins over a path of the same name; ./rules lints the directory', () => {
    const dir = tempDir('fwlint-sub-');
    write(dir, 'rules/site.cfg', 'sysname R1\n#\nreturn\n');
    expect(fwlint(['rules'], { cwd: dir }).stdout).toMatch(/^RULE/);
    const linted = fwlint(['./rules', '-f', 'json'], { cwd: dir });
    expect(linted.status).toBe(0);
    expect((JSON.parse(linted.stdout) as { filePath: string }[]).map((r) => path.basename(r.filePath))).toEqual(['site.cfg']);
    const reserved = fwlint(['fix'], { cwd: dir });
    expect(reserved.status).toBe(2);
    expect(reserved.stderr).toBe('fwlint: "fwlint fix" needs --commands (fwlint fix --commands [paths]); to change the files, run fwlint --fix\n');
    const explain = fwlint(['explain'], { cwd: dir });
    expect(explain.status).toBe(2);
    expect(explain.stderr).toBe('fwlint: fwlint explain needs RUNTIME (a file, or - for stdin) or a reason; see fwlint explain --help\n');
  });
});

describe('fwlint --print-config FILE', () => {
  it('prints the configuration file and the rules in effect for that file, overrides applied', () => {
    const dir = tempDir('fwlint-print-');
    write(dir, '.git/HEAD', 'ref: refs/heads/main\n');
    write(
      dir,
      'fwlint.config.json',
      JSON.stringify({ rules: { 'dpd-not-configured': 'error' }, overrides: [{ files: ['lab/**'], rules: { 'pfs-mismatch': 'off', 'dpd-not-configured': 'warn' } }] }),
    );
    const print = (file: string) => JSON.parse(fwlint(['--print-config', file], { cwd: dir }).stdout) as { configFile: string; rules: Record<string, unknown>; off: string[] };
    const hq = print('hq.cfg');
    expect(hq.configFile).toBe('fwlint.config.json');
    expect(hq.rules['dpd-not-configured']).toBe('error');
    expect(hq.rules['pfs-mismatch']).toBe('error');
    const lab = print('lab/r1.cfg');
    expect(lab.rules['dpd-not-configured']).toBe('warn');
    expect(lab.rules['pfs-mismatch']).toBeUndefined();
    expect(lab.off).toContain('pfs-mismatch');
    expect(fwlint(['--print-config', 'hq.cfg', 'other.cfg'], { cwd: dir }).status).toBe(2);
  });
});

describe('fwlint --stats', () => {
  it('adds the findings per rule on stderr, totals equal to the report', () => {
    const { status, stdout, stderr } = fwlint(['configs-examples/pfs-mismatch/flagged', '-f', 'json', '--stats']);
    expect(status).toBe(1);
    const results = JSON.parse(stdout) as { errorCount: number; warningCount: number }[];
    const total = results.reduce((n, r) => n + r.errorCount + r.warningCount, 0);
    expect(stderr).toMatch(/^fwlint: findings per rule\n/);
    expect(stderr).toMatch(/^\s+2\s+2\s+0\s+fwlint\/pfs-mismatch$/m);
    expect(stderr).toMatch(new RegExp(`^\\s+${total}\\s+\\d+\\s+\\d+\\s+\\(all rules\\)$`, 'm'));
  });
});
