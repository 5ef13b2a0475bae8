import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fwlint, read, repositoryRoot, tempDir } from './run-cli.js';

const FLAGGED = path.join(repositoryRoot, 'configs-examples/sub-address-without-tunnel-local/flagged');
const multitool = path.join(repositoryRoot, 'node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool');

/** The sub-address example in a scratch directory (site-a lacks `tunnel local 203.0.6.18`). */
function scratch(): string {
  const dir = tempDir('fwlint-fix-');
  for (const file of ['site-a.cfg', 'site-b.cfg']) copyFileSync(path.join(FLAGGED, file), path.join(dir, file));
  return dir;
}

const ARGS = ['--no-config', 'site-a.cfg', 'site-b.cfg'];

describe('fixes through the built CLI', () => {
  it('--fix-dry-run prints the unified diff and writes nothing', () => {
    const dir = scratch();
    const before = read(dir, 'site-a.cfg');
    const result = fwlint(['--fix-dry-run', ...ARGS], { cwd: dir });
    expect(result.stdout).toContain('--- a/site-a.cfg\n+++ b/site-a.cfg\n@@ -33,6 +33,7 @@\n');
    expect(result.stdout).toContain(' ipsec policy map1 10 isakmp\n+ tunnel local 203.0.6.18\n  security acl 3000\n');
    expect(result.stdout).not.toContain('site-b.cfg');
    expect(read(dir, 'site-a.cfg')).toBe(before);
    // What is left once the fix is made: the security policy still names the primary address.
    expect(result.status).toBe(1);
  });

  it('--fix-dry-run shows no secret in the context lines of its diff', () => {
    const dir = tempDir('fwlint-fix-secret-');
    const example = path.join(repositoryRoot, 'configs-examples/remote-address-mismatch/flagged');
    for (const file of ['site-a.cfg', 'site-b.cfg']) copyFileSync(path.join(example, file), path.join(dir, file));
    // A plain-text key two lines above the fixed remote-address line, and the ciphertext one above it.
    writeFileSync(path.join(dir, 'site-a.cfg'), read(dir, 'site-a.cfg').replace(' exchange-mode main\n', ' exchange-mode main\n local-id-type ip\n pre-shared-key simple Plain-Key-42\n'));
    const result = fwlint(['--fix-dry-run', ...ARGS], { cwd: dir });
    expect(result.stdout).toContain('+ remote-address 198.51.14.17\n');
    expect(result.stdout).toContain(' pre-shared-key simple <secret not shown>\n');
    expect(result.stdout).toContain(' pre-shared-key <secret not shown>\n');
    expect(result.stdout).not.toContain('Plain-Key-42');
    expect(result.stdout).not.toContain('%^%#');
  });

  it('--fix writes the fix in the file\'s CRLF line endings and the finding is gone', () => {
    const dir = scratch();
    writeFileSync(path.join(dir, 'site-a.cfg'), read(dir, 'site-a.cfg').replace(/\n/g, '\r\n'));
    const result = fwlint(['--fix', ...ARGS], { cwd: dir });
    expect(result.stderr).toContain('fwlint: fixed 1 file');
    const fixed = read(dir, 'site-a.cfg');
    expect(fixed).toContain('ipsec policy map1 10 isakmp\r\n tunnel local 203.0.6.18\r\n security acl 3000\r\n');
    expect(fixed.replace(/\r\n/g, '').includes('\n')).toBe(false);
    const after = fwlint(['-f', 'json', ...ARGS], { cwd: dir });
    expect(after.stdout).not.toContain('sub-address-without-tunnel-local');
  });

  it('--fix keeps a UTF-16 LE file UTF-16 LE', () => {
    const dir = scratch();
    const text = read(dir, 'site-a.cfg');
    writeFileSync(path.join(dir, 'site-a.cfg'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    fwlint(['--fix', ...ARGS], { cwd: dir });
    const bytes = readFileSync(path.join(dir, 'site-a.cfg'));
    expect([bytes[0], bytes[1]]).toEqual([0xff, 0xfe]);
    expect(bytes.subarray(2).toString('utf16le')).toContain('\nipsec policy map1 10 isakmp\n tunnel local 203.0.6.18\n security acl 3000\n');
  });

  it('fwlint fix --commands prints the device script of each file', () => {
    const dir = scratch();
    const result = fwlint(['fix', '--commands', ...ARGS], { cwd: dir });
    expect(result.stdout).toBe(
      ['# site-a.cfg: 1 fix', '# fwlint/sub-address-without-tunnel-local (line 35)', 'system-view', 'ipsec policy map1 10 isakmp', 'tunnel local 203.0.6.18', 'return', ''].join('\n'),
    );
    expect(result.status).toBe(1);
    expect(fwlint(['fix', ...ARGS], { cwd: dir }).status).toBe(2);
  });

  it('--unsafe-fixes needs a fix mode', () => {
    const result = fwlint(['--unsafe-fixes', ...ARGS], { cwd: scratch() });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--unsafe-fixes goes with --fix');
    expect(fwlint(['--fix-dry-run', '--unsafe-fixes', ...ARGS], { cwd: scratch() }).stdout).toContain('+ tunnel local 203.0.6.18');
  });

  it('json carries ESLint fix shapes with commands, compact a fix line; no key in either', () => {
    const dir = scratch();
    const json = JSON.parse(fwlint(['-f', 'json', ...ARGS], { cwd: dir }).stdout) as { filePath: string; fixableErrorCount: number; messages: { ruleId: string; fix?: { range: [number, number]; text: string; commands: string[] } }[] }[];
    const siteA = json.find((r) => r.filePath.endsWith('site-a.cfg'));
    const message = siteA?.messages.find((m) => m.ruleId === 'fwlint/sub-address-without-tunnel-local');
    expect(siteA?.fixableErrorCount).toBe(1);
    expect(message?.fix).toMatchObject({ text: ' tunnel local 203.0.6.18\n', commands: ['system-view', 'ipsec policy map1 10 isakmp', 'tunnel local 203.0.6.18', 'return'] });
    const text = read(dir, 'site-a.cfg');
    const at = message?.fix?.range[0] ?? -1;
    // Offsets into the file's text: right after the policy's header line.
    expect(text.slice(at - 'ipsec policy map1 10 isakmp\n'.length, at)).toBe('ipsec policy map1 10 isakmp\n');
    const compact = fwlint(['-f', 'compact', ...ARGS], { cwd: dir }).stdout;
    expect(compact).toContain('\n  fix: ipsec policy map1 10 isakmp > tunnel local 203.0.6.18\n');
    for (const out of [JSON.stringify(json), compact]) expect(out).not.toMatch(/%\^%#|Sa6A1q/);
  });

  it('a commands-only suggestion (pre-shared-key-mismatch): the commands with the placeholder in json, compact and pretty, left out of sarif, never applied, no key anywhere', () => {
    const dir = tempDir('fwlint-fix-psk-');
    const example = path.join(repositoryRoot, 'configs-examples/pre-shared-key-mismatch/flagged');
    for (const file of ['site-a.cfg', 'site-b.cfg']) copyFileSync(path.join(example, file), path.join(dir, file));
    const before = ['site-a.cfg', 'site-b.cfg'].map((file) => read(dir, file));
    type Message = { ruleId: string; fix?: unknown; suggestions?: { desc: string; fix: { range: [number, number]; text: string; commands: string[]; commandsOnly?: boolean } }[] };
    const json = JSON.parse(fwlint(['-f', 'json', ...ARGS], { cwd: dir }).stdout) as { filePath: string; fixableErrorCount: number; messages: Message[] }[];
    const messages = json.flatMap((r) => r.messages).filter((m) => m.ruleId === 'fwlint/pre-shared-key-mismatch');
    expect(messages).toHaveLength(2);
    for (const message of messages) {
      expect(message.fix).toBeUndefined();
      expect(message.suggestions).toHaveLength(1);
      const fix = message.suggestions?.[0].fix;
      expect(fix).toMatchObject({ text: '', commandsOnly: true });
      expect(fix?.range[0]).toBe(fix?.range[1]);
      expect(fix?.commands).toContain('pre-shared-key <the key of the other end>');
      expect(message.suggestions?.[0].desc).toMatch(/edit this file by hand \(fwlint never writes a key/);
    }
    expect(json.every((r) => r.fixableErrorCount === 0)).toBe(true);
    const compact = fwlint(['-f', 'compact', ...ARGS], { cwd: dir }).stdout;
    expect(compact).toContain('\n  suggestion (device commands only, edit the file by hand): ike peer branch > pre-shared-key <the key of the other end>\n');
    expect(compact).toContain('\n  suggestion (device commands only, edit the file by hand): ike peer hq > pre-shared-key <the key of the other end>\n');
    const pretty = fwlint(['-f', 'pretty', '--no-color', ...ARGS], { cwd: dir }).stdout;
    expect(pretty.replace(/\s+/g, ' ')).toContain('suggestion (device commands only, edit the file by hand): ike peer branch > pre-shared-key <the key of the other end>');
    const sarif = fwlint(['-f', 'sarif', ...ARGS], { cwd: dir }).stdout;
    const log = JSON.parse(sarif) as { runs: { results: { ruleId: string; fixes?: unknown[] }[] }[] };
    const results = log.runs[0].results.filter((r) => r.ruleId === 'fwlint/pre-shared-key-mismatch');
    expect(results).toHaveLength(2);
    expect(results.every((r) => r.fixes === undefined)).toBe(true);
    const dryRun = fwlint(['--fix-dry-run', '--unsafe-fixes', ...ARGS], { cwd: dir });
    const fixRun = fwlint(['--fix', '--unsafe-fixes', ...ARGS], { cwd: dir });
    const scripts = fwlint(['fix', '--commands', '--unsafe-fixes', ...ARGS], { cwd: dir }).stdout;
    expect(scripts).not.toContain('pre-shared-key');
    expect(['site-a.cfg', 'site-b.cfg'].map((file) => read(dir, file))).toEqual(before);
    for (const out of [JSON.stringify(json), compact, pretty, sarif, dryRun.stdout, dryRun.stderr, fixRun.stdout, fixRun.stderr, scripts]) expect(out).not.toMatch(/Blue-Harbou?r-27/);
  });

  it('sarif with fixes passes the SARIF multitool validator', () => {
    const dir = scratch();
    const sarif = fwlint(['-f', 'sarif', ...ARGS], { cwd: dir }).stdout;
    const log = JSON.parse(sarif) as { runs: { results: { ruleId: string; fixes?: { artifactChanges: { replacements: { insertedContent: { text: string } }[] }[] }[] }[] }[] };
    const result = log.runs[0].results.find((r) => r.ruleId === 'fwlint/sub-address-without-tunnel-local' && r.fixes);
    expect(result?.fixes?.[0].artifactChanges[0].replacements[0].insertedContent.text).toBe(' tunnel local 203.0.6.18\n');
    if ((statSync(multitool).mode & 0o111) === 0) chmodSync(multitool, 0o755);
    const file = path.join(dir, 'out.sarif');
    writeFileSync(file, sarif);
    const output = execFileSync(multitool, ['validate', file, '--output', `${file}.validation.sarif`, '--log', 'ForceOverwrite'], {
      encoding: 'utf8',
      env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' },
    });
    expect(output).toContain('Analysis completed successfully');
    expect(output).not.toMatch(/: (error|warning) SARIF/);
  });
});
