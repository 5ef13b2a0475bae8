import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyFixes } from '../../src/fix/generate.js';
import { allCorpusFiles, corpus, examplesDir, type Input, lint, lintInputs, readConfigDir } from '../helpers/rule-harness.js';
import { at, ruleTester } from '../helpers/rule-tester.js';
import { siteA, siteB } from '../helpers/site-config.js';

const RULE = 'ikev1-template-sa-dependent';
const dir = path.join(examplesDir, RULE);
const HEADER = 'ipsec policy map1 10 isakmp template tpl1';
const UNDO = 'undo ikev1 phase1-phase2 sa dependent';

/** Site B as a template responder with the positive line written out, no remote-address, nobody in the run initiating. */
const explicitPositive = (): Input[] => {
  const b = siteB({ mode: 'template', remoteAddresses: [] });
  return [{ file: 'b.cfg', text: b.text.replace(' firewall tcp-mss 1350\n', ' firewall tcp-mss 1350\n#\n ikev1 phase1-phase2 sa dependent\n') }];
};
const flaggedHub = (): Input[] => [readConfigDir(path.join(dir, 'flagged'))[0]];

describe(RULE, () => {
  ruleTester(RULE, {
    fixedExample: true,
    documentationSets: true,
    valid: [
      { name: 'is quiet when every initiator is a paired Huawei device of the run, with remote-address', inputs: () => [siteA(), siteB({ mode: 'template' })] },
      { name: 'is quiet when every initiator is a paired Huawei device of the run, without remote-address', inputs: () => [siteA(), siteB({ mode: 'template', remoteAddresses: [] })] },
      { name: 'is quiet with "undo ikev1 phase1-phase2 sa dependent"', inputs: () => [{ file: 'b.cfg', text: siteB({ mode: 'template' }).text.replace(' firewall tcp-mss 1350\n', ` firewall tcp-mss 1350\n#\n ${UNDO}\n`) }] },
      { name: 'is quiet on IKEv2-only templates', inputs: () => [{ file: 'b.cfg', text: siteB({ mode: 'template' }).text.replace(' undo version 2\n', ' undo version 1\n') }] },
      { name: 'is quiet on ISAKMP policies', inputs: () => [siteB()] },
      { name: 'is quiet on the Efficient VPN pair of the corpus (its client in the run)', inputs: () => corpus('hwdoc-ar-evpn-routera.cfg', 'hwdoc-ar-evpn-routerb.cfg') },
      { name: 'finds nothing in the redundant documentation set', inputs: () => corpus('hwdoc-ar-redundant-routera.cfg', 'hwdoc-ar-redundant-routerb.cfg', 'hwdoc-ar-redundant-routerc.cfg') },
      { name: 'finds nothing in the NAT traversal documentation pair', inputs: () => corpus('hwdoc-ar-natt-routera.cfg', 'hwdoc-ar-natt-routerb.cfg') },
      { name: 'finds nothing in the whole corpus linted as one network', inputs: () => corpus(...allCorpusFiles()) },
    ],
    invalid: [
      {
        name: 'warns on the flagged hub: an IKEv1 template whose initiator (203.0.64.33) is not in the run, dependency left at its default',
        inputs: flaggedHub,
        findings: ([hq]) => [
          {
            ...at(hq, HEADER),
            severity: 'warning',
            objectPath: 'ipsec-policy:map1/10/ikev1-sa-dependent',
            message: ['no Huawei device of this run negotiates from its peer\'s remote-address "203.0.64.33"', '(the default)', 'Run "undo ikev1 phase1-phase2 sa dependent" in the system view'],
            related: [at(hq, ' remote-address 203.0.64.33')],
          },
        ],
      },
      {
        name: 'a variant written differently: the positive line explicit, no remote-address, nobody in the run initiating',
        inputs: explicitPositive,
        findings: ([b]) => [{ ...at(b, ' ikev1 phase1-phase2 sa dependent'), column: 2, message: ['no Huawei device of this run initiates towards it', '(line '] }],
      },
      {
        name: 'names only the remote-address lines no device of the run stands behind',
        inputs: () => [siteA(), siteB({ mode: 'template', remoteAddresses: ['203.0.113.1', '192.0.2.77'] })],
        findings: ([, b]) => [{ ...at(b, HEADER), message: /^(?![\s\S]*"203\.0\.113\.1")[\s\S]*"192\.0\.2\.77"/, related: [at(b, ' remote-address 192.0.2.77')] }],
      },
      {
        name: 'partial runs: says "of this run" for the Efficient VPN hub without its client',
        inputs: () => corpus('hwdoc-ar-evpn-routerb.cfg'),
        findings: ([hub]) => [{ ...at(hub, 'ipsec policy policy1 10 isakmp template temp1'), message: 'a device whose configuration is not in this run' }],
      },
    ],
  });

  it('fixes the flagged hub with the undo line after sysname (unsafe: device-wide, typed in the system view); the fixed hub is quiet', () => {
    const [hq] = flaggedHub();
    const [finding] = lintInputs([hq], [RULE]).findings;
    expect(finding.fix?.applicability).toBe('unsafe');
    expect(finding.fix?.commands).toEqual(['system-view', UNDO, 'return']);
    const fixed = applyFixes(hq.text, [finding.fix!]).text;
    expect(fixed).toContain(` sysname sadep-HQ-flagged\n ${UNDO}\n#`);
    expect(lint([{ ...hq, text: fixed }], [RULE])).toEqual([]);
  });

  it('fixes the explicit positive line by replacing it with its undo form', () => {
    const [b] = explicitPositive();
    const [finding] = lintInputs([b], [RULE]).findings;
    expect(finding.fix?.commands).toEqual(['system-view', UNDO, 'return']);
    const fixed = applyFixes(b.text, [finding.fix!]).text;
    expect(fixed).toContain(`\n ${UNDO}\n`);
    expect(fixed).not.toContain('\n ikev1 phase1-phase2 sa dependent\n');
    expect(lint([{ file: 'b.cfg', text: fixed }], [RULE])).toEqual([]);
  });

  it('notes that the Efficient VPN clients of this run are not paired', () => {
    const outcome = lintInputs(corpus('hwdoc-ar-evpn-routera.cfg', 'hwdoc-ar-evpn-routerb.cfg'), [RULE]);
    expect(outcome.findings).toEqual([]);
    expect(outcome.notes).toContainEqual(expect.objectContaining({ file: 'corpus/hwdoc-ar-evpn-routerb.cfg', message: expect.stringContaining('Efficient VPN clients of this run are not paired') }));
  });
});
