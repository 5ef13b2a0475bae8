/* eslint-disable no-control-regex -- the test looks for control characters in output */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fwlint, read, repositoryRoot, tempDir, write } from './run-cli.js';

// What an attacker controls in a pull request: a file name, a sysname quoted in messages, a
// baseline entry and a config key, each carrying a line break, a workflow command (v2 "::" and
// v1 "##["), terminal escapes (CSI colour, OSC 52 clipboard write, one-byte CSI) and a bidi override.
const PAYLOAD = '\u001b[31m\u001b]52;c;SGk=\u0007\u009b2J##[error]V1\u202e';
const FILE_NAME = `b\n::error::FILE${PAYLOAD}.cfg`;
const SYSNAME = `pfs-B${PAYLOAD}`;

function assertInert(text: string, stream: string): void {
  expect(text, stream).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
  expect(text, stream).not.toContain('##[');
  for (const line of text.split('\n')) expect(line.trimStart().startsWith('::'), `${stream}: ${JSON.stringify(line)}`).toBe(false);
}

/** Only fwlint's own workflow commands start a line; their data carries no line break. */
function assertOnlyOwnCommands(stdout: string): void {
  for (const line of stdout.split('\n').filter((l) => l.trimStart().startsWith('::'))) {
    expect(line).toMatch(/^::(error|warning) (file=[^,:]*,line=\d+,endLine=\d+,col=\d+,endColumn=\d+,title=fwlint\/[a-z-]+|title=fwlint)::[^\r\n]*$/);
  }
  expect(stdout).not.toContain('##[');
  expect(stdout).not.toMatch(/[\u001b\u009b\u0007]/);
}

function hostileRepository(): string {
  const dir = tempDir('fwlint-inject-');
  mkdirSync(path.join(dir, '.git'));
  write(dir, 'configs/a.cfg', read(repositoryRoot, 'configs-examples/pfs-mismatch/flagged/site-a.cfg'));
  const siteB = read(repositoryRoot, 'configs-examples/pfs-mismatch/flagged/site-b.cfg').replace(/^ ?sysname \S+/m, ` sysname ${SYSNAME}`);
  writeFileSync(path.join(dir, 'configs', FILE_NAME), siteB);
  writeFileSync(
    path.join(dir, 'baseline.json'),
    JSON.stringify({ version: 1, entries: [{ rule: `x\n::error::INJ${PAYLOAD}`, file: `configs/${FILE_NAME}`, objectPath: 'p\r::warning::INJ', count: 1 }] }),
  );
  return dir;
}

describe('untrusted text never becomes a workflow command or a terminal escape', () => {
  it('in every format, on stdout and stderr (file name, sysname, baseline entry)', () => {
    const dir = hostileRepository();
    for (const format of ['pretty', 'compact', 'json', 'sarif', 'github']) {
      const result = fwlint(['-f', format, '--verbose', '--baseline', 'baseline.json', 'configs'], { cwd: dir, env: { COLUMNS: '60' } });
      expect(result.status, `${format}: ${result.stderr}`).toBe(1);
      expect(result.stderr).toContain('baseline-stale');
      assertInert(result.stderr, `${format} stderr`);
      if (format === 'github') assertOnlyOwnCommands(result.stdout);
      else assertInert(result.stdout, `${format} stdout`);
    }
  });

  it('in every format of fwlint tunnels', () => {
    const dir = hostileRepository();
    for (const format of ['table', 'json', 'markdown', 'html']) {
      const result = fwlint(['tunnels', '-f', format, 'configs'], { cwd: dir });
      expect(result.status, `${format}: ${result.stderr}`).toBe(1);
      assertInert(result.stdout, `tunnels ${format} stdout`);
      assertInert(result.stderr, `tunnels ${format} stderr`);
    }
  });

  it('json keeps the exact strings: the escapes are lossless', () => {
    const dir = hostileRepository();
    const results = JSON.parse(fwlint(['-f', 'json', 'configs'], { cwd: dir }).stdout) as { filePath: string; messages: { message: string }[] }[];
    expect(results.map((r) => path.basename(r.filePath))).toContain(FILE_NAME);
    // The text layer drops CSI sequences (pager and colour noise in pasted sessions); the OSC stays, exactly.
    expect(results.flatMap((r) => r.messages).some((m) => m.message.includes('pfs-B\u001b]52;c;SGk=\u0007'))).toBe(true);
  });

  it('a config key with a carriage return and a command cannot start a line on stderr', () => {
    const dir = tempDir('fwlint-inject-config-');
    write(dir, 'fwlint.config.json', JSON.stringify({ [`x\r\n::error::INJ${PAYLOAD}`]: 1 }));
    write(dir, 'a.cfg', 'sysname A\n');
    const result = fwlint(['a.cfg'], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^fwlint: /);
    assertInert(result.stderr, 'stderr');
  });

  it('fwlint parse shows the words of a hostile file inert, and its JSON losslessly', () => {
    const dir = hostileRepository();
    const summary = fwlint(['parse', `configs/${FILE_NAME}`], { cwd: dir });
    expect(summary.status).toBe(0);
    assertInert(summary.stdout + summary.stderr, 'parse');
    const json = fwlint(['parse', '--json', `configs/${FILE_NAME}`], { cwd: dir });
    assertInert(json.stdout, 'parse --json');
    expect(json.stdout).toContain('\\u009b');
  });

  it('the job summary shows HTML and Markdown from messages literally', () => {
    const dir = hostileRepository();
    const summaryFile = path.join(dir, 'summary.md');
    writeFileSync(summaryFile, '');
    const sysname = 'pfs-B<img_src=x_onerror=alert(1)>**bold**[link](https://evil)`code`';
    write(dir, `configs/${FILE_NAME}`, read(repositoryRoot, 'configs-examples/pfs-mismatch/flagged/site-b.cfg').replace(/^ ?sysname \S+/m, ` sysname ${sysname}`));
    fwlint(['-f', 'compact', 'configs'], { cwd: dir, env: { GITHUB_STEP_SUMMARY: summaryFile } });
    const markdown = readFileSync(summaryFile, 'utf8');
    expect(markdown).toContain('pfs-B&lt;img\\_src=x\\_onerror=alert(1)&gt;\\*\\*bold\\*\\*\\[link\\](https://evil)\\`code\\`');
    expect(markdown).not.toContain('<img');
  });
});
