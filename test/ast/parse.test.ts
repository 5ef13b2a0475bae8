import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/ast/parse.js';

const parse = (text: string) => parseConfig(text, 'test.cfg').ast;

describe('display traps', () => {
  it('one-space globals are top level, not children of the previous view', () => {
    const ast = parse('nat-policy\n rule name a\n  action no-nat\n sysname FW\n ip route-static 0.0.0.0 0.0.0.0 1.1.1.1\n nat server s1 global 1.1.1.1 inside 10.0.0.1 no-reverse\n ike dpd interval 10 30\n');
    expect(ast.globals.sysname?.value).toBe('FW');
    expect(ast.routes).toHaveLength(1);
    expect(ast.natServers[0].noReverse).toBeDefined();
    expect(ast.globals.ikeDpdInterval?.value).toEqual([10, 30]);
    expect(ast.natRules).toHaveLength(1);
  });

  it('an indented # does not close the view; # at column 0 does', () => {
    const ast = parse('ike peer p1\n pre-shared-key %^%#abc%^%#\n #\n ike-proposal 5\n#\n ike-proposal 7\n');
    expect(ast.ikePeers[0].ikeProposals.map((p) => p.value)).toEqual(['5']);
  });

  it('top-level views may follow each other without #', () => {
    const ast = parse('ike proposal default\n encryption-algorithm aes-256 aes-192 aes-128\nike proposal 10\n dh group14\nipsec profile A\n proposal 10\nipsec profile B\n proposal 11\n');
    expect(ast.ikeProposals.map((p) => p.id.value)).toEqual(['default', '10']);
    expect(ast.ikeProposals[0].encryption?.value).toEqual(['aes-256', 'aes-192', 'aes-128']);
    expect(ast.ikeProposals[1].dh?.value).toEqual(['group14']);
    expect(ast.ipsecProfiles.map((p) => p.proposals[0].value)).toEqual(['10', '11']);
  });

  it('indentation of 2/4 spaces (vendor docs) and jumps by 2', () => {
    const ast = parse('  ike proposal 1\n    encryption-algorithm aes-128\n  ike peer x\n    remote-address 1.2.3.4\n');
    expect(ast.ikeProposals[0].encryption?.value).toEqual(['aes-128']);
    expect(ast.ikePeers[0].remoteAddresses[0].address?.value).toBe(0x01020304);
  });

  it('return ends the configuration and header/trailer noise is skipped', () => {
    const { ast, text } = parseConfig(
      '<FW>di cu\n14:38:43  2017/08/02\n!Software Version V500R005C10\n!Last configuration was updated\n#\n sysname FW   \n#\nreturn\n<FW>quit\ninterface X\n',
      'a.cfg',
    );
    expect(ast.version?.value).toBe('V500R005C10');
    expect(text.slice(ast.version!.range.offset, ast.version!.range.endOffset)).toBe('V500R005C10');
    expect(ast.globals.sysname?.value).toBe('FW');
    expect(ast.interfaces).toHaveLength(0);
    expect(ast.diagnostics).toEqual([]);
    expect(ast.platform).toBe('usg');
  });

  it('AR bracket banner gives the version and platform ar', () => {
    const ast = parse('[V300R019C00SPC300]\n#\n sysname R\n#\nreturn\n');
    expect(ast.version?.value).toBe('V300R019C00SPC300');
    expect(ast.platform).toBe('ar');
  });

  it('pager escapes and CRLF are normalised', () => {
    const { ast, text } = parseConfig('#\r\n sysname FW\r\n  ---- More ----\x1b[42D                                          \r\nacl number 3000\r\n rule 5 permit ip\r\n', 'x');
    expect(text.includes('\r')).toBe(false);
    expect(ast.acls[0].rules).toHaveLength(1);
    expect(ast.diagnostics).toEqual([]);
  });

  it('flattened legacy nat-policy interzone is re-homed by keyword', () => {
    const ast = parse('nat-policy interzone trust untrust outbound\npolicy 0\naction no-nat\npolicy source 192.168.0.0 mask 24\npolicy destination 192.168.1.0 mask 24\npolicy 1 \naction source-nat\npolicy source 192.168.0.0 mask 24\neasy-ip Dialer0\n');
    expect(ast.natRules).toHaveLength(2);
    const [a, b] = ast.natRules;
    expect(a.legacy).toBe(true);
    expect(a.action?.value).toBe('no-nat');
    expect(a.sourceZones[0].value).toBe('trust');
    expect(a.destinationZones[0].value).toBe('untrust');
    expect(a.sourceAddresses[0]).toMatchObject({ form: 'wildcard', address: 0xc0a80000, wildcard: 0xff });
    expect(a.destinationAddresses).toHaveLength(1);
    expect(b.action?.value).toBe('source-nat-easy-ip');
    expect(b.egressInterfaces[0].value).toBe('Dialer0');
  });

  it('annotations and labels do not crash; collapsed `interface A  … # interface B  …` lines are split', () => {
    const ast = parse('FW1:\ninterface GigabitEthernet0/0/2  --------annotation\n ip address 1.1.1.1 255.255.255.0\n#\ninterface G3/0/0  ip address 10.1.3.1 255.255.255.0 # interface G4/0/0  ip address 100.1.1.3 255.255.255.0\n');
    expect(ast.interfaces[0].name.value).toBe('GigabitEthernet0/0/2');
    expect(ast.interfaces[0].addresses).toHaveLength(1);
    expect(ast.generic).toEqual([]);
    expect(ast.interfaces.map((i) => [i.name.value, i.addresses.length])).toEqual([['GigabitEthernet0/0/2', 1], ['G3/0/0', 1], ['G4/0/0', 1]]);
    expect(ast.diagnostics).toEqual([]);
  });

  it('flattened interface children (same indent as header) stay in the interface', () => {
    const ast = parse(' interface Dialer1\n link-protocol ppp\n mtu 1456\n ip address ppp-negotiate\n nat outbound 2000 interface LoopBack 0\n#\n');
    const i = ast.interfaces[0];
    expect(i.mtu?.value).toBe(1456);
    expect(i.dynamicAddress?.value).toBe('ppp-negotiate');
    expect(i.natOutbound[0].interface?.value).toBe('LoopBack0');
  });
});

describe('statements', () => {
  it('interface forms', () => {
    const ast = parse([
      'interface GigabitEthernet1/0/0',
      ' ip address 10.0.0.1 255.255.255.0',
      ' ip address 10.0.1.1 24 sub',
      ' ipsec policy map1 auto-neg',
      ' tcp adjust-mss 1300',
      ' vrrp vrid 107 virtual-ip 220.1.1.150 255.255.255.224 active',
      ' nat outbound 3000 address-group 1',
      ' shutdown',
      'interface Tunnel0/0/1',
      ' tunnel-protocol gre',
      ' source 14.1.2.1',
      ' destination 2.58.17.1',
      ' ipsec profile P',
      ' ip address unnumbered interface Vlanif1',
      'interface GigabitEthernet0/0/1',
      ' ipsec efficient-vpn evpn',
      ' ip address dhcp-alloc',
    ].join('\n'));
    const [g, t, e] = ast.interfaces;
    expect(g.key).toBe('gigabitethernet1/0/0');
    expect(g.addresses.map((x) => [x.address.value, x.mask.value, x.sub])).toEqual([[0x0a000001, 0xffffff00, false], [0x0a000101, 0xffffff00, true]]);
    expect(g.ipsecPolicy?.name.value).toBe('map1');
    expect(g.ipsecPolicy?.option?.value).toBe('auto-neg');
    expect(g.tcpAdjustMss?.value).toBe(1300);
    expect(g.vrrpVirtualIps[0].value).toBe((220 * 2 ** 24 + 1 * 2 ** 16 + 1 * 256 + 150) >>> 0);
    expect(g.natOutbound[0]).toMatchObject({ acl: { value: '3000' }, addressGroup: { value: '1' } });
    expect(g.shutdown).toBeDefined();
    expect(t.tunnelProtocol?.value).toBe('gre');
    expect(t.tunnelSource?.value).toBe('14.1.2.1');
    expect(t.tunnelDestination?.value).toBe(0x023a1101);
    expect(t.ipsecProfile?.value).toBe('P');
    expect(t.dynamicAddress?.value).toBe('unnumbered');
    expect(t.unnumberedFrom).toMatchObject({ value: 'Vlanif1', range: { column: 34, endColumn: 41 } });
    expect(g.unnumberedFrom).toBeUndefined();
    expect(e.ipsecEfficientVpn?.value).toBe('evpn');
    expect(e.dynamicAddress?.value).toBe('dhcp-alloc');
    expect(ast.diagnostics).toEqual([]);
  });

  it('zones', () => {
    const ast = parse('firewall zone trust\n set priority 85\n add interface GigabitEthernet0/0/0\nfirewall zone name sec_mgmt id 15\n add interface GigabitEthernet 1/0/2\nfirewall zone Local\n');
    expect(ast.zones.map((z) => z.name.value)).toEqual(['trust', 'sec_mgmt', 'local']);
    expect(ast.zones[0].priority?.value).toBe(85);
    expect(ast.zones[1].interfaces[0].value).toBe('GigabitEthernet1/0/2');
  });

  it('ACL forms, port names, auto ids', () => {
    const ast = parse([
      'acl number 3000',
      ' rule 5 permit ip source 192.168.3.0 0.0.0.255 destination 172.16.10.0 0.0.0.255',
      ' rule 10 permit tcp source 10.1.1.1 0 destination any destination-port eq www time-range work logging',
      ' rule 15 deny udp source-port range 1000 2000 destination-port gt 1023 vpn-instance V',
      ' rule permit ip source 192.168.xxx.0 0.0.0.255',
      'acl number 2000',
      ' rule 5 permit source 192.168.110.0 0.0.0.255',
      ' rule 20 deny',
      'acl name web advance',
      ' rule 1 permit gre',
      'acl ipv6 number 3001',
      ' rule 1 permit ipv6 source FC00:1::/64',
    ].join('\n'));
    const [a, b, c, d] = ast.acls;
    expect(a.type).toBe('advanced');
    expect(a.rules.map((r) => r.id.value)).toEqual([5, 10, 15, 20]);
    expect(a.rules[0].source).toMatchObject({ form: 'wildcard', address: 0xc0a80300, wildcard: 0xff });
    expect(a.rules[0].protocol?.value).toBeNull();
    expect(a.rules[1].protocol?.value).toBe(6);
    expect(a.rules[1].source).toMatchObject({ form: 'wildcard', wildcard: 0 });
    expect(a.rules[1].destination?.form).toBe('any');
    expect(a.rules[1].destinationPort).toMatchObject({ op: 'eq', first: 80, last: 80 });
    expect(a.rules[1].options.map((o) => o.value)).toEqual(['time-range work', 'logging']);
    expect(a.rules[2].sourcePort).toMatchObject({ op: 'range', first: 1000, last: 2000 });
    expect(a.rules[2].destinationPort).toMatchObject({ op: 'gt', first: 1024, last: 65535 });
    expect(a.rules[3].source).toMatchObject({ form: 'unknown' });
    expect(a.rules[3].path).toBe('acl:3000/rule:20');
    expect(b.type).toBe('basic');
    expect(b.rules[0].protocol).toBeUndefined();
    expect(b.rules[1].source).toBeUndefined();
    expect(c.key.value).toBe('web');
    expect(c.type).toBe('advanced');
    expect(c.rules[0].protocol?.value).toBe(47);
    expect(d.type).toBe('ipv6');
    expect(d.rules[0].source?.form).toBe('ipv6');
    expect(ast.diagnostics).toEqual([]);
  });

  it('IKE proposal and peer', () => {
    const ast = parse([
      'ike proposal 1',
      ' encryption-algorithm aes-cbc-256',
      ' authentication-algorithm sha2-256',
      ' authentication-method pre-share',
      ' integrity-algorithm aes-xcbc-96 hmac-sha2-256',
      ' prf hmac-sha2-256',
      ' sa duration 14400',
      'ike peer IKE-PEER v1',
      ' pre-shared-key simple XXXXXXXXXX',
      ' ike-proposal 1',
      ' local-address 1.1.1.1',
      ' remote-address 2.2.2.2',
      ' remote-address 3.3.3.3 3.3.3.9',
      ' remote-address authentication-address 4.4.4.4',
      ' remote-address host-name peer.example',
      ' exchange-mode aggressive',
      ' undo version 2',
      ' version 1',
      ' local-id-type fqdn',
      ' remote-id-type ip 111.202.106.114',
      ' undo nat traversal',
      ' dpd type periodic',
      ' dpd idle-time 10',
      ' rsa encryption-padding oaep',
      ' ike negotiate compatible',
    ].join('\n'));
    const p = ast.ikeProposals[0];
    expect(p.encryption?.value).toEqual(['aes-cbc-256']);
    expect(p.integrity?.value).toEqual(['aes-xcbc-96', 'hmac-sha2-256']);
    expect(p.lifetime?.value).toBe(14400);
    const peer = ast.ikePeers[0];
    expect(peer.headerVersion?.value).toBe(1);
    expect(peer.preSharedKey).toMatchObject({ secret: true, form: 'simple', encrypted: false });
    expect(peer.preSharedKey?.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(peer.remoteAddresses.map((r) => r.kind)).toEqual(['address', 'range', 'authentication-address', 'host-name']);
    expect(peer.exchangeMode?.value).toBe('aggressive');
    expect(peer.undoVersions[0].value).toBe(2);
    expect(peer.versions[0].value).toBe(1);
    expect(peer.remoteId?.value).toBe('111.202.106.114');
    expect(peer.natTraversal?.value).toBe(false);
    expect(peer.dpdType?.value).toBe('periodic');
    expect(peer.dpdIdleTime?.value).toBe(10);
    expect(peer.negotiateCompatible).toBeDefined();
    expect(ast.unrecognised).toEqual([]);
    expect(ast.diagnostics).toEqual([]);
  });

  it('IPSec proposal, policy (isakmp, manual, template), policy-template, profile', () => {
    const ast = parse([
      'ipsec proposal p1',
      ' transform ah-esp',
      ' encapsulation-mode auto',
      ' undo esp authentication-algorithm',
      ' esp encryption-algorithm aes-256 aes-128',
      ' ah authentication-algorithm sha2-256',
      'ipsec policy map1 10 isakmp',
      ' security acl 3000',
      ' pfs dh-group14',
      ' ike-peer peer1',
      ' alias sihui',
      ' undo policy enable',
      ' proposal p1 p2',
      ' local-address applied-interface',
      ' sa trigger-mode auto',
      ' sa duration time-based 3600',
      ' route inject dynamic',
      'ipsec policy map1 20 manual',
      ' security acl 3001',
      ' proposal p1',
      ' tunnel local 1.1.1.1',
      ' tunnel remote 2.2.2.2',
      ' sa spi inbound esp 12345',
      ' sa string-key outbound esp cipher %^%#secretciphertext%^%#',
      ' sa authentication-hex inbound esp simple 0x1234abcd',
      'ipsec policy map1 30 isakmp template temp1',
      'ipsec policy-template temp1 10',
      ' ike-peer rut3',
      ' proposal prop1',
      'ipsec profile prof',
      ' ike-peer x',
      ' proposal 10',
    ].join('\n'));
    const pr = ast.ipsecProposals[0];
    expect(pr.transform?.value).toBe('ah-esp');
    expect(pr.encapsulationMode?.value).toBe('auto');
    expect(pr.espAuthenticationRemoved).toBeDefined();
    expect(pr.espEncryption?.value).toEqual(['aes-256', 'aes-128']);
    const [p10, p20, p30] = ast.ipsecPolicies;
    expect(p10.path).toBe('ipsec-policy:map1/10');
    expect(p10.mode.value).toBe('isakmp');
    expect(p10.acl?.value).toBe('3000');
    expect(p10.pfs?.value).toBe('dh-group14');
    expect(p10.disabled).toBeDefined();
    expect(p10.proposals.map((p) => p.value)).toEqual(['p1', 'p2']);
    expect(p10.tunnelLocal?.value).toBe('applied-interface');
    expect(p10.triggerMode?.value).toBe('auto');
    expect(p10.alias?.value).toBe('sihui');
    expect(p20.mode.value).toBe('manual');
    expect(p20.tunnelRemote?.value).toBe('2.2.2.2');
    expect(p20.manual.spi[0]).toMatchObject({ direction: 'inbound', protocol: 'esp', value: { value: 12345 } });
    expect(p20.manual.keys.map((k) => [k.kind, k.value.encrypted])).toEqual([['string-key', true], ['authentication-hex', false]]);
    expect(p30.mode.value).toBe('template');
    expect(p30.template?.value).toBe('temp1');
    expect(ast.policyTemplates[0].path).toBe('policy-template:temp1/10');
    expect(ast.ipsecProfiles[0].ikePeer?.value).toBe('x');
    expect(ast.unrecognised).toEqual([]);
    expect(ast.diagnostics).toEqual([]);
  });

  it('nat-policy, nat server, nat address-group', () => {
    const ast = parse([
      'nat-policy',
      ' rule name npat',
      '  source-zone trust',
      '  destination-zone untrust',
      '  source-address address-set 123',
      '  destination-address 172.16.10.0 mask 255.255.255.0',
      '  destination-address range 10.0.0.1 10.0.0.9',
      '  source-address 10.1.1.0 24',
      '  action no-nat',
      ' rule name snat',
      '  egress-interface GigabitEthernet1/0/0',
      '  service http https',
      '  action source-nat address-group g1',
      '  disable',
      ' rule name old',
      '  action nat easy-ip',
      '#',
      ' nat server fan protocol tcp global 211.154.198.166 4200 inside 192.168.3.156 telnet no-reverse',
      ' nat server 211.154.198.166 protocol tcp global 211.154.198.166 445 inside 192.168.3.106 22 no-reverse',
      'nat server protocol tcp global 1.1.1.1 9980 inside 10.1.1.2 80',
      'nat server 0 zone untrust global 210.1.1.15 inside 10.1.1.3 vrrp 1',
      'nat address-group no_pat',
      ' mode no-pat global',
      ' section 202.100.1.5 202.100.1.7',
      'nat address-group 1 10.1.1.20 10.1.1.25',
    ].join('\n'));
    const [a, b, c] = ast.natRules;
    expect(a.path).toBe('nat-policy/rule:npat');
    expect(a.sourceAddresses.map((x) => x.form)).toEqual(['address-set', 'wildcard']);
    expect(a.destinationAddresses[0]).toMatchObject({ form: 'wildcard', address: 0xac100a00, wildcard: 0xff });
    expect(a.destinationAddresses[1]).toMatchObject({ form: 'range', first: 0x0a000001, last: 0x0a000009 });
    expect(a.action?.value).toBe('no-nat');
    expect(b.egressInterfaces[0].value).toBe('GigabitEthernet1/0/0');
    expect(b.services.map((s) => s.value)).toEqual(['http', 'https']);
    expect(b.action?.value).toBe('source-nat-address-group');
    expect(b.addressGroup?.value).toBe('g1');
    expect(b.disabled).toBeDefined();
    expect(c.action?.value).toBe('source-nat-easy-ip');
    const s = ast.natServers;
    expect(s.map((x) => x.name?.value)).toEqual(['fan', '211.154.198.166', undefined, '0']);
    expect(s[0].insidePort?.value).toBe(23);
    expect(s[0].noReverse).toBeDefined();
    expect(s[2].path).toBe('nat-server:1.1.1.1');
    expect(s[3].zone?.value).toBe('untrust');
    expect(ast.natAddressGroups[0].sections).toHaveLength(1);
    expect(ast.natAddressGroups[0].mode?.value).toBe('no-pat');
    expect(ast.natAddressGroups[1].sections[0].last.value).toBe(0x0a010119);
    expect(ast.diagnostics).toEqual([]);
  });

  it('security-policy, address and service sets', () => {
    const ast = parse([
      'security-policy',
      ' default action permit',
      ' rule name r1',
      '  disable',
      '  source-zone untrust',
      '  source-zone local',
      '  destination-zone local',
      '  destination-address address-set YY',
      '  service https esp',
      '  action permit',
      'ip address-set 123 type object',
      ' address 0 192.168.1.0 mask 24',
      ' address 1 range 211.254.198.162 211.254.198.174',
      'ip address-set everyip type group',
      ' address 0 address-set 192.168.1.x',
      'ip service-set 445_win type object',
      ' service 0 protocol tcp source-port 0 to 65535 destination-port 445',
      ' service 1 service-set other',
    ].join('\n'));
    const sp = ast.securityPolicy!;
    expect(sp.defaultAction?.value).toBe('permit');
    expect(sp.rules[0]).toMatchObject({ path: 'security-policy/rule:r1', action: { value: 'permit' } });
    expect(sp.rules[0].sourceZones.map((z) => z.value)).toEqual(['untrust', 'local']);
    expect(sp.rules[0].services.map((z) => z.value)).toEqual(['https', 'esp']);
    expect(ast.addressSets[0].members[0]).toMatchObject({ form: 'wildcard', address: 0xc0a80100, wildcard: 0xff });
    expect(ast.addressSets[0].members[1].form).toBe('range');
    expect(ast.addressSets[1]).toMatchObject({ type: 'group', members: [{ form: 'address-set', name: '192.168.1.x' }] });
    expect(ast.serviceSets[0].members[0]).toMatchObject({ protocol: 6, sourcePorts: [0, 65535], destinationPorts: [445, 445] });
    expect(ast.serviceSets[0].includes[0].value).toBe('other');
    expect(ast.diagnostics).toEqual([]);
  });

  it('routes in every form', () => {
    const ast = parse([
      ' ip route-static 0.0.0.0 0.0.0.0 GigabitEthernet1/0/0 211.154.198.161',
      ' ip route-static 0.0.0.0 0.0.0.0 124.204.49.89 preference 20',
      'ip route-static 10.1.2.0 255.255.255.0 Tunnel0',
      'ip route-static 114.113.245.99 32 10.40.45.69 track nqa pe pe1',
      'ip route-static vpn-instance vpnA 10.1.2.0 255.255.255.0 Tunnel1 172.16.2.1',
      'ip route-static 0.0.0.0 0.0.0.0 public',
    ].join('\n'));
    const r = ast.routes;
    expect(r).toHaveLength(6);
    expect(r[0]).toMatchObject({ interface: { value: 'GigabitEthernet1/0/0' }, path: 'route:0.0.0.0/0.0.0.0/211.154.198.161' });
    expect(r[1].preference?.value).toBe(20);
    expect(r[2].nextHop).toBeUndefined();
    expect(r[2].path).toBe('route:10.1.2.0/255.255.255.0/Tunnel0');
    expect(r[3].mask.value).toBe(0xffffffff);
    expect(r[4].vpnInstance?.value).toBe('vpnA');
    expect(r[5].toPublic).toBe(true);
    expect(ast.diagnostics).toEqual([]);
  });

  it('globals and l2tp', () => {
    const ast = parse([
      'ike dpd type periodic', 'ike dpd idle-time 10', 'ike dpd retransmit-interval 5', 'ike dpd retry-limit 4',
      'ike dpd msg seq-hash-notify', 'ipsec sha2 compatible enable', 'ipsec authentication sha2 compatible enable',
      'firewall tcp-mss 1350', 'ikev1 phase1-phase2 sa dependent', 'ike local-name rta', 'l2tp enable',
      'l2tp-group 1', ' undo tunnel authentication', ' allow l2tp virtual-template 255',
    ].join('\n'));
    const g = ast.globals;
    expect(g.ikeDpdType?.value).toBe('periodic');
    expect(g.ikeDpdIdleTime?.value).toBe(10);
    expect(g.ikeDpdRetransmitInterval?.value).toBe(5);
    expect(g.ikeDpdRetryLimit?.value).toBe(4);
    expect(g.ikeDpdMsg?.value).toBe('seq-hash-notify');
    expect(g.ipsecSha2Compatible && g.ipsecAuthenticationSha2Compatible && g.ikev1Phase1Phase2SaDependent && g.l2tpEnable).toBeTruthy();
    expect(g.firewallTcpMss?.value).toBe(1350);
    expect(g.ikeLocalName?.value).toBe('rta');
    expect(ast.l2tpGroups[0].virtualTemplate?.value).toBe('255');
    expect(g.ikev1Phase1Phase2SaDependent?.value).toBe(true);
  });

  it('the undo form of the IKEv1 SA dependency and the DNS resolution lines (#16)', () => {
    const ast = parse([
      'undo ikev1 phase1-phase2 sa dependent', 'dns resolve', 'dns server vpn-instance v1 192.0.2.53', 'dns server 192.0.2.54',
      'dns server source-ip 192.0.2.1', 'ip host vpn.example.com 198.51.100.7',
    ].join('\n'));
    const g = ast.globals;
    expect(g.ikev1Phase1Phase2SaDependent).toEqual({ value: false, range: expect.objectContaining({ line: 1, column: 1 }) });
    expect(g.dnsResolve?.line).toBe(2);
    expect(g.dnsServer?.line).toBe(3);
    expect(g.ipHosts?.map((h) => [h.name.value, h.address.value, h.range.line])).toEqual([['vpn.example.com', 0xc6336407, 6]]);
    // 'dns server source-ip' names the source of DNS queries, not a server: a generic statement.
    expect(ast.generic.map((s) => s.range.line)).toEqual([5]);
  });

  it('names that look like keywords or numbers', () => {
    const ast = parse('ike peer 10\n ike-proposal 10\nipsec proposal default\nike peer source\nipsec policy proposal 1 isakmp\n ike-peer source\n');
    expect(ast.ikePeers.map((p) => p.name.value)).toEqual(['10', 'source']);
    expect(ast.ipsecProposals[0].name.value).toBe('default');
    expect(ast.ipsecPolicies[0].name.value).toBe('proposal');
    expect(ast.ipsecPolicies[0].ikePeer?.value).toBe('source');
  });

  it('a line that starts like a statement but does not fit points at the first bad token', () => {
    const { ast } = parseConfig('ipsec policy name4 name2 isakmp\nike proposal 1\n sa duration x\n', 'f');
    expect(ast.diagnostics).toHaveLength(2);
    expect(ast.diagnostics[0]).toMatchObject({ code: 'statement-syntax', range: { line: 1, column: 20, endLine: 1, endColumn: 25 } });
    expect(ast.diagnostics[1].range).toMatchObject({ line: 3, column: 14 });
  });

  it('unknown lines in IPSec views are counted as unrecognised, others are generic', () => {
    const ast = parse('ike peer p\n frobnicate 1\naaa\n local-user x privilege level 15\n');
    expect(ast.unrecognised).toHaveLength(1);
    expect(ast.generic.map((g) => g.view)).toEqual([['ike peer p'], [], ['aaa']]);
  });

  it('token positions are 1-based line/column with exclusive end', () => {
    const ast = parse('#\nike peer p1\n remote-address 10.0.0.1\n');
    const r = ast.ikePeers[0].remoteAddresses[0].address!.range;
    expect(r).toMatchObject({ line: 3, column: 17 });
    expect(r).toMatchObject({ endLine: 3, endColumn: 25 });
    expect(ast.ikePeers[0].blockRange.endLine).toBe(3);
    expect(ast.ikePeers[0].range).toMatchObject({ line: 2, column: 1, endLine: 2, endColumn: 12 });
  });
});

describe('grammar gaps from the guide', () => {
  it('parses the "remote-address authentication-address LOW HIGH" range form', () => {
    const ast = parse('#\nike peer fw1\n remote-address authentication-address 10.4.1.1 10.4.1.255\n#\nreturn\n');
    expect(ast.diagnostics).toEqual([]);
    const [remote] = ast.ikePeers[0].remoteAddresses;
    expect(remote.kind).toBe('authentication-address');
    expect(remote.address?.value).toBe(0x0a040101);
    expect(remote.high?.value).toBe(0x0a0401ff);
    expect(remote.high?.range).toMatchObject({ line: 3, column: 49, offset: 63 });
  });

  it('records "route inject dynamic [preference N]" on policies and templates', () => {
    const ast = parse([
      '#', 'ipsec policy map1 10 isakmp', ' security acl 3000', ' route inject dynamic preference 60',
      '#', 'ipsec policy-template tpl 1', ' route inject dynamic', '#', 'ipsec policy map1 20 isakmp', ' security acl 3001',
      '#', 'return',
    ].join('\n'));
    const [first, second] = ast.ipsecPolicies;
    expect(first.routeInject?.value).toBe('dynamic');
    expect(first.routeInject?.range.line).toBe(4);
    expect(first.routeInjectPreference?.value).toBe(60);
    expect(second.routeInject).toBeUndefined();
    expect(ast.policyTemplates[0].routeInject?.value).toBe('dynamic');
    expect(ast.policyTemplates[0].routeInjectPreference).toBeUndefined();
    expect(ast.unrecognised).toEqual([]);
  });
});

describe('diagnostic messages', () => {
  it('quote literal values with double quotes only (the pretty formatter strips backticks and single quotes)', () => {
    const ast = parse('#\nike peer p1\n exchange-mode\n#\nip route 10.0.0.0 255.0.0.0 1.1.1.1\n#\nreturn\n');
    const messages = ast.diagnostics.map((d) => d.message);
    expect(messages).toContain('"exchange-mode": the command is incomplete');
    expect(messages).toContain('"ip route" is not VRP syntax; Huawei devices use "ip route-static"');
    for (const message of messages) expect(message).not.toMatch(/[`']/);
  });

  it('name the unexpected word in double quotes', () => {
    const ast = parse('#\nipsec proposal p1\n transform esp bogus\n#\nreturn\n');
    expect(ast.diagnostics.map((d) => d.message)).toEqual(['"transform esp": unexpected "bogus"']);
  });
});

describe('non-Huawei input', () => {
  const one = (text: string | Uint8Array) => parseConfig(text, 'x').ast.diagnostics.map((d) => d.code);
  it('Cisco, H3C, JSON, binary, empty', () => {
    expect(one('!\nhostname R1\n!\ncrypto isakmp policy 10\n encr aes\n!\ninterface Gi0/0\n ip address 1.1.1.1 255.255.255.0\nend\n')).toEqual(['not-huawei-config']);
    expect(one('#\n version 7.1.064, Release 0821P11\n#\n sysname H3C\n#\nike profile p1\n#\nipsec transform-set t1\n')).toEqual(['not-huawei-config']);
    expect(one('{"a": 1}')).toEqual(['not-huawei-config']);
    expect(one(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 1, 2, 3]))).toEqual(['binary-input']);
    expect(one('')).toEqual(['empty-input']);
    expect(one('  \n\n')).toEqual(['empty-input']);
  });
  it('invalid UTF-8 never throws', () => {
    const { ast } = parseConfig(new Uint8Array([0x23, 0x0a, 0x20, 0x73, 0x79, 0x73, 0x6e, 0x61, 0x6d, 0x65, 0x20, 0xff, 0xfe, 0x41, 0x0a]), 'x');
    expect(ast.globals.sysname?.value).toBe('\ufffd\ufffdA');
  });
});
