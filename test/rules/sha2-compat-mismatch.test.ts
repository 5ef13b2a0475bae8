import { describe, expect, it } from 'vitest';
import { lint, lintInputs, readConfigDir } from '../helpers/rule-harness.js';
import { at, ruleTester } from '../helpers/rule-tester.js';
import { applyFixes } from '../../src/fix/generate.js';
import { patchedPair } from '../helpers/tunnel-pair.js';

const ID = 'sha2-compat-mismatch';
const dir = `configs-examples/${ID}`;
const fixed = `${dir}/fixed`;

function arBranch(extra = ''): { file: string; text: string } {
  const text = `[V300R019C00SPC300]
#
 sysname s2c-AR
#${extra}
 ike dpd type periodic
#
acl number 3000
 rule 5 permit ip source 10.18.22.0 0.0.0.255 destination 10.18.12.0 0.0.0.255
#
ipsec proposal p10
 esp authentication-algorithm sha2-256
 esp encryption-algorithm aes-256
#
ike proposal 10
 encryption-algorithm aes-256
 dh group14
 authentication-algorithm sha2-256
 authentication-method pre-share
 integrity-algorithm hmac-sha2-256
 prf hmac-sha2-256
#
ike peer hq
 version 1
 pre-shared-key cipher %^%#Ar18Zx!q2w3e4r5t6y7u8i9o%^%#
 ike-proposal 10
 remote-address 203.0.18.33
#
ipsec policy map1 10 isakmp
 security acl 3000
 ike-peer hq
 proposal p10
 pfs dh-group14
#
interface GigabitEthernet0/0/1
 ip address 198.51.18.33 255.255.255.240
 ipsec policy map1
#
interface GigabitEthernet0/0/2
 ip address 10.18.22.1 255.255.255.0
#
ip route-static 0.0.0.0 0.0.0.0 198.51.18.46
#
return
`;
  return { file: 'ar/site-b.cfg', text };
}

describe(ID, () => {
  ruleTester(ID, {
    fixedExample: true,
    documentationSets: true,
    valid: [
      {
        name: 'is quiet on equal settings',
        inputs: () =>
          patchedPair(fixed, {
            a: [[' firewall tcp-mss 1350\n', ' firewall tcp-mss 1350\n ipsec sha2 compatible enable\n'], ['sha2-256\n esp encryption', 'sha2-512\n esp encryption']],
            b: [[' firewall tcp-mss 1350\n', ' firewall tcp-mss 1350\n ipsec sha2 compatible enable\n'], ['sha2-256\n esp encryption', 'sha2-512\n esp encryption']],
          }),
      },
      { name: 'is quiet on SHA2-256 between firewalls', inputs: () => patchedPair(fixed, { a: [[' firewall tcp-mss 1350\n', ' firewall tcp-mss 1350\n ipsec sha2 compatible enable\n']] }) },
      {
        name: 'is quiet on an AR router with "ipsec authentication sha2 compatible enable"',
        inputs: () => [readConfigDir(fixed)[0], arBranch('\n ipsec authentication sha2 compatible enable\n#')],
      },
    ],
    invalid: [
      {
        name: 'flags SHA2-512 with "ipsec sha2 compatible enable" on one firewall only, at both ends',
        inputs: () => readConfigDir(`${dir}/flagged`),
        findings: ([a, b]) => [
          {
            ...at(a, 'ipsec sha2 compatible enable'),
            severity: 'error',
            column: 2,
            endColumn: 30,
            message: '"sha2-512"',
            related: [at(b, 'esp authentication-algorithm sha2-512')],
          },
          { ...at(b, 'esp authentication-algorithm sha2-512'), objectPath: 'ipsec-policy:map1/10', related: [at(a, 'ipsec sha2 compatible enable')] },
        ],
      },
      {
        name: 'flags an AR router using SHA2-256 with a firewall without "ipsec authentication sha2 compatible enable"',
        inputs: () => [readConfigDir(fixed)[0], arBranch()],
        findings: ([firewall, ar]) => [
          { ...at(ar, 'esp authentication-algorithm sha2-256'), column: 31, objectPath: 'ipsec-policy:map1/10', related: [at(firewall, 'esp authentication-algorithm sha2-256')] },
        ],
      },
    ],
  });

  it('suggests on each firewall matching the other, and the system-view line on the AR', () => {
    const findings = lintInputs(readConfigDir(`configs-examples/${ID}/flagged`), [ID]).findings;
    const commands = findings.map((f) => f.suggestions?.map((s) => s.fix.commands));
    expect(commands).toContainEqual([['system-view', 'ipsec sha2 compatible enable', 'return']]);
    expect(commands).toContainEqual([['system-view', 'undo ipsec sha2 compatible enable', 'return']]);
    const [firewall] = readConfigDir(fixed);
    const ar = arBranch();
    const [finding] = lintInputs([firewall, ar], [ID]).findings;
    expect(finding.fix).toBeUndefined();
    const [suggestion] = finding.suggestions ?? [];
    expect(suggestion.fix.commands).toEqual(['system-view', 'ipsec authentication sha2 compatible enable', 'return']);
    expect(lint([firewall, { ...ar, text: applyFixes(ar.text, [suggestion.fix]).text }], [ID])).toEqual([]);
  });
});
