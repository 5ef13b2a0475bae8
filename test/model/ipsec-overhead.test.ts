import { describe, expect, it } from 'vitest';
import { entryIpsecOverheadBound, ipsecOverheadBound } from '../../src/model/ipsec-overhead.js';
import type { Device } from '../../src/model/types.js';
import { deviceFrom } from './helpers.js';

/** A USG V500 device whose only IPSec proposal has the given lines, used by policy map1 10. */
function deviceWith(proposalLines: string, otherProposal = ''): Device {
  return deviceFrom(`!Software Version V500R005C10SPC300
#
ipsec proposal p10
${proposalLines}
#
${otherProposal}
#
ipsec policy map1 10 isakmp
 security acl 3000
 proposal p10${otherProposal ? ' p20' : ''}
#
interface GigabitEthernet1/0/0
 ip address 203.0.113.1 255.255.255.240
 ipsec policy map1
#
return
`);
}

const bound = (proposalLines: string, nat = false): number | undefined => {
  const [proposal] = deviceWith(proposalLines).entries[0].ipsecProposalSettings;
  return ipsecOverheadBound(proposal, nat);
};

describe('ipsecOverheadBound', () => {
  it('counts outer IP, ESP header, AES IV, padding, trailer and SHA2-256 ICV for the default proposal', () => {
    expect(bound('')).toBe(20 + 8 + 16 + 15 + 2 + 16);
    expect(bound(' esp authentication-algorithm sha2-256\n esp encryption-algorithm aes-256')).toBe(77);
  });

  it('uses the truncated ICV of each HMAC', () => {
    expect(bound(' esp authentication-algorithm md5')).toBe(20 + 8 + 16 + 15 + 2 + 12);
    expect(bound(' esp authentication-algorithm sha1')).toBe(73);
    expect(bound(' esp authentication-algorithm sha2-384')).toBe(85);
    expect(bound(' esp authentication-algorithm sha2-512')).toBe(93);
    expect(bound(' undo esp authentication-algorithm')).toBe(61);
  });

  it('uses an 8-byte IV and 7 bytes of padding for DES and 3DES, 8-byte IV and the 16-byte ICV for GCM', () => {
    expect(bound(' esp encryption-algorithm 3des\n esp authentication-algorithm sha1')).toBe(20 + 8 + 8 + 7 + 2 + 12);
    expect(bound(' esp encryption-algorithm des\n esp authentication-algorithm md5')).toBe(57);
    expect(bound(' esp encryption-algorithm aes-256-gcm-128\n esp authentication-algorithm sha2-512')).toBe(20 + 8 + 8 + 3 + 2 + 16);
  });

  it('takes the largest algorithm of a multi-value line, and claims no size for an algorithm it does not know', () => {
    expect(bound(' esp encryption-algorithm 3des aes-128\n esp authentication-algorithm sha1 sha2-384')).toBe(20 + 8 + 16 + 15 + 2 + 24);
    expect(bound(' esp encryption-algorithm sm4\n esp authentication-algorithm sha2-256')).toBe(20 + 8 + 16 + 15 + 2 + 16);
    expect(bound(' esp encryption-algorithm sm4\n esp authentication-algorithm sm3')).toBeUndefined();
    expect(bound(' esp encryption-algorithm chacha20\n esp authentication-algorithm sha2-256')).toBeUndefined();
  });

  it('claims no size when the platform\'s defaults are not known (V500R001 prints only non-default lines)', () => {
    const device = deviceFrom('!Software Version V500R001C30SPC600\n#\nipsec proposal p10\n#\nipsec policy map1 10 isakmp\n proposal p10\n#\ninterface GigabitEthernet1/0/0\n ip address 203.0.113.1 255.255.255.240\n ipsec policy map1\n#\nreturn\n');
    const [proposal] = device.entries[0].ipsecProposalSettings;
    expect(ipsecOverheadBound(proposal, false)).toBeUndefined();
    expect(entryIpsecOverheadBound(device.entries[0], false)).toBeUndefined();
  });

  it('adds 12 bytes plus the ICV for AH, and drops the outer header in transport mode', () => {
    expect(bound(' transform ah\n ah authentication-algorithm sha1')).toBe(20 + 12 + 12);
    expect(bound(' transform ah-esp\n ah authentication-algorithm sha2-256')).toBe(77 + 12 + 16);
    expect(bound(' encapsulation-mode transport')).toBe(57);
    expect(bound(' encapsulation-mode auto')).toBe(77);
  });

  it('adds 8 bytes of UDP header with NAT traversal', () => {
    expect(bound('', true)).toBe(85);
  });
});

describe('entryIpsecOverheadBound', () => {
  it('picks the proposal with the largest overhead', () => {
    const device = deviceWith(' esp authentication-algorithm sha1', 'ipsec proposal p20\n esp authentication-algorithm sha2-512');
    const overhead = entryIpsecOverheadBound(device.entries[0], false);
    expect(overhead?.bytes).toBe(93);
    expect(overhead?.proposal.node.name.value).toBe('p20');
  });

  it('is undefined when the entry has no resolved proposal', () => {
    const device = deviceWith('').entries[0];
    expect(entryIpsecOverheadBound({ ...device, ipsecProposalSettings: [] }, false)).toBeUndefined();
  });
});
