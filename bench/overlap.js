// Overlap-index benchmark. Run `npm run build` first, then `node bench/overlap.js`.
import { findOverlaps, fromPrefix, fromWildcard, hostCube, makeBox } from '../dist/src/flow/index.js';

const RUNS = 5;
const ip = (a, b, c, d) => ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;

/** 5,000 policy sequences, each with its own small ACL: a typical hub with many spokes. */
function policyGroup(sequences) {
  const entries = [];
  for (let seq = 0; seq < sequences; seq++) {
    const local = fromPrefix(ip(10, 0, seq % 16, 0), 24);
    const remote = fromPrefix(ip(172, 16 + (seq >> 8), seq & 255, 0), 24);
    const group = seq;
    if (seq % 10 === 0) entries.push({ id: `${seq}/5`, action: 'deny', group, box: makeBox({ src: local, dst: fromPrefix(ip(172, 16 + (seq >> 8), seq & 255, 128), 25) }) });
    entries.push({ id: `${seq}/10`, action: 'permit', group, box: makeBox({ src: local, dst: remote }) });
    // some spokes overlap: a copy of an earlier spoke, a wide /16, a non-contiguous wildcard
    if (seq % 50 === 49) entries.push({ id: `${seq}/15`, action: 'permit', group, box: makeBox({ src: local, dst: fromPrefix(ip(172, 16, seq & 255, 0), 24) }) });
    if (seq % 1000 === 999) entries.push({ id: `${seq}/20`, action: 'permit', group, box: makeBox({ src: local, dst: fromPrefix(ip(172, 17, 0, 0), 16) }) });
    if (seq % 200 === 7) entries.push({ id: `${seq}/25`, action: 'permit', group, box: makeBox({ src: fromWildcard(ip(10, 0, 0, 5), ip(0, 0, 15, 0)), dst: remote, protocol: 6, dstPorts: [443, 443] }) });
  }
  return entries;
}

/** One ACL of 50,000 rules: hosts and subnets, services, denies, duplicates and wildcards. */
function bigAcl(rules) {
  const entries = [];
  for (let i = 0; i < rules; i++) {
    const a = (i >> 8) & 255;
    const b = i & 255;
    let box;
    switch (i % 10) {
      case 0:
        box = makeBox({ src: fromPrefix(ip(10, a, b, 0), 24), dst: fromPrefix(ip(192, 168, b, 0), 24) });
        break;
      case 1:
        box = makeBox({ src: hostCube(ip(10, a, b, 1)), dst: hostCube(ip(172, 16, a, b)), protocol: 6, dstPorts: [443, 443] });
        break;
      case 2:
        box = makeBox({ src: fromPrefix(ip(10, a, 0, 0), 16), dst: hostCube(ip(172, 20, a, b)), protocol: 17, dstPorts: [53, 53] });
        break;
      case 3:
        box = makeBox({ src: fromWildcard(ip(10, a, 0, b), ip(0, 0, 255, 0)), dst: fromPrefix(ip(192, 168, a, 0), 24), protocol: 6, dstPorts: [8000, 8999] });
        break;
      case 4: // deny carving later permits of the same subnet
        box = makeBox({ src: fromPrefix(ip(10, a, b, 0), 25), dst: fromPrefix(ip(192, 168, b, 0), 24) });
        break;
      case 5: // duplicate of an earlier rule
        box = makeBox({ src: fromPrefix(ip(10, a, (b + 251) & 255, 0), 24), dst: fromPrefix(ip(192, 168, (b + 251) & 255, 0), 24) });
        break;
      default:
        box = makeBox({ src: hostCube(ip(10, a, b, 10 + (i % 10))), dst: hostCube(ip(172, 30 + (i % 3), a, b)), protocol: 6, dstPorts: [22, 22] });
    }
    entries.push({ id: i * 5, action: i % 10 === 4 ? 'deny' : 'permit', group: 0, box });
  }
  return entries;
}

function measure(name, entries, find = findOverlaps) {
  const times = [];
  const cpuTimes = [];
  let findings = [];
  for (let run = 0; run < RUNS; run++) {
    globalThis.gc?.();
    const cpuStart = process.cpuUsage();
    const start = process.hrtime.bigint();
    findings = find(entries);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    const cpu = process.cpuUsage(cpuStart);
    cpuTimes.push((cpu.user + cpu.system) / 1e3);
  }
  times.sort((x, y) => x - y);
  cpuTimes.sort((x, y) => x - y);
  const kinds = {};
  for (const f of findings) {
    const kind = f.kind ?? (f.conflicting ? 'conflicting' : 'redundant');
    kinds[kind] = (kinds[kind] ?? 0) + 1;
  }
  console.log(
    `${name}: ${entries.length} entries, median ${times[RUNS >> 1].toFixed(1)} ms (min ${times[0].toFixed(1)}, max ${times[RUNS - 1].toFixed(1)}; CPU median ${cpuTimes[RUNS >> 1].toFixed(1)} ms), findings ${JSON.stringify(kinds)}`,
  );
}

measure('policy group, 5,000 sequences', policyGroup(5000));
const acl = bigAcl(50000);
measure('one ACL, 50,000 rules', acl);
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
