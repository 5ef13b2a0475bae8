import { chmodSync, mkdirSync, openSync, closeSync, ftruncateSync, writeSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fwlint, parseJson, tempDir, write } from '../e2e/run-cli.js';
import { readCorpus } from '../helpers/corpus.js';

const peer = (): string => readCorpus('hwdoc-ar-natt-routera.cfg');

function noStackTrace(stderr: string): void {
  expect(stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  expect(stderr).not.toMatch(/internal error/);
}

function lintJson(dir: string, args: string[]): { status: number | null; stderr: string; byFile: Map<string, { ruleId: string; message: string }[]> } {
  const result = fwlint(['--no-config', '-f', 'json', ...args], { cwd: dir });
  noStackTrace(result.stderr);
  const byFile = new Map(parseJson(result.stdout).map((r) => [path.relative(dir, r.filePath).split(path.sep).join('/'), r.messages]));
  return { status: result.status, stderr: result.stderr, byFile };
}

/** One readable configuration next to the broken one: its findings must still be reported. */
function withGoodFile(dir: string): void {
  write(dir, 'good.cfg', peer());
}

describe('bad input through the real CLI', () => {
  const cases: [string, string | Buffer, RegExp][] = [
    ['empty.cfg', '', /empty/],
    ['binary.cfg', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37) % 256)), /binary/],
    ['cisco.cfg', 'hostname R1\n!\ncrypto isakmp policy 10\n encr aes\n!\ninterface Gi0/0\n ip address 1.1.1.1 255.255.255.0\n!\nend\n', /Cisco/],
    ['h3c.cfg', '#\n sysname H3C\n#\nike proposal 1\n encryption-algorithm aes-cbc-128\n#\nike keychain k1\n pre-shared-key address 1.1.1.1 key cipher $c$3$abc\n#\nreturn\n', /H3C/],
  ];
  for (const [name, content, expected] of cases) {
    it(`${name}: a parse-error finding, the good file still linted, exit 1, no stack trace`, () => {
      const dir = tempDir('fwlint-hardening-');
      withGoodFile(dir);
      write(dir, name, '');
      if (content !== '') write(dir, name, content as string);
      const { status, byFile } = lintJson(dir, ['.']);
      expect(status).toBe(1);
      const messages = byFile.get(name) ?? [];
      expect(messages.some((m) => m.ruleId === 'fwlint/parse-error' && expected.test(m.message)), JSON.stringify(messages)).toBe(true);
      expect(byFile.has('good.cfg')).toBe(true);
    });
  }

  it('a file over --max-file-size (100 MB, sparse) is refused before reading with an input-too-large io-error', () => {
    const dir = tempDir('fwlint-hardening-');
    withGoodFile(dir);
    const big = path.join(dir, 'big.cfg');
    const fd = openSync(big, 'w');
    writeSync(fd, '#\n sysname big\n#\n');
    ftruncateSync(fd, 100 * 1024 * 1024);
    closeSync(fd);
    const { status, byFile } = lintJson(dir, ['.']);
    expect(status).toBe(1);
    expect(byFile.get('big.cfg')).toEqual([expect.objectContaining({ ruleId: 'fwlint/io-error', message: expect.stringMatching(/input-too-large: the file is 100 MB, over the 32 MB limit.*--max-file-size/) })]);
    expect(byFile.has('good.cfg')).toBe(true);

    const small = lintJson(dir, ['--max-file-size', '1', 'good.cfg']);
    expect([...small.byFile.keys()]).toEqual(['good.cfg']);
    expect(small.byFile.get('good.cfg')!.some((m) => /input-too-large/.test(m.message))).toBe(false);
    write(dir, 'two-mb.cfg', `#\n sysname two\n#\n${' description x\n'.repeat(150_000)}`);
    expect(lintJson(dir, ['--max-file-size', '1', 'two-mb.cfg']).byFile.get('two-mb.cfg')![0].message).toMatch(/input-too-large/);
    const bad = fwlint(['--max-file-size', 'lots', 'good.cfg'], { cwd: dir });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^fwlint: --max-file-size needs a whole number/);
  });

  it('a 100 MB real-text file given on stdin is refused with input-too-large', () => {
    const line = ' rule 5 permit ip source 10.0.0.0 0.0.0.255 destination 10.1.0.0 0.0.0.255\n';
    const text = `#\n sysname big\n#\nacl number 3000\n${line.repeat(Math.ceil((100 * 1024 * 1024) / line.length))}`;
    const result = fwlint(['--no-config', '-f', 'json', '-'], { input: text });
    noStackTrace(result.stderr);
    expect(result.status).toBe(1);
    expect(parseJson(result.stdout)[0].messages[0].message).toMatch(/input-too-large/);
  });

  it('a 1 MB single line, deeply indented garbage, CRLF and invalid UTF-8 lint without crashing', () => {
    const dir = tempDir('fwlint-hardening-');
    withGoodFile(dir);
    write(dir, 'long-line.cfg', `#\n sysname long\n#\nacl number 3000\n rule 5 permit ip source ${'a'.repeat(1024 * 1024)}\n#\nreturn\n`);
    write(dir, 'deep.cfg', ['#', ' sysname deep', ...Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i)}ike peer p${i} %^%#${'x'.repeat(i % 50)}`)].join('\n'));
    write(dir, 'crlf.cfg', peer().replace(/\n/g, '\r\n'));
    write(dir, 'invalid-utf8.cfg', Buffer.concat([Buffer.from('#\n sysname bad\xff\n#\nike peer '), Buffer.from([0xe2, 0x28, 0xa1, 0xc3, 0x0a]), Buffer.from(' remote-address 1.2.3.4\n#\nreturn\n')]) as unknown as string);
    const { status, byFile } = lintJson(dir, ['.']);
    expect([0, 1]).toContain(status);
    for (const name of ['good.cfg', 'long-line.cfg', 'deep.cfg', 'crlf.cfg', 'invalid-utf8.cfg']) expect(byFile.has(name), name).toBe(true);
    // CRLF changes nothing but the line endings: same findings as the LF original.
    const strip = (ms: { ruleId: string; message: string }[] | undefined): string[] => (ms ?? []).map((m) => `${m.ruleId} ${(m as unknown as { line: number }).line}`);
    expect(strip(byFile.get('crlf.cfg'))).toEqual(strip(byFile.get('good.cfg')));
  });

  it('a directory with symbolic-link loops and a dangling link: walked once, the dangling link is an io-error', () => {
    const dir = tempDir('fwlint-hardening-');
    withGoodFile(dir);
    mkdirSync(path.join(dir, 'loop'));
    symlinkSync('..', path.join(dir, 'loop', 'up'));
    symlinkSync('../loop', path.join(dir, 'loop', 'self'));
    symlinkSync('missing.cfg', path.join(dir, 'dangling.cfg'));
    const { status, byFile } = lintJson(dir, ['.']);
    expect(status).toBe(1);
    expect([...byFile.keys()].sort()).toEqual(['dangling.cfg', 'good.cfg']);
    expect(byFile.get('dangling.cfg')![0]).toMatchObject({ ruleId: 'fwlint/io-error', message: 'broken symbolic link' });
  });

  it('a file that vanished before reading (dangling link named explicitly) is an io-error; the other file is linted', () => {
    const dir = tempDir('fwlint-hardening-');
    withGoodFile(dir);
    symlinkSync('gone.cfg', path.join(dir, 'vanished.cfg'));
    const { status, byFile } = lintJson(dir, ['vanished.cfg', 'good.cfg']);
    expect(status).toBe(1);
    expect(byFile.get('vanished.cfg')![0]).toMatchObject({ ruleId: 'fwlint/io-error', message: 'cannot read file (ENOENT)' });
    expect(byFile.has('good.cfg')).toBe(true);
  });

  it('an unreadable file (chmod 000) is an io-error; the other file is linted', (context) => {
    if (process.getuid?.() === 0) {
      context.skip('running as root: chmod 000 does not stop root from reading (the ENOENT/EISDIR paths cover the same code)');
      return;
    }
    const dir = tempDir('fwlint-hardening-');
    withGoodFile(dir);
    chmodSync(write(dir, 'secret.cfg', peer()), 0o000);
    const { status, byFile } = lintJson(dir, ['.']);
    expect(status).toBe(1);
    expect(byFile.get('secret.cfg')![0]).toMatchObject({ ruleId: 'fwlint/io-error', message: 'cannot read file (EACCES)' });
    expect(byFile.has('good.cfg')).toBe(true);
  });

  it('an unreadable directory entry (a directory where a file is expected, via a glob) never crashes', () => {
    const dir = tempDir('fwlint-hardening-');
    withGoodFile(dir);
    mkdirSync(path.join(dir, 'folder.cfg'));
    const { status, byFile } = lintJson(dir, ['*.cfg']);
    expect(status).toBe(0);
    expect(byFile.has('good.cfg')).toBe(true);
  });

  it('exit 2 only when the tool cannot do its job: nothing but unreadable targets still reports them (exit 1)', () => {
    const dir = tempDir('fwlint-hardening-');
    const result = lintJson(dir, ['does-not-exist.cfg']);
    expect(result.status).toBe(1);
    expect(result.byFile.get('does-not-exist.cfg')![0]).toMatchObject({ ruleId: 'fwlint/io-error' });
  });
});
