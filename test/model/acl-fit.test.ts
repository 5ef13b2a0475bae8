import { describe, expect, it } from 'vitest';
import { directionFit, ruleAccepted, unmirroredRules } from '../../src/model/acl-fit.js';
import type { PolicyEntry } from '../../src/model/types.js';
import { deviceFrom } from './helpers.js';

function entryWith(rules: string[], template = false): PolicyEntry {
  const policy = template
    ? 'ipsec policy-template t 10\n security acl 3000\n#\nipsec policy m 10 isakmp template t\n'
    : 'ipsec policy m 10 isakmp\n security acl 3000\n';
  const device = deviceFrom(`#\nacl number 3000\n${rules.map((r) => ` ${r}`).join('\n')}\n#\n${policy}#\nreturn\n`);
  return device.entries[0];
}

const A = entryWith(['rule 5 permit ip source 10.1.1.0 0.0.0.255 destination 10.2.2.0 0.0.0.255']);
const mirrorOfA = entryWith(['rule 5 permit ip source 10.2.2.0 0.0.0.255 destination 10.1.1.0 0.0.0.255']);
const narrower = entryWith(['rule 5 permit ip source 10.2.2.0 0.0.0.127 destination 10.1.1.0 0.0.0.255']);
const tcpOnly = entryWith(['rule 5 permit tcp source 10.2.2.0 0.0.0.255 destination 10.1.1.0 0.0.0.255']);

describe('acl-fit', () => {
  it('accepts mirrored rules in both IKE versions', () => {
    expect(directionFit(A, mirrorOfA, 1)).toEqual({ verdict: 'known', mode: 'include', rejected: [] });
    expect(directionFit(mirrorOfA, A, 2)).toMatchObject({ verdict: 'known', mode: 'overlap', rejected: [] });
    expect(unmirroredRules(A, mirrorOfA)).toEqual([]);
  });

  it('IKEv1 needs the initiator range inside the mirrored responder range; IKEv2 an overlap', () => {
    expect(directionFit(A, narrower, 1)).toMatchObject({ rejected: [A.ruleFlows[0]] });
    expect(directionFit(narrower, A, 1)).toMatchObject({ rejected: [] });
    expect(directionFit(A, narrower, 2)).toMatchObject({ rejected: [] });
    expect(unmirroredRules(A, narrower)).toEqual([A.ruleFlows[0]]);
    expect(unmirroredRules(narrower, A)).toEqual([]);
  });

  it('requires the same protocol even when the ranges include each other', () => {
    expect(ruleAccepted(tcpOnly.ruleFlows[0], A.mirroredRules, 'include')).toBe(false);
    expect(ruleAccepted(tcpOnly.ruleFlows[0], A.mirroredRules, 'overlap')).toBe(false);
  });

  it('a template responder without ACL accepts anything; an unreadable end is unknown', () => {
    const device = deviceFrom('#\nipsec policy-template t 10\n#\nipsec policy m 10 isakmp template t\n#\nreturn\n');
    expect(directionFit(A, device.entries[0], 1)).toEqual({ verdict: 'known', mode: 'any', rejected: [] });
    expect(directionFit(device.entries[0], A, 1)).toMatchObject({ verdict: 'unknown' });
    const template = entryWith(['rule 5 permit ip source 10.2.2.0 0.0.0.255 destination 10.1.1.0 0.0.0.255'], true);
    expect(directionFit(A, template, 2)).toMatchObject({ mode: 'include', rejected: [] });
  });
});
