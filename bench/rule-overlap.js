// acl-overlap-in-policy-group benchmark: parse + device model + rule on configs generated in memory.
// Run `npm run build` first, then `node --expose-gc bench/rule-overlap.js`.
import { performance } from 'node:perf_hooks';
import { parseConfig } from '../dist/src/ast/parse.js';
import { buildDevice } from '../dist/src/model/device.js';
import rule from '../dist/rules/acl-overlap-in-policy-group.js';

const RUNS = 5;

const PEER_AND_PROPOSAL = ['ipsec proposal p', ' esp authentication-algorithm sha2-256', ' esp encryption-algorithm aes-256', '#'];

/** A hub whose policy group "map1" has `sequences` sequences, one ACL and one peer each; every 500th spoke repeats part of an earlier one. */
function hubConfig(sequences) {
  const lines = ['#', ' sysname HUB', '#', ...PEER_AND_PROPOSAL];
  for (let i = 0; i < sequences; i++) {
    const third = i % 500 === 499 ? ((i - 7) & 255) : i & 255;
    lines.push(i < 1000 ? `acl number ${3000 + i}` : `acl name spoke${i} advanced`);
    lines.push(` rule 5 permit ip source 10.0.0.0 0.0.255.255 destination 172.${16 + (i >> 8)}.${third}.0 0.0.0.255`, '#');
    lines.push(`ike peer s${i}`, ` pre-shared-key %^%#K${i}x%^%#`, ` remote-address 100.${64 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}`, '#');
  }
  for (let i = 0; i < sequences; i++) {
    const acl = i < 1000 ? `${3000 + i}` : `spoke${i}`;
    lines.push(`ipsec policy map1 ${i + 1} isakmp`, ` security acl ${acl}`, ` ike-peer s${i}`, ' proposal p', '#');
  }
  lines.push('interface GigabitEthernet1/0/1', ' ip address 203.0.113.1 255.255.255.0', ' ipsec policy map1', '#', 'return', '');
  return lines.join('\n');
}

/** One policy with a 50,000-rule ACL: subnets, hosts with ports, non-contiguous wildcards, denies, duplicates. */
function bigAclConfig(rules) {
  const lines = ['#', ' sysname BIG', '#', 'acl number 3000'];
  for (let i = 0; i < rules; i++) {
    const a = (i >> 8) & 255;
    const b = i & 255;
    const id = (i + 1) * 5;
    switch (i % 10) {
      case 0:
        lines.push(` rule ${id} permit ip source 10.${a}.${b}.0 0.0.0.255 destination 192.168.${b}.0 0.0.0.255`);
        break;
      case 1:
        lines.push(` rule ${id} permit tcp source 10.${a}.${b}.1 0 destination 172.16.${a}.${b} 0 destination-port eq 443`);
        break;
      case 2:
        lines.push(` rule ${id} permit udp source 10.${a}.0.0 0.0.255.255 destination 172.20.${a}.${b} 0 destination-port eq 53`);
        break;
      case 3:
        lines.push(` rule ${id} permit tcp source 10.${a}.0.${b} 0.0.255.0 destination 192.168.${a}.0 0.0.0.255 destination-port range 8000 8999`);
        break;
      case 4:
        lines.push(` rule ${id} deny ip source 10.${a}.${b}.0 0.0.0.127 destination 192.168.${b}.0 0.0.0.255`);
        break;
      case 5:
        lines.push(` rule ${id} permit ip source 10.${a}.${(b + 251) & 255}.0 0.0.0.255 destination 192.168.${(b + 251) & 255}.0 0.0.0.255`);
        break;
      default:
        lines.push(` rule ${id} permit tcp source 10.${a}.${b}.${10 + (i % 10)} 0 destination 172.${30 + (i % 3)}.${a}.${b} 0 destination-port eq 22`);
    }
  }
  lines.push('#', ...PEER_AND_PROPOSAL, 'ike peer p', ' pre-shared-key %^%#Kbig%^%#', ' remote-address 198.51.100.1', '#');
  lines.push('ipsec policy map1 10 isakmp', ' security acl 3000', ' ike-peer p', ' proposal p', '#');
  lines.push('interface GigabitEthernet1/0/1', ' ip address 203.0.113.1 255.255.255.0', ' ipsec policy map1', '#', 'return', '');
  return lines.join('\n');
}

/**
 * The part of the device model the rule reads (policy groups with their ACLs), built straight from
 * the AST. Used for the 50,000-rule ACL because `buildDevice` computes every entry's protected
 * flows with a union/subtract loop that grows quadratically (13 s at 1,000 rules, 56 s at 2,000).
 */
function policyGroupsOnly(ast) {
  const acls = new Map(ast.acls.map((acl) => [acl.key.value, acl]));
  const groups = new Map();
  for (const policy of ast.ipsecPolicies) {
    const entries = groups.get(policy.name.value) ?? [];
    entries.push({ acl: policy.acl ? acls.get(policy.acl.value) : undefined, disabled: false, seq: policy.seq.value, group: policy.name.value });
    groups.set(policy.name.value, entries);
  }
  const policyGroups = [...groups].map(([name, entries]) => ({ name, entries: entries.sort((a, b) => a.seq - b.seq), interfaces: [] }));
  return { file: 'bench.cfg', ast, policyGroups };
}

function lintOnce(text, fullModel) {
  const timings = {};
  let start = performance.now();
  let cpu = process.cpuUsage();
  const { ast } = parseConfig(text, 'bench.cfg');
  timings.parse = performance.now() - start;
  start = performance.now();
  const device = fullModel ? buildDevice({ file: 'bench.cfg', text, ast, index: 0 }) : policyGroupsOnly(ast);
  timings.model = performance.now() - start;
  start = performance.now();
  const ruleCpu = process.cpuUsage();
  const reports = [];
  rule.check({ device, network: undefined, options: {}, report: (r) => reports.push(r), note: () => {} });
  timings.rule = performance.now() - start;
  const used = process.cpuUsage(ruleCpu);
  timings.ruleCpu = (used.user + used.system) / 1000;
  cpu = process.cpuUsage(cpu);
  timings.cpu = (cpu.user + cpu.system) / 1000;
  return { timings, reports };
}

function median(values) {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[sorted.length >> 1];
}

function measure(name, text, fullModel = true) {
  const runs = [];
  let reports = [];
  for (let run = 0; run < RUNS; run++) {
    globalThis.gc?.();
    const result = lintOnce(text, fullModel);
    runs.push(result.timings);
    reports = result.reports;
  }
  const phase = (key) => median(runs.map((t) => t[key]));
  const total = median(runs.map((t) => t.parse + t.model + t.rule));
  const kinds = {};
  for (const r of reports) kinds[r.messageId] = (kinds[r.messageId] ?? 0) + 1;
  console.log(
    `${name}: ${text.split('\n').length} lines, median total ${total.toFixed(0)} ms ` +
      `(parse ${phase('parse').toFixed(0)}, model${fullModel ? '' : ' [policy groups only]'} ${phase('model').toFixed(0)}, rule ${phase('rule').toFixed(0)}; ` +
      `CPU total ${phase('cpu').toFixed(0)}, rule ${phase('ruleCpu').toFixed(0)}), findings ${JSON.stringify(kinds)}`,
  );
}

measure('policy group, 5,000 sequences', hubConfig(5000));
measure('one ACL, 50,000 rules', bigAclConfig(50000), false);
if (process.argv.includes('--model-scaling')) measure('one ACL, 1,000 rules, full model', bigAclConfig(1000));
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
