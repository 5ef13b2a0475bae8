// Large security ACL benchmark: lints (model, pairing, every recommended rule) a correct two-site
// pair whose IPSec policy references a 1k…20k-rule ACL, with a covering no-nat rule behind N/10
// filler NAT rules, N filler security-policy rules and N/10 static routes. Prints the median of 3 runs, the slowest
// rules, peak RSS and the load average (the machine is shared: compare runs at similar load).
// `BENCH_VARIANT=broken` plants problems on every rule instead (site B: no no-nat exemption before
// the easy-ip rule, no security rule for the tunnel traffic, 1 ACL rule in 10 not mirrored), so
// the report paths are measured as well.
// Run `npm run build` first, then `node --expose-gc bench/large-acl.js [sizes...]`.
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { rules } from '../dist/rules/index.js';
import { parseConfig } from '../dist/src/ast/parse.js';
import { defaultConfig } from '../dist/src/engine/config.js';
import { lintParsedFiles } from '../dist/src/engine/lint.js';
import { RuleRegistry } from '../dist/src/engine/registry.js';
import { SettingsResolver } from '../dist/src/engine/settings.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const TOP_RULES = 6;
const BROKEN = process.env.BENCH_VARIANT === 'broken';

/** Site A protects 10.a.b.0/24 → 172.(16+a%16).b.0/24; site B the mirror. */
function aclRule(i, mirrored) {
  const a = (i >> 8) & 255;
  const b = i & 255;
  const id = (i + 1) * 5;
  const pair = (local, localWildcard, remote) =>
    mirrored ? `source ${remote} 0.0.0.255 destination ${local} ${localWildcard}` : `source ${local} ${localWildcard} destination ${remote} 0.0.0.255`;
  const near = (b + 1) & 255;
  if (i % 10 === 9) return ` rule ${id} deny ip ${pair(`10.${a}.${near}.0`, '0.0.0.127', `172.${16 + (a & 15)}.${near}.0`)}`;
  if (i % 25 === 24) {
    const earlier = (b + 240) & 255;
    return ` rule ${id} permit ip ${pair(`10.${a}.${earlier}.0`, '0.0.0.255', `172.${16 + (a & 15)}.${earlier}.0`)}`;
  }
  return ` rule ${id} permit ip ${pair(`10.${a}.${b}.0`, '0.0.0.255', `172.${16 + (a & 15)}.${b}.0`)}`;
}

function siteConfig(side, size) {
  const mirrored = side === 'b';
  const [self, peer] = mirrored ? ['198.51.100.1', '203.0.113.1'] : ['203.0.113.1', '198.51.100.1'];
  const gateway = mirrored ? '198.51.100.14' : '203.0.113.14';
  const [local, localMask, remote, remoteMask] = mirrored
    ? ['172.16.0.0', '255.240.0.0', '10.0.0.0', '255.0.0.0']
    : ['10.0.0.0', '255.0.0.0', '172.16.0.0', '255.240.0.0'];
  const lanAddress = mirrored ? '172.16.0.1' : '10.0.0.1';
  const lines = ['#', '!Software Version V500R005C10SPC300', '#', ` sysname SITE-${side.toUpperCase()}`, '#', ' firewall tcp-mss 1350', '#', 'ike dpd type periodic', '#'];
  lines.push('acl number 3000');
  for (let i = 0; i < size; i++) lines.push(BROKEN && mirrored && i % 10 === 3 ? aclRule(i, mirrored).replace('0.0.0.255 destination', '0.0.0.127 destination') : aclRule(i, mirrored));
  lines.push('#', 'ipsec proposal p1', ' esp authentication-algorithm sha2-256', ' esp encryption-algorithm aes-256', '#');
  lines.push('ike proposal 10', ' encryption-algorithm aes-256', ' dh group14', ' authentication-algorithm sha2-256', ' authentication-method pre-share', ' integrity-algorithm hmac-sha2-256', ' prf hmac-sha2-256', '#');
  lines.push('ike peer peer1', ` pre-shared-key %^%#Bench${side}Key9x%^%#`, ' ike-proposal 10', ` remote-address ${peer}`, ' dpd type periodic', '#');
  lines.push('ipsec policy map1 10 isakmp', ' security acl 3000', ' ike-peer peer1', ' proposal p1', ' pfs dh-group14', ' sa trigger-mode auto', '#');
  lines.push('interface GigabitEthernet1/0/0', ' undo shutdown', ` ip address ${lanAddress} ${localMask}`, '#');
  lines.push('interface GigabitEthernet1/0/1', ' undo shutdown', ` ip address ${self} 255.255.255.240`, ' ipsec policy map1', '#');
  lines.push('firewall zone trust', ' set priority 85', ' add interface GigabitEthernet1/0/0', '#');
  lines.push('firewall zone untrust', ' set priority 5', ' add interface GigabitEthernet1/0/1', '#');
  lines.push('ip service-set ike-natt type object', ' service 0 protocol udp source-port 0 to 65535 destination-port 500', ' service 1 protocol udp source-port 0 to 65535 destination-port 4500', '#');
  lines.push(`ip route-static 0.0.0.0 0.0.0.0 ${gateway}`, `ip route-static ${remote} ${remoteMask} ${gateway}`);
  // one specific route per 10 remote /24s, as sites that route some subnets explicitly
  for (let i = 0; i < size; i += 10) {
    const a = (i >> 8) & 255;
    const b = i & 255;
    lines.push(`ip route-static ${mirrored ? `10.${a}.${b}.0` : `172.${16 + (a & 15)}.${b}.0`} 255.255.255.0 ${gateway}`);
  }
  lines.push('#');
  lines.push('nat-policy');
  for (let i = 0; i < size / 10; i++) {
    lines.push(` rule name filler-nat-${i}`, '  source-zone trust', '  destination-zone untrust', `  source-address 192.168.${(i >> 8) & 255}.${i & 255} mask 255.255.255.255`, '  action source-nat easy-ip');
  }
  const broken = BROKEN && mirrored;
  if (broken) lines.push(' rule name internet-first', '  source-zone trust', '  destination-zone untrust', `  source-address ${local} mask ${localMask}`, '  action source-nat easy-ip');
  lines.push(' rule name vpn-no-nat', '  source-zone trust', '  destination-zone untrust', `  source-address ${local} mask ${localMask}`, `  destination-address ${remote} mask ${remoteMask}`, '  action no-nat');
  lines.push(' rule name internet', '  source-zone trust', '  destination-zone untrust', `  source-address ${local} mask ${localMask}`, '  action source-nat easy-ip', '#');
  lines.push('security-policy');
  for (let i = 0; i < size; i++) {
    lines.push(` rule name filler-${i}`, '  source-zone trust', '  destination-zone untrust', `  source-address 192.168.${(i >> 8) & 255}.${i & 255} mask 255.255.255.255`, `  destination-address 100.64.${(i >> 8) & 255}.0 mask 255.255.255.0`, '  action permit');
  }
  if (!broken) lines.push(' rule name vpn-out', '  source-zone trust', '  destination-zone untrust', `  source-address ${local} mask ${localMask}`, `  destination-address ${remote} mask ${remoteMask}`, '  action permit');
  if (!broken) lines.push(' rule name vpn-in', '  source-zone untrust', '  destination-zone trust', `  source-address ${remote} mask ${remoteMask}`, `  destination-address ${local} mask ${localMask}`, '  action permit');
  lines.push(' rule name ipsec-out', '  source-zone local', '  destination-zone untrust', `  source-address ${self} mask 255.255.255.255`, `  destination-address ${peer} mask 255.255.255.255`, '  service ike-natt esp', '  action permit');
  lines.push(' rule name ipsec-in', '  source-zone untrust', '  destination-zone local', `  source-address ${peer} mask 255.255.255.255`, `  destination-address ${self} mask 255.255.255.255`, '  service ike-natt esp', '  action permit', '#', 'return', '');
  return lines.join('\n');
}

function lintOnce(parsed) {
  const registry = new RuleRegistry(rules);
  const settings = new SettingsResolver(registry, defaultConfig(process.cwd()), new Map(), process.cwd());
  const phases = {};
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const outcome = lintParsedFiles(parsed, { registry, settings, timing: (phase, ms) => (phases[phase] = (phases[phase] ?? 0) + ms) });
  phases.total = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  phases.cpu = (cpu.user + cpu.system) / 1000;
  return { phases, outcome };
}

const median = (values) => [...values].sort((x, y) => x - y)[values.length >> 1];

const requested = process.argv.slice(2).map(Number).filter((n) => n > 0);
let previous;
for (const size of requested.length > 0 ? requested : [1000, 5000, 20000]) {
  const parseStart = performance.now();
  const parsed = ['a', 'b'].map((side) => {
    const file = `site-${side}.cfg`;
    return { file, ...parseConfig(siteConfig(side, size), file) };
  });
  const parseMs = performance.now() - parseStart;
  const samples = [];
  let outcome;
  for (let run = 0; run < RUNS; run++) {
    globalThis.gc?.();
    const result = lintOnce(parsed);
    samples.push(result.phases);
    outcome = result.outcome;
  }
  const at = (key) => median(samples.map((s) => s[key] ?? 0));
  const total = at('total');
  const growth = previous ? `, ×${(total / previous.total).toFixed(1)} time for ×${(size / previous.size).toFixed(0)} rules` : '';
  const byRule = outcome.findings.reduce((counts, f) => counts.set(f.ruleId, (counts.get(f.ruleId) ?? 0) + 1), new Map());
  console.log(
    `${size} ACL rules: lint median ${total.toFixed(0)} ms (CPU ${at('cpu').toFixed(0)} ms; model ${at('model').toFixed(0)}, pairing ${at('pairing').toFixed(0)}, rules ${at('rules').toFixed(0)})${growth}; parse ${parseMs.toFixed(0)} ms; ` +
      `findings ${outcome.findings.length} ${JSON.stringify(Object.fromEntries(byRule))}, internal errors ${outcome.internalErrors.length}`,
  );
  const ruleKeys = Object.keys(samples[0]).filter((k) => k.startsWith('rule:'));
  const slowest = ruleKeys.map((k) => [k.slice(5), at(k)]).sort((x, y) => y[1] - x[1]).slice(0, TOP_RULES);
  console.log(`  slowest rules (ms): ${slowest.map(([id, ms]) => `${id} ${ms.toFixed(1)}`).join(', ')}`);
  previous = { size, total };
}
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
