// Device-model benchmark for one policy whose security ACL has 1k…50k rules: first-match
// evaluation (each permit's effective flows, the protected flows, flowsExact).
// Run `npm run build` first, then `node --expose-gc bench/model-acl.js`.
import { performance } from 'node:perf_hooks';
import { parseConfig } from '../dist/src/ast/parse.js';
import { buildDevice } from '../dist/src/model/device.js';

const RUNS = 5;
const SIZES = [1000, 5000, 20000, 50000];

/**
 * Mostly disjoint /24 → /24 rules, as an operator ACL grows: every 10th rule denies half of a
 * later permit, every 25th repeats an earlier rule, every 50th is a TCP service inside an earlier
 * subnet pair, every 100th a non-contiguous wildcard spanning many earlier rules.
 */
function aclConfig(rules) {
  const lines = ['#', ' sysname BIG', '#', 'acl number 3000'];
  for (let i = 0; i < rules; i++) {
    const a = (i >> 8) & 255;
    const b = i & 255;
    const id = (i + 1) * 5;
    if (i % 100 === 99) {
      lines.push(` rule ${id} permit ip source 10.${a}.0.0 0.0.255.0 destination 172.16.${b}.0 0.0.0.255`);
    } else if (i % 50 === 49) {
      lines.push(` rule ${id} permit tcp source 10.${a}.${(b + 200) & 255}.0 0.0.0.255 destination 172.${16 + (a & 15)}.${(b + 200) & 255}.0 0.0.0.255 destination-port eq 443`);
    } else if (i % 25 === 24) {
      lines.push(` rule ${id} permit ip source 10.${a}.${(b + 240) & 255}.0 0.0.0.255 destination 172.${16 + (a & 15)}.${(b + 240) & 255}.0 0.0.0.255`);
    } else if (i % 10 === 9) {
      lines.push(` rule ${id} deny ip source 10.${a}.${(b + 1) & 255}.0 0.0.0.127 destination 172.${16 + (a & 15)}.${(b + 1) & 255}.0 0.0.0.255`);
    } else {
      lines.push(` rule ${id} permit ip source 10.${a}.${b}.0 0.0.0.255 destination 172.${16 + (a & 15)}.${b}.0 0.0.0.255`);
    }
  }
  lines.push('#', 'ipsec proposal p', ' esp authentication-algorithm sha2-256', ' esp encryption-algorithm aes-256', '#');
  lines.push('ike peer p', ' pre-shared-key %^%#Kbig%^%#', ' remote-address 198.51.100.1', '#');
  lines.push('ipsec policy map1 10 isakmp', ' security acl 3000', ' ike-peer p', ' proposal p', '#');
  lines.push('interface GigabitEthernet1/0/1', ' ip address 203.0.113.1 255.255.255.0', ' ipsec policy map1', '#', 'return', '');
  return lines.join('\n');
}

/** Builds the device, then reads every ACL-derived field (the model computes them on first read). */
function buildAndEvaluate(parsed) {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const device = buildDevice({ file: 'bench.cfg', text: parsed.text, ast: parsed.ast, index: 0 });
  const built = performance.now();
  const entry = device.entries[0];
  let live = 0;
  for (const flow of entry.ruleFlows) if (!flow.effective.isEmpty()) live++;
  const summary = { live, permits: entry.ruleFlows.length, protectedBoxes: entry.protectedFlows.boxes.length, exact: entry.flowsExact };
  const done = performance.now();
  const cpu = process.cpuUsage(cpuStart);
  return { ...summary, buildMs: built - start, aclMs: done - built, totalMs: done - start, cpuMs: (cpu.user + cpu.system) / 1000 };
}

const median = (values) => [...values].sort((x, y) => x - y)[values.length >> 1];

let previous;
for (const size of SIZES) {
  const parsed = parseConfig(aclConfig(size), 'bench.cfg');
  let summary;
  const times = [];
  const aclTimes = [];
  const cpuTimes = [];
  for (let run = 0; run < RUNS; run++) {
    globalThis.gc?.();
    summary = buildAndEvaluate(parsed);
    times.push(summary.totalMs);
    aclTimes.push(summary.aclMs);
    cpuTimes.push(summary.cpuMs);
  }
  const ms = median(times);
  const perRule = (ms * 1000) / size;
  const growth = previous ? `, ×${(ms / previous.ms).toFixed(1)} time for ×${(size / previous.size).toFixed(0)} rules` : '';
  console.log(
    `${size} rules: model median ${ms.toFixed(1)} ms (min ${Math.min(...times).toFixed(1)}, max ${Math.max(...times).toFixed(1)}; ACL first-match part ${median(aclTimes).toFixed(1)} ms; CPU ${median(cpuTimes).toFixed(1)} ms), ${perRule.toFixed(1)} µs/rule${growth}; ` +
      `${summary.permits} permits, ${summary.live} live, ${summary.protectedBoxes} protected boxes, flowsExact ${summary.exact}`,
  );
  previous = { size, ms };
}
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
