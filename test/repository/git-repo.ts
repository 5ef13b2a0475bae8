import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repositoryRoot, tempDir } from '../e2e/run-cli.js';

const examples = path.join(repositoryRoot, 'configs-examples');

interface Generator {
  generateHub(options: { policies: number }): string;
  generateSpoke(i: number): string;
}
/** The benchmark generator (plain JS, imported by URL so the type checker does not need its types). */
const generator = (await import(pathToFileURL(path.join(repositoryRoot, 'bench/generate.js')).href)) as Generator;

export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * A git repository committed on `main`: the site-to-site pair under `sites/` and an unrelated pair
 * with old problems under `legacy/`, or (`hub`) a generated hub with three spokes under `hub/`
 * (the generator reuses the site-to-site addresses, so the two never share a repository).
 */
export function networkRepository(kind: 'sites' | 'hub' = 'sites'): string {
  const dir = tempDir('fwlint-repo-');
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.email', 'fwlint-test@example.invalid');
  git(dir, 'config', 'user.name', 'fwlint test');
  git(dir, 'config', 'commit.gpgsign', 'false');
  if (kind === 'sites') {
    mkdirSync(path.join(dir, 'sites'));
    mkdirSync(path.join(dir, 'legacy'));
    for (const file of ['hq.cfg', 'branch.cfg']) copyFileSync(path.join(examples, 'site-to-site', file), path.join(dir, 'sites', file));
    for (const file of ['site-a.cfg', 'site-b.cfg']) copyFileSync(path.join(examples, 'weak-crypto-algorithm/flagged', file), path.join(dir, 'legacy', file));
  } else {
    mkdirSync(path.join(dir, 'hub'));
    writeFileSync(path.join(dir, 'hub/hub.cfg'), generator.generateHub({ policies: 3 }));
    for (const i of [0, 1, 2]) writeFileSync(path.join(dir, `hub/spoke-${i}.cfg`), generator.generateSpoke(i));
  }
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'network');
  return dir;
}

export function edit(dir: string, file: string, from: string, to: string): void {
  const target = path.join(dir, file);
  const text = readFileSync(target, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} does not contain "${from}"`);
  writeFileSync(target, text.replace(from, to));
}
