import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/ast/parse.js';
import { unmodelledNotes } from '../../src/model/unmodelled-notes.js';
import { corpus, lintInputs, readConfigDir } from '../helpers/rule-harness.js';
import { requireCorpus } from '../helpers/corpus.js';

/**
 * Features fwlint does not model get a note naming their lines (issue #17), so that the absence
 * of findings never reads as "checked and fine". Configurations as Huawei's documentation shows them.
 */
const features = (text: string) => parseConfig(text, 'u.cfg').ast.unmodelled.map((u) => [u.feature, u.range.line, u.command]);

describe('statements of features fwlint does not check', () => {
  it('Efficient VPN client (AR documentation)', () => {
    const text = [
      '#', 'sysname RouterA', '#', 'ipsec efficient-vpn evpn mode client', ' remote-address 60.1.2.1 v1',
      ' pre-shared-key cipher %^%#Secret1%^%#', '#', 'interface GigabitEthernet1/0/0', ' ipsec efficient-vpn evpn', '#',
    ].join('\n');
    expect(features(text)).toEqual([['efficient-vpn', 4, 'ipsec efficient-vpn evpn']]);
    const notes = unmodelledNotes(parseConfig(text, 'u.cfg').ast);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/^Efficient VPN \(ipsec efficient-vpn\) is not checked: .*\(line 4 "ipsec efficient-vpn evpn"\)$/);
    expect(notes[0]).not.toContain('Secret1');
  });

  it('DSVPN (NHRP, mGRE), IPSec smart link, service-scheme, certificates, L2TP', () => {
    const text = [
      'ipsec smart-link profile slp1', ' link 1 interface GigabitEthernet1/0/0 local 1.1.1.1 remote 2.2.2.2', '#',
      'ike proposal 5', ' authentication-method rsa-signature', '#',
      'ike peer p1', ' service-scheme s1', ' remote-address 2.2.2.2', '#',
      'ipsec policy map1 10 isakmp', ' smart-link profile slp1', ' ike-peer p1', '#',
      'interface Tunnel0/0/0', ' ip address 172.16.1.1 255.255.255.0', ' tunnel-protocol gre p2mp', ' nhrp entry multicast dynamic', '#',
      'l2tp-group 1', ' allow l2tp virtual-template 1', '#',
    ].join('\n');
    expect(features(text).map(([f, l]) => `${f}@${l}`)).toEqual([
      'smart-link@1', 'pki@5', 'remote-access@8', 'smart-link@12', 'dsvpn@17', 'dsvpn@18', 'l2tp@20',
    ]);
  });

  it('a command inside an IPSec view that no statement knows is noted, not dropped', () => {
    const text = ['ipsec proposal p1', ' esp authentication-algorithm sha2-256', ' frobnicate now', '#'].join('\n');
    expect(features(text)).toEqual([['unrecognised-command', 3, 'frobnicate now']]);
    expect(unmodelledNotes(parseConfig(text, 'u.cfg').ast)[0]).toContain('line 3 "frobnicate now" in "ipsec proposal p1"');
  });

  it('pre-shared keys, pre-share authentication and modelled commands give no note', () => {
    const text = [
      'ike proposal 5', ' authentication-method pre-share', '#', 'ipsec policy map1 10 isakmp', ' security acl 3000', '#',
      'interface GigabitEthernet1/0/0', ' ipsec policy map1', '#',
    ].join('\n');
    expect(features(text)).toEqual([]);
  });

  it('many lines of one feature: five listed, the rest counted', () => {
    const text = ['interface Tunnel0/0/0', ...Array.from({ length: 8 }, (_, i) => ` nhrp entry 10.0.0.${i} 1.1.1.${i}`)].join('\n');
    const [note] = unmodelledNotes(parseConfig(text, 'u.cfg').ast);
    expect(note).toContain('and 3 more');
    expect(note.match(/line \d+/g)).toHaveLength(5);
  });

  it('the engine reports the notes with the device file; an example network without such features has none', () => {
    const evpn = corpusOrSkip();
    const notes = lintInputs(evpn, []).notes.filter((n) => n.message.startsWith('Efficient VPN'));
    expect(notes.map((n) => n.file)).toEqual(['corpus/hwdoc-ar-evpn-routera.cfg']);
    expect(lintInputs(readConfigDir('configs-examples/ipsec-policy-unapplied/fixed'), []).notes).toEqual([]);
  });
});

function corpusOrSkip() {
  requireCorpus();
  return corpus('hwdoc-ar-evpn-routera.cfg', 'hwdoc-ar-evpn-routerb.cfg');
}
