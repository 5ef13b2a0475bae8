import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/*
 * Findings before and after a change (issue #19's "identical before and after"): the CLIs of two
 * revisions, each built in its own worktree, lint the same inputs — every rule's flagged and fixed
 * examples, the whole configs-examples/ tree (the README's quick start), the published corpus (its
 * documented sets, each other file, and all of it as one network) and generated benchmark networks —
 * and their JSON reports and notes are compared.
 *
 *   npm run compare-findings -- --base <rev> [--head <rev>] [--sizes 50,1000] [--keep]
 *
 * The head defaults to HEAD (commit first: the working tree's dist may be mid-build). The inputs are
 * this checkout's examples, so a set the base does not have is compared too.
 *
 * Exit 0 when every report is identical, 1 when one differs (the first differences are printed),
 * 2 when a checkout could not be built or run.
 */

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const corpusDir = path.resolve(repoRoot, '../shared/corpus');

interface Options {
  base: string;
  head: string;
  sizes: number[];
  keep: boolean;
}

interface InputSet {
  name: string;
  dir: string;
}

interface Report {
  status: number | null;
  json: string;
  notes: string[];
}

function parseArgs(argv: string[]): Options {
  const options: Options = { base: '', head: 'HEAD', sizes: [50, 1000], keep: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--base') options.base = argv[++i] ?? '';
    else if (arg === '--head') options.head = argv[++i] ?? '';
    else if (arg === '--sizes') options.sizes = (argv[++i] ?? '').split(',').filter(Boolean).map(Number);
    else if (arg === '--keep') options.keep = true;
    else throw new Error(`unknown argument ${JSON.stringify(arg)}; usage: compare-findings --base <rev> [--head <rev>] [--sizes 50,1000] [--keep]`);
  }
  if (!options.base) throw new Error('--base <rev> is required (the revision to compare this checkout with)');
  if (options.sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error('--sizes takes positive integers, e.g. 50,1000');
  return options;
}

function run(command: string, args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A worktree of `rev` with this checkout's node_modules, built. */
function checkout(rev: string, dir: string): string {
  const added = run('git', ['worktree', 'add', '--detach', dir, rev], repoRoot);
  if (added.status !== 0) throw new Error(`git worktree add ${rev}: ${added.stderr.trim()}`);
  symlinkSync(path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  const built = run(process.execPath, [path.join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], dir);
  if (built.status !== 0) throw new Error(`building ${rev}: ${(built.stdout + built.stderr).trim().slice(0, 2000)}`);
  return dir;
}

function copySet(sets: InputSet[], root: string, name: string, files: { from?: string; name: string; text?: string }[]): void {
  const dir = path.join(root, name);
  mkdirSync(dir, { recursive: true });
  for (const file of files) {
    const target = path.join(dir, file.name);
    mkdirSync(path.dirname(target), { recursive: true });
    if (file.from !== undefined) cpSync(file.from, target, { recursive: true });
    else writeFileSync(target, file.text ?? '');
  }
  sets.push({ name, dir });
}

/** The corpus files grouped as the networks they document (two or three ends of one example), each other file alone. */
function corpusGroups(): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const file of readdirSync(corpusDir).filter((n) => n.endsWith('.cfg')).sort()) {
    const group = file.replace(/-router[a-z]\.cfg$/, '').replace(/^ghidx\d+-(ar-border01)-.*$/, '$1').replace(/\.cfg$/, '');
    groups.set(group, [...(groups.get(group) ?? []), file]);
  }
  return groups;
}

async function inputSets(root: string, sizes: number[]): Promise<{ sets: InputSet[]; skipped: string[] }> {
  const sets: InputSet[] = [];
  const skipped: string[] = [];
  const examples = path.join(repoRoot, 'configs-examples');
  for (const id of readdirSync(examples).sort()) {
    for (const kind of ['flagged', 'fixed']) {
      const dir = path.join(examples, id, kind);
      if (!existsSync(dir)) continue;
      copySet(sets, root, `examples/${id}/${kind}`, readdirSync(dir).sort().map((name) => ({ from: path.join(dir, name), name })));
    }
  }
  const whole = path.join(root, 'configs-examples');
  cpSync(examples, whole, { recursive: true });
  sets.push({ name: 'configs-examples (quick start)', dir: whole });
  if (existsSync(corpusDir)) {
    const all: { from: string; name: string }[] = [];
    for (const [group, files] of corpusGroups()) {
      const entries = files.map((name) => ({ from: path.join(corpusDir, name), name }));
      all.push(...entries);
      copySet(sets, root, `corpus/${group}`, entries);
    }
    copySet(sets, root, 'corpus (all as one network)', all);
  } else {
    skipped.push(`the corpus (expected at ${corpusDir})`);
  }
  const { generateNetwork } = (await import(pathToFileURL(path.join(repoRoot, 'bench/generate.js')).href)) as {
    generateNetwork: (n: number) => { name: string; text: string }[];
  };
  for (const n of sizes) copySet(sets, root, `bench network of ${n} spokes`, generateNetwork(n));
  return { sets, skipped };
}

/** The CLI of `checkout` on one set: the JSON report with paths made relative, and the notes. */
function lintWith(checkout: string, set: InputSet): Report {
  const args = [path.join(checkout, 'bin/fwlint.js'), '--no-config', '--no-context', '--no-color', '--format', 'json', '--verbose', '--concurrency', '1', '.'];
  const { status, stdout, stderr } = run(process.execPath, args, set.dir);
  let json = stdout;
  try {
    const files = JSON.parse(stdout) as { filePath: string }[];
    for (const file of files) file.filePath = path.relative(set.dir, file.filePath).split(path.sep).join('/');
    files.sort((a, b) => (a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0));
    json = JSON.stringify(files, null, 1);
  } catch {
    // not JSON: compared as text (an exit 2 prints its reason on stderr)
  }
  const notes = stderr.split('\n').filter((line) => line.trim() !== '').sort();
  return { status, json, notes };
}

function firstDifference(a: string, b: string): string {
  const left = a.split('\n');
  const right = b.split('\n');
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    if (left[i] !== right[i]) return `line ${i + 1}:\n    base: ${left[i] ?? '(end)'}\n    head: ${right[i] ?? '(end)'}`;
  }
  return '(none)';
}

function findingCount(json: string): number {
  try {
    return (JSON.parse(json) as { messages: unknown[] }[]).reduce((sum, file) => sum + file.messages.length, 0);
  } catch {
    return -1;
  }
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  const work = mkdtempSync(path.join(os.tmpdir(), 'fwlint-compare-'));
  const worktrees: string[] = [];
  try {
    const base = checkout(options.base, path.join(work, 'base'));
    worktrees.push(base);
    const head = checkout(options.head, path.join(work, 'head'));
    worktrees.push(head);
    const { sets, skipped } = await inputSets(path.join(work, 'sets'), options.sizes);
    let differing = 0;
    let findings = 0;
    for (const set of sets) {
      const before = lintWith(base, set);
      const after = lintWith(head, set);
      if (before.status === 2 || after.status === 2) {
        process.stderr.write(`${set.name}: fwlint could not run (exit ${before.status} before, ${after.status} after)\n${after.notes.join('\n')}\n`);
        return 2;
      }
      findings += Math.max(0, findingCount(after.json));
      const same = before.status === after.status && before.json === after.json && before.notes.join('\n') === after.notes.join('\n');
      if (same) continue;
      differing++;
      process.stdout.write(`DIFFERS  ${set.name} (exit ${before.status} → ${after.status}, findings ${findingCount(before.json)} → ${findingCount(after.json)})\n`);
      if (before.json !== after.json) process.stdout.write(`  report ${firstDifference(before.json, after.json)}\n`);
      if (before.notes.join('\n') !== after.notes.join('\n')) process.stdout.write(`  notes ${firstDifference(before.notes.join('\n'), after.notes.join('\n'))}\n`);
    }
    process.stdout.write(
      `${sets.length} input sets, ${findings} findings in ${options.head}'s reports: ` +
        (differing === 0 ? `identical to ${options.base}'s\n` : `${differing} set(s) differ from ${options.base}'s\n`),
    );
    for (const what of skipped) process.stdout.write(`not compared: ${what}\n`);
    if (options.keep) process.stdout.write(`inputs and worktrees kept in ${work}\n`);
    return differing === 0 ? 0 : 1;
  } finally {
    if (!options.keep) {
      for (const dir of worktrees) run('git', ['worktree', 'remove', '--force', dir], repoRoot);
      rmSync(work, { recursive: true, force: true });
    }
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`compare-findings: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
