// Summarises a V8 .cpuprofile (from `node --cpu-prof`): self time per function, per source file and
// per directory, from nodes[].callFrame, samples and timeDeltas. Used for docs/performance.md (#19 item 5).
//   node bench/profile-summary.js <file.cpuprofile> [top=15]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';

const [file, topArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bench/profile-summary.js <file.cpuprofile> [top]');
  process.exit(2);
}
const top = Number(topArg ?? 15);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const self = new Map();
for (let i = 0; i < profile.samples.length; i++) {
  const delta = profile.timeDeltas[i] ?? 0;
  self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + delta);
}
const total = [...self.values()].reduce((a, b) => a + b, 0);
const cwd = process.cwd();
const where = (url) => {
  if (!url) return '(native/VM)';
  const plain = url.startsWith('file://') ? new URL(url).pathname : url;
  return plain.startsWith(cwd) ? path.relative(cwd, plain) : plain;
};
const add = (map, key, us) => map.set(key, (map.get(key) ?? 0) + us);
const fns = new Map();
const files = new Map();
const dirs = new Map();
for (const [id, us] of self) {
  const { callFrame } = byId.get(id);
  const source = where(callFrame.url);
  add(fns, `${callFrame.functionName || '(anonymous)'}  ${source}:${callFrame.lineNumber + 1}`, us);
  add(files, source, us);
  add(dirs, source.startsWith('(') || source.startsWith('node:') ? source : path.dirname(source).split('/').slice(0, 3).join('/'), us);
}
const ms = (us) => (us / 1000).toFixed(0).padStart(6);
const pct = (us) => `${((100 * us) / total).toFixed(1).padStart(5)}%`;
const print = (title, map, n) => {
  console.log(`\n${title}`);
  for (const [key, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, n)) console.log(`${ms(us)} ms ${pct(us)}  ${key}`);
};
console.log(`${file}: ${(total / 1000).toFixed(0)} ms sampled, ${profile.samples.length} samples`);
print(`top ${top} functions by self time`, fns, top);
print(`top ${top} source files by self time`, files, top);
// Inclusive time: each sample counts once for every distinct function on its stack.
const parent = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
const inclusive = new Map();
for (const [id, us] of self) {
  const seen = new Set();
  for (let at = id; at !== undefined; at = parent.get(at)) {
    const { callFrame } = byId.get(at);
    if (!callFrame.url) continue;
    const key = `${callFrame.functionName || '(anonymous)'}  ${where(callFrame.url)}:${callFrame.lineNumber + 1}`;
    if (seen.has(key)) continue;
    seen.add(key);
    add(inclusive, key, us);
  }
}
print(`top ${2 * top} functions by inclusive time (garbage collection is not attributed to callers)`, inclusive, 2 * top);
print('by directory', dirs, 12);
