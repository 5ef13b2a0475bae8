import { describe, expect, it } from 'vitest';
import { corpus, lint, lintDir, lintInputs, lineOf, readConfigDir } from '../helpers/rule-harness.js';
import { applyFixes } from '../../src/fix/generate.js';
import { EASY_IP_ALL, NO_NAT_VPN, natDevice, type NatDeviceOptions, spokeAclRules } from './nat-fixture.js';

const ID = 'nat-server-reverse-translates-protected-flow';
const dir = `configs-examples/${ID}`;

function run(options: NatDeviceOptions) {
  const text = natDevice({ natPolicy: `${NO_NAT_VPN}\n${EASY_IP_ALL}`, ...options });
  return { text, findings: lint([{ file: 'fw1.cfg', text }], [ID]) };
}

describe(ID, () => {
  it('flags the nat server line of the flagged end, with the ACL rule as related location', () => {
    const [a] = readConfigDir(`${dir}/flagged`);
    const findings = lintDir(`${dir}/flagged`, [ID]);
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f.ruleId).toBe(ID);
    expect(f.file).toBe(a.file);
    expect(f.line).toBe(lineOf(a.text, 'nat server rdp'));
    expect(f.column).toBe(2);
    expect(f.endColumn).toBe(a.text.split('\n')[f.line - 1].length + 1);
    expect(f.message).toContain('"10.3.11.10"');
    expect(f.message).toContain('"no-reverse"');
    expect(f.related).toEqual([expect.objectContaining({ file: a.file, line: lineOf(a.text, ' rule 5 permit'), column: 2 })]);
  });

  it('reports nothing on the fixed set (no-reverse)', () => {
    expect(lintDir(`${dir}/fixed`, [ID])).toEqual([]);
  });

  it('flags a reverse mapping even when a no-nat rule exempts the flow (guide: the server-map wins)', () => {
    const { text, findings } = run({ extra: ' nat server 0 protocol tcp global 203.0.113.10 3389 inside 10.1.1.2 3389' });
    expect(findings).toHaveLength(1);
    expect(findings[0].line).toBe(lineOf(text, 'nat server 0'));
  });

  it('ignores no-reverse, hosts outside the protected source, and unbound policies', () => {
    expect(run({ extra: ' nat server 0 protocol tcp global 203.0.113.10 3389 inside 10.1.1.2 3389 no-reverse' }).findings).toEqual([]);
    expect(run({ extra: ' nat server 0 protocol tcp global 203.0.113.10 3389 inside 10.1.2.2 3389' }).findings).toEqual([]);
    expect(run({ extra: ' nat server 0 global 203.0.113.10 inside 10.1.1.2', bind: false }).findings).toEqual([]);
  });

  it('flags a whole-address mapping once even with several protecting rules', () => {
    const { findings } = run({
      extra: ' nat server web global 203.0.113.10 inside 10.1.1.2',
      aclRules: [
        'rule 5 permit ip source 10.1.1.0 0.0.0.255 destination 10.2.1.0 0.0.0.255',
        'rule 10 permit ip source 10.1.1.0 0.0.0.255 destination 10.2.2.0 0.0.0.255',
      ],
    });
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toContain('NAT server "web"');
  });

  it('fixes (unsafe) with no-reverse after the inside port, before vrrp: undo the mapping, then re-create it at once', () => {
    const line = 'nat server web protocol tcp global 203.0.113.10 80 inside 10.1.1.10 www vrrp 1';
    const text = natDevice({ natPolicy: `${NO_NAT_VPN}\n${EASY_IP_ALL}`, extra: ` ${line}` });
    const [finding] = lintInputs([{ file: 'fw1.cfg', text }], [ID]).findings;
    const fix = finding.fix;
    if (!fix) throw new Error('no fix');
    expect(fix.applicability).toBe('unsafe');
    const fixed = 'nat server web protocol tcp global 203.0.113.10 80 inside 10.1.1.10 www no-reverse vrrp 1';
    expect(fix.commands).toEqual(['system-view', `undo ${line}`, fixed, 'return']);
    const edited = applyFixes(text, [fix]).text;
    expect(edited).toContain(`\n ${fixed}\n`);
    expect(lint([{ file: 'fw1.cfg', text: edited }], [ID])).toEqual([]);
  });

  it('reports nothing on the corpus documentation pairs', () => {
    const names = ['hwdoc-ar-evpn-routera.cfg', 'hwdoc-ar-evpn-routerb.cfg', 'hwdoc-ar-natt-routera.cfg', 'hwdoc-ar-natt-routerb.cfg'];
    expect(lint(corpus(...names), [ID])).toEqual([]);
    expect(lint(corpus('hwdoc-ar-redundant-routera.cfg', 'hwdoc-ar-redundant-routerb.cfg', 'hwdoc-ar-redundant-routerc.cfg'), [ID])).toEqual([]);
    expect(lint(corpus('alicloud-faq-huawei-usg-nat-snippet.cfg'), [ID])).toEqual([]);
  });

  it('reports nothing on a hub with 200 spokes and servers published with no-reverse', () => {
    const aclRules = spokeAclRules(200);
    const servers = Array.from({ length: 20 }, (_, i) => ` nat server s${i} protocol tcp global 203.0.113.${100 + i} 443 inside 10.1.1.${10 + i} 443 no-reverse`).join('\n');
    expect(run({ aclRules, extra: servers }).findings).toEqual([]);
  });
});
