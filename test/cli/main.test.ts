import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { readLimited, type CliIo } from '../../src/cli/io.js';

function fakeIo(options: { cwd: string; env?: NodeJS.ProcessEnv; stdin?: string; tty?: boolean }): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    cwd: options.cwd,
    env: { ...options.env },
    stdout: { write: (text: string) => out.push(text), isTTY: options.tty ?? false },
    stderr: { write: (text: string) => err.push(text), isTTY: options.tty ?? false },
    readStdin: (limit) => readLimited([new TextEncoder().encode(options.stdin ?? '')], limit),
    out,
    err,
  };
}

const CONFIG = '#\nsysname HQ\n#\nike proposal 1\n encryption-algorithm aes-256\n#\nreturn\n';

describe('run (in process)', () => {
  it('lints stdin and defaults to compact output when stdout is not a terminal', async () => {
    const io = fakeIo({ cwd: mkdtempSync(path.join(tmpdir(), 'fwlint-main-')), stdin: '{"json": true}\n' });
    expect(await run(['--stdin-filename', 'x.cfg', '-'], io)).toBe(1);
    expect(io.out.join('')).toMatch(/^x\.cfg:1:1: error .*\[fwlint\/parse-error\]/);
  });

  it('shows progress on a terminal outside CI only, always on stderr', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'fwlint-main-'));
    writeFileSync(path.join(cwd, 'hq.cfg'), CONFIG);
    const tty = fakeIo({ cwd, tty: true });
    await run(['--format', 'json', 'hq.cfg'], tty);
    expect(tty.err.join('')).toContain('fwlint: parsing 1 file');
    expect(tty.out.join('')).not.toContain('parsing');
    const ci = fakeIo({ cwd, tty: true, env: { CI: 'true' } });
    await run(['--format', 'json', 'hq.cfg'], ci);
    expect(ci.err.join('')).toBe('');
  });

  it('turns unexpected failures into one line, with the stack only under FWLINT_DEBUG=1', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'fwlint-main-'));
    writeFileSync(path.join(cwd, 'hq.cfg'), CONFIG);
    const broken = fakeIo({ cwd });
    broken.stdout.write = () => {
      throw new Error('EPIPE: stdout closed\nmore detail');
    };
    expect(await run(['hq.cfg'], broken)).toBe(2);
    expect(broken.err).toEqual(['fwlint: internal error: EPIPE: stdout closed\n']);
    const debug = fakeIo({ cwd, env: { FWLINT_DEBUG: '1' } });
    debug.stdout.write = () => {
      throw new Error('boom');
    };
    await run(['hq.cfg'], debug);
    expect(debug.err[1]).toMatch(/^Error: boom\n\s+at /);
  });

  it('--output-file writes the chosen format to the file and nothing to stdout (as ESLint)', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'fwlint-main-'));
    writeFileSync(path.join(cwd, 'bad.cfg'), '{"json": true}\n');
    const io = fakeIo({ cwd });
    expect(await run(['--format', 'json', '--output-file', 'report.json', 'bad.cfg'], io)).toBe(1);
    const { readFileSync } = await import('node:fs');
    expect(JSON.parse(readFileSync(path.join(cwd, 'report.json'), 'utf8'))[0].errorCount).toBe(1);
    expect(io.out.join('')).toBe('');
  });
});

describe('readLimited', () => {
  async function* chunks(sizes: number[]): AsyncGenerator<Uint8Array> {
    for (const size of sizes) yield new Uint8Array(size).fill(0x61);
  }

  it('keeps input up to the limit and stops reading past it', async () => {
    expect(await readLimited(chunks([3, 4]), 7)).toEqual({ content: Buffer.from('aaaaaaa'), size: 7 });
    expect(await readLimited(chunks([3, 4, 1, 5]), 7)).toEqual({ size: 8 });
    // An input without end (/dev/zero piped in) ends the read at the limit.
    async function* endless(): AsyncGenerator<Uint8Array> {
      for (;;) yield new Uint8Array(4096);
    }
    expect(await readLimited(endless(), 10_000)).toEqual({ size: 12_288 });
    expect(await readLimited(chunks([]), 0)).toEqual({ content: Buffer.alloc(0), size: 0 });
  });

  it('reports stdin over --max-file-size as input-too-large without parsing it', async () => {
    const io = fakeIo({ cwd: mkdtempSync(path.join(tmpdir(), 'fwlint-main-')), stdin: 'sysname X\n'.repeat(200_000) });
    expect(await run(['--max-file-size', '1', '--format', 'compact', '-'], io)).toBe(1);
    expect(io.out.join('')).toMatch(/input-too-large: the input goes on past the 1 MB limit/);
  });
});
