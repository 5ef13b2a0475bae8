import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/ast/parse.js';
import { selectContext } from '../../src/engine/context-selection.js';
import { buildNetwork } from '../../src/network/build.js';
import { summariseAst } from '../../src/network/summary.js';
import { looksStale } from '../../src/network/identity.js';
import { deviceFrom } from '../model/helpers.js';
import { corpus, lint, type Input } from '../helpers/rule-harness.js';

/** A USG site as the documentation writes it: WAN GE1/0/1, LAN GE1/0/2, one ISAKMP policy. */
function usg(o: {
  sysname: string;
  wan: string;
  lan: string;
  peerLan: string;
  remote: string;
  gateway: string;
  tunnelLocal?: string;
  vrrp?: string;
  hrp?: { heartbeat: string; remote: string; standby?: boolean };
  encryption?: string;
}): string {
  const hrp = o.hrp
    ? `#\n hrp enable\n hrp interface GigabitEthernet1/0/6 remote ${o.hrp.remote}\n hrp mirror session enable\n${o.hrp.standby ? ' hrp standby-device\n' : ''}`
    : '';
  return `!Software Version V500R005C10SPC300
#
 sysname ${o.sysname}
${hrp}#
acl number 3000
 rule 5 permit ip source ${o.lan} 0.0.0.255 destination ${o.peerLan} 0.0.0.255
#
ike proposal 10
 encryption-algorithm ${o.encryption ?? 'aes-256'}
 dh group14
 authentication-algorithm sha2-256
 authentication-method pre-share
 integrity-algorithm hmac-sha2-256
 prf hmac-sha2-256
#
ike peer peer1
 undo version 2
 exchange-mode main
 pre-shared-key %^%#Q37v2ax8c;a9~FPN~n'$7\`DEV&=G(=Et02P/a2%^%#
 ike-proposal 10
 remote-address ${o.remote}
 dpd type periodic
#
ipsec proposal p10
 encapsulation-mode tunnel
 esp authentication-algorithm sha2-256
 esp encryption-algorithm aes-256
#
ipsec policy map1 10 isakmp
 security acl 3000
 ike-peer peer1
 proposal p10
${o.tunnelLocal ? ` tunnel local ${o.tunnelLocal}\n` : ''}#
interface GigabitEthernet1/0/1
 ip address ${o.wan} 255.255.255.0
${o.vrrp ? ` vrrp vrid 1 virtual-ip ${o.vrrp} 255.255.255.0 ${o.hrp?.standby ? 'standby' : 'active'}\n` : ''} ipsec policy map1
#
interface GigabitEthernet1/0/2
 ip address ${o.lan.replace(/\.0$/, '.1')} 255.255.255.0
#
${o.hrp ? `interface GigabitEthernet1/0/6\n ip address ${o.hrp.heartbeat} 255.255.255.0\n#\n` : ''} ip route-static 0.0.0.0 0.0.0.0 ${o.gateway}
#
return
`;
}

const hq = (over: Partial<Parameters<typeof usg>[0]> = {}) =>
  usg({ sysname: 'HQ', wan: '203.0.37.1', lan: '10.37.1.0', peerLan: '10.37.2.0', remote: '198.51.37.1', gateway: '203.0.37.254', ...over });
const branch = (over: Partial<Parameters<typeof usg>[0]> = {}) =>
  usg({ sysname: 'Branch', wan: '198.51.37.1', lan: '10.37.2.0', peerLan: '10.37.1.0', remote: '203.0.37.1', gateway: '198.51.37.254', ...over });

/** FW_A (active) and FW_B (standby) share VRRP 1.1.1.1-style virtual address 203.0.37.10 on their WAN ports. */
function hrpPair(tunnelLocal: boolean): Input[] {
  const common = { lan: '10.37.1.0', peerLan: '10.37.2.0', remote: '198.51.37.1', gateway: '203.0.37.254', vrrp: '203.0.37.10' };
  return [
    { file: 'hq/fw_a.cfg', text: usg({ ...common, sysname: 'FW_A', wan: '203.0.37.2', ...(tunnelLocal ? { tunnelLocal: '203.0.37.10' } : {}), hrp: { heartbeat: '10.37.9.1', remote: '10.37.9.2' } }) },
    { file: 'hq/fw_b.cfg', text: usg({ ...common, sysname: 'FW_B', wan: '203.0.37.3', ...(tunnelLocal ? { tunnelLocal: '203.0.37.10' } : {}), hrp: { heartbeat: '10.37.9.2', remote: '10.37.9.1', standby: true } }) },
  ];
}

const TWO_END = ['duplicate-device', 'remote-address-mismatch', 'ike-peer-mismatch', 'ike-proposal-mismatch', 'route-missing-to-ike-peer', 'security-acl-mismatch'];

describe('duplicate devices and ambiguous addresses', () => {
  it('tells old copies by their path', () => {
    expect(looksStale('archive/hq.cfg')).toBe(true);
    expect(looksStale('configs/old/hq.cfg')).toBe(true);
    expect(looksStale('hq-2025.cfg.bak')).toBe(true);
    expect(looksStale('hq.cfg~')).toBe(true);
    expect(looksStale('hq.cfg')).toBe(false);
    expect(looksStale('oldtown/hq.cfg')).toBe(false);
  });

  it('an archived copy with an outdated proposal is reported once and never paired', () => {
    const inputs: Input[] = [
      { file: 'archive/hq.cfg', text: hq({ encryption: 'aes-128' }) },
      { file: 'branch.cfg', text: branch() },
      { file: 'hq.cfg', text: hq() },
    ];
    const findings = lint(inputs, TWO_END);
    expect(findings.map((f) => [f.ruleId, f.file, f.line])).toEqual([['duplicate-device', 'archive/hq.cfg', 3]]);
    expect(findings[0].message).toContain('"hq.cfg"');
    expect(findings[0].message).toContain('"archive/**"');
    expect(findings[0].related).toEqual([expect.objectContaining({ file: 'hq.cfg', line: 3 })]);
    const network = buildNetwork(inputs.map((input, i) => deviceFrom(input.text, input.file, i)));
    expect(network.tunnels.map((t) => t.ends.map((e) => e.device.file))).toEqual([['branch.cfg', 'hq.cfg']]);
  });

  it('a .bak copy is the one left out, whichever comes first', () => {
    const inputs: Input[] = [
      { file: 'branch.cfg', text: branch() },
      { file: 'hq-2025.cfg.bak', text: hq({ encryption: 'aes-128' }) },
      { file: 'hq-2025.cfg', text: hq() },
    ];
    const findings = lint(inputs, TWO_END);
    expect(findings.map((f) => [f.ruleId, f.file])).toEqual([['duplicate-device', 'hq-2025.cfg.bak']]);
    expect(findings[0].message).toContain('its path marks it as an old copy');
  });

  it('without the copy there is nothing to say, and a different device with the same sysname is not a copy', () => {
    expect(lint([{ file: 'hq.cfg', text: hq() }, { file: 'branch.cfg', text: branch() }], TWO_END)).toEqual([]);
    const other = { file: 'other/hq.cfg', text: hq({ wan: '203.0.38.1', lan: '10.38.1.0', remote: '198.51.38.1', gateway: '203.0.38.254' }) };
    expect(lint([{ file: 'hq.cfg', text: hq() }, { file: 'branch.cfg', text: branch() }, other], ['duplicate-device'])).toEqual([]);
  });
});

describe('HRP hot-standby pairs', () => {
  it('parses hrp enable, the heartbeat remote and the VRRP state', () => {
    const [a, b] = hrpPair(true).map((input, i) => deviceFrom(input.text, input.file, i));
    expect(a.ast.globals.hrpEnable).toBeDefined();
    expect(a.ast.globals.hrpRemote?.value).toBe(0x0a250902);
    expect(a.ast.globals.hrpStandbyDevice).toBeUndefined();
    expect(b.ast.globals.hrpStandbyDevice).toBeDefined();
    expect(b.ast.interfaces[0].vrrpStandbyIps?.map((v) => v.value)).toEqual([0xcb00250a]);
    expect(a.ast.interfaces[0].vrrpStandbyIps).toBeUndefined();
  });

  it('is one tunnel end: the branch pointing at the virtual address pairs with the active member only', () => {
    const inputs = [...hrpPair(true), { file: 'branch.cfg', text: branch({ remote: '203.0.37.10' }) }];
    const network = buildNetwork(inputs.map((input, i) => deviceFrom(input.text, input.file, i)));
    expect(network.hrpPairs.map((p) => p.members.map((d) => d.file))).toEqual([['hq/fw_a.cfg', 'hq/fw_b.cfg']]);
    expect(network.tunnels.map((t) => t.ends.map((e) => e.device.file))).toEqual([['hq/fw_a.cfg', 'branch.cfg']]);
    expect(network.ambiguities).toEqual([]);
    expect(lint(inputs, TWO_END)).toEqual([]);
  });

  it('a remote-address at a member\'s interface address while the pair negotiates from the virtual address is a remote-address-mismatch', () => {
    for (const memberAddress of ['203.0.37.2', '203.0.37.3']) {
      const inputs = [...hrpPair(true), { file: 'branch.cfg', text: branch({ remote: memberAddress }) }];
      const findings = lint(inputs, ['remote-address-mismatch']);
      expect(findings.map((f) => [f.ruleId, f.file, f.line, f.column])).toEqual([['remote-address-mismatch', 'branch.cfg', 21, 2]]);
      expect(findings[0].message).toContain(`remote-address "${memberAddress}" is an interface address of`);
      expect(findings[0].message).toContain('change the remote-address to "203.0.37.10"');
    }
  });

  it('a remote-address at the virtual address while the policy has no tunnel local is a remote-address-mismatch', () => {
    const inputs = [...hrpPair(false), { file: 'branch.cfg', text: branch({ remote: '203.0.37.10' }) }];
    const findings = lint(inputs, ['remote-address-mismatch']);
    expect(findings.map((f) => [f.ruleId, f.file, f.line])).toEqual([['remote-address-mismatch', 'branch.cfg', 21]]);
    expect(findings[0].message).toContain('is the VRRP virtual address of FW_A');
    expect(findings[0].message).toContain('add "tunnel local 203.0.37.10"');
    expect(findings[0].related[0]).toMatchObject({ file: 'hq/fw_a.cfg' });
  });

  it('a heartbeat (hrp interface X remote A) naming the other member makes a pair without a shared virtual address', () => {
    const inputs = hrpPair(false).map((input) => ({ ...input, text: input.text.replace(/ vrrp vrid 1 .*\n/, '') }));
    const network = buildNetwork(inputs.map((input, i) => deviceFrom(input.text, input.file, i)));
    expect(network.hrpPairs.map((p) => p.members.map((d) => d.file))).toEqual([['hq/fw_a.cfg', 'hq/fw_b.cfg']]);
    expect(network.hrpPairs[0].activeFor.size).toBe(0);
    // a heartbeat address nobody owns pairs nothing
    const lonely = inputs.map((input) => ({ ...input, text: input.text.replace(/remote 10\.37\.9\.\d/, 'remote 10.99.9.9') }));
    expect(buildNetwork(lonely.map((input, i) => deviceFrom(input.text, input.file, i))).hrpPairs).toEqual([]);
  });

  it('load sharing: each member is the VRRP master of one virtual address and negotiates the tunnels on it', () => {
    // HRP keeps both members' IPSec configuration in sync: both hold both entries; VRRP decides who answers.
    const second = `ipsec policy map1 20 isakmp
 security acl 3000
 ike-peer peer2
 proposal p10
 tunnel local 203.0.37.11
#
ike peer peer2
 undo version 2
 exchange-mode main
 pre-shared-key %^%#Q37v2ax8c;a9~FPN~n'$7\`DEV&=G(=Et02P/a2%^%#
 ike-proposal 10
 remote-address 198.51.38.1
#
interface GigabitEthernet1/0/1`;
    const member = (file: string, sysname: string, wan: string, heartbeat: string, remote: string, masterOfFirst: boolean) => ({
      file,
      text: usg({ sysname, wan, lan: '10.37.1.0', peerLan: '10.37.2.0', remote: '198.51.37.1', gateway: '203.0.37.254', tunnelLocal: '203.0.37.10', hrp: { heartbeat, remote } })
        .replace('interface GigabitEthernet1/0/1', second)
        .replace(' ipsec policy map1\n', ` vrrp vrid 1 virtual-ip 203.0.37.10 255.255.255.0 ${masterOfFirst ? 'active' : 'standby'}\n vrrp vrid 2 virtual-ip 203.0.37.11 255.255.255.0 ${masterOfFirst ? 'standby' : 'active'}\n ipsec policy map1\n`),
    });
    const inputs = [
      member('hq/fw_a.cfg', 'FW_A', '203.0.37.2', '10.37.9.1', '10.37.9.2', true),
      member('hq/fw_b.cfg', 'FW_B', '203.0.37.3', '10.37.9.2', '10.37.9.1', false),
      { file: 'branch1.cfg', text: branch({ remote: '203.0.37.10' }) },
      { file: 'branch2.cfg', text: branch({ sysname: 'Branch2', wan: '198.51.38.1', lan: '10.37.3.0', remote: '203.0.37.11', gateway: '198.51.38.254' }) },
    ];
    const network = buildNetwork(inputs.map((input, i) => deviceFrom(input.text, input.file, i)));
    expect(network.hrpPairs).toHaveLength(1);
    expect([...network.hrpPairs[0].activeFor].map(([address, device]) => [address, device.file])).toEqual([
      [0xcb00250a, 'hq/fw_a.cfg'],
      [0xcb00250b, 'hq/fw_b.cfg'],
    ]);
    expect(network.tunnels.map((t) => t.ends.map((e) => e.device.file)).sort()).toEqual([
      ['hq/fw_a.cfg', 'branch1.cfg'],
      ['hq/fw_b.cfg', 'branch2.cfg'],
    ]);
    expect(network.ambiguities).toEqual([]);
  });

  it('two firewalls sharing an address without hrp enable are an ambiguity, not a pair', () => {
    const inputs = hrpPair(true).map((input) => ({ ...input, text: input.text.replace(/ hrp enable\n/, '') }));
    inputs.push({ file: 'branch.cfg', text: branch({ remote: '203.0.37.10' }) });
    const findings = lint(inputs, ['duplicate-device']);
    expect(findings.map((f) => [f.file, f.line])).toEqual([['branch.cfg', 21]]);
    expect(findings[0].message).toContain('belongs to 2 devices');
  });
});

describe('the published corpus', () => {
  it('RouterC\'s 60.1.2.1 belongs to two documentation RouterBs: said once, paired with the one that answers it, no false errors', () => {
    const inputs = corpus('hwdoc-ar-evpn-routerb.cfg', 'hwdoc-ar-redundant-routera.cfg', 'hwdoc-ar-redundant-routerb.cfg', 'hwdoc-ar-redundant-routerc.cfg');
    const findings = lint(inputs, [...TWO_END, 'pre-shared-key-mismatch', 'ipsec-proposal-mismatch']);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(findings.map((f) => [f.ruleId, f.file, f.line])).toEqual([['duplicate-device', 'corpus/hwdoc-ar-redundant-routerc.cfg', 24]]);
    expect(findings[0].message).toContain('"corpus/hwdoc-ar-evpn-routerb.cfg"');
    expect(findings[0].message).toContain('"corpus/hwdoc-ar-redundant-routerb.cfg"');
    expect(findings[0].message).toContain('pairs this tunnel with "corpus/hwdoc-ar-redundant-routerb.cfg"');
    const network = buildNetwork(inputs.map((input, i) => deviceFrom(input.text, input.file, i)));
    expect(network.tunnels.map((t) => t.ends.map((e) => e.device.file).sort())).toEqual([
      ['corpus/hwdoc-ar-redundant-routera.cfg', 'corpus/hwdoc-ar-redundant-routerc.cfg'],
      ['corpus/hwdoc-ar-redundant-routerb.cfg', 'corpus/hwdoc-ar-redundant-routerc.cfg'],
    ]);
  });
});

describe('repository mode loads what decides the pairing', () => {
  const summarised = (inputs: Input[], target: string) =>
    inputs.map((input) => {
      const parsed = parseConfig(input.text, input.file);
      return { file: input.file, target: input.file === target, summary: summariseAst(input.file, parsed.text, parsed.ast) };
    });

  it('a neighbour\'s copy is loaded with it (which copy pairs depends on both)', () => {
    // branch-copy.cfg comes first and no path marks it old: it is the one kept, though only branch.cfg points at HQ.
    const inputs: Input[] = [
      { file: 'branch-copy.cfg', text: branch({ remote: '203.0.36.99' }) },
      { file: 'branch.cfg', text: branch() },
      // HQ points at nobody here, so only branch.cfg's pointing makes branch.cfg a neighbour.
      { file: 'hq.cfg', text: hq({ remote: '198.51.36.50' }) },
    ];
    const selected = selectContext(summarised(inputs, 'hq.cfg'));
    expect([...selected].sort()).toEqual([0, 1, 2]);
    const findings = lint(inputs, ['duplicate-device']);
    expect(findings.map((f) => [f.file, f.message.includes('neither path marks an old copy')])).toEqual([['branch.cfg', true]]);
  });

  it('an HRP member\'s partner is loaded with it, and unrelated devices are not', () => {
    const unrelated = { file: 'other.cfg', text: hq({ sysname: 'Other', wan: '203.0.39.1', lan: '10.39.1.0', remote: '198.51.39.1', gateway: '203.0.39.254' }) };
    const inputs = [...hrpPair(true), { file: 'branch.cfg', text: branch({ remote: '203.0.37.10' }) }, unrelated];
    expect([...selectContext(summarised(inputs, 'hq/fw_b.cfg'))].sort()).toEqual([0, 1, 2]);
    expect([...selectContext(summarised(inputs, 'branch.cfg'))].sort()).toEqual([0, 1, 2]);
  });
});
