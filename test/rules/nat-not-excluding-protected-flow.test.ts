import { describe, expect, it } from 'vitest';
import { corpus, type Input, lint, lintInputs, readConfigDir } from '../helpers/rule-harness.js';
import { at, ruleTester } from '../helpers/rule-tester.js';
import { applyFixes } from '../../src/fix/generate.js';
import { paths, readTree, runCommands } from '../helpers/vrp-interpreter.js';
import { EASY_IP_ALL, NO_NAT_VPN, natDevice, type NatDeviceOptions, spokeAclRules } from './nat-fixture.js';

const ID = 'nat-not-excluding-protected-flow';
const dir = `configs-examples/${ID}`;

/** The fixture device as the one input fw1.cfg. */
const device = (options: NatDeviceOptions): Input[] => [{ file: 'fw1.cfg', text: natDevice(options) }];

const EXEMPTED_LEGACY = [
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
const SPOKES_NO_NAT = ' rule name vpn\n  source-zone trust\n  destination-zone untrust\n  destination-address 172.16.0.0 mask 255.255.0.0\n  action no-nat';

describe(ID, () => {
  ruleTester(ID, {
    fixedExample: true,
    valid: [
      { name: 'accepts a no-nat rule placed before the source-NAT rule', inputs: () => device({ natPolicy: `${NO_NAT_VPN}\n${EASY_IP_ALL}` }) },
      { name: 'walks zones: a rule of another source zone', inputs: () => device({ natPolicy: ' rule name dmz-out\n  source-zone dmz\n  destination-zone untrust\n  action source-nat easy-ip' }) },
      { name: 'walks the egress interface: a rule out of another interface', inputs: () => device({ natPolicy: ' rule name via-3\n  source-zone trust\n  egress-interface GigabitEthernet1/0/3\n  action source-nat easy-ip' }) },
      { name: 'walks addresses: a rule of another source subnet', inputs: () => device({ natPolicy: ' rule name lan2\n  source-address 10.1.2.0 mask 255.255.255.0\n  action source-nat easy-ip' }) },
      { name: 'skips a disabled rule', inputs: () => device({ natPolicy: ` rule name internet\n  disable\n  source-zone trust\n  action source-nat easy-ip` }) },
      { name: 'ignores policies bound to no interface', inputs: () => device({ natPolicy: EASY_IP_ALL, bind: false }) },
      { name: 'handles the legacy nat-policy interzone syntax: the no-nat policy first', inputs: () => device({ natPolicy: EXEMPTED_LEGACY.join('\n') }) },
      {
        name: 'counts the deny rule of an AR "nat outbound ACL"',
        inputs: () => device({ acls: 'acl number 3999\n rule 5 deny ip source 10.1.1.0 0.0.0.255 destination 10.2.1.0 0.0.0.255\n rule 10 permit ip source 10.1.0.0 0.0.255.255', wanLines: ['nat outbound 3999'] }),
      },
      {
        name: 'reports nothing on the corpus documentation pairs (evpn, natt)',
        inputs: () => corpus('hwdoc-ar-evpn-routera.cfg', 'hwdoc-ar-evpn-routerb.cfg', 'hwdoc-ar-natt-routera.cfg', 'hwdoc-ar-natt-routerb.cfg'),
      },
      { name: 'reports nothing on the corpus redundant set', inputs: () => corpus('hwdoc-ar-redundant-routera.cfg', 'hwdoc-ar-redundant-routerb.cfg', 'hwdoc-ar-redundant-routerc.cfg') },
      { name: 'reports nothing on the Alibaba Cloud NAT exemption', inputs: () => corpus('alicloud-faq-huawei-usg-nat-snippet.cfg') },
      { name: 'reports nothing on a hub with 200 spokes whose flows are all exempted first', inputs: () => device({ aclRules: spokeAclRules(200), natPolicy: `${SPOKES_NO_NAT}\n${EASY_IP_ALL}` }) },
    ],
    invalid: [
      {
        name: 'flags the translating rule on both flagged ends: a no-nat placed after it, and none at all',
        inputs: () => readConfigDir(`${dir}/flagged`),
        findings: ([a, b]) => [
          {
            ...at(a, 'rule name internet'),
            column: 2,
            endColumn: ' rule name internet'.length + 1,
            objectPath: 'nat-policy/rule:internet',
            message: '"rule move no-nat-vpn before internet"',
            related: [{ ...at(a, ' rule 5 permit'), column: 2 }],
          },
          { ...at(b, 'rule name internet'), message: ['Add a "no-nat" rule', 'source 10.2.21.0/24 → destination 10.2.11.0/24'] },
        ],
      },
      {
        name: 'flags the part of the flow the no-nat rule leaves out (guide: policy_nat2)',
        inputs: () => device({ aclRules: ['rule 5 permit ip source 10.1.1.0 0.0.0.255 destination 10.2.0.0 0.0.255.255'], natPolicy: `${NO_NAT_VPN}\n${EASY_IP_ALL}` }),
        // 10.2.0.0/16 minus 10.2.1.0/24, as the prefixes around the hole (largest first); the exempted /24 itself never named
        findings: ([d]) => [{ ...at(d, 'rule name internet'), message: /^(?![\s\S]*10\.2\.1\.0\/24)[\s\S]*destination 10\.2\.128\.0\/17/ }],
      },
      {
        name: 'walks the egress interface: a rule out of the IPSec interface',
        inputs: () => device({ natPolicy: ' rule name via-1\n  source-zone trust\n  egress-interface GigabitEthernet1/0/1\n  action source-nat easy-ip' }),
        findings: ([d]) => [at(d, ' rule name via-1')],
      },
      {
        name: 'takes the source zone from the interface facing each protected subnet',
        inputs: () =>
          device({
            aclRules: ['rule 5 permit ip source 10.1.2.0 0.0.0.255 destination 10.2.1.0 0.0.0.255'],
            natPolicy: ' rule name dmz-out\n  source-zone dmz\n  destination-zone untrust\n  action source-nat easy-ip',
          }),
        findings: ([d]) => [at(d, ' rule name dmz-out')],
      },
      {
        name: 'handles the legacy nat-policy interzone syntax, in order: the no-nat policy second',
        inputs: () => device({ natPolicy: [EXEMPTED_LEGACY[0], ...EXEMPTED_LEGACY.slice(5), ...EXEMPTED_LEGACY.slice(1, 5)].join('\n') }),
        findings: ([d]) => [{ ...at(d, ' policy 1'), message: 'Move policy "0" above policy "1"' }],
      },
      {
        name: 'counts AR "nat outbound ACL" on the IPSec interface',
        inputs: () => device({ acls: 'acl number 2000\n rule 5 permit source 10.1.0.0 0.0.255.255', wanLines: ['nat outbound 2000'] }),
        findings: ([d]) => [{ ...at(d, 'nat outbound 2000'), message: '"nat outbound 2000"' }],
      },
      {
        name: 'flags each of 200 spoke flows at the source-NAT rule when the exemption comes after it',
        inputs: () => device({ aclRules: spokeAclRules(200), natPolicy: `${EASY_IP_ALL}\n${SPOKES_NO_NAT}` }),
        findings: ([d]) => Array.from({ length: 200 }, () => at(d, ' rule name internet')),
      },
    ],
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
});
