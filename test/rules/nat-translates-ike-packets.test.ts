import { describe, expect, it } from 'vitest';
import { corpus, lint, lintInputs, lineOf, readConfigDir, type Input } from '../helpers/rule-harness.js';
import { at, ruleTester } from '../helpers/rule-tester.js';
import { applyFixes } from '../../src/fix/generate.js';
import { NO_NAT_VPN, natDevice, type NatDeviceOptions } from './nat-fixture.js';

const ID = 'nat-translates-ike-packets';
const dir = `configs-examples/${ID}`;

const rule = (...lines: string[]) => [' rule name nat2', ...lines.map((l) => `  ${l}`), '  action source-nat easy-ip'].join('\n');

describe(ID, () => {
  const fw1 = (options: NatDeviceOptions) => [{ file: 'fw1.cfg', text: natDevice(options) }];
  const hub = () => {
    const lines = ['#', ' sysname HUB', '#', 'ipsec proposal p', ' esp encryption-algorithm aes-256', '#'];
    for (let i = 0; i < 200; i++) {
      lines.push(`acl number ${3000 + i}`, ` rule 5 permit ip source 10.1.0.0 0.0.255.255 destination 172.16.${i}.0 0.0.0.255`, '#');
      lines.push(`ike peer s${i}`, ` remote-address 198.51.${i >> 7}.${(i & 127) + 1}`, '#');
      lines.push(`ipsec policy map1 ${i + 1} isakmp`, ` security acl ${3000 + i}`, ` ike-peer s${i}`, ' proposal p', '#');
    }
    lines.push('interface GigabitEthernet1/0/1', ' ip address 203.0.113.1 255.255.255.0', ' ipsec policy map1', '#');
    lines.push('interface GigabitEthernet1/0/2', ' ip address 10.1.1.1 255.255.0.0', '#');
    lines.push('firewall zone trust', ' add interface GigabitEthernet1/0/2', '#', 'firewall zone untrust', ' add interface GigabitEthernet1/0/1', '#');
    lines.push('nat-policy', ' rule name internet', '  source-zone trust', '  destination-zone untrust', '  action source-nat easy-ip', '#', 'return', '');
    return [{ file: 'hub.cfg', text: lines.join('\n') }];
  };
  const flagsNatRule = (name: string, ...lines: string[]) => ({ name, inputs: () => fw1({ natPolicy: rule(...lines) }), findings: ([f]: readonly Input[]) => [at(f, 'rule name nat2')] });

  ruleTester(ID, {
    fixedExample: true,
    valid: [
      { name: 'a rule from trust to untrust', inputs: () => fw1({ natPolicy: rule('source-zone trust', 'destination-zone untrust') }) },
      { name: 'a rule limited to the LAN source', inputs: () => fw1({ natPolicy: rule('destination-zone untrust', 'source-address 10.1.0.0 mask 255.255.0.0') }) },
      { name: 'a rule to another zone', inputs: () => fw1({ natPolicy: rule('destination-zone dmz') }) },
      { name: 'a rule on another egress interface', inputs: () => fw1({ natPolicy: rule('egress-interface GigabitEthernet1/0/3') }) },
      { name: 'a rule to other destinations', inputs: () => fw1({ natPolicy: rule('destination-address 192.0.2.0 mask 255.255.255.0') }) },
      { name: 'an unbound policy', inputs: () => fw1({ natPolicy: rule('destination-zone untrust'), bind: false }) },
      {
        name: 'accepts a no-nat rule for the IKE packets placed first',
        inputs: () => fw1({ natPolicy: ` rule name ike\n  source-zone local\n  destination-address 198.51.100.1 mask 255.255.255.255\n  action no-nat\n${NO_NAT_VPN}\n${rule('destination-zone untrust')}` }),
      },
      {
        name: 'reports nothing on the corpus documentation pairs (evpn and natt)',
        inputs: () => corpus('hwdoc-ar-evpn-routera.cfg', 'hwdoc-ar-evpn-routerb.cfg', 'hwdoc-ar-natt-routera.cfg', 'hwdoc-ar-natt-routerb.cfg'),
      },
      { name: 'reports nothing on the redundant documentation set', inputs: () => corpus('hwdoc-ar-redundant-routera.cfg', 'hwdoc-ar-redundant-routerb.cfg', 'hwdoc-ar-redundant-routerc.cfg') },
      { name: 'reports nothing on the Alibaba Cloud USG NAT snippet', inputs: () => corpus('alicloud-faq-huawei-usg-nat-snippet.cfg') },
      { name: 'AR interface NAT limited to the LAN', inputs: () => fw1({ acls: 'acl number 2000\n rule 5 permit source 10.1.0.0 0.0.255.255', wanLines: ['nat outbound 2000'] }) },
      { name: 'reports nothing on a hub with 200 peers and LAN-only NAT', inputs: hub },
    ],
    invalid: [
      {
        name: 'flags the rule without source zone on both flagged ends (guide: policy_nat2)',
        inputs: () => readConfigDir(`${dir}/flagged`),
        findings: (inputs) =>
          inputs.map((input) => ({
            ...at(input, 'rule name internet'),
            column: 2,
            endColumn: ' rule name internet'.length + 1,
            objectPath: 'nat-policy/rule:internet',
            message: 'udp dport 500',
            related: [{ file: input.file, line: lineOf(input.text, 'interface GigabitEthernet1/0/1') + 1 }],
          })),
      },
      flagsNatRule('evaluates the whole match against the IKE packets: a rule to untrust', 'destination-zone untrust'),
      flagsNatRule('a rule from local out of the WAN interface', 'source-zone local', 'egress-interface GigabitEthernet1/0/1'),
      flagsNatRule('a rule to the peer network', 'destination-address 198.51.100.0 mask 255.255.255.0'),
      {
        name: 'flags AR "nat outbound" whose ACL also permits the tunnel address',
        inputs: () => fw1({ acls: 'acl number 2000\n rule 5 permit', wanLines: ['nat outbound 2000'] }),
        findings: ([f]) => [at(f, 'nat outbound 2000')],
      },
    ],
  });

  it('a rule limited to service ike (UDP 500) reports once, at the rule; one limited to http does not', () => {
    const [input] = fw1({ natPolicy: rule('service ike') });
    const findings = lint([input], [ID]);
    expect(findings.map((f) => [f.line, f.column])).toEqual([[input.text.split('\n').indexOf(' rule name nat2') + 1, 2]]);
    expect(findings[0].message).toContain('udp dport 500');
    expect(lint(fw1({ natPolicy: rule('service http') }), [ID])).toEqual([]);
  });

  it('suggests a no-nat rule for the tunnel addresses above the translating rule; applied, the network lints clean', () => {
    const inputs = readConfigDir(`${dir}/flagged`);
    const findings = lintInputs(inputs, [ID]).findings;
    expect(findings).toHaveLength(2);
    const fixed = inputs.map((input) => {
      const suggestion = findings.find((f) => f.file === input.file)?.suggestions?.[0];
      if (!suggestion) throw new Error(`no suggestion for ${input.file}`);
      expect(suggestion.fix.applicability).toBe('unsafe');
      return { ...input, text: applyFixes(input.text, [suggestion.fix]).text };
    });
    expect(fixed[0].text).toContain(' rule name no-nat-ike\n  destination-zone untrust\n  source-address 203.0.4.17 mask 255.255.255.255\n  destination-address 198.51.4.17 mask 255.255.255.255\n  action no-nat\n rule name internet\n');
    expect(lint(fixed, [ID])).toEqual([]);
  });

  it('suggests, on AR, a deny rule for the tunnel addresses below the permit of an advanced NAT ACL', () => {
    const text = natDevice({ acls: 'acl number 3999\n rule 5 permit ip', wanLines: ['nat outbound 3999'] });
    const [finding] = lintInputs([{ file: 'fw1.cfg', text }], [ID]).findings;
    const suggestion = finding.suggestions?.[0];
    if (!suggestion) throw new Error('no suggestion');
    expect(suggestion.fix.commands).toEqual(['system-view', 'acl number 3999', 'rule 4 deny ip source 203.0.113.1 0.0.0.0 destination 198.51.100.1 0.0.0.0', 'return']);
    expect(lint([{ file: 'fw1.cfg', text: applyFixes(text, [suggestion.fix]).text }], [ID])).toEqual([]);
  });

});
