import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/ast/parse.js';

const TEXT = [
  '#',
  'interface GigabitEthernet0/0/1',
  ' ip binding vpn-instance inet',
  ' ip address 203.0.113.1 255.255.255.0',
  '#',
  'interface GigabitEthernet0/0/2',
  ' ip address 10.1.1.1 255.255.255.0',
  '#',
  'ike peer p1',
  ' remote-address vpn-instance inet 198.51.100.1',
  ' sa binding vpn-instance corp',
  '#',
  'ike peer p2',
  ' remote-address 198.51.100.2',
  '#',
  'return',
  '',
].join('\n');

describe('VPN instance bindings', () => {
  const { ast } = parseConfig(TEXT, 'fw.cfg');

  it("reads an interface's 'ip binding vpn-instance V' (name and whole-line range); absent = public", () => {
    const [wan, lan] = ast.interfaces;
    expect(wan.vpnBinding?.name.value).toBe('inet');
    expect(wan.vpnBinding?.range).toMatchObject({ line: 3, column: 2 });
    expect(wan.vpnBinding?.range).toMatchObject({ endLine: 3, endColumn: ' ip binding vpn-instance inet'.length + 1 });
    expect(lan.vpnBinding).toBeUndefined();
  });

  it("reads an IKE peer's 'sa binding vpn-instance V' and the remote-address instance", () => {
    const [p1, p2] = ast.ikePeers;
    expect(p1.saBindingVpnInstance?.value).toBe('corp');
    expect(p1.remoteAddresses[0].vpnInstance?.value).toBe('inet');
    expect(p2.saBindingVpnInstance).toBeUndefined();
    expect(p2.remoteAddresses[0].vpnInstance).toBeUndefined();
  });
});
