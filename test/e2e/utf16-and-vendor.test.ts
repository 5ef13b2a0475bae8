import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fwlint, parseJson, repositoryRoot, tempDir, write, warningsOf } from './run-cli.js';

const EXAMPLE = path.join(repositoryRoot, 'configs-examples/ike-peer-mismatch/flagged');
const SITES = ['site-a.cfg', 'site-b.cfg'];

function encode(text: string, encoding: 'utf8' | 'utf16le' | 'utf16be'): Buffer {
  if (encoding === 'utf8') return Buffer.from(text, 'utf8');
  const le = Buffer.from(`\ufeff${text.replace(/\n/g, '\r\n')}`, 'utf16le');
  return encoding === 'utf16le' ? le : le.swap16();
}

/** The JSON findings for one directory, file paths made relative to it. */
function findings(dir: string): { file: string; ruleId: string; line: number; column: number; message: string }[] {
  const result = fwlint(['--no-config', '--format', 'json', '.'], { cwd: dir });
  expect(warningsOf(result.stderr)).toBe('');
  return parseJson(result.stdout).flatMap((r) => r.messages.map((m) => ({ file: path.relative(dir, r.filePath), ruleId: m.ruleId, line: m.line, column: m.column, message: m.message })));
}

describe('fwlint CLI: UTF-16 exports and foreign vendors', () => {
  it('a UTF-16LE or UTF-16BE (BOM, CRLF) export gives the same findings, lines and columns as the UTF-8 file', () => {
    const byEncoding = (['utf8', 'utf16le', 'utf16be'] as const).map((encoding) => {
      const dir = tempDir('fwlint-utf16-');
      for (const site of SITES) writeFileSync(path.join(dir, site), encode(readFileSync(path.join(EXAMPLE, site), 'utf8'), encoding));
      return findings(dir);
    });
    expect(byEncoding[0].length).toBeGreaterThan(0);
    expect(byEncoding[0].some((f) => f.ruleId === 'fwlint/parse-error')).toBe(false);
    expect(byEncoding[1]).toEqual(byEncoding[0]);
    expect(byEncoding[2]).toEqual(byEncoding[0]);
  });

  it('a Cisco IOS file with "version 15.2" is reported as Cisco, not as H3C Comware', () => {
    const dir = tempDir('fwlint-vendor-');
    write(dir, 'cisco.cfg', '!\nversion 15.2\n!\nhostname R1\n!\ncrypto isakmp policy 10\n encr aes\n!\ninterface GigabitEthernet0/0\n ip address 198.51.100.1 255.255.255.0\n!\nend\n');
    const result = fwlint(['--no-config', '--format', 'json', '.'], { cwd: dir });
    const messages = parseJson(result.stdout).flatMap((r) => r.messages);
    expect(messages).toEqual([expect.objectContaining({ ruleId: 'fwlint/parse-error', line: 2, column: 1, message: expect.stringMatching(/Cisco IOS/) })]);
    expect(messages[0].message).not.toMatch(/H3C/);
    expect(result.status).toBe(1);
  });
});

describe('notes through the built CLI (issue #17: what fwlint does not check is said)', () => {
  const evpn = [
    '#', 'sysname RouterA', '#', 'ipsec efficient-vpn evpn mode client', ' remote-address 60.1.2.1 v1',
    ' pre-shared-key cipher %^%#Secret1%^%#', '#', 'interface GigabitEthernet1/0/0', ' ip address 60.1.1.1 255.255.255.0',
    ' ipsec efficient-vpn evpn', '#', 'return', '',
  ].join('\n');

  it('a run counts its notes in one stderr line; --verbose lists them with their lines', () => {
    const dir = tempDir();
    write(dir, 'branch.cfg', evpn);
    const quiet = fwlint(['--no-config', 'branch.cfg'], { cwd: dir });
    expect(quiet.stderr).toMatch(/^fwlint: \d+ notes? on what fwlint did not check or bounded, in 1 file; --verbose lists them\n$/);
    expect(warningsOf(quiet.stderr)).toBe('');
    const verbose = fwlint(['--no-config', '--verbose', 'branch.cfg'], { cwd: dir });
    expect(verbose.stderr).toContain('fwlint: note: branch.cfg: Efficient VPN (ipsec efficient-vpn) is not checked');
    expect(verbose.stderr).toContain('(line 4 "ipsec efficient-vpn evpn")');
    expect(verbose.stderr).not.toContain('notes on what');
    expect(verbose.stderr + verbose.stdout).not.toContain('Secret1');
  });
});
