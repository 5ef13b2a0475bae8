import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allCorpusFiles, corpus, examplesDir, lineOf, lint, lintDir, readConfigDir } from '../helpers/rule-harness.js';
import { siteA, siteB } from '../helpers/site-config.js';

const RULE = 'ah-with-nat-traversal';
const dir = path.join(examplesDir, RULE);

describe(RULE, () => {
  it('flags the AH transform on both ends of the NATed example, with the other end as related location', () => {
    const inputs = readConfigDir(path.join(dir, 'flagged'));
    const findings = lint(inputs, [RULE]);
    expect(findings).toHaveLength(2);
    const [a, b] = findings;
    expect(a).toMatchObject({ ruleId: RULE, severity: 'error', file: inputs[0].file, line: lineOf(inputs[0].text, ' transform ah'), column: 12, endColumn: 14, objectPath: 'ipsec-proposal:p10' });
    expect(a.message).toContain('one end has a private address');
    expect(a.related).toEqual([expect.objectContaining({ file: inputs[1].file, line: lineOf(inputs[1].text, 'ipsec policy map1 10 isakmp template'), column: 1 })]);
    expect(b).toMatchObject({ file: inputs[1].file, line: lineOf(inputs[1].text, ' transform ah'), column: 12 });
  });

  it('finds nothing in the fixed example (ESP through the NAT)', () => {
    expect(lintDir(path.join(dir, 'fixed'), [RULE])).toEqual([]);
  });

  it('infers the NAT from a private local and a public remote address when the other end is not in the run', () => {
    const a = siteA({ wan: '192.168.1.2/24', gateway: '192.168.1.1', transform: 'ah-esp' });
    const findings = lint([a], [RULE]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'error', line: lineOf(a.text, ' transform ah-esp'), column: 12, endColumn: 18 });
    expect(findings[0].message).toContain('"ah-esp"');
    expect(findings[0].related).toEqual([expect.objectContaining({ file: 'a.cfg', line: lineOf(a.text, ' remote-address 198.51.100.1') })]);
  });

  it('treats 100.64.0.0/10 (carrier-grade NAT) as private', () => {
    const a = siteA({ wan: '100.64.1.2/24', gateway: '100.64.1.1', transform: 'ah' });
    expect(lint([a], [RULE])).toHaveLength(1);
  });

  it('does not flag ESP, nor AH between two public ends', () => {
    expect(lint([siteA({ wan: '192.168.1.2/24', gateway: '192.168.1.1', transform: 'esp' })], [RULE])).toEqual([]);
    expect(lint([siteA({ transform: 'ah' }), siteB({ transform: 'ah' })], [RULE])).toEqual([]);
  });

  it('flags AH on a NAT declared in the topology', () => {
    const findings = lint([siteA({ transform: 'ah' }), siteB({ transform: 'ah' })], [RULE], {
      topology: { tunnels: [{ ends: ['a.cfg', 'b.cfg'], nat: true }] },
    });
    expect(findings.map((f) => [f.file, f.severity])).toEqual([['a.cfg', 'error'], ['b.cfg', 'error']]);
    expect(findings[0].message).toContain('topology declares a NAT');
  });

  it('flags AH when the peer authenticates a NATed address (remote-address authentication-address)', () => {
    const a = siteA({ transform: 'ah', extra: '' });
    const text = a.text.replace(' remote-address 198.51.100.1\n', ' remote-address 198.51.100.1\n remote-address authentication-address 10.9.9.9\n');
    const findings = lint([{ file: 'a.cfg', text }], [RULE]);
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toContain('authentication-address');
  });

  it('warns when NAT traversal is explicitly enabled but no NAT is known', () => {
    const a = siteA({ transform: 'ah', natTraversal: true });
    const findings = lint([a, siteB({ transform: 'ah' })], [RULE]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'warning', file: 'a.cfg', line: lineOf(a.text, ' transform ah'), column: 12 });
    expect(findings[0].related).toEqual([expect.objectContaining({ file: 'a.cfg', line: lineOf(a.text, ' nat traversal') })]);
  });

  it('reports a proposal shared by several NATed policies once', () => {
    const a = siteA({ wan: '192.168.1.2/24', gateway: '192.168.1.1', transform: 'ah' });
    const text = a.text.replace('#\ninterface GigabitEthernet1/0/0', '#\nipsec policy map1 20 isakmp\n security acl 3000\n ike-peer peer1\n proposal p10\n#\ninterface GigabitEthernet1/0/0');
    expect(lint([{ file: 'a.cfg', text }], [RULE])).toHaveLength(1);
  });

  it('finds nothing in the NAT traversal documentation pair (ESP only) nor in any corpus file', () => {
    expect(lint(corpus('hwdoc-ar-natt-routera.cfg', 'hwdoc-ar-natt-routerb.cfg'), [RULE])).toEqual([]);
    expect(lint(corpus(...allCorpusFiles()), [RULE])).toEqual([]);
  });
});
