import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/ast/parse.js';
import { readCorpus } from '../helpers/corpus.js';

const parse = (text: string) => parseConfig(text, 't.cfg').ast;

describe('repeated view headers merge into the first view (as VRP does)', () => {
  it('ACL rules from both blocks land in one ACL, sorted, block range spanning both', () => {
    const ast = parse('acl number 3000\n rule 10 permit ip\n#\nike peer a\n remote-address 1.1.1.1\n#\nacl 3000\n rule 5 deny ip\n#\n');
    expect(ast.acls).toHaveLength(1);
    expect(ast.acls[0].rules.map((r) => [r.id.value, r.action.value])).toEqual([[5, 'deny'], [10, 'permit']]);
    expect(ast.acls[0].range.line).toBe(1);
    expect(ast.acls[0].blockRange.endLine).toBe(8);
  });

  it('IPSec policies, peers and interfaces merge by name', () => {
    const ast = parse([
      'ipsec policy map1 10 isakmp', ' security acl 3000', '#', 'ike peer p', ' remote-address 1.1.1.1', '#',
      'ipsec policy map1 10 isakmp', ' ike-peer p', '#', 'ike peer p', ' ike-proposal 5', '#',
      'interface G0/0/1', ' ip address 1.1.1.1 24', '#', 'interface G0/0/1', ' ipsec policy map1', '#',
    ].join('\n'));
    expect(ast.ipsecPolicies).toHaveLength(1);
    expect(ast.ipsecPolicies[0].acl?.value).toBe('3000');
    expect(ast.ipsecPolicies[0].ikePeer?.value).toBe('p');
    expect(ast.ikePeers).toHaveLength(1);
    expect(ast.ikePeers[0].ikeProposals.map((v) => v.value)).toEqual(['5']);
    expect(ast.interfaces).toHaveLength(1);
    expect(ast.interfaces[0].ipsecPolicy?.name.value).toBe('map1');
    expect(ast.interfaces[0].addresses).toHaveLength(1);
  });

  it('different sequence numbers stay different policies', () => {
    const ast = parse('ipsec policy map1 10 isakmp\n security acl 3000\n#\nipsec policy map1 20 isakmp\n security acl 3001\n');
    expect(ast.ipsecPolicies.map((p) => p.seq.value)).toEqual([10, 20]);
  });
});

describe('AR interface-level nat server', () => {
  it('is a NatServerNode carrying the interface, inside the interface path', () => {
    const ast = parse('interface GigabitEthernet0/0/1\n ip address 1.1.1.1 24\n nat server protocol tcp global 1.1.1.1 80 inside 10.0.0.1 8080\n');
    expect(ast.natServers).toHaveLength(1);
    const [server] = ast.natServers;
    expect(server.interface?.value).toBe('GigabitEthernet0/0/1');
    expect(server.path).toBe('interface:GigabitEthernet0/0/1/nat-server:1.1.1.1');
    expect([server.global.value, server.globalPort?.value, server.inside.value, server.insidePort?.value]).toEqual([0x01010101, 80, 0x0a000001, 8080]);
    expect(ast.interfaces[0].addresses).toHaveLength(1);
    expect(ast.diagnostics).toEqual([]);
  });

  it('`global current-interface` stays a generic child of the interface', () => {
    const ast = parse('interface Dialer1\n nat server protocol tcp global current-interface 81 inside 10.0.0.1 8081\n');
    expect(ast.natServers).toEqual([]);
    expect(ast.generic.map((g) => g.view)).toEqual([['interface Dialer1']]);
    expect(ast.diagnostics).toEqual([]);
  });

  it('a top-level nat server has no interface', () => {
    const ast = parse('nat server web protocol tcp global 1.1.1.1 80 inside 10.0.0.1 8080\n');
    expect(ast.natServers[0].interface).toBeUndefined();
    expect(ast.natServers[0].path).toBe('nat-server:web');
  });
});

describe('collapsed `interface A  ip address … # interface B …` scraping artefact', () => {
  const line = 'interface GigabitEthernet3/0/0  ip address 10.1.3.1 255.255.255.0 # interface GigabitEthernet4/0/0  ip address 100.1.1.3 255.255.255.0';

  it('splits into two interfaces with their addresses, positions on the real line', () => {
    const ast = parse(`#\n${line}\n#\n`);
    expect(ast.diagnostics).toEqual([]);
    expect(ast.interfaces.map((i) => [i.name.value, i.addresses.map((a) => a.address.value)])).toEqual([
      ['GigabitEthernet3/0/0', [0x0a010301]],
      ['GigabitEthernet4/0/0', [0x64010103]],
    ]);
    const second = ast.interfaces[1];
    expect(second.name.range).toMatchObject({ line: 2, column: line.indexOf('GigabitEthernet4') + 1, offset: 2 + line.indexOf('GigabitEthernet4') });
    expect(line.slice(second.addresses[0].range.column - 1, second.addresses[0].range.endColumn - 1)).toBe('ip address 100.1.1.3 255.255.255.0');
  });

  it('the corpus file with the artefact gives both interfaces', () => {
    const text = readCorpus('hwdoc-ar-evpn-routerb.cfg');
    const ast = parseConfig(text, 'routerb.cfg').ast;
    expect(ast.interfaces.map((i) => i.name.value)).toEqual(expect.arrayContaining(['GigabitEthernet3/0/0', 'GigabitEthernet4/0/0']));
  });

  it('an ordinary annotated interface header is left alone', () => {
    const ast = parse('interface G0/0/1 # uplink\n ip address 1.1.1.1 24\n');
    expect(ast.interfaces.map((i) => [i.name.value, i.addresses.length])).toEqual([['G0/0/1', 1]]);
  });
});
