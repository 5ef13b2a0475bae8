import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import type { AclRuleNode, AddressSpec } from '../../src/ast/types.js';
import { parseConfig } from '../../src/ast/parse.js';
import type { LintOutcome } from '../../src/engine/lint.js';
import { hasCorpus, readCorpus } from '../helpers/corpus.js';
import { allCorpusFiles, lineOf, lintInputs, readConfigDir, repoRoot } from '../helpers/rule-harness.js';

/**
 * The stress shapes of issue #20 item 5 (bench/stress-shapes.js), at the sizes the issue
 * reported, through the real parser, model and every recommended rule. Each must finish well
 * within a generous bound (the target is 5 s on a 2-vCPU machine; the bound leaves room for a
 * loaded machine and coverage), and where the model settled for a bounded answer it says so in
 * a note and the findings it still makes are right: every rule reported as never matching is
 * checked against first-match evaluation of sampled packets.
 */
interface Shapes {
  random(seed: number): () => number;
  aclOverlapConfig(options: { rules: number; nonContiguous?: boolean; seed?: number }): string;
  longAclLinesConfig(options?: { lines?: number; words?: number }): string;
  addressSetGlobsConfig(options?: { members?: number }): string;
  policyAndNatConfig(options?: { security?: number; nat?: number }): string;
}
const shapes = (await import(pathToFileURL(path.join(repoRoot, 'bench/stress-shapes.js')).href)) as Shapes;
const generator = (await import(pathToFileURL(path.join(repoRoot, 'bench/generate.js')).href)) as {
  generateHub(options: { policies: number; aclRules: number; securityRules: number }): string;
};

const RECOMMENDED = rules.filter((rule) => rule.meta.presets.includes('recommended')).map((rule) => rule.meta.id);
/** Generous: ten times the target, for a loaded machine under coverage. */
const BOUND_MS = 50_000;

function lintTimed(text: string): { outcome: LintOutcome; ms: number } {
  const start = performance.now();
  const outcome = lintInputs([{ file: 'stress.cfg', text }], RECOMMENDED);
  return { outcome, ms: performance.now() - start };
}

interface Packet {
  src: number;
  dst: number;
  protocol: number;
  srcPort: number;
  dstPort: number;
}

function addressMatches(spec: AddressSpec | undefined, address: number): boolean {
  if (!spec || spec.form === 'any') return true;
  if (spec.form !== 'wildcard') throw new Error(`unexpected address form ${spec.form}`);
  return ((address ^ spec.address) & ~spec.wildcard) === 0;
}

/** Read from the rule's fields, independent of the box algebra. */
function ruleMatches(rule: AclRuleNode, p: Packet): boolean {
  const protocol = rule.protocol?.value ?? null;
  if (protocol !== null && protocol !== p.protocol) return false;
  const ports = protocol === 6 || protocol === 17;
  if (ports && rule.sourcePort && (p.srcPort < rule.sourcePort.first || p.srcPort > rule.sourcePort.last)) return false;
  if (ports && rule.destinationPort && (p.dstPort < rule.destinationPort.first || p.dstPort > rule.destinationPort.last)) return false;
  return addressMatches(rule.source, p.src) && addressMatches(rule.destination, p.dst);
}

/** A packet inside `rule`, drawn at random (free address bits, ports within its ranges, a protocol it takes). */
function packetIn(rule: AclRuleNode, next: () => number): Packet {
  const pick = (spec: AddressSpec | undefined): number => {
    const bits = Math.floor(next() * 2 ** 32) >>> 0;
    if (!spec || spec.form !== 'wildcard') return bits;
    return ((spec.address & ~spec.wildcard) | (bits & spec.wildcard)) >>> 0;
  };
  const port = (range: { first: number; last: number } | undefined): number =>
    range ? range.first + Math.floor(next() * (range.last - range.first + 1)) : Math.floor(next() * 65536);
  return {
    src: pick(rule.source),
    dst: pick(rule.destination),
    protocol: rule.protocol?.value ?? [1, 6, 17, 47][Math.floor(next() * 4)],
    srcPort: port(rule.sourcePort),
    dstPort: port(rule.destinationPort),
  };
}

/** Every "never matches" finding of acl-overlap-in-policy-group: sampled packets of the rule all go to an earlier rule (and lie in an earlier deny, when it says so). */
function checkNeverMatches(text: string, outcome: LintOutcome): number {
  const acl = parseConfig(text, 'stress.cfg').ast.acls[0];
  const ordered = [...acl.rules].sort((a, b) => a.id.value - b.id.value);
  const byLine = new Map(ordered.map((rule) => [rule.range.line, rule]));
  const next = shapes.random(99);
  let checked = 0;
  for (const finding of outcome.findings) {
    if (finding.ruleId !== 'acl-overlap-in-policy-group' || !finding.message.includes('never matches')) continue;
    const rule = byLine.get(finding.range.line)!;
    const byDeny = finding.message.includes('denies all of its flows');
    for (let i = 0; i < 20; i++) {
      const packet = packetIn(rule, next);
      const first = ordered.find((r) => ruleMatches(r, packet))!;
      expect(first.id.value, `rule ${rule.id.value}: ${finding.message}`).toBeLessThan(rule.id.value);
      // "denies all of its flows": every packet of the rule is in an earlier deny (an earlier permit may still take it first)
      if (byDeny) expect(ordered.some((r) => r.id.value < rule.id.value && r.action.value === 'deny' && ruleMatches(r, packet))).toBe(true);
    }
    checked++;
  }
  return checked;
}

describe('stress shapes of issue #20 item 5 finish, bounded answers say so, and stay right', () => {
  for (const { rules: count, nonContiguous } of [
    { rules: 500, nonContiguous: false },
    { rules: 2000, nonContiguous: false },
    { rules: 1000, nonContiguous: true },
    { rules: 2000, nonContiguous: true },
  ]) {
    it(`one ACL of ${count} random overlapping rules${nonContiguous ? ', non-contiguous wildcards' : ''}`, { timeout: BOUND_MS * 2 }, () => {
      const text = shapes.aclOverlapConfig({ rules: count, nonContiguous });
      const { outcome, ms } = lintTimed(text);
      expect(ms).toBeLessThan(BOUND_MS);
      expect(outcome.internalErrors).toEqual([]);
      expect(outcome.findings.filter((f) => f.ruleId === 'acl-overlap-in-policy-group').length).toBeGreaterThan(count / 5);
      expect(checkNeverMatches(text, outcome)).toBeGreaterThan(10);
      // ACL 3000 is the only ACL: any bound on its first-match split is named in a note (and its
      // one policy has no other tunnel whose flows it could overlap)
      for (const note of outcome.notes) expect(note.message).toMatch(/^ACL 3000: which flows each rule takes first is bounded|^cannot check exactly how rule/);
      if (count === 2000 && nonContiguous) {
        expect(outcome.notes.map((n) => n.message).join('\n')).toMatch(/keep their own flows/);
      }
    });
  }

  it('10,000 security-policy and 10,000 NAT rules in front of one tunnel', { timeout: BOUND_MS * 2 }, () => {
    const text = shapes.policyAndNatConfig();
    const { outcome, ms } = lintTimed(text);
    expect(ms).toBeLessThan(BOUND_MS);
    expect(outcome.internalErrors).toEqual([]);
    // the slices carve the flow, the covering rules at the end exempt and permit it: nothing to report on it
    expect(outcome.findings.filter((f) => f.ruleId === 'nat-not-excluding-protected-flow' || f.ruleId === 'security-policy-blocks-protected-flow')).toEqual([]);
  });

  it('800 ACL rules of 505 words, each of its own shape: the parser reads a budget of them and says which it did not', { timeout: BOUND_MS * 2 }, () => {
    const text = shapes.longAclLinesConfig();
    const start = performance.now();
    const { ast } = parseConfig(text, 'long.cfg');
    expect(performance.now() - start).toBeLessThan(BOUND_MS);
    const notRead = ast.diagnostics.filter((d) => d.message.includes('not read'));
    const rules = ast.acls[0].rules;
    // every line is either an ACL rule in the AST or a warning on that line
    expect(rules.length + notRead.length).toBe(800);
    expect(rules.length).toBeGreaterThan(10);
    expect(notRead.every((d) => d.severity === 'warning' && d.code === 'statement-syntax')).toBe(true);
    expect(new Set(notRead.map((d) => d.range.line)).size).toBe(notRead.length);
    // the rules read are the first ones, whole
    expect(rules.map((r) => r.id.value)).toEqual(Array.from({ length: rules.length }, (_, i) => (i + 1) * 5));
    expect(ast.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('a view header past the shape budget says that its view is not read either', () => {
    // 'acl number §n' (3 words), 39 rules of 250 words and one of 246, each its own shape: 1 word of the budget left
    const option = (i: number, j: number): string => ((i >> (j % 8)) & 1 ? 'logging' : 'counting');
    const junk = Array.from({ length: 40 }, (_, i) => ` rule ${i + 1} permit ip ${Array.from({ length: i < 39 ? 246 : 242 }, (_, j) => option(i, j)).join(' ')}`);
    const text = ['#', 'acl number 3000', ...junk, '#', 'acl name EXTRA advance', ' rule 5 permit ip', '#', 'return', ''].join('\n');
    const { ast } = parseConfig(text, 'view.cfg');
    expect(ast.acls[0].rules).toHaveLength(40);
    const header = ast.diagnostics.find((d) => d.range.line === junk.length + 4);
    expect(header?.message).toContain('"acl name": not read');
    expect(header?.message).toContain('so neither this line nor the 1 line of its view is checked');
  });

  it('the shape budget never touches a real configuration', () => {
    const hub = { file: 'hub.cfg', text: generator.generateHub({ policies: 200, aclRules: 2000, securityRules: 2000 }) };
    const files = [hub, ...readConfigDir('configs-examples'), ...(hasCorpus ? allCorpusFiles().map((name) => ({ file: name, text: readCorpus(name) })) : [])];
    expect(files.length).toBeGreaterThan(20);
    for (const { file, text } of files) expect(parseConfig(text, file).ast.diagnostics.filter((d) => d.message.includes('not read')), file).toEqual([]);
  });

  it('address sets of 160,000 members (globs, hosts and ranges) in security and NAT rules', { timeout: BOUND_MS * 2 }, () => {
    const text = shapes.addressSetGlobsConfig();
    const { outcome, ms } = lintTimed(text);
    expect(ms).toBeLessThan(BOUND_MS);
    // once overflowed the call stack (an internal error)
    expect(outcome.internalErrors).toEqual([]);
    // the sets translate part of the protected flow before the tunnel: reported on a NAT rule
    const nat = outcome.findings.filter((f) => f.ruleId === 'nat-not-excluding-protected-flow');
    expect(nat.length).toBeGreaterThan(0);
    for (const finding of nat) expect(finding.range.line).toBeGreaterThanOrEqual(lineOf(text, 'nat-policy'));
  });
});
