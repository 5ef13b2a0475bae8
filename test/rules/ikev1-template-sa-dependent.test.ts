import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyFixes } from '../../src/fix/generate.js';
import { allCorpusFiles, corpus, examplesDir, expectSilentOnFixedAndDocs, lineOf, lint, lintInputs, readConfigDir } from '../helpers/rule-harness.js';
import { siteA, siteB } from '../helpers/site-config.js';

const RULE = 'ikev1-template-sa-dependent';
const dir = path.join(examplesDir, RULE);
const HEADER = 'ipsec policy map1 10 isakmp template tpl1';
const UNDO = 'undo ikev1 phase1-phase2 sa dependent';

describe(RULE, () => {
  it('warns on the flagged hub: an IKEv1 template whose initiator (203.0.64.33) is not in the run, dependency left at its default', () => {
    const [hq] = readConfigDir(path.join(dir, 'flagged'));
    const outcome = lintInputs([hq], [RULE]);
    const findings = outcome.findings;
    expect(findings).toHaveLength(1);
    const [finding] = findings;
    expect(finding).toMatchObject({ ruleId: RULE, severity: 'warning', file: hq.file, objectPath: 'ipsec-policy:map1/10/ikev1-sa-dependent' });
    expect(finding.range.start.line).toBe(lineOf(hq.text, HEADER));
    expect(finding.related).toEqual([expect.objectContaining({ file: hq.file, range: expect.objectContaining({ start: expect.objectContaining({ line: lineOf(hq.text, ' remote-address 203.0.64.33') }) }) })]);
    expect(finding.message).toContain('no Huawei device of this run negotiates from its peer\'s remote-address "203.0.64.33"');
    expect(finding.message).toContain('(the default)');
    expect(finding.message).toContain('Run "undo ikev1 phase1-phase2 sa dependent" in the system view');
    // The fix: unsafe (device-wide), the undo line after sysname; on the device, typed in the system view.
    expect(finding.fix?.applicability).toBe('unsafe');
    expect(finding.fix?.commands).toEqual(['system-view', UNDO, 'return']);
    const fixed = applyFixes(hq.text, [finding.fix!]).text;
    expect(fixed).toContain(` sysname sadep-HQ-flagged\n ${UNDO}\n#`);
    expect(lint([{ ...hq, text: fixed }], [RULE])).toEqual([]);
  });

  it('a variant written differently: the positive line explicit, no remote-address, nobody in the run initiating', () => {
    const b = siteB({ mode: 'template', remoteAddresses: [] });
    const text = b.text.replace(' firewall tcp-mss 1350\n', ' firewall tcp-mss 1350\n#\n ikev1 phase1-phase2 sa dependent\n');
    const findings = lintInputs([{ file: 'b.cfg', text }], [RULE]).findings;
    expect(findings.map((f) => [f.range.start.line, f.range.start.column])).toEqual([[lineOf(text, ' ikev1 phase1-phase2 sa dependent'), 2]]);
    expect(findings[0].message).toContain(`no Huawei device of this run initiates towards it`);
    expect(findings[0].message).toContain('(line ');
    // The positive line is replaced by its undo form.
    expect(findings[0].fix?.commands).toEqual(['system-view', UNDO, 'return']);
    const fixed = applyFixes(text, [findings[0].fix!]).text;
    expect(fixed).toContain(`\n ${UNDO}\n`);
    expect(fixed).not.toContain('\n ikev1 phase1-phase2 sa dependent\n');
    expect(lint([{ file: 'b.cfg', text: fixed }], [RULE])).toEqual([]);
  });

  it('names only the remote-address lines no device of the run stands behind', () => {
    const b = siteB({ mode: 'template', remoteAddresses: ['203.0.113.1', '192.0.2.77'] });
    const findings = lint([siteA(), b], [RULE]);
    expect(findings).toEqual([expect.objectContaining({ file: 'b.cfg', line: lineOf(b.text, HEADER), related: [expect.objectContaining({ line: lineOf(b.text, ' remote-address 192.0.2.77') })] })]);
    expect(findings[0].message).toContain('"192.0.2.77"');
    expect(findings[0].message).not.toContain('"203.0.113.1"');
  });

  it('is quiet when every initiator is a paired Huawei device of the run, with or without remote-address', () => {
    expect(lint([siteA(), siteB({ mode: 'template' })], [RULE])).toEqual([]);
    expect(lint([siteA(), siteB({ mode: 'template', remoteAddresses: [] })], [RULE])).toEqual([]);
  });

  it('is quiet with "undo ikev1 phase1-phase2 sa dependent", on IKEv2-only templates and on ISAKMP policies', () => {
    expectSilentOnFixedAndDocs(RULE);
    const b = siteB({ mode: 'template' });
    expect(lint([{ file: 'b.cfg', text: b.text.replace(' firewall tcp-mss 1350\n', ` firewall tcp-mss 1350\n#\n ${UNDO}\n`) }], [RULE])).toEqual([]);
    expect(lint([{ file: 'b.cfg', text: b.text.replace(' undo version 2\n', ' undo version 1\n') }], [RULE])).toEqual([]);
    expect(lint([siteB()], [RULE])).toEqual([]);
  });

  it('partial runs: says "of this run", and an Efficient VPN client of the run keeps it quiet with a note', () => {
    const hub = corpus('hwdoc-ar-evpn-routerb.cfg');
    const alone = lint(hub, [RULE]);
    expect(alone).toHaveLength(1);
    expect(alone[0].message).toContain('a device whose configuration is not in this run');
    const outcome = lintInputs(corpus('hwdoc-ar-evpn-routera.cfg', 'hwdoc-ar-evpn-routerb.cfg'), [RULE]);
    expect(outcome.findings).toEqual([]);
    expect(outcome.notes).toContainEqual(expect.objectContaining({ file: 'corpus/hwdoc-ar-evpn-routerb.cfg', message: expect.stringContaining('Efficient VPN clients of this run are not paired') }));
  });

  it('finds nothing in the documentation pairs and in the whole corpus linted as one network', () => {
    expect(lint(corpus('hwdoc-ar-redundant-routera.cfg', 'hwdoc-ar-redundant-routerb.cfg', 'hwdoc-ar-redundant-routerc.cfg'), [RULE])).toEqual([]);
    expect(lint(corpus('hwdoc-ar-natt-routera.cfg', 'hwdoc-ar-natt-routerb.cfg'), [RULE])).toEqual([]);
    expect(lint(corpus(...allCorpusFiles()), [RULE])).toEqual([]);
  });
});
