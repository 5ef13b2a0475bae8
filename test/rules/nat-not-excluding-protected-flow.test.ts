import { describe, expect, it } from 'vitest';
import { corpus, lint, lintDir, lintInputs, lineOf, readConfigDir } from '../helpers/rule-harness.js';
import { applyFixes } from '../../src/fix/generate.js';
import { paths, readTree, runCommands } from '../helpers/vrp-interpreter.js';
import { EASY_IP_ALL, NO_NAT_VPN, natDevice, type NatDeviceOptions, spokeAclRules } from './nat-fixture.js';

const ID = 'nat-not-excluding-protected-flow';
const dir = `configs-examples/${ID}`;

function run(options: NatDeviceOptions) {
  const text = natDevice(options);
  return { text, findings: lint([{ file: 'fw1.cfg', text }], [ID]) };
}

describe(ID, () => {
  it('flags the translating rule on both flagged ends: a no-nat placed after it, and none at all', () => {
    const [a, b] = readConfigDir(`${dir}/flagged`);
    const findings = lintDir(`${dir}/flagged`, [ID]);
    expect(findings.map((f) => f.file)).toEqual([a.file, b.file]);
    const [fa, fb] = findings;
    expect(fa.line).toBe(lineOf(a.text, 'rule name internet'));
    expect(fa.column).toBe(2);
    expect(fa.endColumn).toBe(' rule name internet'.length + 1);
    expect(fa.objectPath).toBe('nat-policy/rule:internet');
    expect(fa.message).toContain('"rule move no-nat-vpn before internet"');
    expect(fa.related).toEqual([expect.objectContaining({ file: a.file, line: lineOf(a.text, ' rule 5 permit'), column: 2 })]);
    expect(fb.line).toBe(lineOf(b.text, 'rule name internet'));
    expect(fb.message).toContain('Add a "no-nat" rule');
    expect(fb.message).toContain('source 10.2.21.0/24 → destination 10.2.11.0/24');
  });

  it('reports nothing on the fixed set', () => {
    expect(lintDir(`${dir}/fixed`, [ID])).toEqual([]);
  });

  it('accepts a no-nat rule placed before the source-NAT rule', () => {
    expect(run({ natPolicy: `${NO_NAT_VPN}\n${EASY_IP_ALL}` }).findings).toEqual([]);
  });

  it('flags the part of the flow the no-nat rule leaves out (guide: policy_nat2)', () => {
    const { text, findings } = run({
      aclRules: ['rule 5 permit ip source 10.1.1.0 0.0.0.255 destination 10.2.0.0 0.0.255.255'],
      natPolicy: `${NO_NAT_VPN}\n${EASY_IP_ALL}`,
    });
    expect(findings).toHaveLength(1);
    expect(findings[0].line).toBe(lineOf(text, 'rule name internet'));
    // 10.2.0.0/16 minus 10.2.1.0/24, as the prefixes around the hole (largest first)
    expect(findings[0].message).toContain('destination 10.2.128.0/17');
    expect(findings[0].message).not.toContain('10.2.1.0/24');
  });

  it('walks zones, egress interface and addresses as the device does', () => {
    const otherZone = ' rule name dmz-out\n  source-zone dmz\n  destination-zone untrust\n  action source-nat easy-ip';
    expect(run({ natPolicy: otherZone }).findings).toEqual([]);
    const otherEgress = ' rule name via-3\n  source-zone trust\n  egress-interface GigabitEthernet1/0/3\n  action source-nat easy-ip';
    expect(run({ natPolicy: otherEgress }).findings).toEqual([]);
    const wanEgress = ' rule name via-1\n  source-zone trust\n  egress-interface GigabitEthernet1/0/1\n  action source-nat easy-ip';
    expect(run({ natPolicy: wanEgress }).findings).toHaveLength(1);
    const otherSource = ' rule name lan2\n  source-address 10.1.2.0 mask 255.255.255.0\n  action source-nat easy-ip';
    expect(run({ natPolicy: otherSource }).findings).toEqual([]);
    const disabled = ` rule name internet\n  disable\n  source-zone trust\n  action source-nat easy-ip`;
    expect(run({ natPolicy: disabled }).findings).toEqual([]);
  });

  it('takes the source zone from the interface facing each protected subnet', () => {
    const { findings } = run({
      aclRules: ['rule 5 permit ip source 10.1.2.0 0.0.0.255 destination 10.2.1.0 0.0.0.255'],
      natPolicy: ' rule name dmz-out\n  source-zone dmz\n  destination-zone untrust\n  action source-nat easy-ip',
    });
    expect(findings).toHaveLength(1);
  });

  it('ignores policies bound to no interface', () => {
    expect(run({ natPolicy: EASY_IP_ALL, bind: false }).findings).toEqual([]);
  });

  it('handles the legacy nat-policy interzone syntax, in order', () => {
    const exempted = [
      'nat-policy interzone trust untrust outbound',
      ' policy 0',
      '  action no-nat',
      '  policy source 10.1.1.0 mask 24',
      '  policy destination 10.2.1.0 mask 24',
      ' policy 1',
      '  action source-nat',
      '  policy source 10.1.1.0 mask 24',
      '  easy-ip GigabitEthernet1/0/1',
    ];
    expect(run({ natPolicy: exempted.join('\n') }).findings).toEqual([]);
    const reversed = [exempted[0], ...exempted.slice(5), ...exempted.slice(1, 5)].join('\n');
    const { text, findings } = run({ natPolicy: reversed });
    expect(findings).toHaveLength(1);
    expect(findings[0].line).toBe(lineOf(text, ' policy 1'));
    expect(findings[0].message).toContain('Move policy "0" above policy "1"');
  });

  it('counts AR "nat outbound ACL" on the IPSec interface', () => {
    const acls = 'acl number 2000\n rule 5 permit source 10.1.0.0 0.0.255.255';
    const { text, findings } = run({ acls, wanLines: ['nat outbound 2000'] });
    expect(findings).toHaveLength(1);
    expect(findings[0].line).toBe(lineOf(text, 'nat outbound 2000'));
    expect(findings[0].message).toContain('"nat outbound 2000"');
    const denied = 'acl number 3999\n rule 5 deny ip source 10.1.1.0 0.0.0.255 destination 10.2.1.0 0.0.0.255\n rule 10 permit ip source 10.1.0.0 0.0.255.255';
    expect(run({ acls: denied, wanLines: ['nat outbound 3999'] }).findings).toEqual([]);
  });

  it('fixes a device with no no-nat rule at all: a new no-nat rule above the translating one, then clean', () => {
    const text = natDevice({ natPolicy: ` rule name dmz\n  source-zone dmz\n  action source-nat easy-ip\n${EASY_IP_ALL}` });
    const [finding] = lintInputs([{ file: 'fw1.cfg', text }], [ID]).findings;
    const fix = finding.fix;
    expect(fix?.applicability).toBe('safe');
    if (!fix) return;
    const edited = applyFixes(text, [fix]).text;
    expect(edited).toContain(' rule name dmz\n  source-zone dmz\n  action source-nat easy-ip\n rule name no-nat-3000-5\n');
    expect(edited).toContain('  source-address 10.1.1.0 mask 255.255.255.0\n  destination-address 10.1.1.0 mask 255.255.255.0'.replace('destination-address 10.1.1.0', 'destination-address 10.2.1.0'));
    expect(fix.commands.slice(-3)).toEqual(['quit', 'rule move no-nat-3000-5 before internet', 'return']);
    expect(lint([{ file: 'fw1.cfg', text: edited }], [ID])).toEqual([]);
    const tree = readTree(text);
    runCommands(tree, fix.commands);
    expect(paths(tree)).toEqual(paths(readTree(edited)));
  });

  it('fixes AR "nat outbound" with a deny rule numbered below the advanced ACL\'s permit; none for a basic ACL', () => {
    const acls = 'acl number 3999\n rule 5 permit ip source 10.1.0.0 0.0.255.255';
    const text = natDevice({ acls, wanLines: ['nat outbound 3999'] });
    const [finding] = lintInputs([{ file: 'fw1.cfg', text }], [ID]).findings;
    const fix = finding.fix;
    if (!fix) throw new Error('no fix');
    expect(fix.commands).toEqual(['system-view', 'acl number 3999', 'rule 4 deny ip source 10.1.1.0 0.0.0.255 destination 10.2.1.0 0.0.0.255', 'return']);
    const edited = applyFixes(text, [fix]).text;
    expect(edited).toContain('acl number 3999\n rule 4 deny ip source 10.1.1.0 0.0.0.255 destination 10.2.1.0 0.0.0.255\n rule 5 permit');
    expect(lint([{ file: 'fw1.cfg', text: edited }], [ID])).toEqual([]);
    const basic = natDevice({ acls: 'acl number 2000\n rule 5 permit source 10.1.0.0 0.0.255.255', wanLines: ['nat outbound 2000'] });
    expect(lintInputs([{ file: 'fw1.cfg', text: basic }], [ID]).findings[0].fix).toBeUndefined();
  });

  it('reports nothing on the corpus documentation pairs and the Alibaba Cloud NAT exemption', () => {
    const names = ['hwdoc-ar-evpn-routera.cfg', 'hwdoc-ar-evpn-routerb.cfg', 'hwdoc-ar-natt-routera.cfg', 'hwdoc-ar-natt-routerb.cfg'];
    expect(lint(corpus(...names), [ID])).toEqual([]);
    expect(lint(corpus('hwdoc-ar-redundant-routera.cfg', 'hwdoc-ar-redundant-routerb.cfg', 'hwdoc-ar-redundant-routerc.cfg'), [ID])).toEqual([]);
    expect(lint(corpus('alicloud-faq-huawei-usg-nat-snippet.cfg'), [ID])).toEqual([]);
  });

  it('reports nothing on a hub with 200 spokes whose flows are all exempted first', () => {
    const aclRules = spokeAclRules(200);
    const noNat = ' rule name vpn\n  source-zone trust\n  destination-zone untrust\n  destination-address 172.16.0.0 mask 255.255.0.0\n  action no-nat';
    expect(run({ aclRules, natPolicy: `${noNat}\n${EASY_IP_ALL}` }).findings).toEqual([]);
    expect(run({ aclRules, natPolicy: `${EASY_IP_ALL}\n${noNat}` }).findings).toHaveLength(200);
  });
});
