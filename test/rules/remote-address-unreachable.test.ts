import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { applyFixes, type GeneratedFix } from '../../src/fix/generate.js';
import type { Finding } from '../../src/engine/findings.js';
import { allCorpusFiles, corpus, examplesDir, expectSilentOnFixedAndDocs, lineOf, lint, lintInputs, readConfigDir, repoRoot, type Input } from '../helpers/rule-harness.js';

const RULE = 'remote-address-unreachable';
const dir = path.join(examplesDir, RULE);
const ALL = rules.map((r) => r.meta.id);

interface Generator {
  generateNetwork(n: number): { name: string; text: string }[];
}
const generator = (await import(pathToFileURL(path.join(repoRoot, 'bench/generate.js')).href)) as Generator;

const flagged = (): Input[] => readConfigDir(path.join(dir, 'flagged'));
const fixed = (): Input[] => readConfigDir(path.join(dir, 'fixed'));
const byName = (inputs: Input[], name: string): Input => inputs.find((i) => i.file.endsWith(name))!;
const edit = (input: Input, from: string, to: string): Input => {
  if (!input.text.includes(from)) throw new Error(`not in ${input.file}: ${from}`);
  return { file: input.file, text: input.text.replace(from, to) };
};
const replaceIn = (inputs: Input[], name: string, from: string, to: string): Input[] => inputs.map((i) => (i.file.endsWith(name) ? edit(i, from, to) : i));
const applyTo = (inputs: readonly Input[], fix: GeneratedFix): Input[] => inputs.map((i) => (i.file === fix.file ? { ...i, text: applyFixes(i.text, [fix]).text } : i));
const key = (f: Finding): string => `${f.ruleId} ${f.file} ${f.objectPath} ${f.message}`;

describe(RULE, () => {
  it('reports the remote-address naming the private address of an end a static NAT publishes, with the NAT line, and a host name with no resolver', () => {
    const inputs = flagged();
    const [branch, hq, gw] = ['branch.cfg', 'hq.cfg', 'nat-gw.cfg'].map((n) => byName(inputs, n));
    const findings = lint(inputs, [RULE]);
    expect(findings.map((f) => [f.file, f.line, f.severity, f.objectPath])).toEqual([
      [branch.file, lineOf(branch.text, ' remote-address host-name rau-hq.example.com'), 'error', 'ike-peer:peer1'],
      [hq.file, lineOf(hq.text, ' remote-address 192.168.78.33'), 'error', 'ike-peer:peer1'],
    ]);
    const [hostName, privateAddress] = findings;
    expect(privateAddress.related.map((r) => [r.file, r.line])).toEqual([
      [gw.file, lineOf(gw.text, ' nat server rau-branch global 203.0.78.33 inside 192.168.78.33')],
      [branch.file, lineOf(branch.text, ' ip address 192.168.78.33 255.255.255.240')],
    ]);
    expect(privateAddress.message).toBe(
      'remote-address "192.168.78.33" is the private address of rau-branch, which rau-natgw publishes by static NAT as "203.0.78.33": this device negotiates from a public address, so its IKE packets go to an address the Internet does not route and IKE negotiation never completes ("max transmit reached", or "peer address mismatch" when the other end initiates); set the remote-address of IKE peer "peer1" to the post-NAT address "203.0.78.33" and accept the private address with "remote-address authentication-address 192.168.78.33".',
    );
    expect(hostName.message).toBe(
      'IKE peer "peer1" names its peer by host name "rau-hq.example.com" ("remote-address host-name"), but the device has no "ip host rau-hq.example.com ..." entry and no DNS resolver ("dns resolve" with a "dns server"), so it never learns the peer address and no IKE packet is sent; add "ip host rau-hq.example.com <address of the peer>" in the system view, or enable "dns resolve" with a "dns server <address>" that knows the name.',
    );
  });

  it('the safe fix (post-NAT address + authentication address) and the ip host suggestion give the fixed example; re-linted, no finding and no new error', () => {
    const inputs = flagged();
    const before = lintInputs(inputs, ALL).findings;
    const mine = before.filter((f) => f.ruleId === RULE);
    const fix = mine.find((f) => f.fix)!.fix!;
    expect(fix.applicability).toBe('safe');
    expect(fix.commands).toEqual(['system-view', 'ike peer peer1', 'remote-address authentication-address 192.168.78.33', 'remote-address 203.0.78.33', 'return']);
    const suggestion = mine.find((f) => f.suggestions)!.suggestions!;
    expect(suggestion.map((s) => [s.fix.applicability, s.fix.commands])).toEqual([['unsafe', ['system-view', 'ip host rau-hq.example.com 198.51.78.33', 'return']]]);
    const old = new Set(before.map(key));
    for (const change of [fix, suggestion[0].fix]) {
      const after = lintInputs(applyTo(inputs, change), ALL).findings;
      expect(after.filter((f) => f.severity === 'error' && !old.has(key(f))).map(key)).toEqual([]);
    }
    const both = applyTo(applyTo(inputs, fix), suggestion[0].fix);
    // the fixed set is the same network under its own identity (third octet 79, '-fixed' sysnames),
    // so the whole configs-examples directory stays one network without duplicate devices
    const asFixedSet = (text: string): string => text.replace(/\b(10|192\.168|198\.51|203\.0)\.78\./g, '$1.79.').replace(/^ sysname rau-([a-z]+)$/gm, ' sysname rau-$1-fixed');
    expect(both.map((i) => asFixedSet(i.text))).toEqual(fixed().map((i) => i.text));
    expect(lint(both, [RULE])).toEqual([]);
  });

  it('is quiet on the fixed example, the corpus documentation sets and every corpus file', () => {
    expectSilentOnFixedAndDocs(RULE);
    for (const name of allCorpusFiles()) expect(lint(corpus(name), [RULE]), name).toEqual([]);
  });

  it('flags a NAT server written differently (UDP 500 only, no name, the other end not in the run), without a related line of that end', () => {
    let inputs = replaceIn(flagged(), 'nat-gw.cfg', ' nat server rau-branch global 203.0.78.33 inside 192.168.78.33', ' nat server protocol udp global 203.0.78.33 500 inside 192.168.78.33 500');
    inputs = inputs.filter((i) => !i.file.endsWith('branch.cfg'));
    const hq = byName(inputs, 'hq.cfg');
    const findings = lint(inputs, [RULE]);
    expect(findings).toEqual([expect.objectContaining({ file: hq.file, line: lineOf(hq.text, ' remote-address 192.168.78.33'), message: expect.stringContaining('the private address of the other end, which rau-natgw publishes by static NAT as "203.0.78.33"') })]);
    expect(findings[0].related).toHaveLength(1);
  });

  it('several public addresses for one private address: reported, no fix (which one is a choice)', () => {
    const inputs = replaceIn(flagged(), 'nat-gw.cfg', ' nat server rau-branch global 203.0.78.33 inside 192.168.78.33', ' nat server rau-branch global 203.0.78.33 inside 192.168.78.33\n nat server rau-branch2 protocol udp global 203.0.78.35 inside 192.168.78.33');
    const finding = lintInputs(inputs, [RULE]).findings.find((f) => f.message.startsWith('remote-address'))!;
    expect(finding.message).toContain('as "203.0.78.33" or "203.0.78.35"');
    expect(finding.fix).toBeUndefined();
  });

  it('is quiet when the private address is not published, only for TCP, published by the device itself, connected, or the device negotiates from a private address', () => {
    const noHostName = (inputs: Input[]): Input[] => replaceIn(inputs, 'branch.cfg', ' remote-address host-name rau-hq.example.com', ' remote-address 198.51.78.33');
    const base = noHostName(flagged());
    expect(lint(base, [RULE])).toHaveLength(1);
    expect(lint(base.filter((i) => !i.file.endsWith('nat-gw.cfg')), [RULE])).toEqual([]);
    expect(lint(replaceIn(base, 'nat-gw.cfg', ' nat server rau-branch global', ' nat server rau-branch protocol tcp global'), [RULE])).toEqual([]);
    // The NAT on the device itself: it sits in front of the address.
    const onHq = replaceIn(base.filter((i) => !i.file.endsWith('nat-gw.cfg')), 'hq.cfg', '#\nsecurity-policy', '#\n nat server rau-branch global 198.51.78.40 inside 192.168.78.33\n#\nsecurity-policy');
    expect(lint(onHq, [RULE])).toEqual([]);
    // A connected subnet holds the address.
    const connected = replaceIn(base, 'hq.cfg', 'interface GigabitEthernet1/0/1\n', 'interface GigabitEthernet1/0/2\n ip address 192.168.78.40 255.255.255.240\n#\ninterface GigabitEthernet1/0/1\n');
    expect(lint(connected, [RULE])).toEqual([]);
    // Both ends inside the private network: the private address is the right one.
    const inside = replaceIn(base, 'hq.cfg', ' ip address 198.51.78.33 255.255.255.240', ' ip address 172.16.78.33 255.255.255.240');
    expect(lint(inside, [RULE])).toEqual([]);
  });

  it('host names: quiet with an ip host entry (any case) or dns resolve + dns server; a note with dns resolve alone; a safe "dns resolve" fix with dns server alone', () => {
    const branch = byName(flagged(), 'branch.cfg');
    const withGlobals = (lines: string): Input => edit(branch, ' firewall tcp-mss 1350\n', ` firewall tcp-mss 1350\n${lines}`);
    expect(lint([withGlobals('ip host RAU-HQ.example.com 198.51.78.33\n')], [RULE])).toEqual([]);
    expect(lint([withGlobals('dns resolve\ndns server 198.51.78.53\n')], [RULE])).toEqual([]);
    const resolveOnly = lintInputs([withGlobals('dns resolve\n')], [RULE]);
    expect(resolveOnly.findings).toEqual([]);
    expect(resolveOnly.notes.map((n) => n.message)).toContainEqual(expect.stringContaining('"dns resolve" is on but no "dns server" is configured'));
    const serverOnly = withGlobals('dns server 198.51.78.53\n');
    const [finding] = lintInputs([serverOnly], [RULE]).findings;
    expect(finding.message).toContain('dynamic domain name resolution is off (no "dns resolve", the default)');
    expect(finding.fix?.commands).toEqual(['system-view', 'dns resolve', 'return']);
    expect(lint(applyTo([serverOnly], finding.fix!), [RULE])).toEqual([]);
  });

  it('host name the run cannot map to a device: reported without suggestion, the message says what to type; IKEv2 and vpn-instance forms too', () => {
    const branch = edit(byName(flagged(), 'branch.cfg'), ' remote-address host-name rau-hq.example.com', ' remote-address vpn-instance wan host-name vpn.example.net');
    const [finding] = lintInputs([branch], [RULE]).findings;
    expect(finding.message).toContain('add "ip host vpn.example.net <address of the peer>" in the system view');
    expect(finding.suggestions ?? []).toEqual([]);
    // With HQ in the run pointing at the branch, the one device pointing here is the guess.
    const inputs = [branch, byName(flagged(), 'hq.cfg'), byName(flagged(), 'nat-gw.cfg')];
    const guessed = lintInputs(inputs, [RULE]).findings.find((f) => f.file === branch.file)!;
    expect(guessed.suggestions?.map((s) => s.fix.commands)).toEqual([['system-view', 'ip host vpn.example.net 198.51.78.33', 'return']]);
    const v2 = edit(edit(branch, ' undo version 2\n', ''), ' exchange-mode main\n', '');
    expect(lint([v2], [RULE])).toHaveLength(1);
  });

  it('reports nothing on a generated benchmark network', () => {
    const inputs = generator.generateNetwork(20).map(({ name, text }) => ({ file: name, text }));
    expect(lint(inputs, [RULE])).toEqual([]);
  });
});
