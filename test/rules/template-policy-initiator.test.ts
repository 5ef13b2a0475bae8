import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allCorpusFiles, corpus, examplesDir, lineOf, lint, lintDir, lintInputs, readConfigDir } from '../helpers/rule-harness.js';
import { siteA, siteB } from '../helpers/site-config.js';

const RULE = 'template-policy-initiator';
const dir = path.join(examplesDir, RULE);
const HEADER = 'ipsec policy map1 10 isakmp template tpl1';

describe(RULE, () => {
  it('flags both ends when both are template-based, each with the other policy as related location', () => {
    const [a, b] = readConfigDir(path.join(dir, 'flagged'));
    const findings = lint([a, b], [RULE]);
    expect(findings).toEqual([
      expect.objectContaining({ ruleId: RULE, severity: 'error', file: a.file, line: lineOf(a.text, HEADER), column: 1, objectPath: 'ipsec-policy:map1/10', related: [expect.objectContaining({ file: b.file, line: lineOf(b.text, HEADER), column: 1 })] }),
      expect.objectContaining({ severity: 'error', file: b.file, line: lineOf(b.text, HEADER), related: [expect.objectContaining({ file: a.file, line: lineOf(a.text, HEADER) })] }),
    ]);
    expect(findings[0].message).toContain('and so is the policy at the other end (tplinit-B-flagged)');
  });

  it('finds nothing in the fixed example (ISAKMP initiator, template responder restricted by remote-address)', () => {
    expect(lintDir(path.join(dir, 'fixed'), [RULE])).toEqual([]);
  });

  it('flags a template whose peer points at a device with no ISAKMP policy pointing back', () => {
    const b = siteB({ mode: 'template' });
    const findings = lint([siteA({ remoteAddresses: ['198.51.100.99'] }), b], [RULE]);
    expect(findings).toEqual([expect.objectContaining({ file: 'b.cfg', line: lineOf(b.text, HEADER), severity: 'error' })]);
    expect(findings[0].message).toContain('no ISAKMP policy with a "remote-address" pointing at this device exists on A,');
  });

  it('flags both template ends even when only one of them points at the other', () => {
    const a = siteA({ mode: 'template', remoteAddresses: [] });
    const b = siteB({ mode: 'template' });
    const findings = lint([a, b], [RULE]);
    expect(findings.map((f) => [f.file, f.line])).toEqual([
      ['a.cfg', lineOf(a.text, HEADER)],
      ['b.cfg', lineOf(b.text, HEADER)],
    ]);
    expect(findings.every((f) => f.message.includes('and so is the policy at the other end'))).toBe(true);
  });

  it('does not count a disabled ISAKMP policy as initiator', () => {
    const a = siteA();
    const text = a.text.replace(' sa trigger-mode auto\n', ' sa trigger-mode auto\n undo policy enable\n');
    expect(lint([{ file: 'a.cfg', text }, siteB({ mode: 'template' })], [RULE])).toHaveLength(1);
  });

  it('checks tunnels declared in the topology', () => {
    const declared = { topology: { tunnels: [{ ends: ['a.cfg', 'b.cfg'] as [string, string] }] } };
    const responderOnly = lint([siteA({ remoteAddresses: [] }), siteB({ mode: 'template', remoteAddresses: [] })], [RULE], declared);
    expect(responderOnly).toEqual([expect.objectContaining({ file: 'b.cfg', severity: 'error' })]);
    expect(lint([siteA(), siteB({ mode: 'template', remoteAddresses: [] })], [RULE], declared)).toEqual([]);
  });

  it('warns on auto-neg for a group made only of template policies', () => {
    const b = siteB({ mode: 'template', remoteAddresses: [], autoNeg: true });
    const findings = lint([siteA(), b], [RULE]);
    expect(findings).toEqual([
      expect.objectContaining({ severity: 'warning', file: 'b.cfg', line: lineOf(b.text, ' ipsec policy map1 auto-neg'), column: 20, endColumn: 28, objectPath: expect.stringContaining('interface') }),
    ]);
    expect(lint([siteA({ autoNeg: true }), siteB({ mode: 'template', remoteAddresses: [] })], [RULE])).toEqual([]);
  });

  it('does not flag a template responder nobody in the run is known to talk to', () => {
    expect(lint([siteB({ mode: 'template', remoteAddresses: [] })], [RULE])).toEqual([]);
    const outcome = lintInputs([siteB({ mode: 'template' })], [RULE]);
    expect(outcome.findings).toEqual([]);
    expect(outcome.notes).toEqual([expect.objectContaining({ file: 'b.cfg', message: expect.stringContaining('not checked') })]);
  });

  it('finds nothing in the documentation pairs: redundant template gateways, NAT traversal, Efficient VPN', () => {
    expect(lint(corpus('hwdoc-ar-redundant-routera.cfg', 'hwdoc-ar-redundant-routerb.cfg', 'hwdoc-ar-redundant-routerc.cfg'), [RULE])).toEqual([]);
    expect(lint(corpus('hwdoc-ar-natt-routera.cfg', 'hwdoc-ar-natt-routerb.cfg'), [RULE])).toEqual([]);
    expect(lint(corpus('hwdoc-ar-evpn-routera.cfg', 'hwdoc-ar-evpn-routerb.cfg'), [RULE])).toEqual([]);
    expect(lint(corpus(...allCorpusFiles()), [RULE])).toEqual([]);
  });
});
