import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import type { Finding } from '../../src/engine/findings.js';
import { applyFixes, type GeneratedSuggestion } from '../../src/fix/generate.js';
import { corpus, lint, lintInputs, readConfigDir, type Input } from '../helpers/rule-harness.js';
import { at, ruleTester } from '../helpers/rule-tester.js';
import { paths, readTree, runCommands } from '../helpers/vrp-interpreter.js';

const ID = 'acl-overlap-in-policy-group';
const dir = `configs-examples/${ID}`;

interface Sequence {
  seq: number;
  /** Rules of the sequence's ACL (`rule N …` lines); absent for a template policy without ACL. */
  rules?: string[];
  template?: boolean;
}

/** One device with policy group "map1"; sequence N uses ACL 3000+N (template sequences use a template). */
function device(sequences: Sequence[]): string {
  const lines = ['#', ' sysname HUB', '#'];
  for (const s of sequences) {
    if (!s.rules) continue;
    lines.push(`acl number ${3000 + s.seq}`, ...s.rules.map((r) => ` ${r}`), '#');
  }
  lines.push('ike peer p', ' pre-shared-key %^%#Qw3Er4Ty5Ui6%^%#', ' remote-address 198.51.100.1', '#');
  lines.push('ipsec proposal p10', ' esp authentication-algorithm sha2-256', ' esp encryption-algorithm aes-256', '#');
  for (const s of sequences) {
    if (s.template) {
      lines.push(`ipsec policy-template t${s.seq} 1`, ...(s.rules ? [` security acl ${3000 + s.seq}`] : []), ' ike-peer p', ' proposal p10', '#');
      lines.push(`ipsec policy map1 ${s.seq} isakmp template t${s.seq}`, '#');
    } else {
      lines.push(`ipsec policy map1 ${s.seq} isakmp`, ` security acl ${3000 + s.seq}`, ' ike-peer p', ' proposal p10', '#');
    }
  }
  lines.push('interface GigabitEthernet1/0/1', ' ip address 203.0.113.1 255.255.255.0', ' ipsec policy map1', '#', 'return', '');
  return lines.join('\n');
}

function run(sequences: Sequence[]) {
  const text = device(sequences);
  return { text, findings: lint([{ file: 'hub.cfg', text }], [ID]) };
}

/** The device as the one input hub.cfg. */
const hub = (sequences: Sequence[]): Input[] => [{ file: 'hub.cfg', text: device(sequences) }];
const EVERY_FIRST_HOST: Sequence = { seq: 10, rules: ['rule 5 permit ip source 10.1.0.1 0.0.255.0 destination 10.2.0.0 0.0.0.255'] };
const WIDE: Sequence = { seq: 10, rules: ['rule 5 permit ip source 10.1.0.0 0.0.255.255 destination 10.2.0.0 0.0.255.255'] };
const spokes300 = (): Sequence[] =>
  Array.from({ length: 300 }, (_, i) => ({ seq: i + 1, rules: [`rule 5 permit ip source 10.0.0.0 0.0.255.255 destination 172.${16 + (i >> 8)}.${i & 255}.0 0.0.0.255`] }));
const ONE_ACL_TWO_SEQUENCES = [
  '#',
  'acl number 3000',
  ' rule 5 permit ip source 10.1.1.0 0.0.0.255 destination 10.2.1.0 0.0.0.255',
  '#',
  'ipsec policy map1 10 isakmp',
  ' security acl 3000',
  '#',
  'ipsec policy map1 20 isakmp',
  ' security acl 3000',
  '#',
  'interface GigabitEthernet1/0/1',
  ' ip address 203.0.113.1 255.255.255.0',
  ' ipsec policy map1',
  '#',
  'return',
].join('\n');

describe(ID, () => {
  ruleTester(ID, {
    fixedExample: true,
    valid: [
      {
        name: 'keeps disjoint sequences, different protocols and ports, and other groups quiet',
        inputs: hub([
          { seq: 10, rules: ['rule 5 permit tcp source 10.1.1.0 0.0.0.255 destination 10.2.0.0 0.0.0.255 destination-port eq 443'] },
          { seq: 20, rules: ['rule 5 permit udp source 10.1.1.0 0.0.0.255 destination 10.2.0.0 0.0.0.255'] },
          { seq: 30, rules: ['rule 5 permit tcp source 10.1.1.0 0.0.0.255 destination 10.2.0.0 0.0.0.255 destination-port range 1 442'] },
          { seq: 40, rules: ['rule 5 permit ip source 10.1.2.0 0.0.0.255 destination 10.2.0.0 0.0.0.255'] },
        ]),
      },
      {
        name: 'lets an earlier deny carve flows out of its own ACL so a later sequence carries them',
        inputs: hub([
          { seq: 10, rules: ['rule 5 deny ip source 10.1.1.0 0.0.0.255 destination 10.2.1.0 0.0.0.255', 'rule 10 permit ip source 10.1.1.0 0.0.0.255 destination 10.2.0.0 0.0.255.255'] },
          { seq: 20, rules: ['rule 5 permit ip source 10.1.1.0 0.0.0.255 destination 10.2.1.0 0.0.0.255'] },
        ]),
      },
      { name: 'uses Huawei wildcard semantics: a host that is not the first of its /24', inputs: hub([EVERY_FIRST_HOST, { seq: 20, rules: ['rule 5 permit ip source 10.1.7.2 0 destination 10.2.0.9 0'] }]) },
      { name: 'leaves template policies without a security ACL out', inputs: hub([WIDE, { seq: 20, template: true }]) },
      { name: 'reports nothing on the evpn and natt documentation pairs of the corpus', inputs: () => corpus('hwdoc-ar-evpn-routera.cfg', 'hwdoc-ar-evpn-routerb.cfg', 'hwdoc-ar-natt-routera.cfg', 'hwdoc-ar-natt-routerb.cfg') },
      { name: 'reports nothing on the redundant documentation set of the corpus', inputs: () => corpus('hwdoc-ar-redundant-routera.cfg', 'hwdoc-ar-redundant-routerb.cfg', 'hwdoc-ar-redundant-routerc.cfg') },
      { name: 'reports nothing on a hub with 300 disjoint spokes', inputs: () => hub(spokes300()) },
    ],
    invalid: [
      {
        name: 'flags the narrower later rule inside one ACL on both flagged ends, at the rule line',
        inputs: () => readConfigDir(`${dir}/flagged`),
        findings: (inputs) =>
          inputs.map((input) => ({
            ...at(input, ' rule 10 permit'),
            severity: 'error' as const,
            column: 2,
            endColumn: input.text.split('\n')[at(input, ' rule 10 permit').line - 1].length + 1,
            objectPath: 'acl:3000/rule:10',
            message: 'never matches',
            related: [{ ...at(input, ' rule 5 permit'), column: 2 }],
          })),
      },
      {
        name: 'flags a later sequence whose ACL the earlier one includes (guide: ACL 3000 and ACL 3001)',
        inputs: hub([
          { seq: 1, rules: ['rule 5 permit ip source 10.1.0.0 0.0.255.255 destination 10.1.0.0 0.0.255.255'] },
          { seq: 2, rules: ['rule 5 permit ip source 10.1.1.0 0.0.0.255 destination 10.1.3.0 0.0.0.255'] },
        ]),
        findings: ([h]) => [{ ...at(h, 'destination 10.1.3.0'), objectPath: 'acl:3002/rule:5', message: ['never matches', 'sequence 1', '10.1.1.0/24'], related: [at(h, 'destination 10.1.0.0')] }],
      },
      {
        name: 'says "partly" and names the overlapping range for a partial overlap',
        inputs: hub([
          { seq: 10, rules: ['rule 5 permit ip source 10.1.1.0 0.0.0.255 destination 10.2.0.0 0.0.1.255'] },
          { seq: 20, rules: ['rule 5 permit ip source 10.1.0.0 0.0.3.255 destination 10.2.1.0 0.0.0.255'] },
        ]),
        findings: ([h]) => [{ ...at(h, 'source 10.1.0.0 0.0.3.255'), message: ['partly overlaps', 'source 10.1.1.0/24 → destination 10.2.1.0/24'] }],
      },
      {
        name: 'flags a permit that an earlier deny of its ACL takes entirely',
        inputs: hub([{ seq: 10, rules: ['rule 5 deny ip source 10.1.1.0 0.0.0.255', 'rule 10 permit ip source 10.1.1.0 0.0.0.255 destination 10.2.1.0 0.0.0.255'] }]),
        findings: ([h]) => [{ ...at(h, 'rule 10 permit'), message: 'denies all of its flows', related: [at(h, 'rule 5 deny')] }],
      },
      {
        name: 'uses Huawei wildcard semantics: a non-contiguous wildcard takes the "0" host shorthand of a first host',
        inputs: hub([EVERY_FIRST_HOST, { seq: 20, rules: ['rule 5 permit ip source 10.1.7.1 0 destination 10.2.0.9 0'] }]),
        findings: ([h]) => [{ ...at(h, 'source 10.1.7.1 0 '), message: 'never matches' }],
      },
      {
        name: 'uses Huawei wildcard semantics: a subnet partly overlapped by a non-contiguous wildcard',
        inputs: hub([EVERY_FIRST_HOST, { seq: 20, rules: ['rule 5 permit ip source 10.1.7.0 0.0.0.255 destination 10.2.0.0 0.0.0.255'] }]),
        findings: ([h]) => [{ ...at(h, 'source 10.1.7.0 0.0.0.255'), message: 'source 10.1.7.1 → destination 10.2.0.0/24' }],
      },
      {
        name: 'uses Huawei wildcard semantics: "destination any"',
        inputs: hub([
          { seq: 10, rules: ['rule 5 permit ip source 10.1.1.0 0.0.0.255 destination any'] },
          { seq: 20, rules: ['rule 5 permit ip source 10.1.1.0 0.0.0.255 destination 10.9.0.0 0.0.255.255'] },
        ]),
        findings: ([h]) => [at(h, 'destination 10.9.0.0')],
      },
      {
        name: 'checks template policies with a security ACL',
        inputs: hub([WIDE, { seq: 20, template: true, rules: ['rule 5 permit ip source 10.1.1.0 0.0.0.255 destination 10.2.1.0 0.0.0.255'] }]),
        findings: ([h]) => [{ ...at(h, 'source 10.1.1.0 0.0.0.255 destination 10.2.1.0'), objectPath: 'acl:3020/rule:5' }],
      },
      {
        name: 'reports one finding when a spoke of 300 repeats another',
        inputs: () => hub([...spokes300(), { seq: 400, rules: ['rule 5 permit ip source 10.0.1.0 0.0.0.255 destination 172.16.7.0 0.0.0.255'] }]),
        findings: ([h]) => [{ ...at(h, 'source 10.0.1.0 0.0.0.255 destination 172.16.7.0'), objectPath: 'acl:3400/rule:5' }],
      },
      {
        name: 'one ACL in two sequences: flags the later sequence\'s "security acl" line',
        inputs: [{ file: 'hub.cfg', text: ONE_ACL_TWO_SEQUENCES }],
        findings: ([h]) => [
          { file: h.file, line: 9, column: ' security acl '.length + 1, endColumn: ' security acl 3000'.length + 1, message: 'like sequence 10', related: [{ file: h.file, line: 6 }] },
        ],
      },
    ],
  });
});

describe(`${ID}: suggestions (unsafe, never applied by --fix)`, () => {
  const ALL = rules.map((r) => r.meta.id);
  const key = (f: Finding): string => `${f.ruleId} ${f.file} ${f.objectPath} ${f.message}`;

  /** The flagged example with each end's ACL and policy lines edited (the ends kept mirrored). */
  function variant(editA: (text: string) => string, editB: (text: string) => string): Input[] {
    return readConfigDir(`${dir}/flagged`).map((input) => ({ ...input, text: input.file.endsWith('site-a.cfg') ? editA(input.text) : editB(input.text) }));
  }

  /**
   * The finding on each end carries suggestions: each one's commands make its text edit; the first
   * suggestion of both ends applied together (each end mirrors the other) leaves neither finding
   * and no new error in the whole network.
   */
  function expectSuggestionsWork(inputs: Input[], says: RegExp): GeneratedSuggestion[] {
    const before = lintInputs(inputs, ALL).findings;
    const flagged = before.filter((f) => f.ruleId === ID && says.test(f.message));
    expect(flagged.map((f) => f.file.replace(/.*\//, ''))).toEqual(['site-a.cfg', 'site-b.cfg']);
    const chosen: GeneratedSuggestion[] = [];
    for (const finding of flagged) {
      expect(finding.fix).toBeUndefined();
      const suggestions = finding.suggestions ?? [];
      expect(suggestions.length).toBeGreaterThan(0);
      for (const { fix } of suggestions) {
        expect(fix.applicability).toBe('unsafe');
        const text = inputs.find((i) => i.file === fix.file)?.text ?? '';
        const byCommands = readTree(text);
        runCommands(byCommands, fix.commands);
        expect(paths(byCommands).sort()).toEqual(paths(readTree(applyFixes(text, [fix]).text)).sort());
      }
      chosen.push(suggestions[0]);
    }
    const fixed = inputs.map((input) => ({ ...input, text: applyFixes(input.text, chosen.filter((s) => s.fix.file === input.file).map((s) => s.fix)).text }));
    const after = lintInputs(fixed, ALL).findings;
    for (const finding of flagged) expect(after.map(key)).not.toContain(key(finding));
    const old = new Set(before.map(key));
    expect(after.filter((f) => f.severity === 'error' && !old.has(key(f))).map(key)).toEqual([]);
    return chosen;
  }

  it('a rule its own ACL covers whole: delete it (the flagged example, on each end)', () => {
    const findings = lintInputs(readConfigDir(`${dir}/flagged`), ALL).findings.filter((f) => f.ruleId === ID);
    expect(findings).toHaveLength(2);
    for (const finding of findings) {
      expect(finding.suggestions?.map((s) => s.fix.commands)).toEqual([['system-view', 'acl number 3000', 'undo rule 10', 'return']]);
      expect(finding.suggestions?.[0].desc).toMatch(/^Delete rule 10 of ACL 3000 \("undo rule 10"\)/);
    }
  });

  it('a rule an earlier rule of its ACL overlaps in part: narrow it to the flows the earlier one leaves (both ends)', () => {
    const inputs = variant(
      (text) => text.replace(/ rule 10 permit tcp .*\n/, ' rule 10 permit ip source 10.1.11.0 0.0.0.255 destination 10.1.20.0 0.0.1.255\n'),
      (text) => text.replace(/ rule 10 permit tcp .*\n/, ' rule 10 permit ip source 10.1.20.0 0.0.1.255 destination 10.1.11.0 0.0.0.255\n'),
    );
    const [a, b] = expectSuggestionsWork(inputs, /partly overlaps rule 5 of ACL 3000 on /);
    expect(a.fix.commands).toEqual(['system-view', 'acl number 3000', 'rule 10 permit ip source 10.1.11.0 0.0.0.255 destination 10.1.20.0 0.0.0.255', 'return']);
    expect(b.fix.commands).toEqual(['system-view', 'acl number 3000', 'rule 10 permit ip source 10.1.20.0 0.0.0.255 destination 10.1.11.0 0.0.0.255', 'return']);
    expect(a.desc).toContain('mirror the change');
  });

  /**
   * A hub: the flagged example's site-a with sequence 10 towards site-b (ACL 3000) and sequence 20
   * towards a third site, site-c (ACL 3001); security and NAT policies cover 10.1.0.0/16 so only
   * the ACLs matter, and the spokes' inside interfaces are /16s. Rules are given in each end's own orientation.
   */
  function hub(a10: string, a20: string, b: string, c: string): Input[] {
    const [siteA, siteB] = readConfigDir(`${dir}/flagged`);
    const wide = (text: string): string => text.replace(/10\.1\.\d+\.0 mask 255\.255\.255\.0/g, '10.1.0.0 mask 255.255.0.0');
    const acls = (text: string, blocks: string): string => text.replace(/acl number 3000\n( rule .*\n)+/, blocks);
    const a = wide(acls(siteA.text, `acl number 3000\n ${a10}\nacl number 3001\n ${a20}\n`))
      .replace(/198\.51\.1\.17 mask 255\.255\.255\.255/g, '198.51.1.0 mask 255.255.255.0')
      .replace('#\nipsec proposal p10', '#\nike peer sitec\n pre-shared-key %^%#Ab1kq9Wz0LmPq2Xr4Ty6Uv8Wx0Yz1%^%#\n ike-proposal 10\n remote-address 198.51.1.49\n dpd type periodic\n#\nipsec proposal p10')
      .replace('#\ninterface GigabitEthernet1/0/1', '#\nipsec policy map1 20 isakmp\n security acl 3001\n ike-peer sitec\n proposal p10\n pfs dh-group14\n sa trigger-mode auto\n#\ninterface GigabitEthernet1/0/1');
    // The spokes' inside interfaces hold every subnet their ACLs name (so security policy zones are "trust").
    const bText = wide(acls(siteB.text, `acl number 3000\n ${b}\n`)).replace('ip address 10.1.21.1 255.255.255.0', 'ip address 10.1.21.1 255.255.0.0');
    const cText = acls(bText, `acl number 3000\n ${c}\n`)
      .replace('aclov-B-flagged', 'aclov-C-flagged')
      .replace(/198\.51\.1\.17/g, '198.51.1.49')
      .replace(/198\.51\.1\.30/g, '198.51.1.62')
      .replace(/10\.1\.21\./g, '10.1.22.');
    return [
      { ...siteA, text: a },
      { ...siteB, text: bText },
      { file: siteB.file.replace('site-b', 'site-c'), text: cText },
    ];
  }

  /**
   * The hub's finding has one suggestion, its commands make its text edit; applied (and the other
   * end's ACL mirroring it, as the suggestion says) the finding is gone and no new error appears in
   * the whole network.
   */
  function expectHubSuggestion(inputs: Input[], says: RegExp, mirror: { file: string; from: string; to: string }): GeneratedSuggestion {
    const before = lintInputs(inputs, ALL).findings;
    const flagged = before.filter((f) => f.ruleId === ID && says.test(f.message));
    expect(flagged).toHaveLength(1);
    const [finding] = flagged;
    expect(finding.fix).toBeUndefined();
    expect(finding.suggestions).toHaveLength(1);
    const [suggestion] = finding.suggestions ?? [];
    const { fix } = suggestion;
    expect(fix.applicability).toBe('unsafe');
    const hubText = inputs[0].text;
    const edited = applyFixes(hubText, [fix]).text;
    const byCommands = readTree(hubText);
    runCommands(byCommands, fix.commands);
    expect(paths(byCommands).sort()).toEqual(paths(readTree(edited)).sort());
    const old = new Set(before.map(key));
    const alone = lintInputs([{ ...inputs[0], text: edited }, ...inputs.slice(1)], ALL).findings;
    expect(alone.map(key)).not.toContain(key(finding));
    const mirrored = inputs.map((input, i) => (i === 0 ? { ...input, text: edited } : input.file.endsWith(mirror.file) ? { ...input, text: input.text.replace(mirror.from, mirror.to) } : input));
    expect(mirrored.some((input, i) => i > 0 && input.text.includes(mirror.to))).toBe(true);
    const after = lintInputs(mirrored, ALL).findings;
    expect(after.map(key)).not.toContain(key(finding));
    expect(after.filter((f) => f.severity === 'error' && !old.has(key(f))).map(key)).toEqual([]);
    return suggestion;
  }

  it('a later sequence partly overlapping an earlier one: narrow the later rule (on a hub of three sites)', () => {
    const inputs = hub(
      'rule 5 permit ip source 10.1.11.0 0.0.0.255 destination 10.1.21.0 0.0.0.255',
      'rule 5 permit ip source 10.1.11.0 0.0.0.255 destination 10.1.20.0 0.0.3.255',
      'rule 5 permit ip source 10.1.21.0 0.0.0.255 destination 10.1.11.0 0.0.0.255',
      'rule 5 permit ip source 10.1.20.0 0.0.3.255 destination 10.1.11.0 0.0.0.255',
    );
    const suggestion = expectHubSuggestion(inputs, /partly overlaps rule 5 of ACL 3000 of sequence 10/, {
      file: 'site-c.cfg',
      from: ' rule 5 permit ip source 10.1.20.0 0.0.3.255 destination 10.1.11.0 0.0.0.255\n',
      to: ' rule 5 permit ip source 10.1.20.0 0.0.0.255 destination 10.1.11.0 0.0.0.255\n rule 6 permit ip source 10.1.22.0 0.0.1.255 destination 10.1.11.0 0.0.0.255\n',
    });
    expect(suggestion.fix.commands).toEqual([
      'system-view',
      'acl number 3001',
      'rule 6 permit ip source 10.1.11.0 0.0.0.255 destination 10.1.22.0 0.0.1.255',
      'rule 5 permit ip source 10.1.11.0 0.0.0.255 destination 10.1.20.0 0.0.0.255',
      'return',
    ]);
    expect(suggestion.desc).toBe('Narrow rule 5 of ACL 3001 to its flows without those earlier rules take (2 rules); mirror the change in the security ACL of the other end');
  });

  it('a later sequence the one earlier rule covers whole: narrow that wider rule, so the later sequence carries the flows', () => {
    const inputs = hub(
      'rule 5 permit ip source 10.1.11.0 0.0.0.255 destination 10.1.20.0 0.0.3.255',
      'rule 5 permit ip source 10.1.11.0 0.0.0.255 destination 10.1.22.0 0.0.0.255',
      'rule 5 permit ip source 10.1.20.0 0.0.3.255 destination 10.1.11.0 0.0.0.255',
      'rule 5 permit ip source 10.1.22.0 0.0.0.255 destination 10.1.11.0 0.0.0.255',
    );
    const suggestion = expectHubSuggestion(inputs, /\(sequence 20\) never matches/, {
      file: 'site-b.cfg',
      from: ' rule 5 permit ip source 10.1.20.0 0.0.3.255 destination 10.1.11.0 0.0.0.255\n',
      to: ' rule 5 permit ip source 10.1.20.0 0.0.1.255 destination 10.1.11.0 0.0.0.255\n rule 6 permit ip source 10.1.23.0 0.0.0.255 destination 10.1.11.0 0.0.0.255\n',
    });
    expect(suggestion.fix.commands).toEqual([
      'system-view',
      'acl number 3000',
      'rule 6 permit ip source 10.1.11.0 0.0.0.255 destination 10.1.23.0 0.0.0.255',
      'rule 5 permit ip source 10.1.11.0 0.0.0.255 destination 10.1.20.0 0.0.1.255',
      'return',
    ]);
    expect(suggestion.desc).toContain('so sequence 20 carries them');
  });

  it('offers no reordering: the wider rule in the later sequence would still partly overlap the narrower one', () => {
    const { findings } = run([
      { seq: 1, rules: ['rule 5 permit ip source 10.1.1.0 0.0.0.255 destination 10.1.3.0 0.0.0.255'] },
      { seq: 2, rules: ['rule 5 permit ip source 10.1.0.0 0.0.255.255 destination 10.1.0.0 0.0.255.255'] },
    ]);
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toContain('partly overlaps');
  });

  it('offers nothing it cannot write as plain rules (ports left over)', () => {
    const outcome = lintInputs(
      [{ file: 'hub.cfg', text: device([
        { seq: 1, rules: ['rule 5 permit tcp source 10.1.1.0 0.0.0.255 destination 10.1.3.0 0.0.0.255 destination-port eq 443'] },
        { seq: 2, rules: ['rule 5 permit ip source 10.1.1.0 0.0.0.255 destination 10.1.3.0 0.0.0.255'] },
      ]) }],
      [ID],
    ).findings;
    expect(outcome).toHaveLength(1);
    expect(outcome[0].message).toContain('partly overlaps');
    expect(outcome[0].suggestions ?? []).toEqual([]);
  });
});
