/* global performance, setInterval, clearInterval */
// Parse time (median of 5) and peak RSS for growing configurations: growth should be linear.
// Build first: npm run build && node --expose-gc bench/parse.js
import { parseConfig } from '../dist/src/ast/parse.js';
import { generateHub } from './generate.js';

const sizes = [0.05, 0.1, 0.25, 0.5, 1].map((f) => ({
  policies: Math.round(1000 * f),
  aclRules: Math.round(20000 * f),
  securityRules: Math.round(20000 * f),
}));

let peak = process.memoryUsage().rss;
const sample = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 5);
for (const size of sizes) {
  const text = generateHub(size);
  const lines = text.split('\n').length;
  const times = [];
  let ast;
  for (let run = 0; run < 5; run++) {
    globalThis.gc?.();
    const t0 = performance.now();
    ast = parseConfig(text, 'hub.cfg').ast;
    times.push(performance.now() - t0);
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  times.sort((a, b) => a - b);
  const median = times[2];
  console.log(`${String(lines).padStart(7)} lines  ${median.toFixed(0).padStart(5)} ms  ${(median * 1000 / lines).toFixed(2)} µs/line  peak RSS ${(peak / 2 ** 20).toFixed(0)} MB  (${ast.ipsecPolicies.length} policies, ${ast.acls.reduce((n, a) => n + a.rules.length, 0)} ACL rules, diagnostics ${ast.diagnostics.length})`);
}
clearInterval(sample);
