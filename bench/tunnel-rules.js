// Tunnel rules benchmark (ike-peer, ike-proposal, ipsec-proposal, pfs, pre-shared-key, remote-address):
// a hub with N spokes generated in memory, one planted problem per rule on every 10th spoke.
// Run `npm run build` first, then `node --expose-gc bench/tunnel-rules.js [spokes...]`.
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { parseConfig } from '../dist/src/ast/parse.js';
import { buildDevice } from '../dist/src/model/device.js';
import { buildNetwork } from '../dist/src/network/build.js';
import ikePeer from '../dist/rules/ike-peer-mismatch.js';
import ikeProposal from '../dist/rules/ike-proposal-mismatch.js';
import ipsecProposal from '../dist/rules/ipsec-proposal-mismatch.js';
import pfs from '../dist/rules/pfs-mismatch.js';
import preSharedKey from '../dist/rules/pre-shared-key-mismatch.js';
import remoteAddress from '../dist/rules/remote-address-mismatch.js';

const RUNS = 5;
const RULES = [ikePeer, ikeProposal, ipsecProposal, pfs, preSharedKey, remoteAddress];
const PROBLEMS = ['pfs', 'ike-encryption', 'psk', 'remote-address', 'esp-encryption', 'version'];

const wan = (i) => `2${Math.floor(i / 65536)}.${(i >> 8) & 255}.${i & 255}.1`;

function proposals(encryption, esp) {
  return [
    'ike proposal 1', ` encryption-algorithm ${encryption}`, ' dh group14', ' authentication-algorithm sha2-256',
    ' authentication-method pre-share', ' integrity-algorithm hmac-sha2-256', ' prf hmac-sha2-256', '#',
    'ipsec proposal t', ' encapsulation-mode tunnel', ' esp authentication-algorithm sha2-256', ` esp encryption-algorithm ${esp}`, '#',
  ];
}

function configs(spokes) {
  const hub = ['!Software Version V500R005C10SPC300', '#', ' sysname HUB', '#', ...proposals('aes-256', 'aes-256')];
  for (let i = 0; i < spokes; i++) {
    hub.push(`ike peer s${i}`, ' undo version 2', ' pre-shared-key simple Shared-Key-1', ' ike-proposal 1', ` remote-address ${wan(i)}`, '#');
    hub.push(`ipsec policy hub ${i + 1} isakmp`, ` ike-peer s${i}`, ' proposal t', ' pfs dh-group14', '#');
  }
  hub.push('interface GigabitEthernet0/0/1', ' ip address 1.1.1.1 255.255.255.0', ' ipsec policy hub', '#', 'return', '');
  const files = [{ file: 'hub.cfg', text: hub.join('\n') }];
  for (let i = 0; i < spokes; i++) {
    const problem = PROBLEMS[i % 10];
    const text = [
      '!Software Version V500R005C10SPC300', '#', ` sysname S${i}`, '#',
      ...proposals(problem === 'ike-encryption' ? 'aes-128' : 'aes-256', problem === 'esp-encryption' ? 'aes-128' : 'aes-256'),
      'ike peer hub', problem === 'version' ? ' undo version 1' : ' undo version 2',
      ` pre-shared-key simple ${problem === 'psk' ? 'Other-Key-2' : 'Shared-Key-1'}`, ' ike-proposal 1',
      ` remote-address ${problem === 'remote-address' ? '1.1.1.2' : '1.1.1.1'}`, '#',
      'ipsec policy m 10 isakmp', ' ike-peer hub', ' proposal t', ...(problem === 'pfs' ? [] : [' pfs dh-group14']), '#',
      'interface GigabitEthernet0/0/1', ` ip address ${wan(i)} 255.255.255.0`, ' ipsec policy m', '#', 'return', '',
    ].join('\n');
    files.push({ file: `s${i}.cfg`, text });
  }
  return files;
}

function runOnce(files) {
  const timings = {};
  let start = performance.now();
  const parsed = files.map((f) => ({ file: f.file, text: f.text, ast: parseConfig(f.text, f.file).ast }));
  timings.parse = performance.now() - start;
  start = performance.now();
  const devices = parsed.map((p, index) => buildDevice({ file: p.file, text: p.text, ast: p.ast, index }));
  timings.model = performance.now() - start;
  start = performance.now();
  const network = buildNetwork(devices);
  timings.network = performance.now() - start;
  start = performance.now();
  let reports = 0;
  for (const rule of RULES) {
    for (const tunnel of network.tunnels) {
      rule.check({ tunnel, network, options: {}, report: () => reports++, note: () => {} });
    }
  }
  timings.rules = performance.now() - start;
  return { timings, reports, tunnels: network.tunnels.length };
}

function median(values) {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.floor(sorted.length / 2)];
}

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
for (const spokes of sizes.length > 0 ? sizes : [1000, 5000]) {
  const files = configs(spokes);
  const samples = [];
  let last;
  for (let run = 0; run < RUNS; run++) {
    globalThis.gc?.();
    last = runOnce(files);
    samples.push(last.timings);
  }
  const figures = Object.fromEntries(Object.keys(samples[0]).map((k) => [k, median(samples.map((s) => s[k])).toFixed(1)]));
  const rssMiB = (process.resourceUsage().maxRSS / 1024).toFixed(0);
  console.log(
    `${spokes} spokes: ${last.tunnels} tunnels, ${last.reports} reports; median of ${RUNS} (ms): parse ${figures.parse}, model ${figures.model}, network ${figures.network}, 6 tunnel rules ${figures.rules}; peak RSS ${rssMiB} MiB`,
  );
}
