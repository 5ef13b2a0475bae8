import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { allCorpusFiles, corpus, examplesDir, expectSilentOnFixedAndDocs, lineOf, lint, lintInputs, readConfigDir, repoRoot, type Input } from '../helpers/rule-harness.js';
import { siteConfig, type SiteOptions } from '../helpers/site-config.js';
import { rules } from '../../rules/index.js';
import { findReason, rulesForReason } from '../../src/engine/huawei-reasons.js';

const RULE = 'flow-overlap-across-tunnels';
const dir = path.join(examplesDir, RULE);

interface Generator {
  generateNetwork(n: number): { name: string; text: string }[];
}
const generator = (await import(pathToFileURL(path.join(repoRoot, 'bench/generate.js')).href)) as Generator;

/** Replace text in an input (asserting that it is there). */
const edit = (input: Input, from: string, to: string): Input => {
  if (!input.text.includes(from)) throw new Error(`not in ${input.file}: ${from}`);
  return { file: input.file, text: input.text.replace(from, to) };
};

const flagged = (): Input[] => readConfigDir(path.join(dir, 'flagged'));
const byName = (inputs: Input[], name: string): Input => inputs.find((i) => i.file.endsWith(name))!;
const replaceIn = (inputs: Input[], name: string, from: string, to: string): Input[] => inputs.map((i) => (i.file.endsWith(name) ? edit(i, from, to) : i));

/** A template hub (LAN 10.1.1.0/24, WAN 203.0.113.1) and spokes with the LANs given. */
function templateHub(spokeLans: string[], { hubAcl = true }: { hubAcl?: boolean } = {}): Input[] {
  let hub: Input = { file: 'hub.cfg', text: siteConfig({ sysname: 'HUB', wan: '203.0.113.1/28', gateway: '203.0.113.14', lan: '10.1.1.0/24', remoteLan: '10.90.0.0/16', mode: 'template', remoteAddresses: [] }) };
  if (!hubAcl) hub = edit(hub, ' security acl 3000\n', '');
  const spokes = spokeLans.map((lan, i): Input => {
    const options: SiteOptions = { sysname: `S${i + 1}`, wan: `198.51.${100 + i}.1/28`, gateway: `198.51.${100 + i}.14`, lan, remoteLan: '10.1.1.0/24', remoteAddresses: ['203.0.113.1'] };
    return { file: `s${i + 1}.cfg`, text: siteConfig(options) };
  });
  return [hub, ...spokes];
}

describe(RULE, () => {
  it('reports the wider ACL rule of two policy groups towards different peers, with the narrower one and a narrowing suggestion', () => {
    const inputs = flagged();
    const hq = byName(inputs, 'hq.cfg');
    const findings = lintInputs(inputs, [RULE]).findings;
    expect(findings).toHaveLength(1);
    const [finding] = findings;
    expect(finding).toMatchObject({ file: hq.file, severity: 'error', objectPath: 'acl:3001/rule:5' });
    expect(finding.range.start.line).toBe(lineOf(hq.text, 'destination 10.80.16.0 0.0.15.255'));
    expect(finding.related.map((r) => [r.file, r.range.start.line])).toEqual([[hq.file, lineOf(hq.text, 'destination 10.80.21.0 0.0.0.255')]]);
    expect(finding.message).toBe(
      'Rule "5" of ACL "3001" (IPSec policy "map2 10" towards flowov-C-flagged) covers rule 5 of ACL "3000" (IPSec policy "map1 10" towards flowov-B-flagged) on source 10.80.11.0/24 → destination 10.80.21.0/24: SAs towards different peers must not protect the same traffic, so the SA negotiated for one is refused ("flow confict") or replaces the other ("kick old sa with same flow"), and that traffic goes to the wrong peer. Make the security ACLs of tunnels to different peers disjoint.',
    );
    // 10.80.16.0/20 without 10.80.21.0/24, as four rules in place of rule 5.
    expect(finding.suggestions?.map((s) => s.fix.commands)).toEqual([
      [
        'system-view',
        'acl number 3001',
        'rule 6 permit ip source 10.80.11.0 0.0.0.255 destination 10.80.20.0 0.0.0.255',
        'rule 7 permit ip source 10.80.11.0 0.0.0.255 destination 10.80.22.0 0.0.1.255',
        'rule 8 permit ip source 10.80.11.0 0.0.0.255 destination 10.80.24.0 0.0.7.255',
        'rule 5 permit ip source 10.80.11.0 0.0.0.255 destination 10.80.16.0 0.0.3.255',
        'return',
      ],
    ]);
  });

  it('is quiet on the fixed example, the corpus documentation sets and every corpus file', () => {
    expectSilentOnFixedAndDocs(RULE);
    expect(lint(corpus(...allCorpusFiles()), [RULE])).toEqual([]);
    for (const name of allCorpusFiles()) expect(lint(corpus(name), [RULE]), name).toEqual([]);
  });

  it('flags equal flows written differently (a named ACL), on the later rule, suggesting to delete it', () => {
    let inputs = replaceIn(flagged(), 'hq.cfg', 'acl number 3001\n rule 5 permit ip source 10.80.11.0 0.0.0.255 destination 10.80.16.0 0.0.15.255', 'acl name TO-C advance\n rule 10 permit ip source 10.80.11.0 0.0.0.255 destination 10.80.21.0 0.0.0.255');
    inputs = replaceIn(inputs, 'hq.cfg', ' security acl 3001', ' security acl TO-C');
    const hq = byName(inputs, 'hq.cfg');
    const findings = lintInputs(inputs, [RULE]).findings;
    expect(findings.map((f) => [f.file, f.range.start.line, f.severity])).toEqual([[hq.file, lineOf(hq.text, ' rule 10 permit'), 'error']]);
    expect(findings[0].message).toContain('Rule "10" of ACL "TO-C" (IPSec policy "map2 10" towards flowov-C-flagged) protects the same flows as rule 5 of ACL "3000"');
    expect(findings[0].suggestions?.map((s) => s.fix.commands)).toEqual([['system-view', 'acl name TO-C advance', 'undo rule 10', 'return']]);
  });

  it('flags one ACL shared by policies towards different peers at the later "security acl" line', () => {
    const inputs = replaceIn(flagged(), 'hq.cfg', ' security acl 3001', ' security acl 3000');
    const hq = byName(inputs, 'hq.cfg');
    const findings = lint(inputs, [RULE]);
    expect(findings).toEqual([expect.objectContaining({ file: hq.file, line: lineOf(hq.text, ' security acl 3000', 2), severity: 'error', related: [expect.objectContaining({ line: lineOf(hq.text, ' security acl 3000') })] })]);
    expect(findings[0].message).toMatch(/^IPSec policy "map2 10" towards flowov-C-flagged uses security ACL "3000" like IPSec policy "map1 10" towards flowov-B-flagged/);
  });

  it('spokes of one template hub: the spoke whose ACL covers another spoke\'s subnet gets a warning, on its own file', () => {
    for (const hubAcl of [true, false]) {
      const inputs = templateHub(['10.90.0.0/16', '10.90.2.0/24'], { hubAcl });
      const [hub, s1, s2] = inputs;
      const findings = lint(inputs, [RULE]);
      expect(findings, `hub ACL: ${hubAcl}`).toEqual([
        expect.objectContaining({
          file: s1.file,
          line: lineOf(s1.text, ' rule 5 permit'),
          severity: 'warning',
          related: [
            expect.objectContaining({ file: s2.file, line: lineOf(s2.text, ' rule 5 permit') }),
            expect.objectContaining({ file: hub.file, line: lineOf(hub.text, 'ipsec policy map1 10 isakmp template') }),
          ],
        }),
      ]);
      expect(findings[0].message).toContain('Rule "5" of ACL "3000" covers the flows S2 protects (rule 5 of ACL "3000") through the same template policy of HUB');
    }
    // Disjoint spoke subnets: quiet.
    expect(lint(templateHub(['10.90.1.0/24', '10.90.2.0/24']), [RULE])).toEqual([]);
  });

  it('is quiet for one peer reached over two policies, an ACL overlap inside one policy group and deny rules carving the overlap out', () => {
    // Both groups towards branch B (its second WAN address): one peer, not two SAs fighting over a flow.
    let inputs = flagged().filter((i) => !i.file.endsWith('branch-c.cfg'));
    inputs = replaceIn(inputs, 'hq.cfg', ' remote-address 198.51.81.1', ' remote-address 198.51.80.2');
    inputs = replaceIn(inputs, 'branch-b.cfg', ' ip address 198.51.80.1 255.255.255.240\n', ' ip address 198.51.80.1 255.255.255.240\n ip address 198.51.80.2 255.255.255.240 sub\n');
    expect(lint(inputs, [RULE])).toEqual([]);
    // The same two ACLs in one policy group: acl-overlap-in-policy-group reports it, not this rule.
    const oneGroup = replaceIn(flagged(), 'hq.cfg', 'ipsec policy map2 10 isakmp', 'ipsec policy map1 20 isakmp');
    expect(lint(oneGroup, [RULE])).toEqual([]);
    expect(lint(oneGroup, ['acl-overlap-in-policy-group']).length).toBeGreaterThan(0);
    // A deny for branch B's subnet before the wide permit: the policy towards C no longer protects it.
    const denied = replaceIn(flagged(), 'hq.cfg', 'acl number 3001\n', 'acl number 3001\n rule 1 deny ip source 10.80.11.0 0.0.0.255 destination 10.80.21.0 0.0.0.255\n');
    expect(lint(denied, [RULE])).toEqual([]);
  });

  it('says in a note which policy it could not compare because its ACL is not exactly readable (an IPv6 prefix longer than 128), and says nothing of a lone policy', () => {
    const unreadable = replaceIn(flagged(), 'hq.cfg', ' rule 5 permit ip source 10.80.11.0 0.0.0.255 destination 10.80.16.0 0.0.15.255', ' rule 5 permit ip source 2001:db8::1/200 destination 10.80.16.0 0.0.15.255');
    const outcome = lintInputs(unreadable, [RULE]);
    expect(outcome.findings).toEqual([]);
    expect(outcome.notes.map((n) => n.message)).toContainEqual(expect.stringMatching(/^not checked for flows overlapping other tunnels: IPSec policy "map2 10" uses an ACL the model cannot read exactly/));
    const lone = edit(byName(flagged(), 'branch-b.cfg'), ' rule 5 permit ip source 10.80.21.0 0.0.0.255 destination 10.80.11.0 0.0.0.255', ' rule 5 permit ip source 2001:db8::1/200 destination 10.80.11.0 0.0.0.255');
    expect(lintInputs([lone], [RULE]).notes.map((n) => n.message)).not.toContainEqual(expect.stringContaining('not checked for flows overlapping'));
  });

  it('notes instead of reporting identical flows towards two addresses no device of the run owns (one peer over two links, maybe)', () => {
    const hq = byName(flagged(), 'hq.cfg');
    const both = edit(hq, 'acl number 3001\n rule 5 permit ip source 10.80.11.0 0.0.0.255 destination 10.80.16.0 0.0.15.255', 'acl number 3001\n rule 5 permit ip source 10.80.11.0 0.0.0.255 destination 10.80.21.0 0.0.0.255');
    const outcome = lintInputs([both], [RULE]);
    expect(outcome.findings).toEqual([]);
    expect(outcome.notes.map((n) => n.message)).toContainEqual(expect.stringContaining('may be one peer reached over two links'));
    // With both branches in the run the peers are known to differ.
    const inputs = flagged().map((i) => (i.file === hq.file ? both : i));
    expect(lint(inputs, [RULE])).toEqual([expect.objectContaining({ severity: 'error', line: lineOf(both.text, 'destination 10.80.21.0 0.0.0.255', 2) })]);
  });

  it('a manual policy is compared with the other tunnels (a warning: it is not negotiated), never with itself', () => {
    const manual = [
      'acl number 3002', ' rule 5 permit ip source 10.80.11.0 0.0.0.255 destination 10.80.21.128 0.0.0.127', '#',
      'ipsec policy map3 10 manual', ' security acl 3002', ' proposal p10', ' tunnel remote 198.51.82.1', ' tunnel local 203.0.82.1',
      ' sa spi outbound esp 12345', ' sa spi inbound esp 54321', '#',
      'interface GigabitEthernet1/0/4', ' ip address 203.0.82.1 255.255.255.240', ' ipsec policy map3', '#',
    ].join('\n');
    const inputs = replaceIn(flagged(), 'hq.cfg', 'firewall zone trust\n', `${manual}\nfirewall zone trust\n`);
    const hq = byName(inputs, 'hq.cfg');
    const mine = lint(inputs, [RULE]).filter((f) => f.line === lineOf(hq.text, 'destination 10.80.21.0 0.0.0.255'));
    // ACL 3000 rule 5 (towards B) covers the manual policy's half of B's subnet: reported on it, a warning.
    expect(mine).toEqual([expect.objectContaining({ severity: 'warning', related: [expect.objectContaining({ line: lineOf(hq.text, 'destination 10.80.21.128 0.0.0.127') })] })]);
    // The manual policy alone with its own flows: nothing to compare.
    const alone = replaceIn(replaceIn(inputs, 'hq.cfg', ' ipsec policy map1\n', '\n'), 'hq.cfg', ' ipsec policy map2\n', '\n');
    expect(lint(alone, [RULE])).toEqual([]);
  });

  it('detects "flow confict", "flow overlap" and "kick old sa with same flow", which no longer name it as a rule to come', () => {
    const metas = rules.map((r) => r.meta);
    for (const reason of ['flow confict', 'flow overlap', 'kick old sa with same flow']) {
      const row = findReason(reason)!;
      expect(rulesForReason(row, metas), reason).toContain(RULE);
      expect(row.proposed, reason).toBeUndefined();
    }
  });

  it('reports nothing on a generated benchmark network (one hub policy group, one sequence per spoke), then with spokes of a template hub', () => {
    const inputs = generator.generateNetwork(20).map(({ name, text }) => ({ file: name, text }));
    expect(lint(inputs, [RULE])).toEqual([]);
    const spokes = Array.from({ length: 40 }, (_, i) => `10.90.${i}.0/24`);
    const hub = templateHub(spokes);
    expect(lintInputs(hub, ['template-policy-initiator', RULE]).findings).toEqual([]);
    // Paired: one more spoke whose ACL covers all the others' subnets is reported.
    const wide = templateHub([...spokes, '10.90.0.0/16']);
    expect(lint(wide, [RULE]).map((f) => [f.file, f.severity])).toEqual([['s41.cfg', 'warning']]);
  });
});
