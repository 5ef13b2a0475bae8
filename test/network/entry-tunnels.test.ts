import { describe, expect, it } from 'vitest';
import { buildNetwork } from '../../src/network/build.js';
import { tunnelsOfEntry } from '../../src/network/entry-tunnels.js';
import { siteConfig } from '../helpers/site-config.js';
import { deviceFrom } from '../model/helpers.js';

describe('tunnelsOfEntry', () => {
  it('returns the tunnels of each end entry, and nothing for an unpaired entry', () => {
    const hub = deviceFrom(siteConfig({ sysname: 'HUB', wan: '203.0.113.1/28', gateway: '203.0.113.14', lan: '10.0.0.0/16', remoteLan: '10.100.0.0/16', mode: 'template' }), 'hub.cfg', 0);
    const spokes = [1, 2, 3].map((i) =>
      deviceFrom(siteConfig({ sysname: `S${i}`, wan: `198.18.${i}.1/24`, gateway: `198.18.${i}.254`, lan: `10.100.${i}.0/24`, remoteLan: '10.0.0.0/16', remoteAddresses: ['203.0.113.1'] }), `s${i}.cfg`, i),
    );
    const lonely = deviceFrom(siteConfig({ sysname: 'L', wan: '192.0.2.1/24', gateway: '192.0.2.254', lan: '10.9.0.0/24', remoteLan: '10.8.0.0/24', remoteAddresses: ['192.0.2.99'] }), 'l.cfg', 4);
    const network = buildNetwork([hub, ...spokes, lonely]);
    expect(tunnelsOfEntry(network, hub.entries[0])).toHaveLength(3);
    expect(tunnelsOfEntry(network, spokes[1].entries[0])).toEqual([network.tunnels.find((t) => t.ends.some((e) => e.device === spokes[1]))]);
    expect(tunnelsOfEntry(network, lonely.entries[0])).toEqual([]);
  });
});
