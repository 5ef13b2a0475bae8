import { describe, expect, it } from 'vitest';
import { fromPrefix, hostCube } from '../../src/flow/cube.js';
import { FlowSet, makeBox } from '../../src/flow/flow.js';
import { deviceFrom, ip } from './helpers.js';

const USG = `!Software Version V500R005C10
#
 sysname FW1
#
acl number 3000
 rule 5 deny ip source 10.1.1.128 0.0.0.127 destination 10.2.0.0 0.0.255.255
 rule 10 permit ip source 10.1.1.0 0.0.0.255 destination 10.2.0.0 0.0.255.255
#
ike proposal 10
 encryption-algorithm aes-256
#
ike peer p1
 ike-proposal 10
 undo version 2
 remote-address 2.2.2.2
#
ike peer p2
 exchange-mode aggressive
 dpd type periodic
 remote-address 3.3.3.3
#
ipsec proposal prop1
 esp authentication-algorithm sha2-256
#
ipsec policy map1 20 isakmp
 security acl 3999
 ike-peer missing
 proposal nothere
 tunnel local 1.1.1.5
#
ipsec policy map1 10 isakmp
 security acl 3000
 ike-peer p1
 proposal prop1
 pfs dh-group14
#
interface GigabitEthernet1/0/0
 ip address 1.1.1.1 255.255.255.0
 ip address 1.1.1.5 255.255.255.0 sub
 ipsec policy map1
#
interface GigabitEthernet1/0/1
 ip address 10.1.1.1 255.255.255.0
#
firewall zone trust
 set priority 85
 add interface GigabitEthernet1/0/1
#
firewall zone untrust
 set priority 5
 add interface GigabitEthernet 1/0/0
#
ip route-static 0.0.0.0 0.0.0.0 1.1.1.254
ip route-static 10.2.0.0 255.255.0.0 1.1.1.253
ip route-static 10.3.0.0 255.255.0.0 GigabitEthernet1/0/0 1.1.1.250
ip route-static 10.3.0.0 255.255.0.0 GigabitEthernet1/0/1 10.1.1.250
ip route-static 10.4.0.0 255.255.0.0 1.1.1.250 preference 10
ip route-static 10.4.0.0 255.255.0.0 10.1.1.250
#
nat-policy
 rule name nonat
  source-zone trust
  destination-zone untrust
  source-address 10.1.1.0 mask 255.255.255.0
  destination-address 10.2.0.0 mask 255.255.0.0
  action no-nat
 rule name easy
  source-zone trust
  egress-interface GigabitEthernet1/0/0
  action source-nat easy-ip
#
security-policy
 rule name vpn
  source-zone trust
  destination-zone untrust
  source-address 10.1.1.0 mask 255.255.255.0
  destination-address 10.2.1.0 mask 255.255.255.0
  action permit
#
return
`;

function flow(src: string, srcLen: number, dst: string, dstLen: number): FlowSet {
  return FlowSet.of(makeBox({ src: fromPrefix(ip(src), srcLen), dst: fromPrefix(ip(dst), dstLen) }));
}

describe('device lookups and references', () => {
  const device = deviceFrom(USG, 'fw1.cfg');

  it('names the device and detects the defaults column', () => {
    expect(device.name).toBe('FW1');
    expect(device.defaultsProfile).toBe('usg-v500r005');
  });

  it('resolves objects by name and interfaces in any spelling', () => {
    expect(device.acl('3000')?.rules).toHaveLength(2);
    expect(device.ikePeer('p1')?.name.value).toBe('p1');
    expect(device.ipsecProposal('prop1')).toBeDefined();
    expect(device.interface('gigabitethernet 1/0/0')?.name.value).toBe('GigabitEthernet1/0/0');
    expect(device.zoneOf('GigabitEthernet1/0/0')).toBe('untrust');
    expect(device.interfacesOfZone('TRUST').map((i) => i.name.value)).toEqual(['GigabitEthernet1/0/1']);
  });

  it('groups policies by name sorted by seq and binds the interface', () => {
    const group = device.policyGroup('map1');
    expect(group?.entries.map((e) => e.seq)).toEqual([10, 20]);
    expect(group?.interfaces.map((i) => i.name.value)).toEqual(['GigabitEthernet1/0/0']);
    const first = group!.entries[0];
    expect(first.role).toBe('isakmp');
    expect(first.acl?.key.value).toBe('3000');
    expect(first.ikePeer?.name.value).toBe('p1');
    expect(first.ipsecProposals.map((p) => p.name.value)).toEqual(['prop1']);
    expect(first.ikeProposals.map((p) => p.id)).toEqual(['10']);
    expect(first.remoteTargets.map((t) => t.address)).toEqual([ip('2.2.2.2')]);
  });

  it('records broken references with the referring object path', () => {
    const kinds = device.brokenReferences.map((b) => `${b.kind}:${b.name.value}`).sort();
    expect(kinds).toEqual(['acl:3999', 'ike-peer:missing', 'ipsec-proposal:nothere']);
    expect(device.brokenReferences.every((b) => b.from.includes('map1'))).toBe(true);
  });

  it('resolves the local tunnel address: tunnel local, else the bound interface primary', () => {
    const [first, second] = device.policyGroup('map1')!.entries;
    expect(first.localAddress.via).toBe('interface');
    expect(first.localAddress.value).toMatchObject({ source: 'explicit', value: ip('1.1.1.1') });
    expect(second.localAddress.via).toBe('tunnel-local');
    expect(second.localAddress.value).toMatchObject({ source: 'explicit', value: ip('1.1.1.5') });
  });

  it('lists local addresses with their kind', () => {
    const kinds = device.ownerFacts(ip('1.1.1.5')).map((f) => f.kind).sort();
    expect(kinds).toEqual(['interface-sub', 'tunnel-local']);
    expect(device.ownerFacts(ip('9.9.9.9'))).toEqual([]);
  });
});

describe('effective values', () => {
  const device = deviceFrom(USG, 'fw1.cfg');

  it('peer: version set, exchange mode, NAT traversal, DPD', () => {
    const p1 = device.peerSettings(device.ikePeer('p1')!);
    expect(p1.versions).toMatchObject({ source: 'explicit', value: [1] });
    expect(p1.exchangeMode).toEqual({ source: 'default', value: 'main' });
    expect(p1.natTraversal).toEqual({ source: 'default', value: true });
    expect(p1.dpd.configured).toBe(false);
    const p2 = device.peerSettings(device.ikePeer('p2')!);
    expect(p2.versions).toEqual({ source: 'default', value: [1, 2] });
    expect(p2.exchangeMode).toMatchObject({ source: 'explicit', value: 'aggressive' });
    expect(p2.dpd).toMatchObject({ configured: true, scope: 'peer', type: { value: 'periodic' } });
  });

  it('IKE and IPSec proposals on V500R005+: absent lines take the documented defaults', () => {
    const ike = device.ikeProposalSettings(device.ikeProposal('10')!);
    expect(ike.encryption).toMatchObject({ source: 'explicit', value: ['aes-256'] });
    expect(ike.dh).toEqual({ source: 'default', value: ['group14'] });
    const ipsec = device.ipsecProposalSettings(device.ipsecProposal('prop1')!);
    expect(ipsec.transform).toEqual({ source: 'default', value: 'esp' });
    expect(ipsec.encapsulationMode).toEqual({ source: 'default', value: 'tunnel' });
    expect(ipsec.espEncryption).toEqual({ source: 'default', value: ['aes-256'] });
    expect(ipsec.espAuthentication).toMatchObject({ source: 'explicit', value: ['sha2-256'] });
  });

  it('PFS and trigger mode', () => {
    const [first, second] = device.policyGroup('map1')!.entries;
    expect(first.pfs).toMatchObject({ source: 'explicit', value: 'group14' });
    expect(second.pfs).toEqual({ source: 'default', value: 'none' });
    expect(second.triggerMode).toEqual({ source: 'default', value: 'traffic-based' });
    expect(device.sha2Compatible).toEqual({ source: 'default', value: false });
  });

  it('older USG V500R001: absent proposal lines are unknown', () => {
    const old = deviceFrom(
      `!Software Version V500R001C30SPC600
#
ike proposal 2
 encryption-algorithm 3des
 authentication-algorithm sha1
#
ipsec proposal prop
 esp authentication-algorithm sha1
#
return
`,
      'old.cfg',
    );
    expect(old.defaultsProfile).toBe('usg-v500r001');
    const ike = old.ikeProposalSettings(old.ikeProposal('2')!);
    expect(ike.dh).toEqual({ source: 'unknown' });
    expect(ike.encryption).toMatchObject({ source: 'explicit', value: ['3des'] });
    expect(ike.authenticationMethod).toEqual({ source: 'default', value: 'pre-share' });
    expect(old.ipsecProposalSettings(old.ipsecProposal('prop')!).espEncryption).toEqual({ source: 'unknown' });
  });
});

describe('flows', () => {
  const device = deviceFrom(USG, 'fw1.cfg');
  const entry = device.policyGroup('map1')!.entries[0];

  it('carves earlier deny rules out of the protected flows', () => {
    const covered = FlowSet.of(makeBox({ src: hostCube(ip('10.1.1.5')), dst: hostCube(ip('10.2.3.4')) }));
    const denied = FlowSet.of(makeBox({ src: hostCube(ip('10.1.1.200')), dst: hostCube(ip('10.2.3.4')) }));
    expect(entry.protectedFlows.intersect(covered).isEmpty()).toBe(false);
    expect(entry.protectedFlows.intersect(denied).isEmpty()).toBe(true);
    expect(entry.ruleFlows).toHaveLength(1);
    expect(entry.ruleFlows[0].rule.id.value).toBe(10);
    expect(entry.flowsExact).toBe(true);
  });

  it('walks NAT rules top-down: no-nat above easy-ip exempts the protected flow', () => {
    const ctx = { sourceZone: 'trust', destinationZone: 'untrust', egressInterface: 'GigabitEthernet1/0/0' };
    const protectedParts = device.evaluateSourceNat(entry.protectedFlows, ctx);
    expect(protectedParts.map((p) => p.action)).toEqual(['no-nat']);
    expect(protectedParts[0].rule?.name.value).toBe('nonat');
    const internet = device.evaluateSourceNat(flow('10.1.1.0', 24, '8.8.8.0', 24), ctx);
    expect(internet.map((p) => p.action)).toEqual(['source-nat-easy-ip']);
  });

  it('walks NAT rules top-down: easy-ip above no-nat translates the protected flow', () => {
    const reordered = deviceFrom(
      USG.replace(
        /nat-policy\n[\s\S]*?#\n/,
        `nat-policy
 rule name easy
  source-zone trust
  egress-interface GigabitEthernet1/0/0
  action source-nat easy-ip
 rule name nonat
  source-zone trust
  destination-zone untrust
  source-address 10.1.1.0 mask 255.255.255.0
  destination-address 10.2.0.0 mask 255.255.0.0
  action no-nat
#
`,
      ),
    );
    const parts = reordered.evaluateSourceNat(reordered.policyGroup('map1')!.entries[0].protectedFlows, {
      sourceZone: 'trust',
      destinationZone: 'untrust',
      egressInterface: 'GigabitEthernet1/0/0',
    });
    expect(parts.map((p) => p.action)).toEqual(['source-nat-easy-ip']);
  });

  it('skips rules whose zones do not apply', () => {
    const parts = device.evaluateSourceNat(entry.protectedFlows, { sourceZone: 'dmz', destinationZone: 'untrust', egressInterface: 'GigabitEthernet1/0/1' });
    expect(parts.map((p) => p.action)).toEqual(['none']);
  });

  it('evaluates the security policy with the implicit default deny', () => {
    const parts = device.evaluateSecurityPolicy(flow('10.1.1.0', 24, '10.2.0.0', 16), 'trust', 'untrust');
    const permitted = parts.filter((p) => p.action === 'permit');
    expect(permitted).toHaveLength(1);
    expect(permitted[0].rule?.name.value).toBe('vpn');
    const denied = parts.find((p) => p.action === 'deny');
    expect(denied?.defaultAction).toEqual({ source: 'default', value: 'deny' });
    expect(device.securityDefaultAction).toEqual({ source: 'default', value: 'deny' });
  });

  it('interface nat outbound (AR) uses its ACL, deny rules exempting flows', () => {
    const ar = deviceFrom(`#
 sysname AR1
#
acl number 3001
 rule 5 deny ip source 10.1.0.0 0.0.255.255 destination 10.2.0.0 0.0.255.255
 rule 10 permit ip source 10.1.0.0 0.0.255.255
#
interface GigabitEthernet0/0/1
 ip address 60.1.1.1 255.255.255.0
 nat outbound 3001
#
return
`);
    const exempt = ar.evaluateSourceNat(flow('10.1.1.0', 24, '10.2.1.0', 24), { egressInterface: 'GigabitEthernet0/0/1' });
    expect(exempt.map((p) => p.action)).toEqual(['none']);
    const translated = ar.evaluateSourceNat(flow('10.1.1.0', 24, '8.8.8.0', 24), { egressInterface: 'GigabitEthernet0/0/1' });
    expect(translated.map((p) => p.action)).toEqual(['source-nat-easy-ip']);
    expect(translated[0].interfaceNat?.rule?.id.value).toBe(10);
  });
});

describe('routing', () => {
  const device = deviceFrom(USG, 'fw1.cfg');

  it('longest prefix match, connected subnets first', () => {
    expect(device.routeFor(ip('1.1.1.77')).direct?.name.value).toBe('GigabitEthernet1/0/0');
    const specific = device.routeFor(ip('10.2.5.5'));
    expect(specific.routes.map((r) => r.destination.value)).toEqual([ip('10.2.0.0')]);
    expect(specific.interfaces.map((i) => (typeof i === 'string' ? i : i.name.value))).toEqual(['GigabitEthernet1/0/0']);
    expect(device.routeFor(ip('8.8.8.8')).routes[0].destination.value).toBe(0);
  });

  it('detects ECMP and lets preference break ties', () => {
    expect(device.routeFor(ip('10.3.1.1')).ecmp).toBe(true);
    const preferred = device.routeFor(ip('10.4.1.1'));
    expect(preferred.ecmp).toBe(false);
    expect(preferred.routes).toHaveLength(1);
    expect(preferred.routes[0].preference?.value).toBe(10);
  });

  it('maps addresses to zones', () => {
    expect(device.zoneForAddress(ip('1.1.1.1'))).toBe('local');
    expect(device.zoneForAddress(ip('10.1.1.9'))).toBe('trust');
    expect(device.zoneForAddress(ip('10.2.1.9'))).toBe('untrust');
  });
});

describe('templates and offered IKE proposals (AR)', () => {
  const ar = deviceFrom(`#
 sysname RouterB
#
ipsec proposal tran1
 esp authentication-algorithm sha2-256
 esp encryption-algorithm aes-128
#
ike proposal 5
 encryption-algorithm aes-128
 dh group14
#
ike peer rtb
 version 1
#
ipsec policy-template temp1 10
 ike-peer rtb
 proposal tran1
#
ipsec policy policy1 10 isakmp template temp1
ipsec policy policy2 10 isakmp template nope
#
interface GigabitEthernet1/0/0
 ip address 1.2.0.1 255.255.255.0
 ipsec policy policy1
#
return
`);

  it('resolves the template settings for a template policy', () => {
    const entry = ar.policyGroup('policy1')!.entries[0];
    expect(entry.role).toBe('template');
    expect(entry.template?.name.value).toBe('temp1');
    expect(entry.ikePeer?.name.value).toBe('rtb');
    expect(entry.localAddress.value).toMatchObject({ value: ip('1.2.0.1') });
    expect(ar.brokenReferences.map((b) => `${b.kind}:${b.name.value}`)).toEqual(['template:nope']);
  });

  it('a peer without ike-proposal offers every proposal plus the built-in default', () => {
    const entry = ar.policyGroup('policy1')!.entries[0];
    expect(entry.ikeProposals.map((p) => p.id)).toEqual(['5', 'default']);
    expect(entry.ikeProposals[1].builtIn).toBe(true);
    expect(ar.peerSettings(ar.ikePeer('rtb')!).versions).toMatchObject({ source: 'explicit', value: [1] });
  });

  it('expands nested address-sets and survives cycles', () => {
    const usg = deviceFrom(`!Software Version V500R005C10
#
ip address-set a type group
 address 0 address-set b
 address 1 10.0.0.0 mask 24
#
ip address-set b type group
 address 0 address-set a
 address 1 10.0.1.0 mask 24
#
return
`);
    const expanded = usg.expandAddressSet('a');
    expect(expanded.members).toHaveLength(2);
    expect(expanded.unresolved).toEqual(['a']);
  });
});

describe('entry traffic helpers', () => {
  const device = deviceFrom(USG, 'fw1.cfg');
  const entry = device.policyGroup('map1')!.entries[0];

  it('finds the zones the protected traffic crosses and the NAT context', () => {
    expect(device.entryZones(entry)).toEqual({ local: 'trust', remote: 'untrust' });
    const ctx = device.natContextFor(entry, 'protected');
    expect(ctx).toEqual({ sourceZone: 'trust', destinationZone: 'untrust', egressInterface: 'GigabitEthernet1/0/0' });
    expect(device.natContextFor(entry, 'ike').sourceZone).toBe('local');
  });

  it('builds IKE/ESP packets between the tunnel ends, blocked by the default deny', () => {
    const { outbound, inbound } = device.ikeTrafficFor(entry);
    const ike = FlowSet.of(
      makeBox({ src: hostCube(ip('1.1.1.1')), dst: hostCube(ip('2.2.2.2')), protocol: 17, dstPorts: [500, 500] }),
    );
    expect(outbound.contains(ike)).toBe(true);
    expect(inbound.contains(ike.mirror())).toBe(false);
    expect(inbound.overlaps(FlowSet.of(makeBox({ src: hostCube(ip('2.2.2.2')), protocol: 50 })))).toBe(true);
    const parts = device.evaluateSecurityPolicy(outbound, 'local', 'untrust');
    expect(parts.map((p) => p.action)).toEqual(['deny']);
  });
});
