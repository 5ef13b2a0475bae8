import { describe, expect, it } from 'vitest';
import { fwlint } from './run-cli.js';

// The bundled examples hold two-end faults (both ends' files) and one-end faults: every format
// must list the same entries, and show the other end's location.
const EXAMPLES = ['configs-examples/'];

function counts(format: string): { errors: number; warnings: number } {
  const { stdout, status } = fwlint([...EXAMPLES, '-f', format], { env: { COLUMNS: '80' } });
  expect(status).toBe(1);
  switch (format) {
    case 'json': {
      const results = JSON.parse(stdout) as { errorCount: number; warningCount: number }[];
      return { errors: results.reduce((n, r) => n + r.errorCount, 0), warnings: results.reduce((n, r) => n + r.warningCount, 0) };
    }
    case 'sarif': {
      const results = (JSON.parse(stdout) as { runs: { results: { level: string }[] }[] }).runs[0].results;
      return { errors: results.filter((r) => r.level === 'error').length, warnings: results.filter((r) => r.level === 'warning').length };
    }
    case 'compact': {
      const lines = stdout.trimEnd().split('\n');
      return { errors: lines.filter((l) => /^\S+:\d+:\d+: error /.test(l)).length, warnings: lines.filter((l) => /^\S+:\d+:\d+: warning /.test(l)).length };
    }
    case 'github': {
      const lines = stdout.trimEnd().split('\n');
      return { errors: lines.filter((l) => l.startsWith('::error file=')).length, warnings: lines.filter((l) => l.startsWith('::warning file=')).length };
    }
    default: {
      const summary = (word: string) => Number(new RegExp(`^  (\\d+) ${word}s?$`, 'm').exec(stdout)?.[1] ?? 0);
      return { errors: summary('error'), warnings: summary('warning') };
    }
  }
}

describe('one run, one count, in every format', () => {
  it('pretty, json, compact, sarif and github list the same number of errors and warnings', () => {
    const pretty = counts('pretty');
    expect(pretty.errors).toBeGreaterThan(0);
    for (const format of ['json', 'compact', 'sarif', 'github']) expect(counts(format), format).toEqual(pretty);
  });

  it('lists a two-end problem once in each file it concerns, never twice in one file, with the other end named', () => {
    const results = JSON.parse(fwlint([...EXAMPLES, '-f', 'json']).stdout) as { filePath: string; messages: { ruleId: string; message: string }[] }[];
    const pfs = results.filter((r) => /pfs-mismatch\/flagged\//.test(r.filePath));
    expect(pfs).toHaveLength(2);
    for (const result of pfs) {
      const messages = result.messages.filter((m) => m.ruleId === 'fwlint/pfs-mismatch');
      expect(messages, result.filePath).toHaveLength(1);
      expect(messages[0].message).toMatch(/configs-examples\/pfs-mismatch\/flagged\/site-[ab]\.cfg:\d+:\d+\)/);
    }
  });

  it('pretty shows the other end and wraps messages under their location at 80 columns', () => {
    const { stdout } = fwlint(['configs-examples/pfs-mismatch/flagged', '-f', 'pretty'], { env: { COLUMNS: '80' } });
    expect(Math.max(...stdout.split('\n').map((line) => line.length))).toBeLessThanOrEqual(80);
    expect(stdout.replace(/\n {5}/g, ' ')).toMatch(/site-[ab]\.cfg:\d+:\d+\)/);
  });

  it('--max-warnings counts the same entries as the reports', () => {
    const dir = ['configs-examples/ah-with-nat-traversal/flagged', '--rule', 'ah-with-nat-traversal:warn'];
    const results = JSON.parse(fwlint([...dir, '-f', 'json']).stdout) as { warningCount: number; errorCount: number }[];
    const warnings = results.reduce((n, r) => n + r.warningCount, 0);
    expect(results.reduce((n, r) => n + r.errorCount, 0)).toBe(0);
    expect(warnings).toBeGreaterThan(1);
    expect(fwlint([...dir, '--max-warnings', String(warnings)]).status).toBe(0);
    expect(fwlint([...dir, '--max-warnings', String(warnings - 1)]).status).toBe(1);
  });
});
