// Repository mode benchmark: a pre-commit run that changes one spoke of a 1,000-device hub-and-spoke
// repository, for two hubs: one holding only the 999 policy sequences (~20,000 lines) and the
// network benchmark's hub, which adds filler ACL and security-policy rules (~170,000 lines). One
// warm-up run with --cache over the whole repository, then RUNS times: change the spoke, run the
// built CLI naming only that spoke: the cached device summaries show the hub is its only peer, so
// the hub's AST comes from the cache and the other 998 devices are neither parsed nor read.
// Run `npm run build` first, then `node bench/repository.js [devices]` (KEEP=1 keeps the repositories).
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { generateHub, generateSpoke } from './generate.js';

const RUNS = 5;
const devices = Number(process.argv[2] ?? 1000);
const spokes = devices - 1;
const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../bin/fwlint.js');
const hubs = [
  { label: 'hub with the policy group only', options: { policies: spokes } },
  { label: 'hub with filler ACL and security rules', options: { policies: spokes, aclRules: 24 * spokes, securityRules: 18 * spokes } },
];

function fwlint(repo, args) {
  const start = performance.now();
  const result = spawnSync(process.execPath, [bin, '--cache', '--format', 'compact', '--verbose', '--timing', ...args], { cwd: repo, encoding: 'utf8' });
  const ms = performance.now() - start;
  if (result.status === 2) throw new Error(`fwlint exited 2: ${result.stderr}`);
  const cached = /(\d+) of (\d+) files from the cache/.exec(result.stderr);
  const skipped = /(\d+) context files not loaded/.exec(result.stderr);
  const phases = /^fwlint: timing: (startup .*), total/m.exec(result.stderr)?.[1] ?? '';
  return { ms, phases, cached: cached ? `${cached[1]}/${cached[2]}` : '?', skipped: skipped ? skipped[1] : '0', findings: result.stdout.split('\n').filter(Boolean).length };
}

function measure({ label, options }) {
  const repo = mkdtempSync(path.join(tmpdir(), 'fwlint-bench-repo-'));
  mkdirSync(path.join(repo, 'configs'));
  const hub = generateHub(options);
  writeFileSync(path.join(repo, 'configs/hub.cfg'), hub);
  for (let i = 0; i < spokes; i++) writeFileSync(path.join(repo, `configs/spoke-${i}.cfg`), generateSpoke(i));
  execFileSync('git', ['init', '-q'], { cwd: repo });
  const hubLines = hub.split('\n').length - 1;
  const warm = fwlint(repo, ['configs']);
  console.log(`${devices} devices, ${label} (${hubLines} lines): warm-up run over the whole repository ${warm.ms.toFixed(0)} ms (${warm.findings} findings)`);
  const target = `configs/spoke-${Math.floor(spokes / 2)}.cfg`;
  const runs = [];
  for (let run = 0; run < RUNS; run++) {
    appendFileSync(path.join(repo, target), `#\n`);
    runs.push(fwlint(repo, [target]));
    const last = runs.at(-1);
    console.log(`  run ${run + 1}: ${last.ms.toFixed(0)} ms, loaded from cache ${last.cached}, ${last.skipped} not loaded, ${last.findings} findings`);
  }
  runs.sort((a, b) => a.ms - b.ms);
  const median = runs[Math.floor(RUNS / 2)];
  console.log(`  one changed spoke with --cache: median ${median.ms.toFixed(0)} ms (min ${runs[0].ms.toFixed(0)}, max ${runs[RUNS - 1].ms.toFixed(0)}); median run's phases: ${median.phases}`);
  if (process.env.KEEP) console.log(`  kept ${repo}`);
  else rmSync(repo, { recursive: true, force: true });
  return median.ms;
}

console.log(`machine: ${os.cpus().length} CPUs (${os.cpus()[0]?.model.trim()}), node ${process.version}; load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
const medians = hubs.map((hub) => measure(hub));
if (devices === 1000) {
  // Issue #19's target; not met yet: docs/performance.md has the profile that shows why.
  const ms = medians[1];
  console.log(`  ${ms <= 600 ? 'PASS' : 'FAIL'}  #19: one changed spoke, 170,000-line hub, ${ms.toFixed(0)} ms ≤ 600 ms`);
}
