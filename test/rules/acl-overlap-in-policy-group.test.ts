import { describe, expect, it } from 'vitest';
import { corpus, lint, lintDir, lineOf, readConfigDir } from '../helpers/rule-harness.js';

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

describe(ID, () => {
  it('flags the narrower later rule inside one ACL on both flagged ends, at the rule line', () => {
    const inputs = readConfigDir(`${dir}/flagged`);
    const findings = lintDir(`${dir}/flagged`, [ID]);
    expect(findings).toHaveLength(2);
    for (const [index, input] of inputs.entries()) {
      const finding = findings[index];
      expect(finding.ruleId).toBe(ID);
      expect(finding.severity).toBe('error');
      expect(finding.file).toBe(input.file);
      expect(finding.line).toBe(lineOf(input.text, ' rule 10 permit'));
      expect(finding.column).toBe(2);
      expect(finding.endColumn).toBe(input.text.split('\n')[finding.line - 1].length + 1);
      expect(finding.objectPath).toBe('acl:3000/rule:10');
      expect(finding.message).toContain('never matches');
      expect(finding.related).toEqual([
        expect.objectContaining({ file: input.file, line: lineOf(input.text, ' rule 5 permit'), column: 2 }),
      ]);
    }
  });

  it('reports nothing on the fixed set', () => {
    expect(lintDir(`${dir}/fixed`, [ID])).toEqual([]);
  });

  it('flags a later sequence whose ACL the earlier one includes (guide: ACL 3000 and ACL 3001)', () => {
    const { text, findings } = run([
      { seq: 1, rules: ['rule 5 permit ip source 10.1.0.0 0.0.255.255 destination 10.1.0.0 0.0.255.255'] },
      { seq: 2, rules: ['rule 5 permit ip source 10.1.1.0 0.0.0.255 destination 10.1.3.0 0.0.0.255'] },
    ]);
    expect(findings).toHaveLength(1);
    expect(findings[0].line).toBe(lineOf(text, 'destination 10.1.3.0'));
    expect(findings[0].objectPath).toBe('acl:3002/rule:5');
    expect(findings[0].message).toContain('never matches');
    expect(findings[0].message).toContain('sequence 1');
    expect(findings[0].message).toContain('10.1.1.0/24');
    expect(findings[0].related[0].line).toBe(lineOf(text, 'destination 10.1.0.0'));
  });

  it('says "partly" and names the overlapping range for a partial overlap', () => {
    const { findings } = run([
      { seq: 10, rules: ['rule 5 permit ip source 10.1.1.0 0.0.0.255 destination 10.2.0.0 0.0.1.255'] },
      { seq: 20, rules: ['rule 5 permit ip source 10.1.0.0 0.0.3.255 destination 10.2.1.0 0.0.0.255'] },
    ]);
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toContain('partly overlaps');
    expect(findings[0].message).toContain('source 10.1.1.0/24 → destination 10.2.1.0/24');
  });

  it('keeps disjoint sequences, different protocols and ports, and other groups quiet', () => {
    const { findings } = run([
      { seq: 10, rules: ['rule 5 permit tcp source 10.1.1.0 0.0.0.255 destination 10.2.0.0 0.0.0.255 destination-port eq 443'] },
      { seq: 20, rules: ['rule 5 permit udp source 10.1.1.0 0.0.0.255 destination 10.2.0.0 0.0.0.255'] },
      { seq: 30, rules: ['rule 5 permit tcp source 10.1.1.0 0.0.0.255 destination 10.2.0.0 0.0.0.255 destination-port range 1 442'] },
      { seq: 40, rules: ['rule 5 permit ip source 10.1.2.0 0.0.0.255 destination 10.2.0.0 0.0.0.255'] },
    ]);
    expect(findings).toEqual([]);
  });

  it('lets an earlier deny carve flows out of its own ACL so a later sequence carries them', () => {
    const { findings } = run([
      {
        seq: 10,
        rules: [
          'rule 5 deny ip source 10.1.1.0 0.0.0.255 destination 10.2.1.0 0.0.0.255',
          'rule 10 permit ip source 10.1.1.0 0.0.0.255 destination 10.2.0.0 0.0.255.255',
        ],
      },
      { seq: 20, rules: ['rule 5 permit ip source 10.1.1.0 0.0.0.255 destination 10.2.1.0 0.0.0.255'] },
    ]);
    expect(findings).toEqual([]);
  });

  it('flags a permit that an earlier deny of its ACL takes entirely', () => {
    const { text, findings } = run([
      {
        seq: 10,
        rules: ['rule 5 deny ip source 10.1.1.0 0.0.0.255', 'rule 10 permit ip source 10.1.1.0 0.0.0.255 destination 10.2.1.0 0.0.0.255'],
      },
    ]);
    expect(findings).toHaveLength(1);
    expect(findings[0].line).toBe(lineOf(text, 'rule 10 permit'));
    expect(findings[0].message).toContain('denies all of its flows');
    expect(findings[0].related[0].line).toBe(lineOf(text, 'rule 5 deny'));
  });

  it('uses Huawei wildcard semantics: non-contiguous wildcards, the "0" host shorthand, "any"', () => {
    const everyFirstHost = { seq: 10, rules: ['rule 5 permit ip source 10.1.0.1 0.0.255.0 destination 10.2.0.0 0.0.0.255'] };
    const host = run([everyFirstHost, { seq: 20, rules: ['rule 5 permit ip source 10.1.7.1 0 destination 10.2.0.9 0'] }]);
    expect(host.findings).toHaveLength(1);
    expect(host.findings[0].message).toContain('never matches');
    const notFirst = run([everyFirstHost, { seq: 20, rules: ['rule 5 permit ip source 10.1.7.2 0 destination 10.2.0.9 0'] }]);
    expect(notFirst.findings).toEqual([]);
    const subnet = run([everyFirstHost, { seq: 20, rules: ['rule 5 permit ip source 10.1.7.0 0.0.0.255 destination 10.2.0.0 0.0.0.255'] }]);
    expect(subnet.findings).toHaveLength(1);
    expect(subnet.findings[0].message).toContain('source 10.1.7.1 → destination 10.2.0.0/24');
    const anyDestination = run([
      { seq: 10, rules: ['rule 5 permit ip source 10.1.1.0 0.0.0.255 destination any'] },
      { seq: 20, rules: ['rule 5 permit ip source 10.1.1.0 0.0.0.255 destination 10.9.0.0 0.0.255.255'] },
    ]);
    expect(anyDestination.findings).toHaveLength(1);
  });

  it('leaves template policies without a security ACL out, and checks those with one', () => {
    const wide = { seq: 10, rules: ['rule 5 permit ip source 10.1.0.0 0.0.255.255 destination 10.2.0.0 0.0.255.255'] };
    expect(run([wide, { seq: 20, template: true }]).findings).toEqual([]);
    const withAcl = run([wide, { seq: 20, template: true, rules: ['rule 5 permit ip source 10.1.1.0 0.0.0.255 destination 10.2.1.0 0.0.0.255'] }]);
    expect(withAcl.findings).toHaveLength(1);
    expect(withAcl.findings[0].objectPath).toBe('acl:3020/rule:5');
  });

  it('reports nothing on the documentation pairs of the corpus', () => {
    const names = ['hwdoc-ar-evpn-routera.cfg', 'hwdoc-ar-evpn-routerb.cfg', 'hwdoc-ar-natt-routera.cfg', 'hwdoc-ar-natt-routerb.cfg'];
    expect(lint(corpus(...names), [ID])).toEqual([]);
    expect(lint(corpus('hwdoc-ar-redundant-routera.cfg', 'hwdoc-ar-redundant-routerb.cfg', 'hwdoc-ar-redundant-routerc.cfg'), [ID])).toEqual([]);
  });

  it('reports nothing on a hub with 300 disjoint spokes, and one finding when a spoke repeats another', () => {
    const spokes: Sequence[] = [];
    for (let i = 0; i < 300; i++) {
      spokes.push({ seq: i + 1, rules: [`rule 5 permit ip source 10.0.0.0 0.0.255.255 destination 172.${16 + (i >> 8)}.${i & 255}.0 0.0.0.255`] });
    }
    expect(run(spokes).findings).toEqual([]);
    spokes.push({ seq: 400, rules: ['rule 5 permit ip source 10.0.1.0 0.0.0.255 destination 172.16.7.0 0.0.0.255'] });
    const repeated = run(spokes).findings;
    expect(repeated).toHaveLength(1);
    expect(repeated[0].objectPath).toBe('acl:3400/rule:5');
  });
});

describe(`${ID}: one ACL in two sequences`, () => {
  it('flags the later sequence\'s "security acl" line', () => {
    const text = [
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
    const findings = lint([{ file: 'hub.cfg', text }], [ID]);
    expect(findings).toHaveLength(1);
    expect(findings[0].line).toBe(9);
    expect(findings[0].column).toBe(' security acl '.length + 1);
    expect(findings[0].endColumn).toBe(' security acl 3000'.length + 1);
    expect(findings[0].message).toContain('like sequence 10');
    expect(findings[0].related[0].line).toBe(6);
  });
});
