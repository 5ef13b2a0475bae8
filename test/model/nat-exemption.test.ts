import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/ast/parse.js';
import { buildDevice } from '../../src/model/device.js';
import { isSourceNat, laterNoNatRule, sourceNatOfProtectedFlow } from '../../src/model/nat-exemption.js';

const text = `#
acl number 3000
 rule 5 permit ip source 10.1.1.0 0.0.0.255 destination 10.2.1.0 0.0.0.255
 rule 10 permit ip source 10.1.2.0 0.0.0.255 destination 10.2.1.0 0.0.0.255
#
ike peer p
 remote-address 198.51.100.1
#
ipsec policy map1 10 isakmp
 security acl 3000
 ike-peer p
#
interface GigabitEthernet1/0/1
 ip address 203.0.113.1 255.255.255.0
 ipsec policy map1
#
interface GigabitEthernet1/0/2
 ip address 10.1.1.1 255.255.255.0
#
interface GigabitEthernet1/0/3
 ip address 10.1.2.1 255.255.255.0
#
firewall zone trust
 add interface GigabitEthernet1/0/2
#
firewall zone dmz
 add interface GigabitEthernet1/0/3
#
firewall zone untrust
 add interface GigabitEthernet1/0/1
#
nat-policy
 rule name dmz-out
  source-zone dmz
  action source-nat easy-ip
 rule name other
  source-zone trust
  destination-address 192.0.2.0 mask 255.255.255.0
  action no-nat
 rule name vpn
  source-zone dmz
  destination-address 10.2.0.0 mask 255.255.0.0
  action no-nat
#
return
`;

describe('nat-exemption', () => {
  const device = buildDevice({ file: 'd.cfg', text, ast: parseConfig(text, 'd.cfg').ast, index: 0 });
  const entry = device.entries[0];

  it('takes the source zone per protected subnet', () => {
    const parts = sourceNatOfProtectedFlow(device, entry, entry.protectedFlows);
    const translated = parts.filter((p) => isSourceNat(p.part));
    expect(translated).toHaveLength(1);
    expect(translated[0].part.rule?.name.value).toBe('dmz-out');
    expect(translated[0].context.sourceZone).toBe('dmz');
    expect(translated[0].part.part.describe()).toBe('source 10.1.2.0/24 → destination 10.2.1.0/24');
    expect(parts.find((p) => p.context.sourceZone === 'trust')?.part.action).toBe('none');
  });

  it('finds the later no-nat rule that would exempt the translated part, skipping ones that do not match', () => {
    const [translated] = sourceNatOfProtectedFlow(device, entry, entry.protectedFlows).filter((p) => isSourceNat(p.part));
    expect(laterNoNatRule(device, translated.part.rule!, translated.part.part, translated.context)?.name.value).toBe('vpn');
    const last = device.ast.natRules[2];
    expect(laterNoNatRule(device, last, translated.part.part, translated.context)).toBeUndefined();
  });
});
