import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { applyFixes } from '../../src/fix/generate.js';
import { corpusNames, requireCorpus } from '../helpers/corpus.js';
import { corpus, lint, lintInputs, readConfigDir, repoRoot, type Input } from '../helpers/rule-harness.js';
import { at, ruleTester } from '../helpers/rule-tester.js';
import { siteA, siteB } from '../helpers/site-config.js';

interface Generator {
  generateNetwork(n: number): { name: string; text: string }[];
}
const generator = (await import(pathToFileURL(path.join(repoRoot, 'bench/generate.js')).href)) as Generator;

const RULE = 'ike-peer-vpn-instance-mismatch';
const dir = `configs-examples/${RULE}`;

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

const flaggedA = (): Input => readConfigDir(`${dir}/flagged`)[0];
const fixedA = (): Input => readConfigDir(`${dir}/fixed`)[0];
/** Site A alone, with its text changed. */
const siteAOf = (input: Input, change: (text: string) => string): Input[] => [{ ...input, text: change(input.text) }];

/** Site B writes the instance on its peer line (as if it were "sa binding vpn-instance"); its WAN interface is public. */
const reverse = (): Input[] => {
  const [a, b] = readConfigDir(`${dir}/fixed`);
  return [a, { ...b, text: patch(b.text, ' remote-address 203.0.71.33\n', ' remote-address vpn-instance corp 203.0.71.33\n') }];
};
/** Another instance than the interface's, and a range line. */
const otherInstance = (): Input[] => siteAOf(fixedA(), (text) => patch(text, ' remote-address vpn-instance corp 198.51.71.33\n', ' remote-address vpn-instance guest 198.51.71.32 198.51.71.35\n'));
/** IKE from a loopback of the public network: the corp line is now wrong, the policy's interface does not matter. */
const loopback = (): Input[] =>
  siteAOf(fixedA(), (text) =>
    patch(patch(text, ' sa trigger-mode auto\n', ' sa trigger-mode auto\n tunnel local 192.0.2.71\n'), 'interface GigabitEthernet1/0/2\n', 'interface LoopBack0\n ip address 192.0.2.71 255.255.255.255\n#\ninterface GigabitEthernet1/0/2\n'),
  );
/** A VRRP virtual address on the corp interface (HRP pair) as "tunnel local". */
const vrrp = (text: string): string =>
  patch(patch(text, ' sa trigger-mode auto\n', ' sa trigger-mode auto\n tunnel local 203.0.71.40\n'), ' ip address 203.0.71.33 255.255.255.240\n', ' ip address 203.0.71.33 255.255.255.240\n vrrp vrid 1 virtual-ip 203.0.71.40 active\n');
/** A template policy whose peer has no remote-address. */
const template = (text: string): string =>
  patch(
    patch(patch(text, ' remote-address 198.51.71.17\n', ''), 'ipsec policy map1 10 isakmp\n', 'ipsec policy-template tpl1 10\n'),
    'interface GigabitEthernet1/0/1\n',
    'ipsec policy map1 10 isakmp template tpl1\n#\ninterface GigabitEthernet1/0/1\n',
  );
/** One peer serving policies of two instances. */
const twoInstances = (): Input[] =>
  siteAOf(fixedA(), (text) =>
    patch(
      patch(text, 'interface GigabitEthernet1/0/2\n', 'interface GigabitEthernet1/0/3\n ip address 203.0.72.33 255.255.255.240\n ipsec policy map2\n#\ninterface GigabitEthernet1/0/2\n'),
      'interface GigabitEthernet1/0/1\n',
      'ipsec policy map2 10 isakmp\n security acl 3000\n ike-peer siteb\n proposal p10\n#\ninterface GigabitEthernet1/0/1\n',
    ),
  );
const v6 = (): Input[] => siteAOf(flaggedA(), (text) => patch(text, ' remote-address 198.51.71.17\n', ' remote-address ipv6 2001:db8::17\n'));
const hostName = (): Input[] => siteAOf(flaggedA(), (text) => patch(text, ' remote-address 198.51.71.17\n', ' remote-address host-name siteb.example.net\n'));

const generated = (): Input[] => generator.generateNetwork(20).map(({ name, text }) => ({ file: name, text }));
/** The generated network with the hub's WAN interface in VPN instance "wan". */
const hubBound = (): Input[] => {
  const [hub, ...spokes] = generated();
  return [{ ...hub, text: patch(hub.text, 'interface GigabitEthernet1/0/0\n', 'ip vpn-instance wan\n ipv4-family\n#\ninterface GigabitEthernet1/0/0\n ip binding vpn-instance wan\n') }, ...spokes];
};

describe(RULE, () => {
  ruleTester(RULE, {
    fixedExample: true,
    documentationSets: true,
    valid: [
      { name: 'is quiet for a VRRP virtual address as "tunnel local" on the corp interface, written with the instance', inputs: () => siteAOf(fixedA(), vrrp) },
      {
        name: 'leaves a "tunnel local" no interface owns to tunnel-local-not-on-interface',
        inputs: () => siteAOf(fixedA(), (text) => patch(patch(text, ' sa trigger-mode auto\n', ' sa trigger-mode auto\n tunnel local 192.0.2.99\n'), 'vpn-instance corp 198.51', '198.51')),
      },
      { name: 'is quiet for a template peer without remote-address', inputs: () => siteAOf(flaggedA(), template) },
      { name: 'is quiet for an unapplied policy', inputs: () => siteAOf(flaggedA(), (text) => patch(text, '\n ipsec policy map1\n', '\n')) },
      {
        name: 'does not take an authentication-address line for the peer address',
        inputs: () => siteAOf(flaggedA(), (text) => patch(text, ' remote-address 198.51.71.17\n', ' remote-address vpn-instance corp 198.51.71.17\n remote-address authentication-address 10.9.9.9\n')),
      },
      { name: 'is quiet for the site-config template pair without remote-address', inputs: () => [siteA(), siteB({ mode: 'template', remoteAddresses: [] })] },
      { name: 'finds nothing on a generated benchmark network', inputs: generated },
      {
        name: 'finds nothing when the generated hub negotiates in a VPN instance written on every peer',
        inputs: () => {
          const [hub, ...spokes] = hubBound();
          return [{ ...hub, text: hub.text.replace(/^ remote-address /gm, ' remote-address vpn-instance wan ') }, ...spokes];
        },
      },
    ],
    invalid: [
      {
        name: 'flags the flagged pair: the interface in VPN instance "corp", remote-address in the public network',
        inputs: () => readConfigDir(`${dir}/flagged`),
        findings: ([a]) => [
          {
            ...at(a, ' remote-address 198.51.71.17'),
            severity: 'error',
            objectPath: 'ike-peer:siteb/remote-address:198.51.71.17',
            message: ['in the public network ("remote-address 198.51.71.17")', 'GigabitEthernet1/0/1, which is in VPN instance "corp"', '"peer address mismatch"', 'Write "remote-address vpn-instance corp 198.51.71.17"'],
            related: [at(a, ' ip binding vpn-instance corp')],
          },
        ],
      },
      {
        name: 'the reverse, written differently: remote-address in a VPN instance, the interface in the public network',
        inputs: reverse,
        findings: ([, b]) => [
          {
            ...at(b, 'remote-address vpn-instance corp'),
            column: 2,
            message: ['in VPN instance "corp" ("remote-address vpn-instance corp 203.0.71.33")', 'which is in the public network', 'Write "remote-address 203.0.71.33"'],
            related: [{ ...at(b, 'interface GigabitEthernet1/0/1'), message: 'public network' }],
          },
        ],
      },
      {
        name: 'flags a range line in another instance than the interface\'s',
        inputs: otherInstance,
        findings: ([a]) => [at(a, ' remote-address vpn-instance guest 198.51.71.32 198.51.71.35')],
      },
      {
        name: 'takes the interface owning "tunnel local": a public loopback',
        inputs: loopback,
        findings: ([a]) => [{ ...at(a, 'remote-address vpn-instance corp'), message: 'LoopBack0, which is in the public network' }],
      },
      {
        name: 'takes the interface owning "tunnel local": a VRRP virtual address on the corp interface, flagged without the instance',
        inputs: () => siteAOf(fixedA(), (text) => patch(vrrp(text), ' remote-address vpn-instance corp 198.51.71.33\n', ' remote-address 198.51.71.33\n')),
        findings: ([a]) => [{ ...at(a, ' remote-address 198.51.71.33'), message: 'GigabitEthernet1/0/1, which is in VPN instance "corp"' }],
      },
      {
        name: 'spells the IPv6 line to type',
        inputs: v6,
        findings: ([a]) => [{ ...at(a, ' remote-address ipv6 2001:db8::17'), message: 'Write "remote-address vpn-instance corp ipv6 2001:db8::17"' }],
      },
      {
        name: 'spells the host-name line to type',
        inputs: hostName,
        findings: ([a]) => [{ ...at(a, ' remote-address host-name siteb.example.net'), message: 'Write "remote-address vpn-instance corp host-name siteb.example.net"' }],
      },
      {
        name: 'one peer serving policies of two instances: the wrong one reported',
        inputs: twoInstances,
        findings: ([a]) => [{ ...at(a, ' remote-address vpn-instance corp 198.51.71.33'), message: ['IPSec policy "map2 10"', 'give IPSec policy "map2 10" an IKE peer of its own'] }],
      },
      {
        name: 'names the template policy when a template peer has the public remote-address',
        inputs: () => siteAOf(flaggedA(), (text) => patch(template(text), ' sa binding vpn-instance corp\n', ' remote-address 198.51.71.17\n sa binding vpn-instance corp\n')),
        findings: ([a]) => [{ ...at(a, ' remote-address 198.51.71.17'), message: 'the template policy "map1 10"' }],
      },
      {
        name: 'flags every peer of the generated hub once only its interface moves into a VPN instance',
        inputs: hubBound,
        findings: ([hub]) => Array.from({ length: 20 }, (_, k) => ({ ...at(hub, ' remote-address ', k + 1), objectPath: new RegExp(`^ike-peer:spoke${k}/`) })),
      },
    ],
  });

  it('fixes the flagged pair with the instance on the remote-address line (unsafe); the fixed network is quiet', () => {
    const [a, b] = readConfigDir(`${dir}/flagged`);
    const [finding] = lintInputs([a, b], [RULE]).findings;
    expect(finding.fix?.applicability).toBe('unsafe');
    expect(finding.fix?.commands).toEqual(['system-view', 'ike peer siteb', 'remote-address vpn-instance corp 198.51.71.17', 'return']);
    const text = applyFixes(a.text, [finding.fix!]).text;
    expect(text).toContain('\n remote-address vpn-instance corp 198.51.71.17\n sa binding vpn-instance corp\n');
    expect(lint([{ ...a, text }, b], [RULE])).toEqual([]);
  });

  it('fixes the reverse, the other-instance range line (rewritten with the interface\'s instance), the loopback and the generated hub', () => {
    fixesClean(reverse());
    const [finding] = lintInputs(otherInstance(), [RULE]).findings;
    expect(finding.fix?.commands).toContain('remote-address vpn-instance corp 198.51.71.32 198.51.71.35');
    fixesClean(otherInstance());
    fixesClean(loopback());
    fixesClean(hubBound());
  });

  it('offers no fix for IPv6 and host-name lines, nor for a peer serving policies of two instances', () => {
    for (const inputs of [v6(), hostName(), twoInstances()]) {
      const findings = lintInputs(inputs, [RULE]).findings;
      expect(findings).toHaveLength(1);
      expect(findings[0].fix).toBeUndefined();
    }
  });

  it('finds nothing on the corpus set-ups', () => {
    requireCorpus();
    for (const name of corpusNames()) expect(lint(corpus(name), [RULE]), name).toEqual([]);
    expect(lint(corpus(...corpusNames()), [RULE])).toEqual([]);
  });
});
