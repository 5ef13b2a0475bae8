import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { fwlint, tempDir, write, type CliResult } from '../e2e/run-cli.js';
import { buildConfig, leaked, planArb, type Secret } from '../helpers/secret-config.js';

/**
 * End to end through bin/fwlint.js: random secrets in every known position and in unrecognised
 * lines reach neither `fwlint parse --json`, nor any report format, nor the cache file.
 */

const FORMATS = ['json', 'compact', 'sarif', 'github'] as const;

function runAll(dir: string, files: string[]): [string, CliResult][] {
  mkdirSync(path.join(dir, 'cache'), { recursive: true });
  const cache = path.join(dir, 'cache', 'fwlint-cache.json');
  const results: [string, CliResult][] = [];
  for (const format of FORMATS) {
    // Each format runs with the cache: the first run writes it, the others read it back.
    results.push([format, fwlint(['-f', format, '--verbose', '--rule', 'parse-error:warn', '--cache', '--cache-location', cache, 'configs'], { cwd: dir })]);
  }
  for (const file of files) results.push([`parse --json ${file}`, fwlint(['parse', '--json', `configs/${file}`], { cwd: dir })]);
  return results;
}

function expectNoLeak(dir: string, results: [string, CliResult][], secrets: readonly Secret[]): void {
  for (const [name, result] of results) {
    expect(result.status, `${name}: ${result.stderr}`).not.toBe(2);
    expect(leaked(result.stdout, secrets), `${name} stdout`).toEqual([]);
    expect(leaked(result.stderr, secrets), `${name} stderr`).toEqual([]);
  }
  const cacheDir = path.join(dir, 'cache');
  const written = readdirSync(cacheDir);
  expect(written).toContain('fwlint-cache.json');
  for (const file of written) expect(leaked(readFileSync(path.join(cacheDir, file)), secrets), file).toEqual([]);
}

describe('secrets never reach the CLI output or the cache (random, end to end)', () => {
  test.prop([planArb, planArb], { numRuns: 3, endOnFailure: true })('parse --json, json/compact/sarif/github and --cache', (planA, planB) => {
    const dir = tempDir('fwlint-secret-prop-');
    const a = buildConfig(planA, { sysname: 'prop-a' });
    // Without plaintext keys compared by digest, so its AST is really written to the cache.
    const b = buildConfig(planB, { sysname: 'prop-b', cacheable: true });
    write(dir, 'configs/a.cfg', a.text);
    write(dir, 'configs/b.cfg', b.text);
    const results = runAll(dir, ['a.cfg', 'b.cfg']);
    const parsed = JSON.parse(results.find(([name]) => name === 'parse --json a.cfg')![1].stdout) as { ikePeers: unknown[] };
    expect(parsed.ikePeers.length).toBeGreaterThan(5);
    const cache = readFileSync(path.join(dir, 'cache', 'fwlint-cache.json'), 'utf8');
    expect(cache, 'b.cfg is cached').toContain('"sysname":{"value":"prop-b"');
    expectNoLeak(dir, results, [...a.secrets, ...b.secrets]);
  }, 300_000);

  it('non-Huawei files (FortiOS, MikroTik, notes) keep none of their words', () => {
    const dir = tempDir('fwlint-secret-foreign-');
    write(dir, 'configs/forti.cfg', 'config vpn ipsec phase1-interface\n    edit "to-branch"\n        set psksecret ENC FortiPskCipher20\n    next\nend\n');
    write(dir, 'configs/mikrotik.cfg', '# by RouterOS 6.48.6\n/ip ipsec identity\nadd peer=hq secret=MikrotikSecret22\n');
    write(dir, 'configs/notes.txt', 'Notes for the VPN migration\nHQ api token: NotesToken24\n');
    const results = runAll(dir, ['forti.cfg', 'mikrotik.cfg', 'notes.txt']);
    const secrets = ['FortiPskCipher20', 'to-branch', 'MikrotikSecret22', 'NotesToken24', 'migration'].map((c) => ({ text: c, cores: [c] }));
    expectNoLeak(dir, results, secrets);
  }, 120_000);
});
