import { describe, expect, it } from 'vitest';
import { corpus, lint, lintDir, lintInputs, lineOf, readConfigDir } from '../helpers/rule-harness.js';
import { applyFixes } from '../../src/fix/generate.js';
import { NO_NAT_VPN, natDevice, type NatDeviceOptions } from './nat-fixture.js';

const ID = 'nat-translates-ike-packets';
const dir = `configs-examples/${ID}`;

function run(options: NatDeviceOptions) {
  const text = natDevice(options);
  return { text, findings: lint([{ file: 'fw1.cfg', text }], [ID]) };
}

const rule = (...lines: string[]) => [' rule name nat2', ...lines.map((l) => `  ${l}`), '  action source-nat easy-ip'].join('\n');

describe(ID, () => {
  it('flags the rule without source zone on both flagged ends (guide: policy_nat2)', () => {
    const inputs = readConfigDir(`${dir}/flagged`);
    const findings = lintDir(`${dir}/flagged`, [ID]);
    expect(findings.map((f) => f.file)).toEqual(inputs.map((i) => i.file));
    for (const [index, input] of inputs.entries()) {
      const f = findings[index];
      expect(f.line).toBe(lineOf(input.text, 'rule name internet'));
      expect(f.column).toBe(2);
      expect(f.endColumn).toBe(' rule name internet'.length + 1);
      expect(f.objectPath).toBe('nat-policy/rule:internet');
      expect(f.message).toContain('udp dport 500');
      expect(f.related).toEqual([expect.objectContaining({ file: input.file, line: lineOf(input.text, 'interface GigabitEthernet1/0/1') + 1 })]);
    }
  });

  it('reports nothing on the fixed set', () => {
    expect(lintDir(`${dir}/fixed`, [ID])).toEqual([]);
  });

  it('evaluates the whole match against the IKE packets', () => {
    expect(run({ natPolicy: rule('destination-zone untrust') }).findings).toHaveLength(1);
    expect(run({ natPolicy: rule('source-zone local', 'egress-interface GigabitEthernet1/0/1') }).findings).toHaveLength(1);
    expect(run({ natPolicy: rule('destination-address 198.51.100.0 mask 255.255.255.0') }).findings).toHaveLength(1);
    expect(run({ natPolicy: rule('service ike') }).findings.length).toBeLessThanOrEqual(1);
    expect(run({ natPolicy: rule('source-zone trust', 'destination-zone untrust') }).findings).toEqual([]);
    expect(run({ natPolicy: rule('destination-zone untrust', 'source-address 10.1.0.0 mask 255.255.0.0') }).findings).toEqual([]);
    expect(run({ natPolicy: rule('destination-zone dmz') }).findings).toEqual([]);
    expect(run({ natPolicy: rule('egress-interface GigabitEthernet1/0/3') }).findings).toEqual([]);
    expect(run({ natPolicy: rule('destination-address 192.0.2.0 mask 255.255.255.0') }).findings).toEqual([]);
    expect(run({ natPolicy: rule('destination-zone untrust'), bind: false }).findings).toEqual([]);
  });

  it('accepts a no-nat rule for the IKE packets placed first', () => {
    const exempt = ' rule name ike\n  source-zone local\n  destination-address 198.51.100.1 mask 255.255.255.255\n  action no-nat';
    expect(run({ natPolicy: `${exempt}\n${NO_NAT_VPN}\n${rule('destination-zone untrust')}` }).findings).toEqual([]);
  });

  it('reports nothing on the corpus documentation pairs and AR interface NAT limited to the LAN', () => {
    const names = ['hwdoc-ar-evpn-routera.cfg', 'hwdoc-ar-evpn-routerb.cfg', 'hwdoc-ar-natt-routera.cfg', 'hwdoc-ar-natt-routerb.cfg'];
    expect(lint(corpus(...names), [ID])).toEqual([]);
    expect(lint(corpus('hwdoc-ar-redundant-routera.cfg', 'hwdoc-ar-redundant-routerb.cfg', 'hwdoc-ar-redundant-routerc.cfg'), [ID])).toEqual([]);
    expect(lint(corpus('alicloud-faq-huawei-usg-nat-snippet.cfg'), [ID])).toEqual([]);
    expect(run({ acls: 'acl number 2000\n rule 5 permit source 10.1.0.0 0.0.255.255', wanLines: ['nat outbound 2000'] }).findings).toEqual([]);
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

  it('flags AR "nat outbound" whose ACL also permits the tunnel address', () => {
    const { text, findings } = run({ acls: 'acl number 2000\n rule 5 permit', wanLines: ['nat outbound 2000'] });
    expect(findings).toHaveLength(1);
    expect(findings[0].line).toBe(lineOf(text, 'nat outbound 2000'));
  });

  it('reports nothing on a hub with 200 peers and LAN-only NAT', () => {
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
    expect(lint([{ file: 'hub.cfg', text: lines.join('\n') }], [ID])).toEqual([]);
  });
});
