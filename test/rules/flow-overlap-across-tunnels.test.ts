import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { allCorpusFiles, corpus, examplesDir, lint, lintInputs, readConfigDir, repoRoot, type Input } from '../helpers/rule-harness.js';
import { at, exactly, ruleTester } from '../helpers/rule-tester.js';
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

const namedAcl = (): Input[] =>
  replaceIn(
    replaceIn(flagged(), 'hq.cfg', 'acl number 3001\n rule 5 permit ip source 10.80.11.0 0.0.0.255 destination 10.80.16.0 0.0.15.255', 'acl name TO-C advance\n rule 10 permit ip source 10.80.11.0 0.0.0.255 destination 10.80.21.0 0.0.0.255'),
    'hq.cfg',
    ' security acl 3001',
    ' security acl TO-C',
  );
/** HQ's ACL 3001 made equal to ACL 3000: identical flows towards B and C. */
const identicalAtHq = (): Input =>
  edit(byName(flagged(), 'hq.cfg'), 'acl number 3001\n rule 5 permit ip source 10.80.11.0 0.0.0.255 destination 10.80.16.0 0.0.15.255', 'acl number 3001\n rule 5 permit ip source 10.80.11.0 0.0.0.255 destination 10.80.21.0 0.0.0.255');
const MANUAL = [
  'acl number 3002', ' rule 5 permit ip source 10.80.11.0 0.0.0.255 destination 10.80.21.128 0.0.0.127', '#',
  'ipsec policy map3 10 manual', ' security acl 3002', ' proposal p10', ' tunnel remote 198.51.82.1', ' tunnel local 203.0.82.1',
  ' sa spi outbound esp 12345', ' sa spi inbound esp 54321', '#',
  'interface GigabitEthernet1/0/4', ' ip address 203.0.82.1 255.255.255.240', ' ipsec policy map3', '#',
].join('\n');
const withManual = (): Input[] => replaceIn(flagged(), 'hq.cfg', 'firewall zone trust\n', `${MANUAL}\nfirewall zone trust\n`);
const SPOKES = Array.from({ length: 40 }, (_, i) => `10.90.${i}.0/24`);

describe(RULE, () => {
  ruleTester(RULE, {
    fixedExample: true,
    documentationSets: true,
    valid: [
      { name: 'is quiet on the whole corpus linted as one network', inputs: () => corpus(...allCorpusFiles()) },
      { name: 'spokes of one template hub: quiet on disjoint spoke subnets', inputs: () => templateHub(['10.90.1.0/24', '10.90.2.0/24']) },
      {
        name: 'is quiet for one peer reached over two policies (branch B on its second WAN address)',
        inputs: () => {
          let inputs = flagged().filter((i) => !i.file.endsWith('branch-c.cfg'));
          inputs = replaceIn(inputs, 'hq.cfg', ' remote-address 198.51.81.1', ' remote-address 198.51.80.2');
          return replaceIn(inputs, 'branch-b.cfg', ' ip address 198.51.80.1 255.255.255.240\n', ' ip address 198.51.80.1 255.255.255.240\n ip address 198.51.80.2 255.255.255.240 sub\n');
        },
      },
      { name: 'leaves an ACL overlap inside one policy group to acl-overlap-in-policy-group', inputs: () => replaceIn(flagged(), 'hq.cfg', 'ipsec policy map2 10 isakmp', 'ipsec policy map1 20 isakmp') },
      {
        name: "is quiet when a deny rule carves branch B's subnet out before the wide permit",
        inputs: () => replaceIn(flagged(), 'hq.cfg', 'acl number 3001\n', 'acl number 3001\n rule 1 deny ip source 10.80.11.0 0.0.0.255 destination 10.80.21.0 0.0.0.255\n'),
      },
      { name: 'notes instead of reporting identical flows towards two addresses no device of the run owns', inputs: () => [identicalAtHq()] },
      {
        name: 'compares a manual policy never with itself: alone with its own flows, nothing to compare',
        inputs: () => replaceIn(replaceIn(withManual(), 'hq.cfg', ' ipsec policy map1\n', '\n'), 'hq.cfg', ' ipsec policy map2\n', '\n'),
      },
      { name: 'reports nothing on a generated benchmark network (one hub policy group, one sequence per spoke)', inputs: () => generator.generateNetwork(20).map(({ name, text }) => ({ file: name, text })) },
      { name: 'reports nothing on 40 disjoint spokes of a template hub', inputs: () => templateHub(SPOKES) },
    ],
    invalid: [
      {
        name: 'reports the wider ACL rule of two policy groups towards different peers, with the narrower one',
        inputs: flagged,
        findings: (inputs) => {
          const hq = byName([...inputs], 'hq.cfg');
          return [
            {
              ...at(hq, 'destination 10.80.16.0 0.0.15.255'),
              severity: 'error',
              objectPath: 'acl:3001/rule:5',
              message: exactly(
                'Rule "5" of ACL "3001" (IPSec policy "map2 10" towards flowov-C-flagged) covers rule 5 of ACL "3000" (IPSec policy "map1 10" towards flowov-B-flagged) on source 10.80.11.0/24 → destination 10.80.21.0/24: SAs towards different peers must not protect the same traffic, so the SA negotiated for one is refused ("flow confict") or replaces the other ("kick old sa with same flow"), and that traffic goes to the wrong peer. Make the security ACLs of tunnels to different peers disjoint.',
              ),
              related: [at(hq, 'destination 10.80.21.0 0.0.0.255')],
            },
          ];
        },
      },
      {
        name: 'flags equal flows written differently (a named ACL), on the later rule',
        inputs: namedAcl,
        findings: (inputs) => [
          { ...at(byName([...inputs], 'hq.cfg'), ' rule 10 permit'), severity: 'error', message: 'Rule "10" of ACL "TO-C" (IPSec policy "map2 10" towards flowov-C-flagged) protects the same flows as rule 5 of ACL "3000"' },
        ],
      },
      {
        name: 'flags one ACL shared by policies towards different peers at the later "security acl" line',
        inputs: () => replaceIn(flagged(), 'hq.cfg', ' security acl 3001', ' security acl 3000'),
        findings: (inputs) => {
          const hq = byName([...inputs], 'hq.cfg');
          return [
            {
              ...at(hq, ' security acl 3000', 2),
              severity: 'error',
              message: /^IPSec policy "map2 10" towards flowov-C-flagged uses security ACL "3000" like IPSec policy "map1 10" towards flowov-B-flagged/,
              related: [at(hq, ' security acl 3000')],
            },
          ];
        },
      },
      ...[true, false].map((hubAcl) => ({
        name: `spokes of one template hub (hub ACL: ${hubAcl}): the spoke whose ACL covers another spoke's subnet gets a warning, on its own file`,
        inputs: () => templateHub(['10.90.0.0/16', '10.90.2.0/24'], { hubAcl }),
        findings: ([hub, s1, s2]: readonly Input[]) => [
          {
            ...at(s1, ' rule 5 permit'),
            severity: 'warning' as const,
            message: 'Rule "5" of ACL "3000" covers the flows S2 protects (rule 5 of ACL "3000") through the same template policy of HUB',
            related: [at(s2, ' rule 5 permit'), at(hub, 'ipsec policy map1 10 isakmp template')],
          },
        ],
      })),
      {
        name: 'reports identical flows towards two addresses once both branches are in the run (the peers differ)',
        inputs: () => flagged().map((i) => (i.file.endsWith('hq.cfg') ? identicalAtHq() : i)),
        findings: (inputs) => [{ ...at(byName([...inputs], 'hq.cfg'), 'destination 10.80.21.0 0.0.0.255', 2), severity: 'error' }],
      },
      {
        name: 'a manual policy is compared with the other tunnels (a warning: it is not negotiated)',
        inputs: withManual,
        findings: (inputs) => {
          const hq = byName([...inputs], 'hq.cfg');
          // ACL 3000 rule 5 (towards B) covers the manual policy's half of B's subnet: reported on it, a warning.
          // The flagged example's own finding stays, now counting the manual tunnel too.
          return [
            { ...at(hq, 'destination 10.80.21.0 0.0.0.255'), severity: 'warning', related: [at(hq, 'destination 10.80.21.128 0.0.0.127')] },
            { ...at(hq, 'destination 10.80.16.0 0.0.15.255'), severity: 'error', objectPath: 'acl:3001/rule:5', message: '(and the flows of 1 more tunnel)', related: [at(hq, 'destination 10.80.21.0 0.0.0.255')] },
          ];
        },
      },
      {
        name: 'reports the one spoke of 41 whose ACL covers all the others\' subnets',
        inputs: () => templateHub([...SPOKES, '10.90.0.0/16']),
        findings: (inputs) => [{ ...at(byName([...inputs], 's41.cfg'), ' rule 5 permit'), severity: 'warning' }],
      },
    ],
  });

  it('suggests narrowing the wider rule: 10.80.16.0/20 without 10.80.21.0/24, as four rules in place of rule 5', () => {
    const [finding] = lintInputs(flagged(), [RULE]).findings;
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

  it('suggests deleting the later of two rules protecting equal flows', () => {
    const [finding] = lintInputs(namedAcl(), [RULE]).findings;
    expect(finding.suggestions?.map((s) => s.fix.commands)).toEqual([['system-view', 'acl name TO-C advance', 'undo rule 10', 'return']]);
  });

  it('is quiet on every corpus file alone', () => {
    for (const name of allCorpusFiles()) expect(lint(corpus(name), [RULE]), name).toEqual([]);
  });

  it('the one-group overlap is reported by acl-overlap-in-policy-group instead', () => {
    expect(lint(replaceIn(flagged(), 'hq.cfg', 'ipsec policy map2 10 isakmp', 'ipsec policy map1 20 isakmp'), ['acl-overlap-in-policy-group']).length).toBeGreaterThan(0);
  });

  it('says in a note which policy it could not compare because its ACL is not exactly readable (an IPv6 prefix longer than 128), and says nothing of a lone policy', () => {
    const unreadable = replaceIn(flagged(), 'hq.cfg', ' rule 5 permit ip source 10.80.11.0 0.0.0.255 destination 10.80.16.0 0.0.15.255', ' rule 5 permit ip source 2001:db8::1/200 destination 10.80.16.0 0.0.15.255');
    const outcome = lintInputs(unreadable, [RULE]);
    expect(outcome.findings).toEqual([]);
    expect(outcome.notes.map((n) => n.message)).toContainEqual(expect.stringMatching(/^not checked for flows overlapping other tunnels: IPSec policy "map2 10" uses an ACL the model cannot read exactly/));
    const lone = edit(byName(flagged(), 'branch-b.cfg'), ' rule 5 permit ip source 10.80.21.0 0.0.0.255 destination 10.80.11.0 0.0.0.255', ' rule 5 permit ip source 2001:db8::1/200 destination 10.80.11.0 0.0.0.255');
    expect(lintInputs([lone], [RULE]).notes.map((n) => n.message)).not.toContainEqual(expect.stringContaining('not checked for flows overlapping'));
  });

  it('notes identical flows towards two addresses no device of the run owns: maybe one peer over two links', () => {
    const outcome = lintInputs([identicalAtHq()], [RULE]);
    expect(outcome.findings).toEqual([]);
    expect(outcome.notes.map((n) => n.message)).toContainEqual(expect.stringContaining('may be one peer reached over two links'));
  });

  it('detects "flow confict", "flow overlap" and "kick old sa with same flow", which no longer name it as a rule to come', () => {
    const metas = rules.map((r) => r.meta);
    for (const reason of ['flow confict', 'flow overlap', 'kick old sa with same flow']) {
      const row = findReason(reason)!;
      expect(rulesForReason(row, metas), reason).toContain(RULE);
      expect(row.proposed, reason).toBeUndefined();
    }
  });

  it('reports nothing for 40 disjoint spokes of a template hub with template-policy-initiator either', () => {
    expect(lintInputs(templateHub(SPOKES), ['template-policy-initiator', RULE]).findings).toEqual([]);
  });
});
