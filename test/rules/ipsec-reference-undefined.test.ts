import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import type { Finding } from '../../src/engine/findings.js';
import { applyFixes, type GeneratedFix } from '../../src/fix/generate.js';
import { lineOf, lintInputs, readConfigDir, type Input } from '../helpers/rule-harness.js';
import { at, ruleTester } from '../helpers/rule-tester.js';

const ID = 'ipsec-reference-undefined';

const ALL = rules.map((r) => r.meta.id);

function applyTo(inputs: readonly Input[], fix: GeneratedFix): Input[] {
  return inputs.map((input) => (input.file === fix.file ? { ...input, text: applyFixes(input.text, [fix]).text } : input));
}

/** The rule's findings on one file, with their suggestions. */
function findingsOf(text: string): Finding[] {
  return lintInputs([{ file: 'r.cfg', text }], [ID]).findings;
}

function descs(finding: Finding | undefined): string[] {
  return (finding?.suggestions ?? []).map((s) => s.desc);
}

const BASE = `#
 sysname R
#
acl number 3000
 rule 5 permit ip source 10.1.1.0 0.0.0.255 destination 10.2.1.0 0.0.0.255
#
ike proposal 10
 encryption-algorithm aes-256
#
ike peer p1
 pre-shared-key %^%#abcdefgh%^%#
 ike-proposal 10
 remote-address 198.51.100.1
#
ipsec proposal prop1
 esp encryption-algorithm aes-256
#
ipsec policy map1 10 isakmp
 security acl 3000
 ike-peer p1
 proposal prop1
#
interface GigabitEthernet1/0/1
 ip address 203.0.113.1 255.255.255.0
 ipsec policy map1
#
return
`;

/** BASE with each [from, to] replaced, as the one file r.cfg. */
const base = (...changes: [string, string][]): Input[] => [{ file: 'r.cfg', text: changes.reduce((text, [from, to]) => text.replace(from, to), BASE) }];

const TEMPLATE_AND_PROFILE: [string, string][] = [
  [' ipsec policy map1\n', ''],
  ['return\n', '#\nipsec policy dyn 10 isakmp template tpl\n#\ninterface Tunnel0/0/1\n ip address 172.16.1.1 255.255.255.252\n tunnel-protocol ipsec\n ipsec profile prof1\n#\nreturn\n'],
];

describe(ID, () => {
  ruleTester(ID, {
    fixedExample: true,
    documentationSets: true,
    valid: [
      {
        name: 'accepts the built-in "default" IKE proposal and leaves NAT ACLs to the NAT rules',
        inputs: base([' ike-proposal 10\n', ' ike-proposal default\n'], [' ipsec policy map1\n', ' ipsec policy map1\n nat outbound 2999\n']),
      },
      { name: 'is quiet on the base configuration', inputs: base() },
    ],
    invalid: [
      {
        name: 'flags the undefined ACL of the flagged example at the ACL name',
        inputs: () => readConfigDir(`configs-examples/${ID}/flagged`),
        findings: (inputs) => {
          const a = inputs.find((input) => input.file.endsWith('site-a.cfg'))!;
          return [{ ...at(a, ' security acl 3001'), severity: 'error', column: 15, endColumn: 19, objectPath: 'ipsec-policy:map1/10/acl:3001', message: '"3001"' }];
        },
      },
      ...(
        [
          ['IPSec proposal', ' proposal prop1\n#\ninterface', ' proposal prop2\n#\ninterface', ' proposal prop2', 11, 16],
          ['IKE peer', ' ike-peer p1\n', ' ike-peer p9\n', ' ike-peer p9', 11, 13],
          ['IKE proposal', ' ike-proposal 10\n', ' ike-proposal 20\n', ' ike-proposal 20', 15, 17],
          ['IPSec policy', ' ipsec policy map1\n', ' ipsec policy map2\n', ' ipsec policy map2', 15, 19],
        ] as const
      ).map(([kind, from, to, needle, column, endColumn]) => ({
        name: `flags a missing ${kind} at the name`,
        inputs: base([from, to]),
        findings: ([r]: readonly Input[]) => [{ ...at(r, needle), column, endColumn, message: `The ${kind} "` }],
      })),
      {
        name: 'flags a missing policy template and a missing profile binding',
        inputs: base(...TEMPLATE_AND_PROFILE),
        findings: ([r]) => [
          { ...at(r, 'template tpl'), message: /^The IPSec policy template "tpl" is not d/ },
          { ...at(r, ' ipsec profile prof1'), message: /^The IPSec profile "prof1" is not defined/ },
        ],
      },
      {
        name: 'flags a missing template next to a defined one, and nothing else',
        inputs: base([' ipsec policy map1\n', ' ipsec policy dyn\n'], ['return\n', '#\nipsec policy-template tpl-hq 10\n ike-peer p1\n proposal prop1\n#\nipsec policy dyn 10 isakmp template tpl-h\n#\nreturn\n']),
        findings: ([r]) => [{ ...at(r, 'isakmp template tpl-h'), message: 'template "tpl-h"' }],
      },
      {
        name: 'flags a missing profile next to a defined one',
        inputs: base(
          [' ipsec policy map1\n', ''],
          ['return\n', '#\nipsec profile prof2\n ike-peer p1\n proposal prop1\n#\ninterface Tunnel0/0/1\n ip address 172.16.1.1 255.255.255.252\n tunnel-protocol ipsec\n ipsec profile prof1\n#\nreturn\n'],
        ),
        findings: ([r]) => [{ ...at(r, ' ipsec profile prof1'), message: 'The IPSec profile "prof1"' }],
      },
      {
        name: 'flags a missing IPv4 and a missing IPv6 security ACL among ACLs of other kinds',
        inputs: base(
          [
            '#\nike proposal 10\n',
            '#\nacl number 2000\n rule 5 permit source 10.1.1.0 0.0.0.255\n#\nacl ipv6 number 3005\n rule 5 permit ipv6 source 2001:db8:1::/64 destination 2001:db8:2::/64\n#\n' +
              'acl name vpn advance\n rule 5 permit ip source 10.1.1.0 0.0.0.255 destination 10.2.1.0 0.0.0.255\n#\nike proposal 10\n',
          ],
          [' security acl 3000\n', ' security acl 3001\n'],
        ),
        findings: ([r]) => [{ ...at(r, ' security acl 3001'), column: 15, message: 'ACL "3001"' }],
      },
    ],
  });

  describe('suggestions', () => {
    const key = (f: Finding): string => `${f.ruleId} ${f.file} ${f.objectPath} ${f.message}`;

    it('on the flagged example: use the advanced ACL the device defines, typed in the policy view', () => {
      const inputs = readConfigDir(`configs-examples/${ID}/flagged`);
      const siteA = inputs.find((input) => input.file.endsWith('site-a.cfg'))!;
      const [finding] = lintInputs(inputs, [ID]).findings;
      expect(descs(finding)).toEqual([`Use ACL "3000" (defined at line ${lineOf(siteA.text, 'acl number 3000')})`]);
      const [suggestion] = finding.suggestions!;
      expect(suggestion.fix.applicability).toBe('unsafe');
      expect(suggestion.fix.commands).toEqual(['system-view', 'ipsec policy map1 10 isakmp', 'security acl 3000', 'return']);
      expect(applyFixes(siteA.text, [suggestion.fix]).text).toBe(siteA.text.replace(' security acl 3001\n', ' security acl 3000\n'));
    });

    it('each suggestion applied to the flagged example: the whole network linted again has the finding gone and no new error', () => {
      const inputs = readConfigDir(`configs-examples/${ID}/flagged`);
      const before = lintInputs(inputs, ALL).findings;
      const old = new Set(before.map(key));
      const own = before.filter((f) => f.ruleId === ID);
      expect(own.flatMap((f) => f.suggestions ?? []).length).toBeGreaterThan(0);
      for (const finding of own) {
        for (const suggestion of finding.suggestions ?? []) {
          const after = lintInputs(applyTo(inputs, suggestion.fix), ALL).findings;
          expect(after.map(key)).not.toContain(key(finding));
          expect(after.filter((f) => f.severity === 'error' && !old.has(key(f))).map(key)).toEqual([]);
        }
      }
    });

    it('orders the defined names by closeness to the missing one (equal but for case first, then edit distance), at most five', () => {
      const peers = ['hq', 'p10', 'P1', 'p2', 'branch', 'x1', 'peer-one']
        .map((name) => `#\nike peer ${name}\n pre-shared-key %^%#abcdefgh%^%#\n ike-proposal 10\n remote-address 198.51.100.1\n`)
        .join('');
      const text = BASE.replace(/#\nike peer p1\n pre-shared-key %\^%#abcdefgh%\^%#\n ike-proposal 10\n remote-address 198\.51\.100\.1\n/, peers);
      const [finding, ...others] = findingsOf(text);
      expect(others).toEqual([]);
      expect(finding.message).toContain('The IKE peer "p1"');
      expect(descs(finding)).toEqual(
        ['P1', 'p10', 'p2', 'x1', 'hq'].map((name) => `Use IKE peer "${name}" (defined at line ${lineOf(text, `ike peer ${name}`)})`),
      );
      for (const suggestion of finding.suggestions!) {
        const edited = applyFixes(text, [suggestion.fix]).text;
        expect(findingsOf(edited)).toEqual([]);
        expect(suggestion.fix.commands).toEqual(['system-view', 'ipsec policy map1 10 isakmp', expect.stringMatching(/^ike-peer \S+$/), 'return']);
      }
    });

    it('offers no suggestion when the device defines nothing of the kind, and the message stays as it is', () => {
      const text = BASE.replace('ipsec proposal prop1\n esp encryption-algorithm aes-256\n#\n', '');
      const [finding, ...others] = findingsOf(text);
      expect(others).toEqual([]);
      expect(finding.message).toBe(
        'The IPSec proposal "prop1" is not defined on this device, so no IKE negotiation is triggered for it; define the IPSec proposal or correct the name.',
      );
      expect(finding.suggestions).toBeUndefined();
    });

    it('keeps the kind of ACL: an IPSec security acl is offered advanced ACLs only, security acl ipv6 the IPv6 ones', () => {
      const acls =
        'acl number 2000\n rule 5 permit source 10.1.1.0 0.0.0.255\n#\nacl ipv6 number 3005\n rule 5 permit ipv6 source 2001:db8:1::/64 destination 2001:db8:2::/64\n#\n' +
        'acl name vpn advance\n rule 5 permit ip source 10.1.1.0 0.0.0.255 destination 10.2.1.0 0.0.0.255\n#\n';
      const text = BASE.replace('#\nike proposal 10\n', `#\n${acls}ike proposal 10\n`).replace(' security acl 3000\n', ' security acl 3001\n');
      const [finding] = findingsOf(text);
      expect(descs(finding)).toEqual([
        `Use ACL "3000" (defined at line ${lineOf(text, 'acl number 3000')})`,
        `Use ACL "vpn" (defined at line ${lineOf(text, 'acl name vpn advance')})`,
      ]);
      for (const suggestion of finding.suggestions!) expect(findingsOf(applyFixes(text, [suggestion.fix]).text)).toEqual([]);
      const ipv6 = text.replace(' security acl 3001\n', ' security acl ipv6 3001\n');
      const [v6] = findingsOf(ipv6);
      expect(descs(v6)).toEqual([`Use ACL "3005" (defined at line ${lineOf(ipv6, 'acl ipv6 number 3005')})`]);
      expect(findingsOf(applyFixes(ipv6, [v6.suggestions![0].fix]).text)).toEqual([]);
    });

    it('rebinds an interface: the binding removed first, the other policy or profile bound at once', () => {
      const text = BASE.replace(' ipsec policy map1\n', ' ipsec policy map2\n');
      const [finding] = findingsOf(text);
      expect(descs(finding)).toEqual([`Use IPSec policy "map1" (defined at line ${lineOf(text, 'ipsec policy map1 10 isakmp')})`]);
      const [suggestion] = finding.suggestions!;
      expect(suggestion.fix.commands).toEqual(['system-view', 'interface GigabitEthernet1/0/1', 'undo ipsec policy', 'ipsec policy map1', 'return']);
      expect(applyFixes(text, [suggestion.fix]).text).toBe(BASE);

      const profiles = BASE.replace(' ipsec policy map1\n', '').replace(
        'return\n',
        '#\nipsec profile prof2\n ike-peer p1\n proposal prop1\n#\ninterface Tunnel0/0/1\n ip address 172.16.1.1 255.255.255.252\n tunnel-protocol ipsec\n ipsec profile prof1\n#\nreturn\n',
      );
      const [profile] = findingsOf(profiles);
      expect(descs(profile)).toEqual([`Use IPSec profile "prof2" (defined at line ${lineOf(profiles, 'ipsec profile prof2')})`]);
      expect(profile.suggestions![0].fix.commands).toEqual(['system-view', 'interface Tunnel0/0/1', 'undo ipsec profile', 'ipsec profile prof2', 'return']);
      expect(findingsOf(applyFixes(profiles, [profile.suggestions![0].fix]).text)).toEqual([]);
    });

    it('offers the defined templates for a missing one', () => {
      const text = BASE.replace(' ipsec policy map1\n', ' ipsec policy dyn\n').replace(
        'return\n',
        '#\nipsec policy-template tpl-hq 10\n ike-peer p1\n proposal prop1\n#\nipsec policy dyn 10 isakmp template tpl-h\n#\nreturn\n',
      );
      const own = findingsOf(text);
      const missing = own.find((f) => f.message.includes('template "tpl-h"'));
      expect(descs(missing)).toEqual([`Use IPSec policy template "tpl-hq" (defined at line ${lineOf(text, 'ipsec policy-template tpl-hq 10')})`]);
      const after = findingsOf(applyFixes(text, [missing!.suggestions![0].fix]).text);
      expect(after.filter((f) => f.message.includes('template'))).toEqual([]);
    });
  });
});
