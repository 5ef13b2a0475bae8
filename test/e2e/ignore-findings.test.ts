import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fwlint, read, repositoryRoot, tempDir, write } from './run-cli.js';

function pfsRepository(config: unknown): string {
  const dir = tempDir('fwlint-ignore-');
  mkdirSync(path.join(dir, '.git'));
  for (const end of ['a', 'b']) write(dir, `net/site-${end}.cfg`, read(repositoryRoot, `configs-examples/pfs-mismatch/flagged/site-${end}.cfg`));
  write(dir, 'fwlint.config.json', JSON.stringify(config));
  return dir;
}

const rulesOf = (stdout: string) =>
  (JSON.parse(stdout) as { filePath: string; messages: { ruleId: string }[] }[]).flatMap((r) => r.messages.map((m) => `${path.basename(r.filePath)} ${m.ruleId}`));

describe('ignoreFindings in fwlint.config.json', () => {
  it('accepts the findings an entry names (rule, file glob, object path) and keeps the rest', () => {
    const all = rulesOf(fwlint(['-f', 'json', 'net'], { cwd: pfsRepository({}) }).stdout);
    expect(all.filter((r) => r.endsWith('fwlint/pfs-mismatch'))).toHaveLength(2);
    const dir = pfsRepository({ ignoreFindings: [{ rule: 'pfs-mismatch', files: ['net/site-a.cfg'], reason: 'site A moves to PFS group14 with the next change window' }] });
    const result = fwlint(['-f', 'json', '--verbose', 'net'], { cwd: dir });
    const left = rulesOf(result.stdout);
    expect(left).not.toContain('site-a.cfg fwlint/pfs-mismatch');
    expect(left).toContain('site-b.cfg fwlint/pfs-mismatch');
    expect(result.stderr).toContain('fwlint: 1 findings accepted by ignoreFindings in fwlint.config.json');
    expect(result.stderr).not.toContain('ignore-finding-stale');
  });

  it('an entry for another object path does not match; one that matches nothing is a stale warning', () => {
    const dir = pfsRepository({ ignoreFindings: [{ rule: 'pfs-mismatch', files: ['net/**'], objectPath: 'ipsec-policy:nope/1', reason: 'typo' }] });
    const result = fwlint(['-f', 'json', 'net'], { cwd: dir });
    expect(rulesOf(result.stdout).filter((r) => r.endsWith('fwlint/pfs-mismatch'))).toHaveLength(2);
    expect(result.stderr).toMatch(/fwlint: warning: ignore-finding-stale: fwlint\.config\.json: ignoreFindings\[0\] \("pfs-mismatch" at ipsec-policy:nope\/1 in net\/\*\*\) matches no finding of this run; remove it/);
  });

  it('requires a reason and a known rule (exit 2 at the entry)', () => {
    const noReason = fwlint(['net'], { cwd: pfsRepository({ ignoreFindings: [{ rule: 'pfs-mismatch', files: ['net/**'] }] }) });
    expect(noReason.status).toBe(2);
    expect(noReason.stderr).toMatch(/^fwlint: fwlint\.config\.json:1:\d+: .*reason/);
    const blank = fwlint(['net'], { cwd: pfsRepository({ ignoreFindings: [{ rule: 'pfs-mismatch', files: ['net/**'], reason: '  ' }] }) });
    expect(blank.status).toBe(2);
    const unknown = fwlint(['net'], { cwd: pfsRepository({ ignoreFindings: [{ rule: 'pfs-mismach', files: ['net/**'], reason: 'x' }] }) });
    expect(unknown.status).toBe(2);
  });

  it('a baseline written with ignoreFindings in place does not record the accepted findings', () => {
    const dir = pfsRepository({ ignoreFindings: [{ rule: 'pfs-mismatch', files: ['net/site-a.cfg'], reason: 'accepted' }] });
    fwlint(['--write-baseline', 'net'], { cwd: dir });
    const baseline = JSON.parse(read(dir, 'fwlint-baseline.json')) as { entries: { rule: string; file: string }[] };
    expect(baseline.entries.filter((e) => e.rule === 'pfs-mismatch').map((e) => e.file)).toEqual(['net/site-b.cfg']);
  });
});
