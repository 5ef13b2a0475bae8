import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fwlint, tempDir, write, type CliResult } from '../e2e/run-cli.js';

/** Distinctive secret values: none may appear in any output, in any case. */
const SECRETS = [
  'SeCrEtPlain1', 'SeCrEtCommunity2', 'SeCrEtCommunity3', 'SeCrEtHash4', 'SeCrEtManager5', 'SeCrEtCipher6', 'SeCrEtManual7', 'SeCrEtManual8',
  'SeCrEtHex9', 'SeCrEtPlain10', 'SeCrEtManual11', 'SeCrEtHex12', 'SeCrEtSimple13', 'SeCrEtSpaced14', 'SeCrEtLevel15', 'SeCrEtPpp16',
];

function site(name: string, local: string, remote: string, localNet: string, remoteNet: string, keys: string[]): string {
  const [psk, community, hash, manager, cipherPsk, manualIn, manualOut, hexKey] = keys;
  return [
    '#', ` sysname ${name}`, '#',
    ` snmp-agent community read ${community}`,
    ` snmp-agent community write cipher %$%$${community}x%$%$`,
    '#', 'aaa',
    ` local-user admin password irreversible-cipher $1a$${hash}$`,
    ` local-user ops password cipher %@%@${hash}y%@%@`,
    ' manager-user audit',
    `  password cipher %@%@${manager}%@%@`,
    ` super password level 3 cipher ${manager}z`,
    '#', 'acl number 3000',
    ` rule 5 permit ip source ${localNet} 0.0.0.255 destination ${remoteNet} 0.0.0.255`,
    '#', 'acl number 3001',
    ` rule 5 permit ip source ${localNet} 0.0.0.255 destination ${remoteNet} 0.0.0.255`,
    '#', 'ike proposal 10', ' encryption-algorithm aes-256', ' dh group14', ' authentication-algorithm sha2-256',
    '#', 'ike peer remote', ` pre-shared-key ${psk}`, ' ike-proposal 10', ` remote-address ${remote}`,
    '#', 'ike peer spare', ` pre-shared-key cipher %^%#${cipherPsk}%^%#`, ` remote-address 192.0.2.99`,
    '#', 'ike peer spaced', ` pre-shared-key simple ${cipherPsk}a ${cipherPsk}b`, ` remote-address 192.0.2.98`,
    '#', 'ipsec proposal p10', ' esp authentication-algorithm sha2-256', ' esp encryption-algorithm aes-256',
    '#', 'ipsec policy map1 10 isakmp', ' security acl 3000', ' ike-peer remote', ' proposal p10',
    '#', 'ipsec policy map1 20 manual', ' security acl 3001', ' proposal p10', ` tunnel local ${local}`, ` tunnel remote ${remote}`,
    ' sa spi inbound esp 1000', ' sa spi outbound esp 2000',
    ` sa string-key inbound esp ${manualIn}`, ` sa string-key outbound esp cipher %^%#${manualOut}%^%#`,
    ` sa authentication-hex inbound esp ${hexKey}`, ` sa encryption-hex outbound esp cipher %^%#${hexKey}q%^%#`,
    '#', 'interface Dialer1', ` ppp chap password cipher ${manager}p`, ` ppp pap local-user u password simple ${manager}s`,
    '#', 'interface GigabitEthernet1/0/1', ` ip address ${local} 255.255.255.0`, ' ipsec policy map1',
    '#', ' ip route-static 0.0.0.0 0.0.0.0 ' + local.replace(/\.\d+$/, '.254'),
    '#', 'return', '',
  ].join('\n');
}

function filesUnder(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) filesUnder(full, out);
    else out.push(full);
  }
  return out;
}

function assertNoSecret(where: string, text: string): void {
  const lower = text.toLowerCase();
  for (const secret of SECRETS) expect(lower.includes(secret.toLowerCase()), `${secret} leaked in ${where}:\n${text.slice(Math.max(0, lower.indexOf(secret.toLowerCase()) - 200), lower.indexOf(secret.toLowerCase()) + 50)}`).toBe(false);
}

describe('secrets never reach any output', () => {
  it('every format, verbose, output file, baseline, cache, step summary and fwlint parse', () => {
    const dir = tempDir('fwlint-secrets-');
    const out = tempDir('fwlint-secrets-out-');
    const a = site('sec-a', '203.0.113.1', '198.51.100.2', '10.1.0.0', '10.2.0.0', SECRETS.slice(0, 8));
    const b = site('sec-b', '198.51.100.2', '203.0.113.1', '10.2.0.0', '10.1.0.0', [SECRETS[9], SECRETS[2], SECRETS[3], SECRETS[4], SECRETS[12], SECRETS[10], SECRETS[13], SECRETS[11]]);
    // Sanity: the secrets are really in the inputs.
    for (const s of [SECRETS[0], SECRETS[9], SECRETS[6], SECRETS[7], SECRETS[11]]) expect(a.includes(s) || b.includes(s)).toBe(true);
    write(dir, 'configs/a.cfg', a);
    write(dir, 'configs/b.cfg', b);
    // Only ciphertext secrets: this file's AST is cached (plaintext-key digests are never cached).
    write(dir, 'configs/c.cfg', ['#', ' sysname sec-c', '#', ` snmp-agent community read cipher %$%$${SECRETS[14]}%$%$`, '#', 'aaa', ' manager-user audit', `  password cipher %@%@${SECRETS[15]}%@%@`,
      '#', 'ike peer x', ` pre-shared-key cipher %^%#${SECRETS[15]}c%^%#`, ' remote-address 192.0.2.1', '#', 'return', ''].join('\n'));
    write(dir, 'fwlint.config.json', '{ "extends": "fwlint:strict" }');

    const summary = path.join(out, 'summary.md');
    const results: [string, CliResult][] = [];
    for (const format of ['pretty', 'json', 'sarif', 'github', 'compact']) {
      results.push([format, fwlint(['-f', format, '--verbose', 'configs'], { cwd: dir, env: { GITHUB_STEP_SUMMARY: summary } })]);
      results.push([`${format} to file`, fwlint(['-f', format, '-o', path.join(out, `report.${format}`), 'configs'], { cwd: dir })]);
    }
    results.push(['baseline', fwlint([`--write-baseline=${path.join(out, 'baseline.json')}`, '--verbose', 'configs'], { cwd: dir })]);
    results.push(['cache', fwlint(['--cache', '--cache-location', path.join(out, 'cache/'), '--verbose', 'configs'], { cwd: dir })]);
    results.push(['cache again', fwlint(['--cache', '--cache-location', path.join(out, 'cache/'), '--verbose', 'configs'], { cwd: dir })]);
    results.push(['stdin', fwlint(['-f', 'json', '--stdin-filename', 'configs/a.cfg', '-', 'configs/b.cfg'], { cwd: dir, input: a })]);
    for (const file of ['configs/a.cfg', 'configs/b.cfg']) {
      results.push([`parse --json ${file}`, fwlint(['parse', '--json', file], { cwd: dir })]);
      results.push([`parse ${file}`, fwlint(['parse', file], { cwd: dir })]);
    }

    for (const [name, result] of results) expect(result.stderr, name).not.toMatch(/^fwlint: (internal error|.*cannot)/m);
    const json = results.find(([name]) => name === 'json')![1];
    expect(JSON.parse(json.stdout).length, 'the run produced a report').toBeGreaterThan(0);
    expect(results.find(([name]) => name === 'parse --json configs/a.cfg')![1].stdout.length).toBeGreaterThan(1000);
    for (const [name, result] of results) {
      expect([0, 1], `${name}: ${result.stderr}`).toContain(result.status);
      assertNoSecret(`${name} stdout`, result.stdout);
      assertNoSecret(`${name} stderr`, result.stderr);
    }
    const written = filesUnder(out);
    expect(written.map((f) => path.basename(f))).toEqual(expect.arrayContaining(['summary.md', 'report.sarif', 'baseline.json', 'fwlint-cache.json']));
    for (const file of written) assertNoSecret(file, readFileSync(file, 'utf8'));
  }, 300_000);
});
