import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/ast/parse.js';
import { lint, readConfigDir } from '../helpers/rule-harness.js';

/**
 * Configurations copied from web pages lose their indentation (issue #17): the command tells the
 * view. Written as such pages show them: every line in column 0, `#` between blocks or not at all.
 */
const parse = (text: string) => parseConfig(text, 'flat.cfg').ast;

describe('flat text: the command, not the indentation, tells the view', () => {
  it('"ipsec policy map1" after an interface header is that interface\'s binding, not an incomplete policy', () => {
    const ast = parse([
      'ipsec policy map1 10 isakmp', 'security acl 3000', 'ike-peer b', 'proposal p1', '#',
      'interface GigabitEthernet1/0/0', 'ip address 203.0.113.1 255.255.255.0', 'ipsec policy map1', '#',
    ].join('\n'));
    expect(ast.interfaces[0].ipsecPolicy?.name.value).toBe('map1');
    expect(ast.ipsecPolicies.map((p) => `${p.name.value} ${p.seq.value}`)).toEqual(['map1 10']);
    expect(ast.diagnostics).toEqual([]);
  });

  it('a binding line after the interface\'s other lines, with no "#" anywhere, still binds', () => {
    const ast = parse([
      'interface GigabitEthernet1/0/0', 'ip address 203.0.113.1 255.255.255.0', 'tcp adjust-mss 1350', 'ipsec policy map1',
      'interface GigabitEthernet1/0/1', 'ip address 10.1.1.1 255.255.255.0',
      'acl number 3000', 'rule 5 permit ip source 10.1.1.0 0.0.0.255 destination 10.2.2.0 0.0.0.255',
      'ipsec policy map1 10 isakmp', 'security acl 3000',
    ].join('\n'));
    expect(ast.interfaces.map((i) => [i.name.value, i.ipsecPolicy?.name.value])).toEqual([
      ['GigabitEthernet1/0/0', 'map1'], ['GigabitEthernet1/0/1', undefined],
    ]);
    expect(ast.acls[0].rules.map((r) => r.id.value)).toEqual([5]);
    expect(ast.ipsecPolicies[0].acl?.value).toBe('3000');
  });

  it('nested views (security-policy → rule name → its lines) nest by command', () => {
    const ast = parse([
      'security-policy', 'rule name ike-in', 'source-zone untrust', 'destination-zone local', 'action permit',
      'rule name lan', 'source-zone trust', 'destination-zone untrust', 'action permit', '#',
    ].join('\n'));
    expect(ast.securityPolicy?.rules.map((r) => [r.name.value, r.sourceZones.map((z) => z.value), r.action?.value])).toEqual([
      ['ike-in', ['untrust'], 'permit'], ['lan', ['trust'], 'permit'],
    ]);
  });

  it('an example network de-indented gives the findings of the indented one (no unapplied policy)', () => {
    const inputs = readConfigDir('configs-examples/ipsec-policy-unapplied/fixed');
    const flat = inputs.map(({ file, text }) => ({ file, text: text.replace(/^[ \t]+/gm, '') }));
    expect(lint(flat, ['ipsec-policy-unapplied'])).toEqual([]);
  });
});

describe('interface names split by a blank', () => {
  const config = (header: string) => [
    '#', 'sysname FW1', '#', header, ' ip address 203.0.113.1 255.255.255.0', ' ipsec policy map1', '#',
    'firewall zone untrust', ' set priority 5', ' add interface GigabitEthernet1/0/2', '#',
  ].join('\n');

  it('the typo the device rejects ("GigabitEthernet1 /0/2") is reported once, at the header, and read as the intended name', () => {
    const ast = parse(config('interface GigabitEthernet1 /0/2'));
    expect(ast.diagnostics.map((d) => [d.code, d.severity, d.range.line, d.range.column])).toEqual([['statement-syntax', 'warning', 4, 1]]);
    expect(ast.diagnostics[0].message).toContain('write "interface GigabitEthernet1/0/2"');
    expect(ast.interfaces.map((i) => [i.name.value, i.ipsecPolicy?.name.value, i.addresses.length])).toEqual([['GigabitEthernet1/0/2', 'map1', 1]]);
    expect(ast.zones[0].interfaces.map((i) => i.value)).toEqual(['GigabitEthernet1/0/2']);
  });

  it('"GigabitEthernet1/ 0/2" is the same typo', () => {
    const ast = parse(config('interface GigabitEthernet1/ 0/2'));
    expect(ast.diagnostics).toHaveLength(1);
    expect(ast.interfaces[0].name.value).toBe('GigabitEthernet1/0/2');
  });

  it('the input form "interface GigabitEthernet 1/0/2" is stored by the device as GigabitEthernet1/0/2: read silently', () => {
    const ast = parse(config('interface GigabitEthernet 1/0/2'));
    expect(ast.diagnostics).toEqual([]);
    expect(ast.interfaces.map((i) => i.name.value)).toEqual(['GigabitEthernet1/0/2']);
  });
});
