import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { applyFixes, type GeneratedFix } from '../../src/fix/generate.js';
import type { Finding } from '../../src/engine/findings.js';
import { allCorpusFiles, corpus, examplesDir, lint, lintInputs, readConfigDir, repoRoot, type Input } from '../helpers/rule-harness.js';
import { at, exactly, ruleTester } from '../helpers/rule-tester.js';

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

const NAT_SERVER = ' nat server rau-branch global 203.0.78.33 inside 192.168.78.33';
/** The flagged set with the branch naming HQ by address: only HQ's private remote-address is left. */
const base = (): Input[] => replaceIn(flagged(), 'branch.cfg', ' remote-address host-name rau-hq.example.com', ' remote-address 198.51.78.33');
const withoutGateway = (inputs: Input[]): Input[] => inputs.filter((i) => !i.file.endsWith('nat-gw.cfg'));
/** The flagged branch alone with lines added to its globals. */
const branchWithGlobals = (lines: string): Input[] => [edit(byName(flagged(), 'branch.cfg'), ' firewall tcp-mss 1350\n', ` firewall tcp-mss 1350\n${lines}`)];
/** The flagged branch naming its peer by a host name of no device of the run, in a VPN instance. */
const unknownHostBranch = (): Input => edit(byName(flagged(), 'branch.cfg'), ' remote-address host-name rau-hq.example.com', ' remote-address vpn-instance wan host-name vpn.example.net');
const HQ_PRIVATE = ' remote-address 192.168.78.33';

describe(RULE, () => {
  ruleTester(RULE, {
    fixedExample: true,
    documentationSets: true,
    valid: [
      { name: 'is quiet when the private address is not published', inputs: () => withoutGateway(base()) },
      { name: 'is quiet when the private address is published only for TCP', inputs: () => replaceIn(base(), 'nat-gw.cfg', ' nat server rau-branch global', ' nat server rau-branch protocol tcp global') },
      {
        name: 'is quiet when the NAT is on the device itself (it sits in front of the address)',
        inputs: () => replaceIn(withoutGateway(base()), 'hq.cfg', '#\nsecurity-policy', '#\n nat server rau-branch global 198.51.78.40 inside 192.168.78.33\n#\nsecurity-policy'),
      },
      {
        name: 'is quiet when a connected subnet holds the address',
        inputs: () => replaceIn(base(), 'hq.cfg', 'interface GigabitEthernet1/0/1\n', 'interface GigabitEthernet1/0/2\n ip address 192.168.78.40 255.255.255.240\n#\ninterface GigabitEthernet1/0/1\n'),
      },
      {
        name: 'is quiet when both ends are inside the private network (the private address is the right one)',
        inputs: () => replaceIn(base(), 'hq.cfg', ' ip address 198.51.78.33 255.255.255.240', ' ip address 172.16.78.33 255.255.255.240'),
      },
      { name: 'host names: quiet with an ip host entry (any case)', inputs: () => branchWithGlobals('ip host RAU-HQ.example.com 198.51.78.33\n') },
      { name: 'host names: quiet with dns resolve and a dns server', inputs: () => branchWithGlobals('dns resolve\ndns server 198.51.78.53\n') },
      { name: 'host names: quiet (with a note) with dns resolve alone', inputs: () => branchWithGlobals('dns resolve\n') },
      { name: 'reports nothing on a generated benchmark network', inputs: () => generator.generateNetwork(20).map(({ name, text }) => ({ file: name, text })) },
    ],
    invalid: [
      {
        name: 'reports the remote-address naming the private address of an end a static NAT publishes, with the NAT line, and a host name with no resolver',
        inputs: flagged,
        findings: (inputs) => {
          const [branch, hq, gw] = ['branch.cfg', 'hq.cfg', 'nat-gw.cfg'].map((n) => byName([...inputs], n));
          return [
            {
              ...at(branch, ' remote-address host-name rau-hq.example.com'),
              severity: 'error',
              objectPath: 'ike-peer:peer1',
              message: exactly(
                'IKE peer "peer1" names its peer by host name "rau-hq.example.com" ("remote-address host-name"), but the device has no "ip host rau-hq.example.com ..." entry and no DNS resolver ("dns resolve" with a "dns server"), so it never learns the peer address and no IKE packet is sent; add "ip host rau-hq.example.com <address of the peer>" in the system view, or enable "dns resolve" with a "dns server <address>" that knows the name.',
              ),
            },
            {
              ...at(hq, HQ_PRIVATE),
              severity: 'error',
              objectPath: 'ike-peer:peer1',
              message: exactly(
                'remote-address "192.168.78.33" is the private address of rau-branch, which rau-natgw publishes by static NAT as "203.0.78.33": this device negotiates from a public address, so its IKE packets go to an address the Internet does not route and IKE negotiation never completes ("max transmit reached", or "peer address mismatch" when the other end initiates); set the remote-address of IKE peer "peer1" to the post-NAT address "203.0.78.33" and accept the private address with "remote-address authentication-address 192.168.78.33".',
              ),
              related: [at(gw, NAT_SERVER), at(branch, ' ip address 192.168.78.33 255.255.255.240')],
            },
          ];
        },
      },
      {
        name: 'flags a NAT server written differently (UDP 500 only, no name, the other end not in the run), without a related line of that end',
        inputs: () => replaceIn(flagged(), 'nat-gw.cfg', NAT_SERVER, ' nat server protocol udp global 203.0.78.33 500 inside 192.168.78.33 500').filter((i) => !i.file.endsWith('branch.cfg')),
        findings: (inputs) => {
          const [hq, gw] = ['hq.cfg', 'nat-gw.cfg'].map((n) => byName([...inputs], n));
          return [{ ...at(hq, HQ_PRIVATE), message: 'the private address of the other end, which rau-natgw publishes by static NAT as "203.0.78.33"', related: [at(gw, ' nat server protocol udp')] }];
        },
      },
      {
        name: 'several public addresses for one private address: both named',
        inputs: () => replaceIn(flagged(), 'nat-gw.cfg', NAT_SERVER, `${NAT_SERVER}\n nat server rau-branch2 protocol udp global 203.0.78.35 inside 192.168.78.33`),
        findings: (inputs) => [
          { ...at(byName([...inputs], 'hq.cfg'), HQ_PRIVATE), message: 'as "203.0.78.33" or "203.0.78.35"' },
          at(byName([...inputs], 'branch.cfg'), ' remote-address host-name rau-hq.example.com'),
        ],
      },
      {
        name: 'flags the private remote-address alone once the branch names HQ by address (the baseline of the quiet cases)',
        inputs: base,
        findings: (inputs) => [at(byName([...inputs], 'hq.cfg'), HQ_PRIVATE)],
      },
      {
        name: 'host names: flags a dns server without "dns resolve"',
        inputs: () => branchWithGlobals('dns server 198.51.78.53\n'),
        findings: ([b]) => [{ ...at(b, ' remote-address host-name rau-hq.example.com'), message: 'dynamic domain name resolution is off (no "dns resolve", the default)' }],
      },
      {
        name: 'host name the run cannot map to a device (vpn-instance form): the message says what to type',
        inputs: () => [unknownHostBranch()],
        findings: ([b]) => [{ ...at(b, ' remote-address vpn-instance wan host-name vpn.example.net'), message: 'add "ip host vpn.example.net <address of the peer>" in the system view' }],
      },
      {
        name: 'host name the run cannot map, IKEv2',
        inputs: () => [edit(edit(unknownHostBranch(), ' undo version 2\n', ''), ' exchange-mode main\n', '')],
        findings: ([b]) => [at(b, ' remote-address vpn-instance wan host-name vpn.example.net')],
      },
      {
        name: 'host name beside HQ pointing at the branch: both ends flagged',
        inputs: () => [unknownHostBranch(), byName(flagged(), 'hq.cfg'), byName(flagged(), 'nat-gw.cfg')],
        findings: ([b, hq]) => [at(b, ' remote-address vpn-instance wan host-name vpn.example.net'), at(hq, HQ_PRIVATE)],
      },
    ],
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

  it('is quiet on every corpus file', () => {
    for (const name of allCorpusFiles()) expect(lint(corpus(name), [RULE]), name).toEqual([]);
  });

  it('several public addresses for one private address: no fix (which one is a choice)', () => {
    const inputs = replaceIn(flagged(), 'nat-gw.cfg', NAT_SERVER, `${NAT_SERVER}\n nat server rau-branch2 protocol udp global 203.0.78.35 inside 192.168.78.33`);
    const finding = lintInputs(inputs, [RULE]).findings.find((f) => f.message.startsWith('remote-address'))!;
    expect(finding.fix).toBeUndefined();
  });

  it('host names: a note with dns resolve alone; a safe "dns resolve" fix with dns server alone', () => {
    const resolveOnly = lintInputs(branchWithGlobals('dns resolve\n'), [RULE]);
    expect(resolveOnly.notes.map((n) => n.message)).toContainEqual(expect.stringContaining('"dns resolve" is on but no "dns server" is configured'));
    const serverOnly = branchWithGlobals('dns server 198.51.78.53\n');
    const [finding] = lintInputs(serverOnly, [RULE]).findings;
    expect(finding.fix?.commands).toEqual(['system-view', 'dns resolve', 'return']);
    expect(lint(applyTo(serverOnly, finding.fix!), [RULE])).toEqual([]);
  });

  it('host name the run cannot map to a device: no suggestion alone; with HQ in the run pointing at the branch, the one device pointing here is the guess', () => {
    const branch = unknownHostBranch();
    const [finding] = lintInputs([branch], [RULE]).findings;
    expect(finding.suggestions ?? []).toEqual([]);
    const guessed = lintInputs([branch, byName(flagged(), 'hq.cfg'), byName(flagged(), 'nat-gw.cfg')], [RULE]).findings.find((f) => f.file === branch.file)!;
    expect(guessed.suggestions?.map((s) => s.fix.commands)).toEqual([['system-view', 'ip host vpn.example.net 198.51.78.33', 'return']]);
  });
});
