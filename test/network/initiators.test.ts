import { describe, expect, it } from 'vitest';
import { buildNetwork } from '../../src/network/build.js';
import { canStartNegotiation, devicesTargetedBy, initiatorsTowards } from '../../src/network/initiators.js';
import { SITE_A, SITE_B, siteConfig, type SiteOptions } from '../helpers/site-config.js';
import { deviceFrom } from '../model/helpers.js';

const a = (o: Partial<SiteOptions> = {}) => deviceFrom(siteConfig({ ...SITE_A, ...o }), 'a.cfg', 0);
const b = (o: Partial<SiteOptions> = {}) => deviceFrom(siteConfig({ ...SITE_B, ...o }), 'b.cfg', 1);

describe('initiators', () => {
  it('finds the ISAKMP entry of the other device that points at a template responder', () => {
    const [da, db] = [a(), b({ mode: 'template' })];
    const network = buildNetwork([da, db]);
    expect(initiatorsTowards(network, db, da).map((end) => end.entry)).toEqual([da.entries[0]]);
    expect(devicesTargetedBy(network, db, db.entries[0])).toEqual([da]);
  });

  it('does not count a template pointing back as initiator', () => {
    const [da, db] = [a({ mode: 'template' }), b({ mode: 'template' })];
    const network = buildNetwork([da, db]);
    expect(canStartNegotiation(da.entries[0])).toBe(false);
    expect(initiatorsTowards(network, db, da)).toEqual([]);
  });

  it('ignores devices that own none of the targets', () => {
    const da = a({ remoteAddresses: ['192.0.2.1'] });
    const network = buildNetwork([da, b()]);
    expect(devicesTargetedBy(network, da, da.entries[0])).toEqual([]);
    expect(canStartNegotiation(da.entries[0])).toBe(true);
  });
});
