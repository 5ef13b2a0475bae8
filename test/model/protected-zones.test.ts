import { describe, expect, it } from 'vitest';
import { flowsByLocalZone } from '../../src/model/protected-zones.js';
import { deviceFrom } from './helpers.js';

const config = (rules: string) => `!Software Version V500R005C10SPC300
#
acl number 3000
${rules}#
ipsec policy map1 10 isakmp
 security acl 3000
#
interface GigabitEthernet1/0/0
 ip address 10.1.1.1 255.255.255.0
#
interface GigabitEthernet1/0/2
 ip address 10.1.2.1 255.255.255.0
#
interface GigabitEthernet1/0/1
 ip address 203.0.113.1 255.255.255.0
 ipsec policy map1
#
firewall zone trust
 add interface GigabitEthernet1/0/0
#
firewall zone dmz
 add interface GigabitEthernet1/0/2
#
firewall zone untrust
 add interface GigabitEthernet1/0/1
#
ip route-static 10.9.0.0 255.255.0.0 10.1.1.254
#
return
`;

describe('flowsByLocalZone', () => {
  it('groups the boxes of two LANs in different zones, routed sources included', () => {
    const device = deviceFrom(
      config(
        ' rule 5 permit ip source 10.1.1.0 0.0.0.255 destination 10.2.0.0 0.0.255.255\n' +
          ' rule 10 permit ip source 10.1.2.0 0.0.0.255 destination 10.2.0.0 0.0.255.255\n' +
          ' rule 15 permit ip source 10.9.0.0 0.0.255.255 destination 10.2.0.0 0.0.255.255\n',
      ),
    );
    const groups = flowsByLocalZone(device, device.entries[0].protectedFlows);
    expect([...groups.keys()].sort()).toEqual(['dmz', 'trust']);
    expect(groups.get('trust')!.describe(5)).toContain('10.9.0.0/16');
    expect(groups.get('dmz')!.describe(5)).toContain('10.1.2.0/24');
  });

  it('puts "source any" and unknown sources under undefined', () => {
    const device = deviceFrom(config(' rule 5 permit ip destination 10.2.0.0 0.0.255.255\n rule 10 permit ip source 172.16.0.0 0.0.255.255\n'));
    const groups = flowsByLocalZone(device, device.entries[0].protectedFlows);
    expect([...groups.keys()]).toEqual([undefined]);
  });
});
