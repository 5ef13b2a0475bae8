import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/io.js';
import { PhaseTimer } from '../../src/cli/timing.js';

function fakeIo(cwd: string, env: NodeJS.ProcessEnv = {}): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    cwd,
    env,
    stdout: { write: (text: string) => out.push(text), isTTY: false },
    stderr: { write: (text: string) => err.push(text), isTTY: false },
    readStdin: async () => ({ content: new Uint8Array(), size: 0 }),
    out,
    err,
  };
}

const CONFIG = '#\nsysname HQ\n#\nike proposal 1\n encryption-algorithm aes-256\n#\nreturn\n';

describe('--timing', () => {
  it('prints every phase, the slowest rules and the peak RSS on stderr, never on stdout', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'fwlint-timing-'));
    writeFileSync(path.join(cwd, 'hq.cfg'), CONFIG);
    for (const [args, env] of [[['--timing'], {}], [[], { FWLINT_TIMING: '1' }]] as const) {
      const io = fakeIo(cwd, { ...env });
      await run([...args, '--format', 'json', 'hq.cfg'], io);
      const stderr = io.err.join('');
      expect(stderr).toMatch(/^fwlint: timing: startup \d+ ms, read \d+ ms, cache \d+ ms, parse \d+ ms, model \d+ ms, pairing \d+ ms, rules \d+ ms, findings \d+ ms, output \d+ ms, total \d+ ms$/m);
      expect(stderr).toMatch(/^fwlint: timing: slowest rules: [a-z-]+ \d+ ms/m);
      expect(stderr).toMatch(/^fwlint: timing: peak RSS \d+ MB$/m);
      expect(io.out.join('')).not.toContain('timing:');
    }
  });

  it('prints nothing without the option', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'fwlint-timing-'));
    writeFileSync(path.join(cwd, 'hq.cfg'), CONFIG);
    const io = fakeIo(cwd);
    await run(['--format', 'json', 'hq.cfg'], io);
    expect(io.err.join('')).toBe('');
  });
});

describe('PhaseTimer', () => {
  it('adds repeated phases and does not count recorded phases again in the next mark', () => {
    const timer = new PhaseTimer();
    timer.mark('read');
    timer.record('model', 5_000);
    timer.record('rule:x', 4_000);
    timer.mark('findings');
    timer.mark('read');
    const [phases, rules] = timer.report();
    expect(phases).toMatch(/read \d+ ms, model 5000 ms, findings \d+ ms/);
    expect(phases.match(/read/g)).toHaveLength(1);
    expect(rules).toBe('timing: slowest rules: x 4000 ms');
  });
});
