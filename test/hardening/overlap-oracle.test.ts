import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lint } from '../helpers/rule-harness.js';

/**
 * End-to-end check of acl-overlap-in-policy-group against a brute-force point sampler: random
 * permit rules over 8 sources × 8 destinations (non-contiguous wildcards included), protocols and
 * ports, split over two ACLs of one policy group.
 */
interface AclRuleSpec {
  protocol: 'ip' | 'tcp' | 'udp';
  src: number;
  srcWildcard: number;
  dst: number;
  dstWildcard: number;
  dstPort?: 80 | 443;
}

const ruleSpec: fc.Arbitrary<AclRuleSpec> = fc.record({
  protocol: fc.constantFrom('ip', 'tcp', 'udp'),
  src: fc.integer({ min: 0, max: 7 }),
  srcWildcard: fc.integer({ min: 0, max: 7 }),
  dst: fc.integer({ min: 0, max: 7 }),
  dstWildcard: fc.integer({ min: 0, max: 7 }),
  dstPort: fc.option(fc.constantFrom(80 as const, 443 as const), { nil: undefined }),
});

interface Point {
  src: number;
  dst: number;
  protocol: 'tcp' | 'udp' | 'icmp';
  port: number;
}

const POINTS: Point[] = [];
for (let src = 0; src < 8; src++)
  for (let dst = 0; dst < 8; dst++)
    for (const protocol of ['tcp', 'udp', 'icmp'] as const)
      for (const port of protocol === 'icmp' ? [0] : [80, 443, 8080]) POINTS.push({ src, dst, protocol, port });

function matches(rule: AclRuleSpec, p: Point): boolean {
  if (((p.src ^ rule.src) & ~rule.srcWildcard & 7) !== 0) return false;
  if (((p.dst ^ rule.dst) & ~rule.dstWildcard & 7) !== 0) return false;
  if (rule.protocol === 'ip') return true;
  if (rule.protocol !== p.protocol) return false;
  return rule.dstPort === undefined || rule.dstPort === p.port;
}

function ruleLine(id: number, r: AclRuleSpec): string {
  const port = r.protocol !== 'ip' && r.dstPort !== undefined ? ` destination-port eq ${r.dstPort}` : '';
  return ` rule ${id} permit ${r.protocol} source 10.0.0.${r.src} 0.0.0.${r.srcWildcard} destination 10.0.1.${r.dst} 0.0.0.${r.dstWildcard}${port}`;
}

function config(first: AclRuleSpec[], second: AclRuleSpec[]): { text: string; lineOfRule: number[] } {
  const lines = ['#', ' sysname oracle', '#', 'acl number 3000'];
  const lineOfRule: number[] = [];
  first.forEach((r, i) => { lines.push(ruleLine((i + 1) * 5, r)); lineOfRule.push(lines.length); });
  lines.push('#', 'acl number 3001');
  second.forEach((r, i) => { lines.push(ruleLine((i + 1) * 5, r)); lineOfRule.push(lines.length); });
  lines.push(
    '#', 'ike proposal 10', ' encryption-algorithm aes-256', ' dh group14', ' authentication-algorithm sha2-256',
    '#', 'ike peer b', ' pre-shared-key %^%#Ab1kq9Wz0LmPq2Xr4Ty6Uv8Wx0Yz1%^%#', ' ike-proposal 10', ' remote-address 198.51.100.2',
    '#', 'ipsec proposal p10', ' esp authentication-algorithm sha2-256', ' esp encryption-algorithm aes-256',
    '#', 'ipsec policy map1 10 isakmp', ' security acl 3000', ' ike-peer b', ' proposal p10',
    '#', 'ipsec policy map1 20 isakmp', ' security acl 3001', ' ike-peer b', ' proposal p10',
    '#', 'interface GigabitEthernet1/0/1', ' ip address 203.0.113.1 255.255.255.0', ' ipsec policy map1', '#', 'return', '',
  );
  return { text: lines.join('\n'), lineOfRule };
}

describe('acl-overlap-in-policy-group against a brute-force point sampler', () => {
  it('flags exactly the rules that share a point with an earlier rule, and calls them shadowed exactly when fully covered', () => {
    fc.assert(
      fc.property(fc.array(ruleSpec, { minLength: 1, maxLength: 5 }), fc.array(ruleSpec, { minLength: 0, maxLength: 4 }), (first, second) => {
        const { text, lineOfRule } = config(first, second);
        const ordered = [...first, ...second];
        const findings = lint([{ file: 'oracle.cfg', text }], ['acl-overlap-in-policy-group']);
        const flaggedLines = new Map(findings.map((f) => [f.line, f.message]));
        ordered.forEach((rule, k) => {
          const own = POINTS.filter((p) => matches(rule, p));
          const earlier = ordered.slice(0, k);
          const shared = own.filter((p) => earlier.some((e) => matches(e, p)));
          const message = flaggedLines.get(lineOfRule[k]);
          const label = `${ruleLine(0, rule)} after [${earlier.map((e) => ruleLine(0, e)).join(';')}]`;
          expect(message !== undefined, `flagged? ${label}: ${message}`).toBe(shared.length > 0);
          if (message !== undefined) expect(message.includes('never matches'), `shadowed? ${label}: ${message}`).toBe(shared.length === own.length);
        });
        expect(findings.length).toBe(ordered.filter((_, k) => flaggedLines.has(lineOfRule[k])).length);
      }),
      { numRuns: 150 },
    );
  });
});
