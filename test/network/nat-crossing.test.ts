import { describe, expect, it } from 'vitest';
import { buildNetwork } from '../../src/network/build.js';
import { natCrossingOf } from '../../src/network/nat-crossing.js';
import { siteConfig } from '../helpers/site-config.js';
import { deviceFrom, ip } from '../model/helpers.js';

const a = (wan: string, remote = '198.51.100.1') =>
  deviceFrom(siteConfig({ sysname: 'A', wan, gateway: '1.1.1.1', lan: '10.1.1.0/24', remoteLan: '10.2.1.0/24', remoteAddresses: [remote] }), 'a.cfg', 0);
const b = () =>
  deviceFrom(siteConfig({ sysname: 'B', wan: '198.51.100.1/28', gateway: '198.51.100.14', lan: '10.2.1.0/24', remoteLan: '10.1.1.0/24', mode: 'template' }), 'b.cfg', 1);

describe('natCrossingOf', () => {
  it('uses the paired tunnel when both ends are in the run', () => {
    const [da, db] = [a('192.168.1.2/24'), b()];
    const network = buildNetwork([da, db]);
    const crossing = natCrossingOf(network, db, db.entries[0]);
    expect(crossing?.reason).toBe('private-address');
    expect(crossing?.tunnel).toBe(network.tunnels[0]);
  });

  it('infers a NAT from a private local address and a public remote target with one end only', () => {
    const da = a('192.168.1.2/24');
    const crossing = natCrossingOf(buildNetwork([da]), da, da.entries[0]);
    expect(crossing).toMatchObject({ reason: 'private-local-public-remote', target: { address: ip('198.51.100.1') } });
  });

  it('sees no NAT between public ends, nor between two private ends', () => {
    const pub = a('203.0.113.1/28');
    expect(natCrossingOf(buildNetwork([pub]), pub, pub.entries[0])).toBeUndefined();
    const priv = a('192.168.1.2/24', '10.20.0.1');
    expect(natCrossingOf(buildNetwork([priv]), priv, priv.entries[0])).toBeUndefined();
  });

  it('honours a NAT declared in the topology', () => {
    const da = a('203.0.113.1/28');
    const db = b();
    const network = buildNetwork([da, db], { tunnels: [{ ends: ['a.cfg', 'b.cfg'], nat: true }] });
    expect(natCrossingOf(network, da, da.entries[0])?.reason).toBe('declared');
  });
});
