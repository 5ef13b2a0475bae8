/* global setInterval, clearInterval */
// Parse time (median of RUNS) and peak RSS for growing configurations: ms per 1k lines should stay
// flat (linear growth). Build first: npm run build && node --expose-gc bench/parse.js
// FWLINT_DIST=/path/to/dist points at another build; FWLINT_BENCH_RUNS changes the run count.
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateHub } from './generate.js';

const dist = process.env.FWLINT_DIST ?? new URL('../dist', import.meta.url).pathname;
const { parseConfig } = await import(pathToFileURL(path.join(dist, 'src/ast/parse.js')).href);
const RUNS = Number(process.env.FWLINT_BENCH_RUNS ?? 5);

const sizes = [0.05, 0.1, 0.25, 0.5, 1].map((f) => ({
  policies: Math.round(1000 * f),
  aclRules: Math.round(20000 * f),
  securityRules: Math.round(20000 * f),
}));

let peak = process.memoryUsage().rss;
const sample = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 5);
console.log(`load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} on ${os.cpus().length} CPUs; median of ${RUNS} runs`);
// CPU ms counts the parse thread plus V8's parallel GC helpers: on a loaded machine it is the steadier figure.
console.log('  lines  median ms  min ms  ms/1k lines  median CPU ms  peak RSS  contents');
for (const size of sizes) {
  const text = generateHub(size);
  const lines = text.split('\n').length;
  const times = [];
  const cpu = [];
  let ast;
  for (let run = 0; run < RUNS; run++) {
    globalThis.gc?.();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    ast = parseConfig(text, 'hub.cfg').ast;
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
    peak = Math.max(peak, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const median = times[RUNS >> 1];
  const contents = `${ast.ipsecPolicies.length} policies, ${ast.acls.reduce((n, a) => n + a.rules.length, 0)} ACL rules, ${ast.securityPolicy?.rules.length ?? 0} security rules, ${ast.diagnostics.length} diagnostics`;
  console.log(
    `${String(lines).padStart(7)}  ${median.toFixed(0).padStart(9)}  ${times[0].toFixed(0).padStart(6)}  ${(median * 1000 / lines).toFixed(2).padStart(11)}  ${cpu[RUNS >> 1].toFixed(0).padStart(13)}  ${(peak / 2 ** 20).toFixed(0).padStart(5)} MB  ${contents}`,
  );
}
clearInterval(sample);
