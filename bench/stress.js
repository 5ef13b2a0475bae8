// Stress-shape benchmark (issue #20 item 5): ordinary-looking single files that once took minutes
// or a gigabyte (bench/stress-shapes.js), each written to a temp dir and linted by the built CLI
// as a child process (`node bin/fwlint.js --no-config --format json --timing --verbose <file>`).
// Prints per shape the median wall time of RUNS runs, the --timing phases and slowest rules of
// the median run, the peak RSS over the runs, the findings and the notes (what was bounded).
// Target: every shape (all under 5 MB) under 5 s and 1 GB on a 2-vCPU machine.
//   npm run build && node bench/stress.js [--only <name part>] [--runs 3] [--timeout 300]
//   FWLINT_BIN=/path/to/bin/fwlint.js measures another build (e.g. a copy of the previous one).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { STRESS_SHAPES } from './stress-shapes.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const bin = process.env.FWLINT_BIN ?? path.resolve(here, '../bin/fwlint.js');
const { values } = parseArgs({ options: { only: { type: 'string' }, runs: { type: 'string' }, timeout: { type: 'string' } } });
const RUNS = Number(values.runs ?? 3);
const TIMEOUT_S = Number(values.timeout ?? 300);
const TARGET_MS = 5000;
const TARGET_MB = 1024;
// The child reports its own CPU time (all threads) on exit: on a shared machine it moves less with the load than wall time.
const CPU_HOOK = `--import=data:text/javascript,${encodeURIComponent("process.on('exit',()=>{const u=process.cpuUsage();process.stderr.write('\\nfwlint-bench: cpu '+Math.round((u.user+u.system)/1000)+' ms\\n')})")}`;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');

function lintOnce(file) {
  const start = performance.now();
  const result = spawnSync(process.execPath, [CPU_HOOK, bin, '--no-config', '--format', 'json', '--timing', '--verbose', '--concurrency', '1', file], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    timeout: TIMEOUT_S * 1000,
    killSignal: 'SIGKILL',
  });
  const ms = performance.now() - start;
  if (result.signal) return { ms, timedOut: true };
  const internal = /^fwlint: internal error.*$/m.exec(result.stderr)?.[0];
  if (result.status === 2 && !result.stdout.startsWith('[')) throw new Error(`fwlint exited 2 on ${file}: ${result.stderr.slice(0, 2000)}`);
  const timing = /^fwlint: timing: (startup .*)$/m.exec(result.stderr)?.[1] ?? '';
  const phases = Object.fromEntries([...timing.matchAll(/([a-z]+) (\d+) ms/g)].map(([, name, value]) => [name, Number(value)]));
  const rss = Number(/peak RSS (\d+) MB/.exec(result.stderr)?.[1] ?? NaN);
  const cpuMs = Number(/^fwlint-bench: cpu (\d+) ms$/m.exec(result.stderr)?.[1] ?? NaN);
  const slowest = /slowest rules: (.*)$/m.exec(result.stderr)?.[1] ?? '';
  const notes = [...result.stderr.matchAll(/^fwlint: note: [^:]*: (.*)$/gm)].map(([, message]) => message);
  const byRule = {};
  for (const report of JSON.parse(result.stdout)) for (const m of report.messages) byRule[m.ruleId] = (byRule[m.ruleId] ?? 0) + 1;
  return { ms, cpuMs, phases, rss, slowest, notes, byRule, internal };
}

const cpu = os.cpus();
console.log(`machine: ${cpu.length} CPUs (${cpu[0]?.model ?? 'unknown'}), ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, node ${process.version}; ${bin}`);
console.log(`load average at start: ${load()}; median of ${RUNS} runs, --concurrency 1, a run over ${TIMEOUT_S} s is killed`);

const dir = mkdtempSync(path.join(os.tmpdir(), 'fwlint-stress-'));
const failures = [];
for (const shape of STRESS_SHAPES.filter((s) => !values.only || s.name.includes(values.only))) {
  const text = shape.make();
  const file = path.join(dir, `${shape.name.replace(/[^a-z0-9]+/gi, '-')}.cfg`);
  writeFileSync(file, text);
  const mb = Buffer.byteLength(text) / 2 ** 20;
  const samples = [];
  for (let run = 0; run < RUNS; run++) {
    const sample = lintOnce(file);
    samples.push(sample);
    if (sample.timedOut) break; // one kill is enough to know
  }
  const done = samples.filter((s) => !s.timedOut);
  if (done.length < samples.length) {
    console.log(`\n${shape.name} (${mb.toFixed(1)} MB): over ${TIMEOUT_S} s (killed); load average ${load()}`);
    failures.push(shape.name);
    continue;
  }
  const ms = median(done.map((s) => s.ms));
  const typical = done.find((s) => s.ms === ms) ?? done[0];
  const rss = Math.max(...done.map((s) => s.rss));
  const phases = ['parse', 'model', 'rules'].map((p) => `${p} ${typical.phases[p] ?? 0}`).join(', ');
  const cpuMs = median(done.map((s) => s.cpuMs));
  console.log(`\n${shape.name} (${mb.toFixed(1)} MB, ${text.split('\n').length - 1} lines): median ${ms.toFixed(0)} ms (${done.map((s) => s.ms.toFixed(0)).join(', ')}), CPU ${cpuMs} ms, peak RSS ${rss} MB; load average ${load()}`);
  console.log(`  phases (ms): ${phases}; slowest rules: ${typical.slowest}`);
  console.log(`  findings ${JSON.stringify(typical.byRule)}; ${typical.notes.length} notes`);
  if (typical.internal) console.log(`  exit 2, ${typical.internal}`);
  const distinct = [...new Set(typical.notes.map((n) => n.replace(/\d+/g, 'N')))];
  for (const note of distinct.slice(0, 4)) console.log(`  note: ${typical.notes.find((n) => n.replace(/\d+/g, 'N') === note)}`);
  if (ms > TARGET_MS || rss > TARGET_MB || typical.internal) failures.push(shape.name);
}
rmSync(dir, { recursive: true, force: true });
console.log(`\n${failures.length === 0 ? 'PASS' : 'FAIL'}: every shape under ${TARGET_MS} ms and ${TARGET_MB} MB${failures.length ? `; over: ${failures.join('; ')}` : ''} (load average now ${load()})`);
