import { describe, expect, it } from 'vitest';
import { formatCompact } from '../../src/format/compact.js';
import { escapeData, escapeProperty, formatGithub, stepSummaryMarkdown } from '../../src/format/github.js';
import { formatJson } from '../../src/format/json.js';
import { formatPretty } from '../../src/format/pretty.js';
import { toLintResults } from '../../src/format/eslint-results.js';
import { perFileFindings } from '../../src/engine/per-file.js';
import type { FormatInput } from '../../src/format/types.js';
import { findings, formatInput } from './input.js';

describe('json format', () => {
  it('is an ESLint LintResult[] with every file, absolute paths and the two-end finding in both files', () => {
    const results = JSON.parse(formatJson(formatInput()));
    expect(results.map((r: { filePath: string }) => r.filePath)).toEqual(['/repo/configs/br.cfg', '/repo/configs/clean.cfg', '/repo/configs/hq.cfg']);
    const [br, clean, hq] = results;
    expect(hq).toEqual({
      filePath: '/repo/configs/hq.cfg',
      messages: [
        {
          ruleId: 'fwlint/ike-dh-mismatch',
          severity: 2,
          message: 'DH group "group1" has no match on the other end, "50%, a:b"\nsecond line (other end: configs/br.cfg:3:2)',
          line: 3,
          column: 2,
          endLine: 3,
          endColumn: 11,
        },
      ],
      suppressedMessages: [],
      errorCount: 1,
      fatalErrorCount: 0,
      warningCount: 0,
      fixableErrorCount: 0,
      fixableWarningCount: 0,
      usedDeprecatedRules: [],
    });
    expect(br.messages.map((m: { ruleId: string; line: number }) => `${m.line} ${m.ruleId}`)).toEqual(['1 fwlint/parse-error', '3 fwlint/ike-dh-mismatch']);
    expect(br.messages[1].message).toContain('(this line: other end) (reported at: configs/hq.cfg:3:2)');
    expect([br.errorCount, br.warningCount]).toEqual([1, 1]);
    expect(clean.messages).toEqual([]);
  });
});

describe('per-file findings: a two-end problem in each file it concerns', () => {
  const [one] = findings;
  const messagesOf = (input: FormatInput, file: string) => toLintResults(input).find((r) => r.filePath === `/repo/${file}`)!.messages.map((m) => m.message);

  it('copies a finding into the other file, pointing back at where it is reported', () => {
    const entries = perFileFindings([one]);
    expect(entries.map((f) => `${f.file}:${f.range.line}`)).toEqual(['configs/br.cfg:3', 'configs/hq.cfg:3']);
    expect(entries[0].related).toEqual([{ file: 'configs/hq.cfg', range: one.range, message: 'reported at' }]);
  });

  it('makes no copy where the rule reported that end itself, whatever line it chose there', () => {
    const other = {
      ...one,
      file: one.related[0].file,
      range: { ...one.related[0].range, line: 1 },
      message: 'DH group "group14" has no match on the other end',
      related: [{ file: one.file, range: one.range, message: 'other end' }],
    };
    const input = formatInput({ findings: perFileFindings([one, other]) });
    expect(messagesOf(input, 'configs/hq.cfg')).toEqual([`${one.message} (other end: configs/br.cfg:3:2)`]);
    expect(messagesOf(input, 'configs/br.cfg')).toEqual([`${other.message} (other end: configs/hq.cfg:3:2)`]);
  });

  it('copies a finding once into a file however many of its lines are related', () => {
    const twice = { ...one, related: [one.related[0], { ...one.related[0], message: 'second place' }] };
    expect(perFileFindings([twice]).filter((f) => f.file === 'configs/br.cfg')).toHaveLength(1);
  });
});

describe('compact format', () => {
  it('prints file:line:col, severity, message, namespaced id and docs URL', () => {
    const lines = formatCompact(formatInput()).trimEnd().split('\n');
    expect(lines[2]).toMatch(/^configs\/hq\.cfg:3:2: error DH group "group1".* \(other end: configs\/br\.cfg:3:2\) \[fwlint\/ike-dh-mismatch\]/);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(
      'configs/br.cfg:1:1: warning unexpected "x" | y [fwlint/parse-error] https://github.com/fwlint/fwlint/blob/main/docs/rules/parse-error.md',
    );
  });
});

describe('github format', () => {
  it('escapes data and properties', () => {
    expect(escapeData('50% a:b,c\r\nd')).toBe('50%25 a:b,c%0D%0Ad');
    expect(escapeProperty('dir,x/a:b.cfg%')).toBe('dir%2Cx/a%3Ab.cfg%25');
  });

  it('emits one workflow command per finding, errors first, with the full range and title', () => {
    const lines = formatGithub(formatInput()).trimEnd().split('\n');
    expect(lines).toEqual([
      '::error file=configs/br.cfg,line=3,endLine=3,col=2,endColumn=12,title=fwlint/ike-dh-mismatch::DH group "group1" has no match on the other end, "50%25, a:b"%0Asecond line (this line: other end) (reported at: configs/hq.cfg:3:2)',
      '::error file=configs/hq.cfg,line=3,endLine=3,col=2,endColumn=11,title=fwlint/ike-dh-mismatch::DH group "group1" has no match on the other end, "50%25, a:b"%0Asecond line (other end: configs/br.cfg:3:2)',
      '::warning file=configs/br.cfg,line=1,endLine=1,col=1,endColumn=8,title=fwlint/parse-error::unexpected "x" | y',
    ]);
  });

  it('ends with a file-less warning per run warning (a stale baseline entry)', () => {
    const lines = formatGithub({ ...formatInput(), runWarnings: ['baseline-stale: b.json: 1 of 1 accepted "x" findings\nno longer occur'] }).trimEnd().split('\n');
    expect(lines.at(-1)).toBe('::warning title=fwlint::baseline-stale: b.json: 1 of 1 accepted "x" findings%0Ano longer occur');
  });

  it('writes a Markdown step summary with escaped cells', () => {
    const markdown = stepSummaryMarkdown(formatInput());
    expect(markdown).toContain('2 errors, 1 warnings in 3 files.');
    expect(markdown).toContain('| warning | configs/br.cfg:1:1 | [fwlint/parse-error](https://github.com/fwlint/fwlint/blob/main/docs/rules/parse-error.md) | unexpected "x" \\| y |');
    expect(markdown).not.toMatch(/line\nsecond/);
    expect(stepSummaryMarkdown(formatInput({ findings: [] }))).toContain('No problems found in 3 files.');
  });
});

describe('pretty format', () => {
  it('renders the relative path, namespaced ids and a summary, and prints nothing when clean', async () => {
    const output = await formatPretty(formatInput({ cwd: process.cwd(), findings: formatInput().findings }));
    expect(output).toContain('fwlint/ike-dh-mismatch');
    expect(output).toContain('configs/hq.cfg');
    expect(output).toMatch(/2 errors/);
    expect(await formatPretty(formatInput({ findings: [] }))).toBe('');
  });

  it('wraps each message under its location to the width, instead of one padded line', async () => {
    const long = { ...findings[1], message: `${'word '.repeat(40)}end`, related: [] };
    // eslint-disable-next-line no-control-regex
    const output = (await formatPretty(formatInput({ findings: [long], width: 80 }))).replace(/\x1b\[[0-9;]*m/g, '');
    const lines = output.split('\n');
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThanOrEqual(80);
    const at = lines.findIndex((line) => /1:1\s+fwlint\/parse-error$/.test(line));
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 1]).toMatch(/^ {5}word word/);
    expect(lines.filter((line) => line.startsWith('     word')).length).toBeGreaterThanOrEqual(3);
    expect(output).not.toContain('\0');
  });
});
