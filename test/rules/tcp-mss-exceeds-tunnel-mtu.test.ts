import { describe, expect, it } from 'vitest';
import { applyFixes } from '../../src/fix/generate.js';
import { expectSilentOnFixedAndDocs, fixedWithSiteA, type Input, lineOf, lint, lintInputs, readConfigDir } from '../helpers/rule-harness.js';

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

describe(ID, () => {
  it('flags the global MSS of the flagged example at its value, with the policy binding as related location', () => {
    const inputs = readConfigDir(`configs-examples/${ID}/flagged`);
    const [siteA] = inputs;
    expect(lint(inputs, [ID])).toEqual([
      {
        ruleId: ID,
        severity: 'warning',
        file: siteA.file,
        line: lineOf(siteA.text, ' firewall tcp-mss 1460'),
        column: 19,
        endLine: lineOf(siteA.text, ' firewall tcp-mss 1460'),
        endColumn: 23,
        message:
          'TCP MSS "1460" plus 40 bytes of TCP/IP headers and up to 77 bytes of IPSec overhead (proposal "p10") makes packets of up to 1577 bytes, ' +
          `${ALL_BUT_MTU} 1500 assumed for "GigabitEthernet1/0/0" (it has no "mtu" line), ${tail(1383, 'firewall tcp-mss 1350')}`,
        objectPath: 'interface:GigabitEthernet1/0/0/tcp-mss-mtu',
        related: [
          { file: siteA.file, line: lineOf(siteA.text, BINDING.trimEnd()), column: 2, message: 'GigabitEthernet1/0/0 carries IPSec policy "map1" here.' },
        ],
      },
    ]);
  });

  it('is silent on the fixed example (1350 + 40 + 77 = 1467 bytes) and the documentation pairs', () => {
    expectSilentOnFixedAndDocs(ID);
  });

  it('checks the interface "tcp adjust-mss", which overrides the global value, and suggests the interface command', () => {
    const inputs = withSiteA((text) => text.replace(BINDING, ` tcp adjust-mss 1460\n${BINDING}`));
    const siteA = inputs[0];
    const [finding] = lint(inputs, [ID]);
    expect(finding).toMatchObject({
      file: siteA.file,
      line: lineOf(siteA.text, ' tcp adjust-mss 1460'),
      column: 17,
      endColumn: 21,
      objectPath: 'interface:GigabitEthernet1/0/0/tcp-mss-mtu',
    });
    expect(finding.message).toContain('TCP MSS "1460" plus 40 bytes');
    expect(finding.message).toContain(tail(1383, 'tcp adjust-mss 1350'));
    const smallerOnInterface = withSiteA((text) => withGlobalMss(1460)(text).replace(BINDING, ` tcp adjust-mss 1300\n${BINDING}`));
    expect(lint(smallerOnInterface, [ID])).toEqual([]);
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

  it('uses the interface "mtu" line and points at it, and suggests the largest fitting MSS below 1350', () => {
    const inputs = withSiteA((text) => text.replace(BINDING, ` mtu 1400\n${BINDING}`));
    const siteA = inputs[0];
    expect(lint(inputs, [ID])).toEqual([
      expect.objectContaining({
        line: lineOf(siteA.text, GLOBAL_MSS.trimEnd()),
        column: 19,
        endColumn: 23,
        message:
          'TCP MSS "1350" plus 40 bytes of TCP/IP headers and up to 77 bytes of IPSec overhead (proposal "p10") makes packets of up to 1467 bytes, ' +
          `${ALL_BUT_MTU} "1400" of "GigabitEthernet1/0/0", ${tail(1283, 'firewall tcp-mss 1283')}`,
        related: [
          { file: siteA.file, line: lineOf(siteA.text, ' mtu 1400'), column: 6, message: 'GigabitEthernet1/0/0 has MTU 1400 here.' },
          { file: siteA.file, line: lineOf(siteA.text, BINDING.trimEnd()), column: 2, message: 'GigabitEthernet1/0/0 carries IPSec policy "map1" here.' },
        ],
      }),
    ]);
    expect(lint(withSiteA((text) => text.replace(BINDING, ` mtu 1467\n${BINDING}`)), [ID])).toEqual([]);
  });

  it('assumes the MTU of option "assumedMtu" for interfaces without an "mtu" line, but not over an explicit one', () => {
    const fixed = readConfigDir(`configs-examples/${ID}/fixed`);
    const options = { options: { [ID]: { assumedMtu: 1466 } } };
    const findings = lint(fixed, [ID], options);
    expect(findings.map((f) => f.file)).toEqual([fixed[0].file, fixed[1].file]);
    expect(findings[0].message).toContain(`${ALL_BUT_MTU} 1466 assumed for "GigabitEthernet1/0/0" (it has no "mtu" line), ${tail(1349, 'firewall tcp-mss 1349')}`);
    expect(lint(fixed, [ID], { options: { [ID]: { assumedMtu: 1467 } } })).toEqual([]);
    const explicitMtu = withSiteA((text) => text.replace(BINDING, ` mtu 1500\n${BINDING}`));
    expect(lint(explicitMtu, [ID], options).map((f) => f.file)).toEqual([fixed[1].file]);
  });

  it('adds the AH header and ICV for "transform ah-esp"', () => {
    const sha256 = withSiteA(withProposal(' transform ah-esp\n ah authentication-algorithm sha2-256\n'));
    expect(lint(sha256, [ID])).toEqual([]); // 1350 + 40 + 77 + 12 + 16 = 1495
    const sha512 = withSiteA(withProposal(' transform ah-esp\n ah authentication-algorithm sha2-512\n esp authentication-algorithm sha2-512\n'));
    const [finding] = lint(sha512, [ID]);
    expect(finding.message).toContain('up to 137 bytes of IPSec overhead (proposal "p10") makes packets of up to 1527 bytes');
    expect(finding.message).toContain(tail(1323, 'firewall tcp-mss 1323'));
  });

  it('drops the outer IP header in transport mode', () => {
    const tunnel = withSiteA(withGlobalMss(1390));
    expect(lint(tunnel, [ID])[0].message).toContain('up to 77 bytes of IPSec overhead (proposal "p10") makes packets of up to 1507 bytes');
    const transport = withSiteA((text) => withProposal(' encapsulation-mode transport\n')(withGlobalMss(1390)(text)));
    expect(lint(transport, [ID])).toEqual([]);
  });

  it('adds the UDP header of NAT traversal when the tunnel crosses NAT', () => {
    const inputs = withSiteA(withGlobalMss(1380));
    expect(lint(inputs, [ID])).toEqual([]); // 1380 + 40 + 77 = 1497
    const natted = lint(inputs, [ID], { topology: { tunnels: [{ ends: [inputs[0].file, inputs[1].file], nat: true }] } });
    expect(natted.map((f) => [f.file, f.line])).toEqual([[inputs[0].file, lineOf(inputs[0].text, ' firewall tcp-mss 1380')]]);
    expect(natted[0].message).toContain('up to 85 bytes of IPSec overhead (proposal "p10") makes packets of up to 1505 bytes');
  });

  it('notes and skips a policy whose IPSec proposal is not known', () => {
    const inputs = withSiteA((text) => withGlobalMss(1460)(text).replace('\n proposal p10\n', '\n proposal p99\n'));
    const outcome = lintInputs(inputs, [ID]);
    expect(outcome.findings).toEqual([]);
    expect(outcome.notes).toEqual([
      { file: inputs[0].file, message: 'cannot verify the TCP MSS against the MTU for ipsec-policy:map1/10: its IPSec proposal has values or algorithms fwlint does not know' },
    ]);
  });

  it('checks a route-based tunnel interface with "ipsec profile", once per interface', () => {
    const profile =
      'ipsec profile prof1\n ike-peer branch\n proposal p10\n#\n' +
      'interface Tunnel1\n ip address 172.16.36.1 255.255.255.252\n tunnel-protocol ipsec\n source GigabitEthernet1/0/0\n destination 198.51.36.33\n mtu 1400\n ipsec profile prof1\n#\n';
    const inputs = withSiteA((text) => text.replace('interface GigabitEthernet1/0/1\n', `${profile}interface GigabitEthernet1/0/1\n`));
    const siteA = inputs[0];
    const findings = lint(inputs, [ID]);
    expect(findings.map((f) => [f.line, f.column, f.objectPath])).toEqual([[lineOf(siteA.text, GLOBAL_MSS.trimEnd()), 19, 'interface:Tunnel1/tcp-mss-mtu']]);
    expect(findings[0].message).toContain(`${ALL_BUT_MTU} "1400" of "Tunnel1"`);
    expect(findings[0].related).toEqual([
      { file: siteA.file, line: lineOf(siteA.text, ' mtu 1400'), column: 6, message: 'Tunnel1 has MTU 1400 here.' },
      { file: siteA.file, line: lineOf(siteA.text, ' ipsec profile prof1'), column: 16, message: 'Tunnel1 carries IPSec profile "prof1" here.' },
    ]);
    const bothOverGlobal = lint(
      inputs.map((input, index) => (index === 0 ? { ...input, text: withGlobalMss(1460)(input.text) } : input)),
      [ID],
    );
    expect(bothOverGlobal.map((f) => f.objectPath).sort()).toEqual(['interface:GigabitEthernet1/0/0/tcp-mss-mtu', 'interface:Tunnel1/tcp-mss-mtu']);
  });

  it('leaves an interface without any MSS limit to tcp-mss-not-set', () => {
    expect(lint(withSiteA((text) => text.replace(GLOBAL_MSS, '').replace(BINDING, ` mtu 1000\n${BINDING}`)), [ID])).toEqual([]);
  });
});
