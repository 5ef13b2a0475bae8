import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fwlint, repositoryRoot, tempDir, write } from './run-cli.js';

const fixtures = path.join(repositoryRoot, 'test/fixtures/explain');

/** A scratch repository holding FW1 and FW2 of one fixture case under configs/ and the guide's output under runtime/. */
function repository(configs: string, runtime: string): string {
  const dir = tempDir('fwlint-explain-');
  mkdirSync(path.join(dir, '.git'));
  mkdirSync(path.join(dir, 'configs'));
  mkdirSync(path.join(dir, 'runtime'));
  for (const name of ['fw1.cfg', 'fw2.cfg']) copyFileSync(path.join(fixtures, configs, name), path.join(dir, 'configs', name));
  copyFileSync(path.join(fixtures, 'runtime', runtime), path.join(dir, 'runtime', runtime));
  return dir;
}

describe('fwlint explain through the built CLI', () => {
  it('repository mode: the guide\'s phase1 proposal mismatch (l.1010-1019) names ike-proposal-mismatch and the lines of both ends', () => {
    const dir = repository('phase1-proposal/flagged', 'error-info-phase1.txt');
    const result = fwlint(['explain', 'runtime/error-info-phase1.txt'], { cwd: dir });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('runtime/error-info-phase1.txt:8  "phase1 proposal mismatch"  peer 2.1.1.1:500  IKEv2  2017-09-05 15:22:32  (error-info)');
    expect(result.stdout).toContain('device   FW1 (configs/fw1.cfg), from the prompt "FW1"');
    expect(result.stdout).toContain('tunnel   configs/fw1.cfg:34 ipsec policy map1 10  <->  FW2 configs/fw2.cfg:34 ipsec policy map1 10');
    expect(result.stdout).toMatch(/configs\/fw1\.cfg:15:23 {2}error {2}IKE proposal "10" encryption-algorithm "aes-256" .* fwlint\/ike-proposal-mismatch/);
    expect(result.stdout).toContain('configs/fw2.cfg:15:23  encryption-algorithm "aes-128" of IKE proposal "10" on FW2');
    expect(result.stdout).toContain('runtime/error-info-phase1.txt:9  the same record as line 8');
  });

  it('--format json from stdin: one object per record with the fields of the issue; the fixed configuration says the causes hold', () => {
    const dir = repository('acl-mismatch/fixed', 'log-negofail.txt');
    const log = readFileSync(path.join(dir, 'runtime/log-negofail.txt'), 'utf8');
    const result = fwlint(['explain', '-f', 'json', '-', 'configs/fw1.cfg', 'configs/fw2.cfg'], { cwd: dir, input: log });
    expect(result.status).toBe(0);
    const [record] = JSON.parse(result.stdout) as Record<string, unknown>[];
    for (const key of ['line', 'reason', 'peer', 'version', 'device', 'tunnel', 'causes', 'runtimeOnly', 'advice']) expect(record).toHaveProperty(key);
    expect(record).toMatchObject({ line: 1, reason: 'acl configuration mismatch', peer: '1.1.1.1', version: null, device: 'configs/fw2.cfg', causes: [], runtimeOnly: true });
    expect(record.tunnel).toEqual({ ends: [{ filePath: 'configs/fw2.cfg', line: 35 }, { filePath: 'configs/fw1.cfg', line: 35 }] });
    expect(record.advice).toMatch(/^The configurable causes fwlint checks \(fwlint\/remote-address-mismatch, fwlint\/security-acl-mismatch\) hold on this tunnel\. Next, on the device: /);
  });

  it('a different plaintext pre-shared key is named by the "authentication fail" record (guide l.1115-1124) and never printed', () => {
    const dir = repository('psk/flagged', 'error-info-authentication.txt');
    const text = fwlint(['explain', 'runtime/error-info-authentication.txt', 'configs'], { cwd: dir });
    const json = fwlint(['explain', '-f', 'json', 'runtime/error-info-authentication.txt', 'configs'], { cwd: dir });
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('fwlint/pre-shared-key-mismatch');
    for (const output of [text.stdout, text.stderr, json.stdout, json.stderr]) {
      expect(output).not.toContain('Key-Alpha-123');
      expect(output).not.toContain('Key-Beta-456');
    }
  });

  it('a reason, --list, --help; unreadable and foreign RUNTIME give one line and exit 2, never a stack', () => {
    const reason = fwlint(['explain', 'flow or peer mismatch']);
    expect(reason.status).toBe(0);
    expect(reason.stdout).toMatch(/^flow or peer mismatch {2}\(negotiation failure\)\n/);
    expect(reason.stdout).toContain('rules     fwlint/remote-address-mismatch, fwlint/security-acl-mismatch detect its configurable causes');
    expect(fwlint(['explain', '--list']).stdout).toMatch(/^ {2}port mismatch|^ {2}hard expiry triggered by port mismatch +nat-not-excluding-protected-flow, nat-translates-ike-packets$/m);
    expect(fwlint(['explain', '--help']).stdout).toMatch(/^Usage: fwlint explain \[options\] RUNTIME \[paths…\]/);
    expect(fwlint(['--help']).stdout).toContain('fwlint explain [options] RUNTIME [paths…]');

    const dir = tempDir('fwlint-explain-bad-');
    write(dir, 'fw1.cfg', readFileSync(path.join(fixtures, 'acl-mismatch/fixed/fw1.cfg'), 'utf8'));
    write(dir, 'notes.txt', 'show me the tunnels\n');
    for (const [args, message] of [
      [['explain', '/dev/zero', 'fw1.cfg'], /^fwlint: cannot read RUNTIME \/dev\/zero \(.*\)\n$/],
      [['explain', 'notes.txt', 'fw1.cfg'], /^fwlint: RUNTIME notes\.txt holds no display ike error-info or display ike offline-info table and no IPSECNEGOFAIL, IPSEC_TUNNEL_TEARED_DOWN or IPSECTUNNELSTOP log line\n$/],
      [['explain', 'flow mismatch please'], /^fwlint: "flow mismatch please" is neither a readable file nor a reason Huawei documents.*\n$/],
      [['explain', '--device', 'nope.cfg', 'notes.txt'], /^fwlint: RUNTIME notes\.txt holds no/],
    ] as const) {
      const result = fwlint([...args], { cwd: dir });
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(/\n {4}at /);
    }
  });

  it('phase1 hardware expire (guide l.2739-2746) with only FW2 in the run (--no-context): no tunnel, exit 1', () => {
    const dir = repository('acl-mismatch/flagged', 'offline-info-phase1-expire.txt');
    const result = fwlint(['explain', '--no-context', 'runtime/offline-info-phase1-expire.txt', 'configs/fw2.cfg'], { cwd: dir });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('= "phase1 hard expiry"');
    expect(result.stdout).toContain("tunnel   none: ipsec policy map1 10 (configs/fw2.cfg:35) negotiates with 1.1.1.1, but no configuration in this run owns that address (the peer's configuration is not in the repository)");
    expect(result.stdout).toContain('on a template responder run undo ikev1 phase1-phase2 sa dependent');
  });
});
