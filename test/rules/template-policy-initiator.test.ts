import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GeneratedSuggestion } from '../../src/fix/generate.js';
import { expectOneSuggestionWorks } from '../helpers/apply-fix.js';
import { allCorpusFiles, corpus, examplesDir, lint, lintInputs, readConfigDir, type Input } from '../helpers/rule-harness.js';
import { at, ruleTester } from '../helpers/rule-tester.js';
import { paths, readTree, runCommands } from '../helpers/vrp-interpreter.js';
import { siteA, siteB } from '../helpers/site-config.js';

const RULE = 'template-policy-initiator';
const dir = path.join(examplesDir, RULE);
const HEADER = 'ipsec policy map1 10 isakmp template tpl1';

const DECLARED = { tunnels: [{ ends: ['a.cfg', 'b.cfg'] as [string, string] }] };

describe(RULE, () => {
  ruleTester(RULE, {
    // The fixed example: an ISAKMP initiator, a template responder restricted by remote-address.
    fixedExample: true,
    valid: [
      { name: 'checks tunnels declared in the topology: quiet with an initiator pointing at the responder', inputs: () => [siteA(), siteB({ mode: 'template', remoteAddresses: [] })], topology: DECLARED },
      { name: 'does not warn on auto-neg for a group with an ISAKMP policy', inputs: () => [siteA({ autoNeg: true }), siteB({ mode: 'template', remoteAddresses: [] })] },
      { name: 'does not flag a template responder nobody in the run is known to talk to (no remote-address)', inputs: () => [siteB({ mode: 'template', remoteAddresses: [] })] },
      { name: 'does not flag a template responder whose peer is not in the run (a note instead)', inputs: () => [siteB({ mode: 'template' })] },
      { name: 'finds nothing in the redundant template gateways of the corpus', inputs: () => corpus('hwdoc-ar-redundant-routera.cfg', 'hwdoc-ar-redundant-routerb.cfg', 'hwdoc-ar-redundant-routerc.cfg') },
      { name: 'finds nothing in the NAT traversal pair of the corpus', inputs: () => corpus('hwdoc-ar-natt-routera.cfg', 'hwdoc-ar-natt-routerb.cfg') },
      { name: 'finds nothing in the Efficient VPN pair of the corpus', inputs: () => corpus('hwdoc-ar-evpn-routera.cfg', 'hwdoc-ar-evpn-routerb.cfg') },
      { name: 'finds nothing in the whole corpus', inputs: () => corpus(...allCorpusFiles()) },
    ],
    invalid: [
      {
        name: 'flags both ends when both are template-based, each with the other policy as related location',
        inputs: () => readConfigDir(path.join(dir, 'flagged')),
        findings: ([a, b]) => [
          {
            ...at(a, HEADER),
            severity: 'error',
            column: 1,
            objectPath: 'ipsec-policy:map1/10',
            message: 'and so is the policy at the other end (tplinit-B-flagged)',
            related: [{ ...at(b, HEADER), column: 1 }],
          },
          { ...at(b, HEADER), severity: 'error', related: [at(a, HEADER)] },
        ],
      },
      {
        name: 'flags a template whose peer points at a device with no ISAKMP policy pointing back',
        inputs: () => [siteA({ remoteAddresses: ['198.51.100.99'] }), siteB({ mode: 'template' })],
        findings: ([, b]) => [{ ...at(b, HEADER), severity: 'error', message: 'no ISAKMP policy with a "remote-address" pointing at this device exists on A,' }],
      },
      {
        name: 'flags both template ends even when only one of them points at the other',
        inputs: () => [siteA({ mode: 'template', remoteAddresses: [] }), siteB({ mode: 'template' })],
        findings: ([a, b]) => [
          { ...at(a, HEADER), message: 'and so is the policy at the other end' },
          { ...at(b, HEADER), message: 'and so is the policy at the other end' },
        ],
      },
      {
        name: 'does not count a disabled ISAKMP policy as initiator',
        inputs: () => [{ file: 'a.cfg', text: siteA().text.replace(' sa trigger-mode auto\n', ' sa trigger-mode auto\n undo policy enable\n') }, siteB({ mode: 'template' })],
        findings: ([, b]) => [at(b, HEADER)],
      },
      {
        name: 'checks tunnels declared in the topology: flags a responder whose declared initiator does not point at it',
        inputs: () => [siteA({ remoteAddresses: [] }), siteB({ mode: 'template', remoteAddresses: [] })],
        topology: DECLARED,
        findings: ([, b]) => [{ ...at(b, HEADER), severity: 'error' }],
      },
      {
        name: 'warns on auto-neg for a group made only of template policies',
        inputs: () => [siteA(), siteB({ mode: 'template', remoteAddresses: [], autoNeg: true })],
        findings: ([, b]) => [{ ...at(b, ' ipsec policy map1 auto-neg'), severity: 'warning', column: 20, endColumn: 28, objectPath: /interface/ }],
      },
    ],
  });

  it('notes that a template responder whose peer is not in the run is not checked', () => {
    const outcome = lintInputs([siteB({ mode: 'template' })], [RULE]);
    expect(outcome.findings).toEqual([]);
    expect(outcome.notes).toEqual([expect.objectContaining({ file: 'b.cfg', message: expect.stringContaining('not checked') })]);
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
