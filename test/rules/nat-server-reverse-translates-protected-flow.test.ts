import { describe, expect, it } from 'vitest';
import { corpus, lint, lintInputs, lineOf, readConfigDir } from '../helpers/rule-harness.js';
import { at, ruleTester } from '../helpers/rule-tester.js';
import { applyFixes } from '../../src/fix/generate.js';
import { EASY_IP_ALL, NO_NAT_VPN, natDevice, type NatDeviceOptions, spokeAclRules } from './nat-fixture.js';

const ID = 'nat-server-reverse-translates-protected-flow';
const dir = `configs-examples/${ID}`;

describe(ID, () => {
  const fw1 = (options: NatDeviceOptions) => [{ file: 'fw1.cfg', text: natDevice({ natPolicy: `${NO_NAT_VPN}\n${EASY_IP_ALL}`, ...options }) }];

  ruleTester(ID, {
    fixedExample: true,
    valid: [
      { name: 'ignores no-reverse', inputs: () => fw1({ extra: ' nat server 0 protocol tcp global 203.0.113.10 3389 inside 10.1.1.2 3389 no-reverse' }) },
      { name: 'ignores hosts outside the protected source', inputs: () => fw1({ extra: ' nat server 0 protocol tcp global 203.0.113.10 3389 inside 10.1.2.2 3389' }) },
      { name: 'ignores unbound policies', inputs: () => fw1({ extra: ' nat server 0 global 203.0.113.10 inside 10.1.1.2', bind: false }) },
      {
        name: 'reports nothing on the corpus documentation pairs (evpn and natt)',
        inputs: () => corpus('hwdoc-ar-evpn-routera.cfg', 'hwdoc-ar-evpn-routerb.cfg', 'hwdoc-ar-natt-routera.cfg', 'hwdoc-ar-natt-routerb.cfg'),
      },
      { name: 'reports nothing on the redundant documentation set', inputs: () => corpus('hwdoc-ar-redundant-routera.cfg', 'hwdoc-ar-redundant-routerb.cfg', 'hwdoc-ar-redundant-routerc.cfg') },
      { name: 'reports nothing on the Alibaba Cloud USG NAT snippet', inputs: () => corpus('alicloud-faq-huawei-usg-nat-snippet.cfg') },
      {
        name: 'reports nothing on a hub with 200 spokes and servers published with no-reverse',
        inputs: () =>
          fw1({
            aclRules: spokeAclRules(200),
            extra: Array.from({ length: 20 }, (_, i) => ` nat server s${i} protocol tcp global 203.0.113.${100 + i} 443 inside 10.1.1.${10 + i} 443 no-reverse`).join('\n'),
          }),
      },
    ],
    invalid: [
      {
        name: 'flags the nat server line of the flagged end, with the ACL rule as related location',
        inputs: () => readConfigDir(`${dir}/flagged`),
        findings: ([a]) => {
          const line = lineOf(a.text, 'nat server rdp');
          return [
            {
              file: a.file,
              line,
              column: 2,
              endColumn: a.text.split('\n')[line - 1].length + 1,
              message: ['"10.3.11.10"', '"no-reverse"'],
              related: [{ ...at(a, ' rule 5 permit'), column: 2 }],
            },
          ];
        },
      },
      {
        name: 'flags a reverse mapping even when a no-nat rule exempts the flow (guide: the server-map wins)',
        inputs: () => fw1({ extra: ' nat server 0 protocol tcp global 203.0.113.10 3389 inside 10.1.1.2 3389' }),
        findings: ([f]) => [at(f, 'nat server 0')],
      },
      {
        name: 'flags a whole-address mapping once even with several protecting rules',
        inputs: () =>
          fw1({
            extra: ' nat server web global 203.0.113.10 inside 10.1.1.2',
            aclRules: ['rule 5 permit ip source 10.1.1.0 0.0.0.255 destination 10.2.1.0 0.0.0.255', 'rule 10 permit ip source 10.1.1.0 0.0.0.255 destination 10.2.2.0 0.0.0.255'],
          }),
        findings: ([f]) => [{ ...at(f, 'nat server web'), message: 'NAT server "web"' }],
      },
    ],
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

});
