// Repository mode benchmark: a pre-commit run that changes one spoke of a 1,000-device hub-and-spoke
// repository. One warm-up run with --cache over the whole repository, then RUNS times: change the
// spoke, run the built CLI naming only that spoke: the cached device summaries show the hub is its only
// peer, so the hub's AST comes from the cache and the other 998 devices are neither parsed nor read.
// Run `npm run build` first, then `node bench/repository.js [devices]`.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { generateHub, generateSpoke } from './generate.js';

const RUNS = 5;
const devices = Number(process.argv[2] ?? 1000);
const spokes = devices - 1;
const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../bin/fwlint.js');

const repo = mkdtempSync(path.join(tmpdir(), 'fwlint-bench-repo-'));
mkdirSync(path.join(repo, 'configs'));
writeFileSync(path.join(repo, 'configs/hub.cfg'), generateHub({ policies: spokes }));
for (let i = 0; i < spokes; i++) writeFileSync(path.join(repo, `configs/spoke-${i}.cfg`), generateSpoke(i));
execFileSync('git', ['init', '-q'], { cwd: repo });

const fwlint = (args) => {
  const start = performance.now();
  const result = spawnSync(process.execPath, [bin, '--cache', '--format', 'compact', '--verbose', ...args], { cwd: repo, encoding: 'utf8' });
  const ms = performance.now() - start;
  if (result.status === 2) throw new Error(`fwlint exited 2: ${result.stderr}`);
  const cached = /(\d+) of (\d+) files from the cache/.exec(result.stderr);
  const skipped = /(\d+) context files not loaded/.exec(result.stderr);
  return { ms, cached: cached ? `${cached[1]}/${cached[2]}` : '?', skipped: skipped ? skipped[1] : '0', findings: result.stdout.split('\n').filter(Boolean).length };
};

const warm = fwlint(['configs']);
console.log(`${devices} devices: warm-up run over the whole repository ${warm.ms.toFixed(0)} ms (${warm.findings} findings)`);

const target = `configs/spoke-${Math.floor(spokes / 2)}.cfg`;
const times = [];
for (let run = 0; run < RUNS; run++) {
  appendFileSync(path.join(repo, target), `#\n`);
  const timed = fwlint([target]);
  times.push(timed.ms);
  console.log(`  run ${run + 1}: ${timed.ms.toFixed(0)} ms, loaded from cache ${timed.cached}, ${timed.skipped} not loaded, ${timed.findings} findings`);
}
times.sort((a, b) => a - b);
console.log(repo);
console.log(`one changed spoke of ${devices} devices with --cache: median ${times[Math.floor(RUNS / 2)].toFixed(0)} ms (min ${times[0].toFixed(0)}, max ${times[RUNS - 1].toFixed(0)})`);
if (!process.env.KEEP) rmSync(repo, { recursive: true, force: true });
