import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { applyFixes } from '../../src/fix/generate.js';
import { corpusNames, requireCorpus } from '../helpers/corpus.js';
import { corpus, examplesDir, expectSilentOnFixedAndDocs, lineOf, lint, lintInputs, readConfigDir, repoRoot, type Input } from '../helpers/rule-harness.js';
import { siteA, siteB } from '../helpers/site-config.js';

interface Generator {
  generateNetwork(n: number): { name: string; text: string }[];
}
const generator = (await import(pathToFileURL(path.join(repoRoot, 'bench/generate.js')).href)) as Generator;

const RULE = 'ike-peer-vpn-instance-mismatch';
const dir = path.join(examplesDir, RULE);

/** Replaces `from` by `to` in `text`, asserting that it was there. */
function patch(text: string, from: string, to: string): string {
  expect(text).toContain(from);
  return text.replace(from, to);
}

/** Lints, applies every fix and lints again: the finding is gone and nothing new appears. */
function fixesClean(inputs: Input[]): void {
  const outcome = lintInputs(inputs, [RULE]);
  expect(outcome.findings.length).toBeGreaterThan(0);
  const fixed = inputs.map((input) => {
    const fixes = outcome.findings.filter((f) => f.file === input.file && f.fix).map((f) => f.fix!);
    return fixes.length > 0 ? { ...input, text: applyFixes(input.text, fixes).text } : input;
  });
  expect(lint(fixed, [RULE])).toEqual([]);
}

describe(RULE, () => {
  it('flags the flagged pair: the interface in VPN instance "corp", remote-address in the public network', () => {
    const [a, b] = readConfigDir(path.join(dir, 'flagged'));
    const outcome = lintInputs([a, b], [RULE]);
    expect(outcome.findings).toHaveLength(1);
    const [finding] = outcome.findings;
    expect(finding).toMatchObject({ ruleId: RULE, severity: 'error', file: a.file, objectPath: 'ike-peer:siteb/remote-address:198.51.71.17' });
    expect(finding.range.start.line).toBe(lineOf(a.text, ' remote-address 198.51.71.17'));
    expect(finding.related).toEqual([expect.objectContaining({ file: a.file, range: expect.objectContaining({ start: expect.objectContaining({ line: lineOf(a.text, ' ip binding vpn-instance corp') }) }) })]);
    expect(finding.message).toContain('in the public network ("remote-address 198.51.71.17")');
    expect(finding.message).toContain('GigabitEthernet1/0/1, which is in VPN instance "corp"');
    expect(finding.message).toContain('"peer address mismatch"');
    expect(finding.message).toContain('Write "remote-address vpn-instance corp 198.51.71.17"');
    expect(finding.fix?.applicability).toBe('unsafe');
    expect(finding.fix?.commands).toEqual(['system-view', 'ike peer siteb', 'remote-address vpn-instance corp 198.51.71.17', 'return']);
    const text = applyFixes(a.text, [finding.fix!]).text;
    expect(text).toContain('\n remote-address vpn-instance corp 198.51.71.17\n sa binding vpn-instance corp\n');
    expect(lint([{ ...a, text }, b], [RULE])).toEqual([]);
  });

  it('the reverse, written differently: remote-address in a VPN instance, the interface in the public network', () => {
    const [a, b] = readConfigDir(path.join(dir, 'fixed'));
    // Site B writes the instance on its peer line (as if it were "sa binding vpn-instance"); its WAN interface is public.
    const text = patch(b.text, ' remote-address 203.0.71.33\n', ' remote-address vpn-instance corp 203.0.71.33\n');
    const findings = lint([a, { ...b, text }], [RULE]);
    expect(findings).toEqual([expect.objectContaining({ file: b.file, line: lineOf(text, 'remote-address vpn-instance corp'), column: 2 })]);
    expect(findings[0].message).toContain('in VPN instance "corp" ("remote-address vpn-instance corp 203.0.71.33")');
    expect(findings[0].message).toContain('which is in the public network');
    expect(findings[0].message).toContain('Write "remote-address 203.0.71.33"');
    expect(findings[0].related[0]).toMatchObject({ line: lineOf(text, 'interface GigabitEthernet1/0/1'), message: expect.stringContaining('public network') });
    fixesClean([a, { ...b, text }]);
    // Another instance than the interface's, and a range line: rewritten with the interface's instance.
    const other = patch(a.text, ' remote-address vpn-instance corp 198.51.71.33\n', ' remote-address vpn-instance guest 198.51.71.32 198.51.71.35\n');
    const [finding] = lintInputs([{ ...a, text: other }], [RULE]).findings;
    expect(finding.fix?.commands).toContain('remote-address vpn-instance corp 198.51.71.32 198.51.71.35');
    fixesClean([{ ...a, text: other }]);
  });

  it('takes the interface owning "tunnel local": a public loopback, a VRRP virtual address (hot standby)', () => {
    const [a] = readConfigDir(path.join(dir, 'fixed'));
    // IKE from a loopback of the public network: the corp line is now wrong, the policy's interface does not matter.
    const loopback = patch(
      patch(a.text, ' sa trigger-mode auto\n', ' sa trigger-mode auto\n tunnel local 192.0.2.71\n'),
      'interface GigabitEthernet1/0/2\n',
      'interface LoopBack0\n ip address 192.0.2.71 255.255.255.255\n#\ninterface GigabitEthernet1/0/2\n',
    );
    const findings = lint([{ ...a, text: loopback }], [RULE]);
    expect(findings).toEqual([expect.objectContaining({ line: lineOf(loopback, 'remote-address vpn-instance corp') })]);
    expect(findings[0].message).toContain('LoopBack0, which is in the public network');
    fixesClean([{ ...a, text: loopback }]);
    // A VRRP virtual address on the corp interface (HRP pair): quiet as written, flagged without the instance.
    const vrrp = patch(
      patch(a.text, ' sa trigger-mode auto\n', ' sa trigger-mode auto\n tunnel local 203.0.71.40\n'),
      ' ip address 203.0.71.33 255.255.255.240\n',
      ' ip address 203.0.71.33 255.255.255.240\n vrrp vrid 1 virtual-ip 203.0.71.40 active\n',
    );
    expect(lint([{ ...a, text: vrrp }], [RULE])).toEqual([]);
    const vrrpPublic = patch(vrrp, ' remote-address vpn-instance corp 198.51.71.33\n', ' remote-address 198.51.71.33\n');
    expect(lint([{ ...a, text: vrrpPublic }], [RULE])).toEqual([expect.objectContaining({ message: expect.stringContaining('GigabitEthernet1/0/1, which is in VPN instance "corp"') })]);
    // A tunnel local no interface owns: not this rule's call (tunnel-local-not-on-interface).
    const unowned = patch(a.text, ' sa trigger-mode auto\n', ' sa trigger-mode auto\n tunnel local 192.0.2.99\n');
    expect(lint([{ ...a, text: patch(unowned, 'vpn-instance corp 198.51', '198.51') }], [RULE])).toEqual([]);
  });

  it('IPv6 and host-name lines: no fix, the message spells the line to type', () => {
    const [a] = readConfigDir(path.join(dir, 'flagged'));
    const v6 = patch(a.text, ' remote-address 198.51.71.17\n', ' remote-address ipv6 2001:db8::17\n');
    const [finding] = lintInputs([{ ...a, text: v6 }], [RULE]).findings;
    expect(finding.fix).toBeUndefined();
    expect(finding.message).toContain('Write "remote-address vpn-instance corp ipv6 2001:db8::17"');
    const host = patch(a.text, ' remote-address 198.51.71.17\n', ' remote-address host-name siteb.example.net\n');
    const [named] = lintInputs([{ ...a, text: host }], [RULE]).findings;
    expect(named.fix).toBeUndefined();
    expect(named.message).toContain('Write "remote-address vpn-instance corp host-name siteb.example.net"');
  });

  it('one peer serving policies of two instances: each wrong one reported, no fix', () => {
    const [a] = readConfigDir(path.join(dir, 'fixed'));
    const text = patch(
      patch(a.text, 'interface GigabitEthernet1/0/2\n', 'interface GigabitEthernet1/0/3\n ip address 203.0.72.33 255.255.255.240\n ipsec policy map2\n#\ninterface GigabitEthernet1/0/2\n'),
      'interface GigabitEthernet1/0/1\n',
      'ipsec policy map2 10 isakmp\n security acl 3000\n ike-peer siteb\n proposal p10\n#\ninterface GigabitEthernet1/0/1\n',
    );
    const findings = lintInputs([{ ...a, text }], [RULE]).findings;
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toContain('IPSec policy "map2 10"');
    expect(findings[0].message).toContain('give IPSec policy "map2 10" an IKE peer of its own');
    expect(findings[0].fix).toBeUndefined();
  });

  it('is quiet on the fixed pair, for template peers without remote-address, disabled or unapplied policies, authentication-address lines', () => {
    expectSilentOnFixedAndDocs(RULE);
    const [a] = readConfigDir(path.join(dir, 'flagged'));
    const template = patch(
      patch(patch(a.text, ' remote-address 198.51.71.17\n', ''), 'ipsec policy map1 10 isakmp\n', 'ipsec policy-template tpl1 10\n'),
      'interface GigabitEthernet1/0/1\n',
      'ipsec policy map1 10 isakmp template tpl1\n#\ninterface GigabitEthernet1/0/1\n',
    );
    expect(lint([{ ...a, text: template }], [RULE])).toEqual([]);
    // The same template with the public remote-address back: flagged, the template policy named.
    const withAddress = patch(template, ' sa binding vpn-instance corp\n', ' remote-address 198.51.71.17\n sa binding vpn-instance corp\n');
    expect(lint([{ ...a, text: withAddress }], [RULE])).toEqual([expect.objectContaining({ message: expect.stringContaining('the template policy "map1 10"') })]);
    expect(lint([{ ...a, text: patch(a.text, '\n ipsec policy map1\n', '\n') }], [RULE])).toEqual([]);
    expect(lint([{ ...a, text: patch(a.text, ' remote-address 198.51.71.17\n', ' remote-address vpn-instance corp 198.51.71.17\n remote-address authentication-address 10.9.9.9\n') }], [RULE])).toEqual([]);
    expect(lint([siteA(), siteB({ mode: 'template', remoteAddresses: [] })], [RULE])).toEqual([]);
  });

  it('finds nothing on the corpus set-ups', () => {
    requireCorpus();
    for (const name of corpusNames()) expect(lint(corpus(name), [RULE]), name).toEqual([]);
    expect(lint(corpus(...corpusNames()), [RULE])).toEqual([]);
  });

  it('finds nothing on a generated benchmark network, nor when its hub negotiates in a VPN instance written on every peer; one per peer when only the interface moves', () => {
    const inputs = generator.generateNetwork(20).map(({ name, text }) => ({ file: name, text }));
    expect(lint(inputs, [RULE])).toEqual([]);
    const [hub, ...spokes] = inputs;
    const bound = patch(hub.text, 'interface GigabitEthernet1/0/0\n', 'ip vpn-instance wan\n ipv4-family\n#\ninterface GigabitEthernet1/0/0\n ip binding vpn-instance wan\n');
    const everyPeer = bound.replace(/^ remote-address /gm, ' remote-address vpn-instance wan ');
    expect(lint([{ ...hub, text: everyPeer }, ...spokes], [RULE])).toEqual([]);
    const findings = lint([{ ...hub, text: bound }, ...spokes], [RULE]);
    expect(findings).toHaveLength(20);
    expect(new Set(findings.map((f) => f.objectPath)).size).toBe(20);
    fixesClean([{ ...hub, text: bound }, ...spokes]);
  });
});
