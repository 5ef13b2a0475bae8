import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fwlint, parseJson, repositoryRoot, tempDir } from '../e2e/run-cli.js';
import { edit, git, networkRepository } from './git-repo.js';

interface Located {
  file: string;
  rule: string;
  line: number;
}

/** Findings of a JSON run as `file rule line`, files relative to the repository. */
function findings(dir: string, args: string[]): { status: number | null; found: Located[]; stderr: string } {
  const result = fwlint(['--format', 'json', ...args], { cwd: dir });
  if (result.status === 2) return { status: 2, found: [], stderr: result.stderr };
  const found = parseJson(result.stdout).flatMap((r) =>
    r.messages.map((m) => ({ file: path.relative(dir, r.filePath).split(path.sep).join('/'), rule: m.ruleId.replace('fwlint/', ''), line: m.line })),
  );
  return { status: result.status, found, stderr: result.stderr };
}

const files = (found: Located[]): string[] => [...new Set(found.map((f) => f.file))].sort();

describe('repository mode: named files are targets, the repository is context', () => {
  it('reports a staged change that breaks a tunnel on both ends, and nothing on unrelated devices', () => {
    const dir = networkRepository();
    expect(findings(dir, ['.']).found.some((f) => f.file.startsWith('legacy/'))).toBe(true);
    edit(dir, 'sites/branch.cfg', 'pfs dh-group14', 'pfs dh-group20');
    git(dir, 'add', 'sites/branch.cfg');

    const named = findings(dir, ['sites/branch.cfg']);
    expect(named.status).toBe(1);
    expect(files(named.found.filter((f) => f.rule === 'pfs-mismatch'))).toEqual(['sites/branch.cfg', 'sites/hq.cfg']);
    expect(files(named.found).every((f) => f.startsWith('sites/'))).toBe(true);

    const changed = findings(dir, ['--changed']);
    expect(changed.found).toEqual(named.found);
  });

  it('--no-context lints only the files given', () => {
    const dir = networkRepository();
    edit(dir, 'sites/branch.cfg', 'pfs dh-group14', 'pfs dh-group20');
    const alone = findings(dir, ['--no-context', 'sites/branch.cfg']);
    expect(alone.found.filter((f) => f.rule === 'pfs-mismatch')).toEqual([]);
    expect(files(alone.found).every((f) => f === 'sites/branch.cfg')).toBe(true);
  });

  it('a change to the hub is reported on the spokes it breaks; a change to one spoke does not report the others', () => {
    const dir = networkRepository('hub');
    edit(dir, 'hub/hub.cfg', 'esp encryption-algorithm aes-256', 'esp encryption-algorithm aes-128');
    const hub = findings(dir, ['hub/hub.cfg']);
    const broken = hub.found.filter((f) => f.rule === 'ipsec-proposal-mismatch');
    expect(files(broken)).toEqual(['hub/hub.cfg', 'hub/spoke-0.cfg', 'hub/spoke-1.cfg', 'hub/spoke-2.cfg']);
    git(dir, 'checkout', '--', 'hub/hub.cfg');

    edit(dir, 'hub/spoke-1.cfg', 'esp encryption-algorithm aes-256', 'esp encryption-algorithm aes-128');
    const spoke = findings(dir, ['hub/spoke-1.cfg']);
    expect(files(spoke.found.filter((f) => f.rule === 'ipsec-proposal-mismatch'))).toEqual(['hub/hub.cfg', 'hub/spoke-1.cfg']);
    expect(files(spoke.found)).not.toContain('hub/spoke-0.cfg');
    expect(files(spoke.found)).not.toContain('hub/spoke-2.cfg');
    // The hub's finding is about spoke 1's tunnel only.
    const hubLines = spoke.found.filter((f) => f.file === 'hub/hub.cfg' && f.rule === 'ipsec-proposal-mismatch');
    expect(hubLines.length * 3).toBe(broken.filter((f) => f.file === 'hub/hub.cfg').length);
  });

  it('--changed REF lints what a branch changed since its merge base', () => {
    const dir = networkRepository();
    git(dir, 'checkout', '-q', '-b', 'feature');
    edit(dir, 'sites/hq.cfg', 'pfs dh-group14', 'pfs dh-group20');
    git(dir, 'commit', '-q', '-am', 'hq: pfs 20');
    git(dir, 'checkout', '-q', 'main');
    edit(dir, 'legacy/site-a.cfg', 'sysname', 'sysname ');
    git(dir, 'commit', '-q', '-am', 'unrelated change on main');
    git(dir, 'checkout', '-q', 'feature');

    const sinceMain = findings(dir, ['--changed', 'main']);
    expect(sinceMain.status).toBe(1);
    expect(files(sinceMain.found.filter((f) => f.rule === 'pfs-mismatch'))).toEqual(['sites/branch.cfg', 'sites/hq.cfg']);
    expect(files(sinceMain.found).some((f) => f.startsWith('legacy/'))).toBe(false);

    expect(fwlint(['--changed'], { cwd: dir }).stderr).toBe('fwlint: no configuration files changed; nothing to lint\n');
    const unknown = fwlint(['--changed', 'origin/nope'], { cwd: dir });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toBe('fwlint: --changed: "origin/nope" is not a commit, branch or tag of this repository\n');
  });

  it('works against a bare "origin" as in CI', () => {
    const dir = networkRepository('hub');
    const origin = tempDir('fwlint-origin-');
    execFileSync('git', ['init', '-q', '--bare', origin]);
    git(dir, 'remote', 'add', 'origin', origin);
    git(dir, 'push', '-q', 'origin', 'main');
    git(dir, 'fetch', '-q', 'origin');
    edit(dir, 'hub/spoke-2.cfg', 'esp encryption-algorithm aes-256', 'esp encryption-algorithm aes-128');
    git(dir, 'commit', '-q', '-am', 'spoke 2');
    const result = findings(dir, ['--changed', 'origin/main']);
    expect(files(result.found.filter((f) => f.rule === 'ipsec-proposal-mismatch'))).toEqual(['hub/hub.cfg', 'hub/spoke-2.cfg']);
  });

  it('a deleted end is reported on the remote-address line of its peer', () => {
    const dir = networkRepository();
    git(dir, 'rm', '-q', 'sites/branch.cfg');
    const result = findings(dir, ['--changed']);
    expect(result.status).toBe(1);
    const hq = readFileSync(path.join(dir, 'sites/hq.cfg'), 'utf8').split('\n');
    const remoteLine = hq.findIndex((line) => line.includes('remote-address 198.51.100.2')) + 1;
    expect(result.found).toContainEqual({ file: 'sites/hq.cfg', rule: 'tunnel-end-deleted', line: remoteLine });
    expect(files(result.found)).toEqual(['sites/hq.cfg']);
    const text = fwlint(['--format', 'compact', '--changed'], { cwd: dir }).stdout;
    expect(text).toContain('198.51.100.2 belonged to sites/branch.cfg, which is deleted');
  });

  it('with --cache, unrelated devices are left out by their cached summaries and the findings stay the same', () => {
    const dir = networkRepository();
    expect(fwlint(['--cache', '.'], { cwd: dir }).status).not.toBe(2);
    edit(dir, 'sites/branch.cfg', 'pfs dh-group14', 'pfs dh-group20');
    const uncached = findings(dir, ['sites/branch.cfg']);
    const cached = findings(dir, ['--cache', '--verbose', 'sites/branch.cfg']);
    expect(cached.found).toEqual(uncached.found);
    expect(cached.stderr).toContain('1 of 2 files from the cache; 2 context files not loaded');

    git(dir, 'rm', '-q', 'sites/hq.cfg');
    git(dir, 'checkout', '--', 'sites/branch.cfg');
    const deleted = findings(dir, ['--cache', '--verbose', '--changed']);
    expect(deleted.found).toEqual(findings(dir, ['--changed']).found);
    expect(deleted.found.map((f) => f.rule)).toContain('tunnel-end-deleted');
    expect(deleted.stderr).toContain('2 context files not loaded');
  });

  it('exits 2 with one line outside a git repository', () => {
    const dir = tempDir('fwlint-no-git-');
    writeFileSync(path.join(dir, 'a.cfg'), '#\n sysname A\n#\nreturn\n');
    const result = fwlint(['--changed'], { cwd: dir, env: { GIT_CEILING_DIRECTORIES: path.dirname(dir) } });
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^fwlint: --changed needs a git repository/);
    expect(fwlint(['--changed', 'x', 'a.cfg'], { cwd: dir }).status).toBe(2);
  });
});

const preCommit = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
const hasPreCommit = preCommit.status === 0;
if (!hasPreCommit && process.env.CI === 'true') {
  throw new Error('pre-commit is not installed, and CI=true: .ci/run installs it (apt-get install pre-commit)');
}

/**
 * A clone of this repository's committed HEAD, as a user's `repo:` would fetch it: the hook is
 * installed by the framework itself (npm install, npm pack, npm install -g of the tarball), so a
 * banner on npm pack's standard output or a missing build step fails here as it would for users.
 */
function hookRepositoryClone(): { url: string; rev: string } {
  const dir = path.join(tempDir('fwlint-hook-repo-'), 'fwlint');
  execFileSync('git', ['clone', '-q', '--no-hardlinks', repositoryRoot, dir]);
  const rev = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: dir, encoding: 'utf8' }).trim();
  return { url: dir, rev };
}

describe.skipIf(!hasPreCommit)(`pre-commit framework (${hasPreCommit ? preCommit.stdout.trim() : 'not installed: apt-get install pre-commit to run'})`, () => {
  it('installs fwlint from a git clone; the hook passes staged files as targets with the repository as context', () => {
    const hook = hookRepositoryClone();
    const dir = networkRepository();
    const config = ['repos:', `  - repo: ${hook.url}`, `    rev: ${hook.rev}`, '    hooks:', '      - id: fwlint', ''].join('\n');
    writeFileSync(path.join(dir, '.pre-commit-config.yaml'), config);
    git(dir, 'add', '.pre-commit-config.yaml');
    git(dir, 'commit', '-q', '-m', 'pre-commit config');
    edit(dir, 'sites/branch.cfg', 'pfs dh-group14', 'pfs dh-group20');
    git(dir, 'add', 'sites/branch.cfg');
    // A user's commit runs pre-commit from git, not under npm: npm's npm_config_* variables (set
    // when this suite runs through `npm test`) would override the hook repository's .npmrc.
    const userEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
    const env = { ...userEnv, PRE_COMMIT_HOME: path.join(tempDir('fwlint-pre-commit-home-')), NO_COLOR: '1' };
    const result = spawnSync('pre-commit', ['run', 'fwlint'], { cwd: dir, encoding: 'utf8', env });
    expect(result.stderr + result.stdout).not.toMatch(/An unexpected error/);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/sites\/branch\.cfg:\d+:\d+: error .*\[fwlint\/pfs-mismatch\]/);
    expect(result.stdout).toMatch(/sites\/hq\.cfg:\d+:\d+: error .*\[fwlint\/pfs-mismatch\]/);
    expect(result.stdout).not.toContain('legacy/');

    git(dir, 'reset', '-q', 'HEAD', 'sites/branch.cfg');
    git(dir, 'checkout', '--', 'sites/branch.cfg');
    const clean = spawnSync('pre-commit', ['run', 'fwlint', '--files', 'sites/hq.cfg'], { cwd: dir, encoding: 'utf8', env });
    expect(clean.stdout).toMatch(/Passed/);
    expect(clean.status).toBe(0);
  }, 300_000);
});
