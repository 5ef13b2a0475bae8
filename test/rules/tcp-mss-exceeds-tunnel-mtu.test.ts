import { describe, expect, it } from 'vitest';
import { applyFixes } from '../../src/fix/generate.js';
import { fixedWithSiteA, type Input, lint, lintInputs, readConfigDir } from '../helpers/rule-harness.js';
import { at, exactly, ruleTester } from '../helpers/rule-tester.js';

const ID = 'tcp-mss-exceeds-tunnel-mtu';

const GLOBAL_MSS = ' firewall tcp-mss 1350\n';
const BINDING = ' ipsec policy map1\n';
const PROPOSAL = 'ipsec proposal p10\n encapsulation-mode tunnel\n esp authentication-algorithm sha2-256\n esp encryption-algorithm aes-256\n';

/** The fixed pair with site A changed (the change must apply). */
const withSiteA = (change: (text: string) => string): Input[] => fixedWithSiteA(ID, change);

const withGlobalMss = (mss: number) => (text: string) => text.replace(GLOBAL_MSS, ` firewall tcp-mss ${mss}\n`);
const withProposal = (lines: string) => (text: string) => text.replace(PROPOSAL, `ipsec proposal p10\n${lines}`);

const ALL_BUT_MTU = 'more than the MTU';
const tail = (max: number, fix: string): string =>
  `so large TCP segments are fragmented after encryption or dropped when DF is set; lower the MSS to at most ${max} (e.g. "${fix}").`;

const PROFILE =
  'ipsec profile prof1\n ike-peer branch\n proposal p10\n#\n' +
  'interface Tunnel1\n ip address 172.16.36.1 255.255.255.252\n tunnel-protocol ipsec\n source GigabitEthernet1/0/0\n destination 198.51.36.33\n mtu 1400\n ipsec profile prof1\n#\n';
const withProfile = (text: string): string => text.replace('interface GigabitEthernet1/0/1\n', `${PROFILE}interface GigabitEthernet1/0/1\n`);

const bindingRelated = (a: Input) => ({ ...at(a, BINDING.trimEnd()), column: 2, message: exactly('GigabitEthernet1/0/0 carries IPSec policy "map1" here.') });

describe(ID, () => {
  ruleTester(ID, {
    // The fixed example: 1350 + 40 + 77 = 1467 bytes.
    fixedExample: true,
    documentationSets: true,
    valid: [
      { name: 'lets a smaller interface "tcp adjust-mss" override a too large global one', inputs: () => withSiteA((text) => withGlobalMss(1460)(text).replace(BINDING, ` tcp adjust-mss 1300\n${BINDING}`)) },
      { name: 'is quiet when the interface "mtu" fits the packets (1467)', inputs: () => withSiteA((text) => text.replace(BINDING, ` mtu 1467\n${BINDING}`)) },
      { name: 'is quiet under option "assumedMtu" 1467', inputs: () => readConfigDir(`configs-examples/${ID}/fixed`), options: { assumedMtu: 1467 } },
      { name: 'is quiet for "transform ah-esp" with sha2-256 (1350 + 40 + 77 + 12 + 16 = 1495)', inputs: () => withSiteA(withProposal(' transform ah-esp\n ah authentication-algorithm sha2-256\n')) },
      { name: 'drops the outer IP header in transport mode', inputs: () => withSiteA((text) => withProposal(' encapsulation-mode transport\n')(withGlobalMss(1390)(text))) },
      { name: 'is quiet on MSS 1380 without NAT (1380 + 40 + 77 = 1497)', inputs: () => withSiteA(withGlobalMss(1380)) },
      { name: 'leaves an interface without any MSS limit to tcp-mss-not-set', inputs: () => withSiteA((text) => text.replace(GLOBAL_MSS, '').replace(BINDING, ` mtu 1000\n${BINDING}`)) },
    ],
    invalid: [
      {
        name: 'flags the global MSS of the flagged example at its value, with the policy binding as related location',
        inputs: () => readConfigDir(`configs-examples/${ID}/flagged`),
        findings: ([a]) => [
          {
            ...at(a, ' firewall tcp-mss 1460'),
            severity: 'warning',
            column: 19,
            endLine: at(a, ' firewall tcp-mss 1460').line,
            endColumn: 23,
            message: exactly(
              'TCP MSS "1460" plus 40 bytes of TCP/IP headers and up to 77 bytes of IPSec overhead (proposal "p10") makes packets of up to 1577 bytes, ' +
                `${ALL_BUT_MTU} 1500 assumed for "GigabitEthernet1/0/0" (it has no "mtu" line), ${tail(1383, 'firewall tcp-mss 1350')}`,
            ),
            objectPath: 'interface:GigabitEthernet1/0/0/tcp-mss-mtu',
            related: [bindingRelated(a)],
          },
        ],
      },
      {
        name: 'checks the interface "tcp adjust-mss", which overrides the global value, and suggests the interface command',
        inputs: () => withSiteA((text) => text.replace(BINDING, ` tcp adjust-mss 1460\n${BINDING}`)),
        findings: ([a]) => [
          {
            ...at(a, ' tcp adjust-mss 1460'),
            column: 17,
            endColumn: 21,
            objectPath: 'interface:GigabitEthernet1/0/0/tcp-mss-mtu',
            message: ['TCP MSS "1460" plus 40 bytes', tail(1383, 'tcp adjust-mss 1350')],
          },
        ],
      },
      {
        name: 'uses the interface "mtu" line and points at it, and suggests the largest fitting MSS below 1350',
        inputs: () => withSiteA((text) => text.replace(BINDING, ` mtu 1400\n${BINDING}`)),
        findings: ([a]) => [
          {
            ...at(a, GLOBAL_MSS.trimEnd()),
            column: 19,
            endColumn: 23,
            message: exactly(
              'TCP MSS "1350" plus 40 bytes of TCP/IP headers and up to 77 bytes of IPSec overhead (proposal "p10") makes packets of up to 1467 bytes, ' +
                `${ALL_BUT_MTU} "1400" of "GigabitEthernet1/0/0", ${tail(1283, 'firewall tcp-mss 1283')}`,
            ),
            related: [{ ...at(a, ' mtu 1400'), column: 6, message: exactly('GigabitEthernet1/0/0 has MTU 1400 here.') }, bindingRelated(a)],
          },
        ],
      },
      {
        name: 'assumes the MTU of option "assumedMtu" for interfaces without an "mtu" line',
        inputs: () => readConfigDir(`configs-examples/${ID}/fixed`),
        options: { assumedMtu: 1466 },
        findings: ([a, b]) => [
          { ...at(a, GLOBAL_MSS.trimEnd()), message: `${ALL_BUT_MTU} 1466 assumed for "GigabitEthernet1/0/0" (it has no "mtu" line), ${tail(1349, 'firewall tcp-mss 1349')}` },
          at(b, GLOBAL_MSS.trimEnd()),
        ],
      },
      {
        name: 'does not assume the "assumedMtu" over an explicit "mtu" line',
        inputs: () => withSiteA((text) => text.replace(BINDING, ` mtu 1500\n${BINDING}`)),
        options: { assumedMtu: 1466 },
        findings: ([, b]) => [at(b, GLOBAL_MSS.trimEnd())],
      },
      {
        name: 'adds the AH header and ICV for "transform ah-esp" (sha2-512)',
        inputs: () => withSiteA(withProposal(' transform ah-esp\n ah authentication-algorithm sha2-512\n esp authentication-algorithm sha2-512\n')),
        findings: ([a]) => [
          { ...at(a, GLOBAL_MSS.trimEnd()), message: ['up to 137 bytes of IPSec overhead (proposal "p10") makes packets of up to 1527 bytes', tail(1323, 'firewall tcp-mss 1323')] },
        ],
      },
      {
        name: 'counts the outer IP header in tunnel mode',
        inputs: () => withSiteA(withGlobalMss(1390)),
        findings: ([a]) => [{ ...at(a, ' firewall tcp-mss 1390'), message: 'up to 77 bytes of IPSec overhead (proposal "p10") makes packets of up to 1507 bytes' }],
      },
      {
        name: 'adds the UDP header of NAT traversal when the tunnel crosses NAT',
        inputs: () => withSiteA(withGlobalMss(1380)),
        topology: { tunnels: [{ ends: [`configs-examples/${ID}/fixed/site-a.cfg`, `configs-examples/${ID}/fixed/site-b.cfg`], nat: true }] },
        findings: ([a]) => [{ ...at(a, ' firewall tcp-mss 1380'), message: 'up to 85 bytes of IPSec overhead (proposal "p10") makes packets of up to 1505 bytes' }],
      },
      {
        name: 'checks a route-based tunnel interface with "ipsec profile"',
        inputs: () => withSiteA(withProfile),
        findings: ([a]) => [
          {
            ...at(a, GLOBAL_MSS.trimEnd()),
            column: 19,
            objectPath: 'interface:Tunnel1/tcp-mss-mtu',
            message: `${ALL_BUT_MTU} "1400" of "Tunnel1"`,
            related: [
              { ...at(a, ' mtu 1400'), column: 6, message: exactly('Tunnel1 has MTU 1400 here.') },
              { ...at(a, ' ipsec profile prof1'), column: 16, message: exactly('Tunnel1 carries IPSec profile "prof1" here.') },
            ],
          },
        ],
      },
      {
        name: 'checks the policy-bound interface and the tunnel interface once each',
        inputs: () => withSiteA((text) => withGlobalMss(1460)(withProfile(text))),
        findings: ([a]) => [
          { ...at(a, ' firewall tcp-mss 1460'), objectPath: 'interface:GigabitEthernet1/0/0/tcp-mss-mtu' },
          { ...at(a, ' firewall tcp-mss 1460'), objectPath: 'interface:Tunnel1/tcp-mss-mtu' },
        ],
      },
    ],
  });

  it('fixes the MSS value: safe on the interface line, unsafe on the global one; the fixed network is quiet', () => {
    const check = (inputs: Input[], applicability: string, commands: string[]) => {
      const [finding] = lintInputs(inputs, [ID]).findings;
      expect(finding.fix?.applicability).toBe(applicability);
      expect(finding.fix?.commands).toEqual(commands);
      const fixed = inputs.map((input) => (input.file === finding.fix!.file ? { ...input, text: applyFixes(input.text, [finding.fix!]).text } : input));
      expect(lint(fixed, [ID])).toEqual([]);
    };
    check(readConfigDir(`configs-examples/${ID}/flagged`), 'unsafe', ['system-view', 'firewall tcp-mss 1350', 'return']);
    const onInterface = withSiteA((text) => text.replace(BINDING, ` tcp adjust-mss 1460\n${BINDING}`));
    check(onInterface, 'safe', ['system-view', 'interface GigabitEthernet1/0/0', 'tcp adjust-mss 1350', 'return']);
  });

  it('notes and skips a policy whose IPSec proposal is not known', () => {
    const inputs = withSiteA((text) => withGlobalMss(1460)(text).replace('\n proposal p10\n', '\n proposal p99\n'));
    const outcome = lintInputs(inputs, [ID]);
    expect(outcome.findings).toEqual([]);
    expect(outcome.notes).toEqual([
      { file: inputs[0].file, message: 'cannot verify the TCP MSS against the MTU for ipsec-policy:map1/10: its IPSec proposal has values or algorithms fwlint does not know' },
    ]);
  });
});
