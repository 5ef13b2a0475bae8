import { chmodSync, existsSync, mkdirSync, statSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { tmpdir } from 'node:os';
import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { corpusDir, expectedExit, fwlint, parseJson, read, repositoryRoot, scratchRepository, tempDir, write } from './run-cli.js';
import type { Log as SarifLog } from 'sarif';
import { corpusNames, hasCorpus, requireCorpus } from '../helpers/corpus.js';

const PAIR = ['hwdoc-ar-natt-routera.cfg', 'hwdoc-ar-natt-routerb.cfg'];
const WITH_SYNTAX_PROBLEM = 'hwdoc-ar-evpn-routerb.cfg';
const NOT_HUAWEI = '{ "this": "is JSON, not a firewall configuration" }\n';

describe('fwlint CLI: options and exit code 2', () => {
  it('prints help and version with exit 0', () => {
    const help = fwlint(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: fwlint \[options\]/);
    const version = fwlint(['--version']);
    expect(version.stdout.trim()).toBe(JSON.parse(read(repositoryRoot, 'package.json')).version);
  });

  it('rejects an unknown option with one line and a suggestion', () => {
    const result = fwlint(['--formt', 'json', '.']);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('fwlint: unknown option "--formt" (did you mean "--format"?); see fwlint --help\n');
  });

  it('rejects bad values, unknown formats, unknown rules and a missing target', () => {
    expect(fwlint(['--format', 'sarf', '.']).stderr).toBe('fwlint: unknown format "sarf" (did you mean "sarif"?); choose one of pretty, json, sarif, github, compact\n');
    expect(fwlint(['--max-warnings', 'many', '.']).status).toBe(2);
    expect(fwlint(['--rule', 'parse-eror:off', '.']).stderr).toBe('fwlint: --rule: unknown rule "parse-eror" (did you mean "parse-error"?)\n');
    expect(fwlint(['--rule', 'parse-error:warning', '.']).status).toBe(2);
    const none = fwlint([], { cwd: tempDir('fwlint-no-repo-'), env: { GIT_CEILING_DIRECTORIES: tmpdir() } });
    expect(none.status).toBe(2);
    expect(none.stderr.split('\n')).toHaveLength(2);
  });

  it('exits 2 on an invalid config file, pointing at line and column, without a stack trace', () => {
    const dir = scratchRepository(PAIR);
    write(dir, 'fwlint.config.json', '{\n  // team settings\n  "rules": {\n    "parse-error": "warning"\n  }\n}\n');
    const result = fwlint(['configs'], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('fwlint: fwlint.config.json:4:20: "rules.parse-error" must be one of "off", "warn", "error"\n');
    write(dir, 'other.json', '{ "rules": { "__proto__": {} } }');
    const proto = fwlint(['--config', 'other.json', 'configs'], { cwd: dir });
    expect(proto.status).toBe(2);
    expect(proto.stderr).toBe('fwlint: other.json:1:14: key "__proto__" is not allowed\n');
  });

  it('exits 2 when the baseline cannot be read', () => {
    const dir = scratchRepository(PAIR);
    const result = fwlint(['--baseline', 'missing.json', 'configs'], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('fwlint: cannot read baseline missing.json: ENOENT\n');
  });
});

// Built from corpus files while collecting: skipped as a whole without the corpus (never under CI=true).
describe.skipIf(!hasCorpus && process.env.CI !== 'true')('fwlint CLI: formats', () => {
  const dir = hasCorpus || process.env.CI === 'true' ? scratchRepository([...PAIR, WITH_SYNTAX_PROBLEM]) : tempDir();
  write(dir, 'configs/readme.txt', NOT_HUAWEI);

  it('json: one LintResult per file with the exit code its findings imply', () => {
    const result = fwlint(['--format', 'json', 'configs'], { cwd: dir });
    const results = parseJson(result.stdout);
    expect(results.map((r) => path.basename(r.filePath))).toEqual([...PAIR, WITH_SYNTAX_PROBLEM, 'readme.txt'].sort());
    const readme = results.find((r) => r.filePath.endsWith('readme.txt'))!;
    expect(readme.messages[0]).toMatchObject({ ruleId: 'fwlint/parse-error', severity: 2, line: 1, column: 1, fatal: true });
    expect(readme).toMatchObject({ errorCount: 1, fatalErrorCount: 1 });
    expect(result.status).toBe(1);
    expect(result.status).toBe(expectedExit(results));
  });

  it('compact: file:line:col, severity, message, rule and docs URL', () => {
    const result = fwlint(['--format', 'compact', 'configs'], { cwd: dir });
    expect(result.stdout).toMatch(/^configs\/readme\.txt:1:1: error .+ \[fwlint\/parse-error\] https:\/\/\S+\/docs\/rules\/parse-error\.md$/m);
    expect(result.status).toBe(1);
  });

  it('pretty: grouped by file with namespaced ids', () => {
    const result = fwlint(['--format', 'pretty', 'configs'], { cwd: dir });
    expect(result.stdout).toContain('configs/readme.txt');
    expect(result.stdout).toContain('fwlint/parse-error');
    expect(result.status).toBe(1);
  });

  it('sarif: valid for the SARIF multitool, repository-relative URIs', () => {
    const result = fwlint(['--format', 'sarif', '--output-file', 'out.sarif', 'configs'], { cwd: dir });
    expect(result.status).toBe(1);
    const log = JSON.parse(read(dir, 'out.sarif'));
    expect(log.runs[0].tool.driver.name).toBe('fwlint');
    const uris = log.runs[0].results.map((r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => r.locations[0].physicalLocation.artifactLocation.uri);
    expect(uris).toContain('configs/readme.txt');
    expect(result.stdout).toBe('');
    const multitool = path.join(repositoryRoot, 'node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool');
    if ((statSync(multitool).mode & 0o111) === 0) chmodSync(multitool, 0o755);
    const validation = execFileSync(multitool, ['validate', path.join(dir, 'out.sarif'), '--output', path.join(dir, 'v.sarif'), '--log', 'ForceOverwrite'], {
      encoding: 'utf8',
      env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' },
    });
    expect(validation).not.toMatch(/: error SARIF/);
  });

  it('github: chosen automatically under GitHub Actions, with a job summary', () => {
    const summary = path.join(dir, 'summary.md');
    const result = fwlint(['configs'], { cwd: dir, env: { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary } });
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^::error file=configs\/readme\.txt,line=1,endLine=1,col=1,endColumn=\d+,title=fwlint\/parse-error::/m);
    expect(read(dir, 'summary.md')).toMatch(/^## fwlint/);
    expect(read(dir, 'summary.md')).toContain('| error | configs/readme.txt:1:1 |');
  });
});

describe('fwlint CLI: inputs', () => {
  it('lints stdin under the --stdin-filename name', () => {
    const result = fwlint(['--format', 'json', '--stdin-filename', 'piped.cfg', '-'], { input: NOT_HUAWEI });
    const [only] = parseJson(result.stdout);
    expect(only.filePath).toBe(path.join(repositoryRoot, 'piped.cfg'));
    expect(only.messages[0].ruleId).toBe('fwlint/parse-error');
    expect(result.status).toBe(1);
  });

  it('walks directories: config-file extensions only, skips node_modules and .git, survives symlink loops, honours ignores', () => {
    const dir = tempDir();
    write(dir, 'a/one.cfg', NOT_HUAWEI);
    write(dir, 'a/b/two.conf', NOT_HUAWEI);
    write(dir, 'a/notes.md', NOT_HUAWEI);
    write(dir, 'a/node_modules/x.cfg', NOT_HUAWEI);
    write(dir, 'a/.git/y.cfg', NOT_HUAWEI);
    write(dir, 'a/old/z.cfg', NOT_HUAWEI);
    symlinkSync(path.join(dir, 'a'), path.join(dir, 'a', 'b', 'loop'));
    write(dir, 'fwlint.config.json', '{ "ignores": ["a/old/**"] }');
    const files = (args: string[]) => parseJson(fwlint(['--format', 'json', ...args], { cwd: dir }).stdout).map((r) => path.relative(dir, r.filePath));
    expect(files(['a'])).toEqual(['a/b/two.conf', 'a/one.cfg']);
    expect(files(['--ext', '.md', 'a'])).toEqual(['a/notes.md']);
    expect(files(['a/**/*.cfg'])).toEqual(['a/one.cfg']);
  });

  it('reports missing files and broken links as io-error findings and lints the rest', () => {
    const dir = tempDir();
    write(dir, 'good.cfg', NOT_HUAWEI);
    symlinkSync(path.join(dir, 'nowhere.cfg'), path.join(dir, 'broken.cfg'));
    const result = fwlint(['--format', 'compact', '.', 'missing.cfg'], { cwd: dir });
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^broken\.cfg:1:1: error broken symbolic link \[fwlint\/io-error\]/m);
    expect(result.stdout).toMatch(/^missing\.cfg:1:1: error cannot read file \(ENOENT\) \[fwlint\/io-error\]/m);
    expect(result.stdout).toMatch(/^good\.cfg:1:1: error .*\[fwlint\/parse-error\]/m);
  });

  it('exits 0 with a note when no file matches (pre-commit with only ignored files)', () => {
    const dir = tempDir();
    write(dir, 'fwlint.config.json', '{ "ignores": ["vendor/**"] }');
    write(dir, 'vendor/x.cfg', NOT_HUAWEI);
    const result = fwlint(['vendor/x.cfg'], { cwd: dir });
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('fwlint: no configuration files matched; nothing to lint\n');
  });

  it('parse subcommand prints the AST as JSON without secrets, or a summary', () => {
    requireCorpus();
    const file = path.join(corpusDir, 'ghidx30183180192-usg-fw1-greoveripsec-snippet.cfg');
    const json = fwlint(['parse', file, '--json']);
    expect(json.status).toBe(0);
    expect(JSON.parse(json.stdout).kind).toBe('config');
    expect(json.stdout).not.toContain('Huawei@123');
    const summary = fwlint(['parse', file]);
    expect(summary.stdout).toMatch(/ike peers: \d+/);
    expect(fwlint(['parse']).status).toBe(2);
  });
});

describe('fwlint CLI: thresholds, baseline, cache', () => {
  it('--max-warnings and --quiet decide the exit code as the findings imply', () => {
    const dir = scratchRepository([...PAIR, WITH_SYNTAX_PROBLEM]);
    const base = ['--format', 'json', '--rule', 'parse-error:warn', 'configs'];
    const results = parseJson(fwlint(base, { cwd: dir }).stdout);
    const warnings = results.flatMap((r) => r.messages).filter((m) => m.severity === 1).length;
    expect(warnings).toBeGreaterThan(0);
    expect(fwlint([...base, '--max-warnings', '0'], { cwd: dir }).status).toBe(1);
    expect(fwlint([...base, '--max-warnings', String(warnings)], { cwd: dir }).status).toBe(expectedExit(results, warnings));
    const quiet = parseJson(fwlint([...base, '--quiet'], { cwd: dir }).stdout);
    expect(quiet.flatMap((r) => r.messages).every((m) => m.severity === 2)).toBe(true);
  });

  it('writes a baseline that makes the run clean, and reports entries that went stale', () => {
    const dir = scratchRepository([...PAIR, WITH_SYNTAX_PROBLEM]);
    write(dir, 'configs/readme.txt', NOT_HUAWEI);
    const written = fwlint(['--write-baseline', '--format', 'json', 'configs'], { cwd: dir });
    expect(written.stderr).toMatch(/^fwlint: wrote fwlint-baseline\.json \(\d+ entries\)$/m);
    expect(written.status).toBe(0);
    expect(read(dir, 'fwlint-baseline.json')).not.toMatch(/"line"/);
    const clean = fwlint(['--baseline', 'fwlint-baseline.json', 'configs'], { cwd: dir });
    expect(clean.status).toBe(0);
    expect(clean.stdout).toBe('');
    write(dir, 'configs/readme.txt', '');
    const stale = fwlint(['--baseline', 'fwlint-baseline.json', '--format', 'json', 'configs'], { cwd: dir });
    expect(stale.stderr).toMatch(/baseline-stale: fwlint-baseline\.json: 1 of 1 accepted "parse-error" findings at configs\/readme\.txt parse:not-huawei-config no longer occur/);
    const sarif = JSON.parse(fwlint(['--baseline', 'fwlint-baseline.json', '--format', 'sarif', 'configs'], { cwd: dir }).stdout) as SarifLog;
    expect(sarif.runs[0].invocations?.[0].toolExecutionNotifications?.[0].message.text).toMatch(/^baseline-stale: fwlint-baseline\.json: 1 of 1/);
  });

  it('--cache stores parse results and gives the same report on the next run', () => {
    const dir = scratchRepository([...PAIR, WITH_SYNTAX_PROBLEM]);
    mkdirSync(path.join(dir, 'cache'));
    const args = ['--cache', '--cache-location', 'cache/', '--format', 'json', 'configs'];
    const first = fwlint(args, { cwd: dir });
    expect(existsSync(path.join(dir, 'cache', 'fwlint-cache.json'))).toBe(true);
    const flagged = fwlint([...args, '--verbose', '--rule', 'dpd-not-configured:off'], { cwd: dir });
    expect(flagged.stderr).toContain('fwlint: 3 of 3 files from the cache');
    const second = fwlint([...args, '--verbose'], { cwd: dir });
    expect(second.stdout).toBe(first.stdout);
    expect(second.status).toBe(first.status);
  });

  it('--cache gives back the findings of a run over the same files, contents and settings without parsing', () => {
    const dir = scratchRepository([...PAIR, WITH_SYNTAX_PROBLEM]);
    const args = ['--cache', '--verbose', '--format', 'json', 'configs'];
    const reused = /same files, contents and settings as the cached run/;
    const first = fwlint(args, { cwd: dir });
    expect(first.stderr).not.toMatch(reused);
    const second = fwlint(args, { cwd: dir });
    expect(second.stderr).toMatch(reused);
    expect([second.stdout, second.status]).toEqual([first.stdout, first.status]);

    const quietArgs = [...args, '--rule', 'dpd-not-configured:off'];
    const otherFlags = fwlint(quietArgs, { cwd: dir });
    expect(otherFlags.stderr).not.toMatch(reused);
    expect(otherFlags.stdout).not.toBe(first.stdout);

    write(dir, `configs/${PAIR[0]}`, `${read(dir, `configs/${PAIR[0]}`)}#\n`);
    const edited = fwlint(quietArgs, { cwd: dir });
    expect(edited.stderr).not.toMatch(reused);
    expect(edited.stdout).toBe(otherFlags.stdout);
    write(dir, 'fwlint.config.json', '{ "rules": { "acl-rule-uses-any": "off" } }');
    expect(fwlint(quietArgs, { cwd: dir }).stderr).not.toMatch(reused);
    expect(fwlint(quietArgs, { cwd: dir }).stderr).toMatch(reused);
  });

  it('parses in worker threads with the same result as sequential parsing', () => {
    const files = corpusNames();
    const dir = scratchRepository(files);
    const sequential = fwlint(['--concurrency', '1', '--format', 'json', 'configs'], { cwd: dir, env: { FWLINT_STRICT_REPORTS: '1' } });
    expect(sequential.stderr).not.toMatch(/internal error|dropped/);
    const threaded = fwlint(['--concurrency', '2', '--format', 'json', 'configs'], { cwd: dir });
    expect(threaded.stdout).toBe(sequential.stdout);
    expect(sequential.status).toBe(expectedExit(parseJson(sequential.stdout)));
  });
});

describe('fwlint CLI over configs-examples/', () => {
  it.each(['json', 'compact', 'sarif', 'github', 'pretty'])('%s runs and exits as the findings imply', (format) => {
    const strict = { FWLINT_STRICT_REPORTS: '1' };
    const json = fwlint(['--format', 'json', 'configs-examples/'], { env: strict });
    const result = fwlint(['--format', format, 'configs-examples/'], { env: strict });
    expect(result.stderr).not.toMatch(/internal error|dropped/);
    if (json.stdout === '') {
      expect(result.status).toBe(0);
    } else {
      expect(result.status).toBe(expectedExit(parseJson(json.stdout)));
    }
  });
});

describe('first use: small CLI defects', () => {
  const pair = (): string => {
    const dir = tempDir('fwlint-first-use-');
    execFileSync('git', ['init', '-q'], { cwd: dir });
    for (const name of ['site-a.cfg', 'site-b.cfg']) write(dir, name, read(repositoryRoot, `configs-examples/pfs-mismatch/flagged/${name}`));
    mkdirSync(path.join(dir, 'sub'));
    return dir;
  };

  it('with no path lints the repository (git top level), from a subdirectory too', () => {
    const dir = pair();
    const top = fwlint(['-f', 'compact'], { cwd: dir });
    expect(top.status).toBe(1);
    expect(top.stdout).toMatch(/^site-a\.cfg:39:6: error .*\[fwlint\/pfs-mismatch\]/m);
    const sub = fwlint(['-f', 'compact'], { cwd: path.join(dir, 'sub') });
    expect(sub.status).toBe(1);
    expect(sub.stdout).toMatch(/^\.\.\/site-b\.cfg:35:1: error/m);
    const outside = fwlint([], { cwd: tempDir('fwlint-no-repo-'), env: { GIT_CEILING_DIRECTORIES: tmpdir() } });
    expect(outside.status).toBe(2);
    expect(outside.stderr).toMatch(/^fwlint: no files given, and not inside a repository/);
  });

  it('names the long option when a value is missing, refuses --config with --no-config, and -o writes only the file', () => {
    expect(fwlint(['-f']).stderr).toBe('fwlint: option "--format" needs a value; see fwlint --help\n');
    const both = fwlint(['--config', 'x.json', '--no-config', '.']);
    expect(both.status).toBe(2);
    expect(both.stderr).toBe('fwlint: --config and --no-config cannot be combined\n');
    const dir = pair();
    const out = fwlint(['-o', 'report.txt', '.'], { cwd: dir });
    expect(out.status).toBe(1);
    expect(out.stdout).toBe('');
    expect(read(dir, 'report.txt')).toMatch(/site-a\.cfg:39:6: error/);
  });

  it('--help states the exit codes as the README does: unreadable files are findings (1), not 2', () => {
    const help = fwlint(['--help']).stdout;
    expect(help).toMatch(/1 problems found, including files\s+that could not be read or parsed/);
    expect(help).not.toMatch(/configuration, I\/O or internal error/);
  });
});

describe('terminal output', () => {
  const flagged = 'configs-examples/pfs-mismatch/flagged';
  it('has no escape sequence at all when piped or with NO_COLOR, and colours with --color', () => {
    const piped = fwlint(['-f', 'pretty', flagged]);
    expect(piped.status).toBe(1);
    expect(piped.stdout).toContain('2 errors');
    expect(piped.stdout).not.toContain('\x1b');
    expect(fwlint(['-f', 'pretty', '--no-color', flagged]).stdout).not.toContain('\x1b');
    expect(fwlint(['-f', 'pretty', '--color', flagged]).stdout).toContain('\x1b[');
    const dir = tempDir('fwlint-color-');
    fwlint(['-f', 'pretty', '-o', path.join(dir, 'report.txt'), flagged]);
    expect(read(dir, 'report.txt')).not.toContain('\x1b');
  });
});

describe('directory walks follow git', () => {
  it('skip git-ignored files and the file the report is redirected to; a named file is still linted', () => {
    const dir = tempDir('fwlint-gitignore-');
    execFileSync('git', ['init', '-q'], { cwd: dir });
    for (const name of ['site-a.cfg', 'site-b.cfg']) write(dir, name, read(repositoryRoot, `configs-examples/pfs-mismatch/fixed/${name}`));
    write(dir, 'scratch/export-in-progress.cfg', '');
    write(dir, 'local.txt', 'not a configuration\n');
    write(dir, '.gitignore', 'scratch/\n');
    write(dir, '.git/info/exclude', 'local.txt\n');
    expect(fwlint(['-f', 'compact', '.'], { cwd: dir })).toMatchObject({ status: 0, stdout: '' });
    // The shell opens out.txt before fwlint starts: an untracked, unignored file fwlint itself writes.
    const redirected = spawnSync('sh', ['-c', `"${process.execPath}" "${path.join(repositoryRoot, 'bin/fwlint.js')}" -f compact . > out.txt`], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
    expect(redirected.status).toBe(0);
    expect(read(dir, 'out.txt')).toBe('');
    const named = fwlint(['-f', 'compact', '--no-context', 'scratch/export-in-progress.cfg'], { cwd: dir });
    expect(named.status).toBe(1);
    expect(named.stdout).toMatch(/^scratch\/export-in-progress\.cfg:1:1: error the configuration is empty/);
  });
});

describe('GitHub paths from a subdirectory', () => {
  it('annotations and SARIF URIs are relative to the repository root (GITHUB_WORKSPACE when set)', () => {
    const dir = tempDir('fwlint-gh-sub-');
    execFileSync('git', ['init', '-q'], { cwd: dir });
    for (const name of ['site-a.cfg', 'site-b.cfg']) write(dir, `net/${name}`, read(repositoryRoot, `configs-examples/pfs-mismatch/flagged/${name}`));
    const cwd = path.join(dir, 'net');
    for (const env of [{}, { GITHUB_WORKSPACE: dir }] as Record<string, string>[]) {
      const github = fwlint(['-f', 'github', '.'], { cwd, env: { GITHUB_ACTIONS: 'true', ...env } });
      expect(github.status).toBe(1);
      expect(github.stdout).toMatch(/^::error file=net\/site-a\.cfg,line=39,/m);
      expect(github.stdout).toContain(': net/site-b.cfg:35:1)');
      const sarif = JSON.parse(fwlint(['-f', 'sarif', '.'], { cwd, env }).stdout) as SarifLog;
      expect(sarif.runs[0].results?.map((r) => r.locations?.[0].physicalLocation?.artifactLocation?.uri)).toContain('net/site-a.cfg');
    }
  });
});

describe('--exit-zero', () => {
  it('reports the problems and exits 0; a usage error still exits 2', () => {
    const result = fwlint(['-f', 'compact', '--exit-zero', 'configs-examples/pfs-mismatch/flagged']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/\[fwlint\/pfs-mismatch\]/);
    expect(fwlint(['--exit-zero', '--format', 'nope', '.']).status).toBe(2);
  });
});
