import { describe, expect, it } from 'vitest';
import { formatCompact } from '../../src/format/compact.js';
import { escapeData, escapeProperty, formatGithub, stepSummaryMarkdown } from '../../src/format/github.js';
import { formatJson } from '../../src/format/json.js';
import { formatPretty } from '../../src/format/pretty.js';
import { toLintResults } from '../../src/format/eslint-results.js';
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
          message: 'DH group "group1" has no match on the other end, "50%, a:b"\nsecond line',
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
    expect(br.messages[1].message).toContain('reported in configs/hq.cfg:3');
    expect([br.errorCount, br.warningCount]).toEqual([1, 1]);
    expect(clean.messages).toEqual([]);
  });
});

describe('json format: two-end findings', () => {
  it('shows a finding in the other file once, not again when the rule reported that end itself', () => {
    const [one] = findings;
    const other = {
      ...one,
      file: one.related[0].file,
      range: one.related[0].range,
      message: 'DH group "group14" has no match on the other end',
      related: [{ file: one.file, range: one.range, message: 'other end' }],
    };
    const results = toLintResults(formatInput({ findings: [one, other] }));
    const messagesOf = (file: string) => results.find((r) => r.filePath === `/repo/${file}`)!.messages.map((m) => m.message);
    expect(messagesOf('configs/hq.cfg')).toEqual([one.message]);
    expect(messagesOf('configs/br.cfg')).toEqual([other.message]);
  });
});

describe('compact format', () => {
  it('prints file:line:col, severity, message, namespaced id and docs URL', () => {
    const lines = formatCompact(formatInput()).trimEnd().split('\n');
    expect(lines[0]).toMatch(/^configs\/hq\.cfg:3:2: error DH group "group1"/);
    expect(lines.at(-1)).toBe(
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
      '::error file=configs/hq.cfg,line=3,endLine=3,col=2,endColumn=11,title=fwlint/ike-dh-mismatch::DH group "group1" has no match on the other end, "50%25, a:b"%0Asecond line (other end: configs/br.cfg:3)',
      '::warning file=configs/br.cfg,line=1,endLine=1,col=1,endColumn=8,title=fwlint/parse-error::unexpected "x" | y',
    ]);
  });

  it('ends with a file-less warning per run warning (a stale baseline entry)', () => {
    const lines = formatGithub({ ...formatInput(), runWarnings: ['baseline-stale: b.json: 1 of 1 accepted "x" findings\nno longer occur'] }).trimEnd().split('\n');
    expect(lines.at(-1)).toBe('::warning title=fwlint::baseline-stale: b.json: 1 of 1 accepted "x" findings%0Ano longer occur');
  });

  it('writes a Markdown step summary with escaped cells', () => {
    const markdown = stepSummaryMarkdown(formatInput());
    expect(markdown).toContain('1 errors, 1 warnings in 3 files.');
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
});
