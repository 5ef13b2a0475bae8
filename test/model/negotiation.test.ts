import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import {
  compareIpsecProposals,
  exchangeModesFit,
  negotiateIkeProposals,
  negotiatedIkeVersion,
  negotiatePairs,
  pfsFits,
  setsIntersect,
} from '../../src/model/negotiation.js';
import type { Effective } from '../../src/model/types.js';
import { deviceFrom } from './helpers.js';

const range = { line: 1, column: 1, offset: 0, endLine: 1, endColumn: 2, endOffset: 1 };
const explicit = <T>(value: T): Effective<T> => ({ source: 'explicit', value, range });
const unknown: Effective<never> = { source: 'unknown' };

function peerDevice(peerLines: string, proposals: string, version = 'V500R005C10'): ReturnType<typeof deviceFrom> {
  return deviceFrom(`!Software Version ${version}
#
${proposals}
ike peer p
${peerLines}
#
ipsec proposal t
#
ipsec policy m 10 isakmp
 ike-peer p
 proposal t
#
interface GigabitEthernet0/0/1
 ip address 1.1.1.1 255.255.255.0
 ipsec policy m
#
return
`);
}

describe('negotiation', () => {
  it('intersects algorithm sets and never decides on unknown values', () => {
    expect(setsIntersect(explicit(['aes-256', 'aes-128']), explicit(['aes-128']))).toBe('match');
    expect(setsIntersect(explicit(['aes-256']), explicit(['aes-128']))).toBe('mismatch');
    expect(setsIntersect(explicit([]), explicit([]))).toBe('match');
    expect(setsIntersect(explicit(['aes-256']), unknown)).toBe('unknown');
  });

  test.prop([fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd'), { minLength: 1 }), fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd'), { minLength: 1 })])(
    'set intersection is symmetric and agrees with a brute-force check',
    (x, y) => {
      const expected = x.some((v) => y.includes(v)) ? 'match' : 'mismatch';
      expect(setsIntersect(explicit(x), explicit(y))).toBe(expected);
      expect(setsIntersect(explicit(y), explicit(x))).toBe(expected);
    },
  );

  it('picks IKEv2 when both allow it, else IKEv1', () => {
    const both = peerDevice('', '').entries[0].peerSettings;
    const v1 = peerDevice(' undo version 2', '').entries[0].peerSettings;
    const v2 = peerDevice(' undo version 1', '').entries[0].peerSettings;
    if (!both || !v1 || !v2) throw new Error('no peer settings');
    expect(negotiatedIkeVersion(both, both)).toBe(2);
    expect(negotiatedIkeVersion(both, v1)).toBe(1);
    expect(negotiatedIkeVersion(v1, v2)).toBeUndefined();
  });

  it('accepts auto exchange mode against either mode', () => {
    const auto = peerDevice(' exchange-mode auto', '').entries[0].peerSettings;
    const aggressive = peerDevice(' exchange-mode aggressive', '').entries[0].peerSettings;
    const main = peerDevice('', '').entries[0].peerSettings;
    if (!auto || !aggressive || !main) throw new Error('no peer settings');
    expect(exchangeModesFit(auto, aggressive)).toBe('match');
    expect(exchangeModesFit(main, aggressive)).toBe('mismatch');
  });

  it('compares only the IKE fields of the negotiated version and restricts to referenced proposals', () => {
    const a = peerDevice(' ike-proposal 10', 'ike proposal 10\n encryption-algorithm aes-256\n authentication-algorithm sha2-256\n#');
    const b = peerDevice(' ike-proposal 10', 'ike proposal 10\n encryption-algorithm aes-256\n authentication-algorithm sha2-512\n#');
    expect(negotiateIkeProposals(a.entries[0].ikeProposals, b.entries[0].ikeProposals, 2).verdict).toBe('match');
    const v1 = negotiateIkeProposals(a.entries[0].ikeProposals, b.entries[0].ikeProposals, 1);
    expect(v1.verdict).toBe('mismatch');
    expect(v1.closest?.differences).toEqual([{ field: 'authentication', verdict: 'mismatch' }]);
    const open = peerDevice('', 'ike proposal 10\n encryption-algorithm aes-128\n#');
    expect(open.entries[0].ikeProposals.map((p) => p.id)).toEqual(['10', 'default']);
    expect(negotiateIkeProposals(open.entries[0].ikeProposals, open.entries[0].ikeProposals, 1).verdict).toBe('match');
  });

  it('reports unknown when the only differences are unknown values', () => {
    const old = peerDevice(' ike-proposal 10', 'ike proposal 10\n#', 'V500R001C30');
    const other = peerDevice(' ike-proposal 10', 'ike proposal 10\n encryption-algorithm aes-128\n#', 'V500R001C30');
    expect(negotiateIkeProposals(old.entries[0].ikeProposals, other.entries[0].ikeProposals, 1).verdict).toBe('unknown');
  });

  it('accepts encapsulation-mode auto and matches when any proposal pair matches', () => {
    const device = deviceFrom('!Software Version V500R005C10\n#\nipsec proposal a\n encapsulation-mode auto\n#\nipsec proposal b\n encapsulation-mode transport\n esp encryption-algorithm aes-128\n#\nipsec proposal c\n encapsulation-mode tunnel\n#\nreturn\n');
    const [a, b, c] = ['a', 'b', 'c'].map((name) => {
      const node = device.ipsecProposal(name);
      if (!node) throw new Error(name);
      return device.ipsecProposalSettings(node);
    });
    expect(compareIpsecProposals(a, c)).toEqual([]);
    expect(compareIpsecProposals(b, c).map((d) => d.field)).toEqual(['encapsulationMode', 'espEncryption']);
    expect(negotiatePairs([b, c], [c], compareIpsecProposals).verdict).toBe('match');
  });

  it('treats no PFS on both ends as a match and one-sided PFS as a mismatch', () => {
    expect(pfsFits({ source: 'default', value: 'none' }, { source: 'default', value: 'none' })).toBe('match');
    expect(pfsFits(explicit('group14'), { source: 'default', value: 'none' })).toBe('mismatch');
    expect(pfsFits(explicit('group14'), unknown)).toBe('unknown');
  });
});
