import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { lint, lintInputs } from '../helpers/rule-harness.js';
import { deviceFrom } from './helpers.js';

/*
 * Platforms and software versions (#17): the defaults column of a device comes from its version
 * banner, else from the command forms its release prints; an absent line is compared with the
 * value of that column, and where the version is unknown and the columns disagree the verdict is
 * "cannot verify", naming the values per family. The AR configurations are written as the
 * AR V200R007 and V200R010 command references show them (EDOC1000097293, EDOC1100033725).
 */
const arEnd = (banner: string, sysname: string, local: string, peer: string, proposalLines: string, peerVersion: string) => `${banner}#
 sysname ${sysname}
#
acl number 3101
 rule 5 permit ip source ${local === '1.1.1.1' ? '10.1.1.0 0.0.0.255 destination 10.1.2.0' : '10.1.2.0 0.0.0.255 destination 10.1.1.0'} 0.0.0.255
#
ipsec proposal tran1
 esp authentication-algorithm sha2-256
 esp encryption-algorithm aes-128
#
ike proposal 5
${proposalLines}#
${peerVersion.startsWith('ike peer') ? peerVersion : `ike peer spub\n${peerVersion}`}
 pre-shared-key cipher %^%#AbCdEfGhIjKlMnOpQrStUvWx%^%#
 ike-proposal 5
 remote-address ${peer}
#
ipsec policy map1 10 isakmp
 security acl 3101
 ike-peer spub
 proposal tran1
#
interface GigabitEthernet1/0/0
 ip address ${local} 255.255.255.0
 ipsec policy map1
#
interface GigabitEthernet2/0/0
 ip address ${local === '1.1.1.1' ? '10.1.1.1' : '10.1.2.1'} 255.255.255.0
#
ip route-static ${peer === '2.1.1.1' ? '2.1.1.0' : '1.1.1.0'} 255.255.255.0 ${local === '1.1.1.1' ? '1.1.1.2' : '2.1.1.2'}
ip route-static ${local === '1.1.1.1' ? '10.1.2.0' : '10.1.1.0'} 255.255.255.0 ${local === '1.1.1.1' ? '1.1.1.2' : '2.1.1.2'}
#
return
`;

/** V200R007: `ike peer NAME v1` and `aes-cbc-128`; no `dh` line (the created proposal's default, group2). */
const R007_FORMS = ' encryption-algorithm aes-cbc-128\n authentication-algorithm sha2-256\n';
const R010_FORMS = (dh: string) => ` encryption-algorithm aes-128\n authentication-algorithm sha2-256\n dh ${dh}\n`;

const routerA = (banner = '[V200R007C00SPC600]\n') => arEnd(banner, 'RouterA', '1.1.1.1', '2.1.1.1', R007_FORMS, 'ike peer spub v1');
const routerB = (dh: string, banner = '[V200R010C00SPC200]\n') => arEnd(banner, 'RouterB', '2.1.1.1', '1.1.1.1', R010_FORMS(dh), ' version 1');

const ids = rules.map((rule) => rule.meta.id);

describe('platform and version defaults (#17)', () => {
  it('detects the family from the banner and, without it, from the command forms', () => {
    expect(deviceFrom(routerA()).defaultsProfile).toBe('ar-v200r007');
    expect(deviceFrom(routerB('group14')).defaultsProfile).toBe('ar');
    // no banner: `ike peer spub v1` and `aes-cbc-128` are the V200R007 forms
    expect(deviceFrom(routerA('')).defaultsProfile).toBe('ar-v200r007');
    expect(deviceFrom(routerB('group14', '')).defaultsProfile).toBe('ar');
    expect(deviceFrom('!Software Version V500R005C10SPC300\n#\n sysname FW\n#\nreturn\n').defaultsProfile).toBe('usg-v500r005');
  });

  it('reads an absent dh line of an AR V200R007 proposal as group2, its documented default', () => {
    const device = deviceFrom(routerA());
    const settings = device.ikeProposalSettings(device.ikeProposal('5')!);
    expect(settings.dh).toMatchObject({ source: 'default', value: ['group2'] });
    expect(device.defaults.builtInIkeProposal).toMatchObject({ encryption: ['des'], authentication: ['sha1'], dh: ['group1'] });
    // AR V200R010 and later: a created proposal defaults to group14
    const r010 = deviceFrom(routerB('group14').replace(' dh group14\n', ''));
    expect(r010.ikeProposalSettings(r010.ikeProposal('5')!).dh).toMatchObject({ source: 'default', value: ['group14'] });
  });

  it('matches a V200R007 end without a dh line with a V200R010 end that writes group2, and reports group14', () => {
    expect(lint([{ file: 'a.cfg', text: routerA() }, { file: 'b.cfg', text: routerB('group2') }], ['ike-proposal-mismatch'])).toEqual([]);
    const findings = lint([{ file: 'a.cfg', text: routerA() }, { file: 'b.cfg', text: routerB('group14') }], ['ike-proposal-mismatch']);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.map((f) => f.message).join('\n')).toMatch(/group2/);
    expect(findings.map((f) => f.message).join('\n')).toMatch(/group14/);
  });

  it('says "cannot verify" with the values per family when the version is unknown and the families disagree', () => {
    // No banner and no telling command forms (aes-cbc-128 would say V200R007): only the platform is known.
    const unknownA = routerA('').replace(' encryption-algorithm aes-cbc-128\n', ' encryption-algorithm 3des\n').replace('ike peer spub v1', 'ike peer spub');
    const device = deviceFrom(unknownA);
    expect(device.ast.platform).toBe('ar');
    expect(device.defaultsProfile).toBe('unknown');
    const outcome = lintInputs([{ file: 'a.cfg', text: unknownA }, { file: 'b.cfg', text: routerB('group14').replace('ike proposal 5\n encryption-algorithm aes-128\n', 'ike proposal 5\n encryption-algorithm 3des\n') }], ['ike-proposal-mismatch']);
    expect(outcome.findings).toEqual([]);
    const note = outcome.notes.map((n) => n.message).find((m) => m.includes('"dh'));
    expect(note).toMatch(/group2 \(AR V200R007\) or group14 \(AR V200R010 and later, V300\)/);
    expect(note).toMatch(/software version/);
  });

  it('names the platform in its advice: no USG WEAKEA advice on an AR router', () => {
    const weakAr = routerA().replace(' encryption-algorithm aes-cbc-128\n', ' encryption-algorithm des-cbc\n');
    const [finding] = lint([{ file: 'a.cfg', text: weakAr }], ['weak-crypto-algorithm']);
    expect(finding.message).not.toMatch(/WEAKEA|USG/);
    const usg = `!Software Version V500R005C10SPC300\n#\nike proposal 5\n encryption-algorithm des\n#\nreturn\n`;
    expect(lint([{ file: 'fw.cfg', text: usg }], ['weak-crypto-algorithm'])[0].message).toMatch(/WEAKEA/);
  });

  it('gives a manual policy no IKE wording', () => {
    const manual = `[V200R010C00SPC200]
#
 sysname RouterA
#
acl number 3101
 rule 5 permit ip source 10.1.1.0 0.0.0.255 destination 10.1.2.0 0.0.0.255
#
ipsec proposal tran1
 esp authentication-algorithm sha2-256
 esp encryption-algorithm aes-128
#
ipsec policy map1 10 manual
 security acl 3101
 proposal tran1
 tunnel remote 2.1.1.1
 tunnel local 1.1.1.1
 sa spi outbound esp 12345
 sa spi inbound esp 54321
 sa string-key outbound esp cipher %^%#AbCdEfGhIjKlMnOpQrStUvWx%^%#
 sa string-key inbound esp cipher %^%#AbCdEfGhIjKlMnOpQrStUvWy%^%#
#
interface GigabitEthernet1/0/0
 ip address 1.1.1.1 255.255.255.0
#
return
`;
    const messages = lint([{ file: 'a.cfg', text: manual }], ids).map((f) => f.message);
    expect(messages.length).toBeGreaterThan(0);
    for (const message of messages) expect(message).not.toMatch(/IKE negotiation|no IKE negotiation is triggered/);
  });
});
