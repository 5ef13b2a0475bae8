import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/ast/parse.js';
import { corpusNames, readCorpus, requireCorpus } from '../helpers/corpus.js';
import {
  FOREIGN_INPUTS, FORTIOS, FORTIOS_POLICY_ONLY, JUNIPER_CURLY, JUNIPER_SET, MIKROTIK, PANOS_XML, PROSE_MARKDOWN, PROSE_NOTES, YAML_INVENTORY,
} from '../helpers/foreign-inputs.js';
import { examplesDir, readConfigDir } from '../helpers/rule-harness.js';

const foreign = (text: string) => {
  const { ast } = parseConfig(text, 'x.cfg');
  return ast.diagnostics.filter((d) => d.code === 'not-huawei-config');
};

const CISCO_IOS = [
  '!',
  '! Last configuration change at 10:01:02 UTC Mon Mar 1 2021',
  '!',
  'version 15.2',
  'service timestamps debug datetime msec',
  '!',
  'hostname R1',
  '!',
  'crypto isakmp policy 10',
  ' encr aes 256',
  ' authentication pre-share',
  ' group 14',
  'crypto isakmp key s3cr3t address 203.0.113.2',
  '!',
  'crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac',
  ' mode tunnel',
  '!',
  'interface GigabitEthernet0/0',
  ' ip address 198.51.100.1 255.255.255.0',
  ' crypto map CMAP',
  '!',
  'end',
  '',
].join('\n');

const H3C_COMWARE7 = [
  '#',
  ' version 7.1.064, Release 0821P11',
  '#',
  ' sysname H3C-MSR',
  '#',
  'interface GigabitEthernet0/0',
  ' ip address 198.51.100.1 255.255.255.0',
  ' ipsec apply policy p1',
  '#',
  'acl advanced 3000',
  ' rule 0 permit ip source 10.1.1.0 0.0.0.255 destination 10.2.2.0 0.0.0.255',
  '#',
  'ipsec transform-set t1',
  ' esp encryption-algorithm aes-cbc-128',
  '#',
  'ike keychain k1',
  ' pre-shared-key address 203.0.113.2 key cipher $c$3$abc',
  '#',
  'ike profile p1',
  ' keychain k1',
  '#',
  'return',
  '',
].join('\n');

describe('vendor detection: Cisco, H3C and Huawei are told apart by evidence, not by check order', () => {
  it('a Cisco IOS configuration with "version 15.2" is Cisco, not H3C Comware, and the range is on the version line', () => {
    const found = foreign(CISCO_IOS);
    expect(found).toHaveLength(1);
    expect(found[0].message).toMatch(/Cisco/);
    expect(found[0].message).not.toMatch(/H3C|Comware/);
    expect(found[0].range.line).toBe(4);
    expect(CISCO_IOS.slice(found[0].range.offset, found[0].range.endOffset)).toBe('version 15.2');
  });

  it('a minimal IOS header (version 15.2 and ! lines only, before any crypto command) is Cisco', () => {
    const found = foreign('!\nversion 15.2\n!\ninterface GigabitEthernet0/0\n ip address 198.51.100.1 255.255.255.0\n!\nend\n');
    expect(found.map((d) => d.message)).toEqual(['this looks like a Cisco IOS/ASA configuration, not Huawei VRP']);
  });

  it('IOS "version 12.4" and IOS-XE "version 17.3" are Cisco too', () => {
    for (const version of ['12.4', '17.3', '15.2(4)M3']) {
      expect(foreign(`!\nversion ${version}\n!\nhostname R1\n!\nend\n`)[0]?.message, version).toMatch(/Cisco/);
    }
  });

  it('H3C Comware 7 (" version 7.1.064, Release", # separators, ike profile/keychain) is H3C Comware', () => {
    const found = foreign(H3C_COMWARE7);
    expect(found.map((d) => d.message)).toEqual(['this looks like a H3C Comware configuration, not Huawei VRP']);
    expect(found[0].range.line).toBe(2);
  });

  it('H3C Comware 5 (" version 5.20, Release 2207P41" with ike peer / ipsec proposal) is H3C Comware', () => {
    const text = '#\n version 5.20, Release 2207P41\n#\n sysname H3C\n#\nike peer p1\n pre-shared-key cipher abc\n#\nipsec proposal p1\n#\nreturn\n';
    expect(foreign(text).map((d) => d.message)).toEqual(['this looks like a H3C Comware configuration, not Huawei VRP']);
  });

  it('Cisco evidence outweighs one Comware-looking line, and the other way round', () => {
    expect(foreign(CISCO_IOS.replace('hostname R1', 'hostname R1\nacl basic 2000'))[0].message).toMatch(/Cisco/);
    expect(foreign(H3C_COMWARE7.replace(' sysname H3C-MSR', ' sysname H3C-MSR\n#\nhostname x'))[0].message).toMatch(/H3C/);
  });

  it('a Huawei banner outweighs a single line that H3C also prints', () => {
    const text = '!Software Version V500R005C10SPC300\n#\n sysname FW\n#\nacl basic 2000\n#\nfirewall zone trust\n set priority 85\n#\nreturn\n';
    expect(foreign(text)).toEqual([]);
  });

  it('no Huawei example under configs-examples is taken for another vendor', () => {
    const files = readConfigDir(examplesDir);
    expect(files.length).toBeGreaterThan(10);
    for (const { file, text } of files) expect(foreign(text), file).toEqual([]);
  });
});

describe('vendor detection: Juniper, PAN-OS, FortiOS, MikroTik, YAML and prose are findings (issue #20)', () => {
  it.each(FOREIGN_INPUTS)('$name: one not-huawei-config error, and nothing parsed', ({ text, message }) => {
    const { ast } = parseConfig(text, 'x.cfg');
    expect(ast.diagnostics.map((d) => [d.code, d.severity, d.message])).toEqual([['not-huawei-config', 'error', message]]);
    expect(ast.interfaces).toEqual([]);
    expect(ast.ikePeers).toEqual([]);
  });

  it('points at the line that gave the vendor away', () => {
    const lineOf = (text: string): number => foreign(text)[0].range.line;
    expect(lineOf(JUNIPER_SET)).toBe(1);
    expect(lineOf(JUNIPER_CURLY)).toBe(1);
    expect(lineOf(PANOS_XML)).toBe(2);
    expect(lineOf(FORTIOS)).toBe(1);
    expect(lineOf(FORTIOS_POLICY_ONLY)).toBe(1);
    expect(lineOf(MIKROTIK)).toBe(1);
    expect(lineOf(YAML_INVENTORY)).toBe(1);
    expect(lineOf(PROSE_NOTES)).toBe(1);
    expect(lineOf(PROSE_MARKDOWN)).toBe(3);
  });

  it('FortiOS blocks end with "end" like IOS: many of them do not make the file Cisco', () => {
    const blocks = Array.from({ length: 30 }, (_, i) => `config firewall address\n    edit "net${i}"\n        set subnet 10.${i}.0.0 255.255.0.0\n    next\nend`).join('\n');
    expect(foreign(blocks).map((d) => d.message)).toEqual(['this looks like a Fortinet FortiOS configuration, not Huawei VRP']);
  });

  it('weak hints alone are not enough: stray edit/next/add lines or one sentence in a VRP file', () => {
    expect(foreign('sysname FW\n#\ninterface GigabitEthernet0/0/1\n edit 1\n next\n#\nreturn\n')).toEqual([]);
    expect(foreign('add name=x\nadd address=10.0.0.1/24\n')).toEqual([]);
    expect(foreign('set system foo bar\nset interfaces x y\n')).toEqual([]);
    const described = [
      'sysname FW-HQ',
      '#',
      'interface GigabitEthernet0/0/1',
      ' description Uplink to the provider, do not shut down.',
      ' ip address 198.51.100.1 255.255.255.252',
      '#',
      'header login information "Authorized access only. All sessions are logged."',
      '#',
      'return',
    ].join('\n');
    expect(foreign(described)).toEqual([]);
  });

  it('no published corpus configuration is taken for another vendor or for text', () => {
    requireCorpus();
    for (const name of corpusNames()) expect(foreign(readCorpus(name)), name).toEqual([]);
  });
});
