import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GeneratedSuggestion } from '../../src/fix/generate.js';
import { expectOneSuggestionWorks } from '../helpers/apply-fix.js';
import { allCorpusFiles, corpus, examplesDir, lineOf, lint, lintDir, lintInputs, readConfigDir, type Input } from '../helpers/rule-harness.js';
import { paths, readTree, runCommands } from '../helpers/vrp-interpreter.js';
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

describe(`${RULE}: suggestion (unsafe, never applied by --fix): this end becomes the initiator`, () => {
  const COMMANDS = [
    'system-view',
    'ipsec policy map1 9 isakmp',
    'security acl 3000',
    'ike-peer peer1',
    'proposal p10',
    'pfs dh-group14',
    'sa trigger-mode auto',
    'quit',
    'undo ipsec policy map1 10',
    'undo ipsec policy-template tpl1 10',
    'return',
  ];

  /** Applies the one suggestion of the finding on `file` to the whole network: the rule's findings are gone, no new error appears. */
  function expectSuggestionWorks(inputs: Input[], file: string): GeneratedSuggestion {
    const { suggestion, input, edited } = expectOneSuggestionWorks(RULE, inputs, file);
    const byCommands = readTree(input.text);
    runCommands(byCommands, suggestion.fix.commands);
    expect(paths(byCommands).sort()).toEqual(paths(readTree(edited)).sort());
    expect(edited).not.toContain('policy-template');
    expect(edited).toContain('ipsec policy map1 9 isakmp\n security acl 3000\n ike-peer peer1\n proposal p10\n pfs dh-group14\n sa trigger-mode auto\n');
    expect(suggestion.fix.text).not.toContain('pre-shared-key');
    return suggestion;
  }

  it('two template ends: either end, alone, turns its template policy into an ISAKMP policy towards the other', () => {
    const inputs = readConfigDir(path.join(dir, 'flagged'));
    for (const input of inputs) {
      const suggestion = expectSuggestionWorks(inputs, input.file);
      expect(suggestion.fix.commands).toEqual(COMMANDS);
      expect(suggestion.desc).toMatch(/^Make this end the initiator: replace template policy "map1 10" by "ipsec policy map1 9 isakmp"/);
      expect(suggestion.fix.commands.join('\n')).not.toContain('pre-shared-key');
    }
  });

  it('the other end an ISAKMP policy without remote address (it answers anyone): the template end becomes the initiator', () => {
    const [a, b] = readConfigDir(path.join(dir, 'flagged'));
    const bText = b.text
      .replace('ipsec policy-template tpl1 10', 'ipsec policy map1 10 isakmp')
      .replace('#\nipsec policy map1 10 isakmp template tpl1\n', '')
      .replace(' remote-address 203.0.7.17\n', '');
    const inputs = [a, { ...b, text: bText }];
    const findings = lint(inputs, [RULE]);
    expect(findings).toEqual([expect.objectContaining({ file: a.file })]);
    expect(findings[0].message).toContain('no ISAKMP policy with a "remote-address" pointing at this device exists on tplinit-B-flagged');
    expect(expectSuggestionWorks(inputs, a.file).fix.commands).toEqual(COMMANDS);
  });

  it('offers nothing when the other end would refuse it (its ISAKMP policy points elsewhere)', () => {
    const b = siteB({ mode: 'template' });
    const findings = lintInputs([siteA({ remoteAddresses: ['198.51.100.99'] }), b], [RULE]).findings;
    expect(findings).toHaveLength(1);
    expect(findings[0].suggestions ?? []).toEqual([]);
  });

  it('offers nothing when the template holds a line the model does not read (it is never copied blind)', () => {
    const inputs = readConfigDir(path.join(dir, 'flagged')).map((input) => ({ ...input, text: input.text.replace(' pfs dh-group14\n', ' pfs dh-group14\n sa duration time-based 3600\n') }));
    const findings = lintInputs(inputs, [RULE]).findings;
    expect(findings).toHaveLength(2);
    for (const finding of findings) expect(finding.suggestions ?? []).toEqual([]);
  });
});
