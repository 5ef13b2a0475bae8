import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildNetwork } from '../../src/network/build.js';
import { deviceFrom, ip } from '../model/helpers.js';
import { readCorpus } from '../helpers/corpus.js';


function corpusDevice(name: string, index: number) {
  return deviceFrom(readCorpus(name), name, index);
}

function site(name: string, wan: string, lan: string, peerWan: string, peerLan: string, remote = true): string {
  return `#
 sysname ${name}
#
acl number 3000
 rule 5 permit ip source ${lan} 0.0.0.255 destination ${peerLan} 0.0.0.255
#
ike peer peer1
 pre-shared-key cipher %^%#abcdefgh%^%#
${remote ? ` remote-address ${peerWan}\n` : ''}#
ipsec proposal prop1
 esp authentication-algorithm sha2-256
 esp encryption-algorithm aes-256
#
ipsec policy map1 10 isakmp
 security acl 3000
 ike-peer peer1
 proposal prop1
#
interface GigabitEthernet0/0/1
 ip address ${wan} 255.255.255.0
 ipsec policy map1
#
return
`;
}

describe('pairing', () => {
  it('pairs two sites pointing at each other once, both ends able to initiate', () => {
    const a = deviceFrom(site('A', '1.1.1.1', '10.1.1.0', '2.2.2.2', '10.2.2.0'), 'a.cfg', 0);
    const b = deviceFrom(site('B', '2.2.2.2', '10.2.2.0', '1.1.1.1', '10.1.1.0'), 'b.cfg', 1);
    const network = buildNetwork([a, b]);
    expect(network.tunnels).toHaveLength(1);
    const [first, second] = network.tunnels[0].ends;
    expect(first.device).toBe(a);
    expect(second.device).toBe(b);
    expect(first.role).toBe('both');
    expect(second.role).toBe('both');
    expect(first.remoteAddressLine?.address?.value).toBe(ip('2.2.2.2'));
    expect(network.tunnels[0].id).toBe('a.cfg#ipsec-policy:map1/10<->b.cfg#ipsec-policy:map1/10');
    expect(network.tunnels[0].nat).toEqual({ present: false, reason: 'none' });
    expect(network.unpaired).toEqual([]);
    expect(network.devicesPointingAt(b).map((p) => p.device)).toEqual([a]);
    expect(network.tunnelsOf(a)).toHaveLength(1);
  });

  it('reports a peer that matches no device as unpaired', () => {
    const a = deviceFrom(site('A', '1.1.1.1', '10.1.1.0', '9.9.9.9', '10.2.2.0'), 'a.cfg', 0);
    const network = buildNetwork([a]);
    expect(network.tunnels).toEqual([]);
    expect(network.unpaired).toHaveLength(1);
    expect(network.unpaired[0].reason).toContain('9.9.9.9');
  });

  it('uses declared NAT addresses and declared tunnels', () => {
    const a = deviceFrom(site('A', '1.1.1.1', '10.1.1.0', '5.5.5.5', '10.2.2.0'), 'a.cfg', 0);
    const b = deviceFrom(site('B', '10.9.9.2', '10.2.2.0', '1.1.1.1', '10.1.1.0', false), 'b.cfg', 1);
    const network = buildNetwork([a, b], { natAddresses: [{ public: '5.5.5.5', private: '10.9.9.2' }] });
    expect(network.tunnels).toHaveLength(1);
    expect(network.tunnels[0].nat).toEqual({ present: true, reason: 'declared' });
    expect(network.tunnels[0].ends.map((e) => e.role)).toEqual(['initiator', 'responder']);

    const c = deviceFrom(site('C', '3.3.3.3', '10.3.3.0', '4.4.4.4', '10.4.4.0', false), 'c.cfg', 0);
    const d = deviceFrom(site('D', '4.4.4.4', '10.4.4.0', '3.3.3.3', '10.3.3.0', false), 'd.cfg', 1);
    const declared = buildNetwork([c, d], { tunnels: [{ ends: ['C', 'd.cfg'], nat: true }] });
    expect(declared.tunnels).toHaveLength(1);
    expect(declared.tunnels[0].pairedBy).toBe('declared');
    expect(declared.tunnels[0].nat.reason).toBe('declared');
  });

  it('corpus NAT traversal pair: A (192.168.0.2) initiates to template B, NAT inferred', () => {
    const a = corpusDevice('hwdoc-ar-natt-routera.cfg', 0);
    const b = corpusDevice('hwdoc-ar-natt-routerb.cfg', 1);
    const network = buildNetwork([a, b]);
    expect(network.tunnels).toHaveLength(1);
    const tunnel = network.tunnels[0];
    expect(tunnel.nat).toEqual({ present: true, reason: 'private-address' });
    expect(tunnel.ends[0].role).toBe('initiator');
    expect(tunnel.ends[1].role).toBe('responder');
    expect(tunnel.ends[1].entry.role).toBe('template');
    expect(tunnel.ends[0].localAddress).toMatchObject({ value: ip('192.168.0.2') });
  });

  it('corpus redundant gateways: C initiates to template responders A and B', () => {
    const a = corpusDevice('hwdoc-ar-redundant-routera.cfg', 0);
    const b = corpusDevice('hwdoc-ar-redundant-routerb.cfg', 1);
    const c = corpusDevice('hwdoc-ar-redundant-routerc.cfg', 2);
    const network = buildNetwork([a, b, c]);
    expect(network.tunnels).toHaveLength(2);
    for (const tunnel of network.tunnels) {
      const initiator = tunnel.ends.find((e) => e.device === c)!;
      const responder = tunnel.ends.find((e) => e.device !== c)!;
      expect(initiator.role).toBe('initiator');
      expect(responder.role).toBe('responder');
      expect(responder.entry.role).toBe('template');
    }
    expect(network.tunnels.map((t) => t.ends.find((e) => e.device !== c)!.device.name).sort()).toEqual(['RouterA', 'RouterB']);
    expect(network.unpaired).toEqual([]);
  });

  it('corpus AR border HQ/BR: profiles on GRE tunnels pair through tunnel source/destination', () => {
    const hq = corpusDevice('ghidx9309639414-ar-border01-hq01.cfg', 0);
    const br = corpusDevice('ghidx9454352902-ar-border01-br01.cfg', 1);
    const network = buildNetwork([hq, br]);
    expect(network.tunnels).toHaveLength(1);
    const tunnel = network.tunnels[0];
    expect(tunnel.ends.map((e) => e.entry.kind)).toEqual(['profile', 'profile']);
    expect(tunnel.ends.map((e) => e.role)).toEqual(['both', 'both']);
    expect(tunnel.ends[0].entry.id).toContain('BR-01-PROF');
    expect(network.unpaired.map((u) => u.entry.id)).toEqual([expect.stringContaining('BR-02-PROF')]);
  });

  it('a template pointing at another template device still forms a (responder-only) tunnel', () => {
    const template = (name: string, wan: string, peerWan: string) => `#
 sysname ${name}
#
ike peer p
 remote-address ${peerWan}
#
ipsec proposal prop1
#
ipsec policy-template t 1
 ike-peer p
 proposal prop1
#
ipsec policy map1 10 isakmp template t
#
interface GigabitEthernet0/0/1
 ip address ${wan} 255.255.255.0
 ipsec policy map1
#
return
`;
    const a = deviceFrom(template('A', '1.1.1.1', '2.2.2.2'), 'a.cfg', 0);
    const b = deviceFrom(template('B', '2.2.2.2', '1.1.1.1'), 'b.cfg', 1);
    const network = buildNetwork([a, b]);
    expect(network.tunnels).toHaveLength(1);
    expect(network.tunnels[0].ends.map((e) => e.role)).toEqual(['responder', 'responder']);
  });

  it('pairs a hub with 1,000 spokes', () => {
    const count = 1000;
    const spokeWan = (i: number) => `20.${i >> 8}.${i & 255}.1`;
    let hub = '#\n sysname HUB\n#\n';
    for (let i = 0; i < count; i++) {
      hub += `ike peer s${i}\n remote-address ${spokeWan(i)}\n#\n`;
      hub += `ipsec policy hub ${i + 1} isakmp\n ike-peer s${i}\n proposal p\n#\n`;
    }
    hub += 'ipsec proposal p\n#\ninterface GigabitEthernet0/0/1\n ip address 1.1.1.1 255.255.255.0\n ipsec policy hub\n#\nreturn\n';
    const devices = [deviceFrom(hub, 'hub.cfg', 0)];
    for (let i = 0; i < count; i++) {
      const spoke = `#\n sysname S${i}\n#\nike peer hub\n remote-address 1.1.1.1\n#\nipsec proposal p\n#\nipsec policy m 10 isakmp\n ike-peer hub\n proposal p\n#\ninterface GigabitEthernet0/0/1\n ip address ${spokeWan(i)} 255.255.255.0\n ipsec policy m\n#\nreturn\n`;
      devices.push(deviceFrom(spoke, `s${i}.cfg`, i + 1));
    }
    const network = buildNetwork(devices);
    expect(network.tunnels).toHaveLength(count);
    expect(new Set(network.tunnels.map((t) => t.ends[0].entry.id)).size).toBe(count);
    expect(network.tunnels.every((t) => t.ends[1].remoteAddressLine?.address?.value === ip('1.1.1.1'))).toBe(true);
    expect(network.devicesPointingAt(devices[0])).toHaveLength(count);
  });
});

describe('NAT inference and manual policies', () => {
  it('authentication-address means NAT between the ends', () => {
    const a = deviceFrom(
      site('A', '1.1.1.1', '10.1.1.0', '2.2.2.2', '10.2.2.0').replace(
        ' remote-address 2.2.2.2\n',
        ' remote-address 2.2.2.2\n remote-address authentication-address 10.9.9.9\n',
      ),
      'a.cfg',
      0,
    );
    const b = deviceFrom(site('B', '2.2.2.2', '10.2.2.0', '1.1.1.1', '10.1.1.0', false), 'b.cfg', 1);
    const network = buildNetwork([a, b]);
    expect(network.tunnels).toHaveLength(1);
    expect(network.tunnels[0].nat).toEqual({ present: true, reason: 'authentication-address' });
  });

  it('pairs manual policies through tunnel local / tunnel remote', () => {
    const manual = (name: string, local: string, remote: string) => `#
 sysname ${name}
#
ipsec policy m 10 manual
 tunnel local ${local}
 tunnel remote ${remote}
#
interface GigabitEthernet0/0/1
 ip address ${local} 255.255.255.0
 ipsec policy m
#
return
`;
    const a = deviceFrom(manual('A', '1.1.1.1', '2.2.2.2'), 'a.cfg', 0);
    const b = deviceFrom(manual('B', '2.2.2.2', '1.1.1.1'), 'b.cfg', 1);
    const network = buildNetwork([a, b]);
    expect(network.tunnels).toHaveLength(1);
    expect(network.tunnels[0].ends.map((e) => e.entry.role)).toEqual(['manual', 'manual']);
    expect(network.tunnels[0].ends[0].remoteTarget?.via).toBe('tunnel-remote');
  });
});

describe('example pair', () => {
  it('pairs configs-examples/site-to-site HQ and branch', () => {
    const dir = new URL('../../configs-examples/site-to-site/', import.meta.url);
    const hq = deviceFrom(readFileSync(new URL('hq.cfg', dir), 'utf8'), 'hq.cfg', 0);
    const branch = deviceFrom(readFileSync(new URL('branch.cfg', dir), 'utf8'), 'branch.cfg', 1);
    const network = buildNetwork([hq, branch]);
    expect(network.tunnels).toHaveLength(1);
    const [a, b] = network.tunnels[0].ends;
    expect(a.localAddress).toMatchObject({ source: 'explicit', value: ip('203.0.113.1') });
    expect(b.localAddress).toMatchObject({ source: 'explicit', value: ip('198.51.100.2') });
    expect(a.entry.protectedFlows.equals(b.entry.protectedFlows.mirror())).toBe(true);
    expect(network.tunnels[0].nat.present).toBe(false);
    expect(network.unpaired).toEqual([]);
  });
});
