import { describe, expect, it } from 'vitest';
import { controlTrafficBetween, controlTrafficZone, ipsecProtocols } from '../../src/model/ipsec-control-traffic.js';
import type { IpsecProposalSettings } from '../../src/model/types.js';
import { hostCube } from '../../src/flow/cube.js';
import { FlowSet, makeBox } from '../../src/flow/flow.js';
import { PROTOCOL_AH, PROTOCOL_ESP, PROTOCOL_UDP } from '../../src/flow/protocol.js';
import { deviceFrom, ip } from './helpers.js';

const proposal = (transform: IpsecProposalSettings['transform']): IpsecProposalSettings =>
  ({ transform }) as IpsecProposalSettings;

describe('ipsecProtocols', () => {
  it('follows the transforms and falls back to ESP', () => {
    expect(ipsecProtocols([])).toEqual([PROTOCOL_ESP]);
    expect(ipsecProtocols([proposal({ source: 'default', value: 'esp' })])).toEqual([PROTOCOL_ESP]);
    expect(ipsecProtocols([proposal({ source: 'default', value: 'ah' })])).toEqual([PROTOCOL_AH]);
    expect(ipsecProtocols([proposal({ source: 'default', value: 'ah-esp' })])).toEqual([PROTOCOL_ESP, PROTOCOL_AH]);
    expect(ipsecProtocols([proposal({ source: 'unknown' })])).toEqual([PROTOCOL_ESP]);
  });

  it('reads the model proposal settings', () => {
    const device = deviceFrom('#\nipsec proposal p1\n transform ah\n#\nreturn\n');
    expect(ipsecProtocols(device.ast.ipsecProposals.map((p) => device.ipsecProposalSettings(p)))).toEqual([PROTOCOL_AH]);
  });
});

describe('controlTrafficBetween', () => {
  const a = ip('203.0.113.1');
  const b = ip('198.51.100.1');
  const udp = (src: number, dst: number, port: number) =>
    makeBox({ src: hostCube(src), dst: hostCube(dst), protocol: PROTOCOL_UDP, dstPorts: [port, port] });

  it('holds UDP 500 and ESP both ways, and UDP 4500 only with NAT traversal', () => {
    const plain = controlTrafficBetween(a, b, { natTraversal: false, protocols: [PROTOCOL_ESP] });
    expect(plain.outbound.containsBox(udp(a, b, 500))).toBe(true);
    expect(plain.inbound.containsBox(udp(b, a, 500))).toBe(true);
    expect(plain.outbound.containsBox(makeBox({ src: hostCube(a), dst: hostCube(b), protocol: PROTOCOL_ESP }))).toBe(true);
    expect(plain.outbound.overlaps(controlTrafficBetween(a, b, { natTraversal: true, protocols: [] }).outbound)).toBe(true);
    expect(plain.outbound.containsBox(udp(a, b, 4500))).toBe(false);
    const natted = controlTrafficBetween(a, b, { natTraversal: true, protocols: [PROTOCOL_ESP] });
    expect(natted.inbound.containsBox(udp(b, a, 4500))).toBe(true);
    expect(natted.inbound.containsBox(udp(a, b, 4500))).toBe(false);
  });

  it('answers a repeated question from its cache and keeps different questions apart', () => {
    const options = { natTraversal: true, protocols: [PROTOCOL_ESP, PROTOCOL_AH] };
    const first = controlTrafficBetween(a, b, options);
    expect(controlTrafficBetween(a, b, { ...options, protocols: [...options.protocols] })).toBe(first);
    const others = [
      controlTrafficBetween(b, a, options),
      controlTrafficBetween(a, b, { ...options, natTraversal: false }),
      controlTrafficBetween(a, b, { ...options, protocols: [PROTOCOL_ESP] }),
    ];
    for (const other of others) expect(other.outbound.equals(first.outbound)).toBe(false);
    expect(first.outbound.containsBox(makeBox({ src: hostCube(a), dst: hostCube(b), protocol: PROTOCOL_AH }))).toBe(true);
    expect(others[2].outbound.containsBox(makeBox({ src: hostCube(a), dst: hostCube(b), protocol: PROTOCOL_AH }))).toBe(false);
  });

  it('builds boxes FlowSet.of would keep as they are', () => {
    for (const natTraversal of [false, true]) {
      for (const protocols of [[], [PROTOCOL_ESP], [PROTOCOL_AH], [PROTOCOL_ESP, PROTOCOL_AH]]) {
        for (const [local, peer] of [[a, b], [a, a], [a, a + 1]]) {
          const traffic = controlTrafficBetween(local, peer, { natTraversal, protocols });
          for (const set of [traffic.outbound, traffic.inbound]) expect(set.boxes).toEqual(FlowSet.of(...set.boxes).boxes);
        }
      }
    }
  });
});

describe('controlTrafficZone', () => {
  const profileConfig = (source: string) => `!Software Version V500R005C10SPC300
#
ike peer p1
 pre-shared-key %^%#abcdefgh%^%#
 remote-address 198.51.100.1
#
ipsec proposal prop1
 esp encryption-algorithm aes-256
#
ipsec profile prof1
 ike-peer p1
 proposal prop1
#
acl number 3000
 rule 5 permit ip source 10.1.1.0 0.0.0.255 destination 10.2.1.0 0.0.0.255
#
ipsec policy map1 10 isakmp
 security acl 3000
 ike-peer p1
 proposal prop1
#
interface GigabitEthernet1/0/1
 ip address 203.0.113.1 255.255.255.0
 ipsec policy map1
#
interface Tunnel1
 ip address 172.16.1.1 255.255.255.252
 tunnel-protocol ipsec
 source ${source}
 destination 198.51.100.1
 ipsec profile prof1
#
firewall zone untrust
 set priority 5
 add interface GigabitEthernet1/0/1
#
firewall zone vpn
 set priority 10
 add interface Tunnel1
#
return
`;

  it('uses the bound interface zone for a policy and the tunnel source zone for a profile', () => {
    for (const source of ['GigabitEthernet1/0/1', '203.0.113.1']) {
      const device = deviceFrom(profileConfig(source));
      const policy = device.entries.find((entry) => entry.kind === 'policy')!;
      const profile = device.entries.find((entry) => entry.kind === 'profile')!;
      expect(controlTrafficZone(device, policy)).toBe('untrust');
      expect(profile.interfaces.map((iface) => iface.name.value)).toEqual(['Tunnel1']);
      expect(controlTrafficZone(device, profile)).toBe('untrust');
    }
  });

  it('is undefined when the tunnel source is unknown', () => {
    const device = deviceFrom(profileConfig('LoopBack9'));
    const profile = device.entries.find((entry) => entry.kind === 'profile')!;
    expect(controlTrafficZone(device, profile)).toBeUndefined();
  });
});
