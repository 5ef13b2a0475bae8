import { describe } from 'vitest';
import { readConfigDir } from '../helpers/rule-harness.js';
import { at, ruleTester } from '../helpers/rule-tester.js';

const ID = 'ipsec-policy-unapplied';

const LONE = `#
 sysname R
#
acl number 3000
 rule 5 permit ip source 10.1.1.0 0.0.0.255 destination 10.2.1.0 0.0.0.255
#
ike peer p1
 pre-shared-key %^%#abcdefgh%^%#
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
ipsec policy map1 20 isakmp
 security acl 3000
 ike-peer p1
 proposal prop1
#
ipsec profile prof1
 ike-peer p1
 proposal prop1
#
interface GigabitEthernet1/0/1
 ip address 203.0.113.1 255.255.255.0
#
return
`;

describe(ID, () => {
  ruleTester(ID, {
    fixedExample: true,
    documentationSets: true,
    valid: [
      {
        name: 'stays silent once the group and the profile are bound',
        inputs: [
          {
            file: 'r.cfg',
            text: LONE.replace(' ip address 203.0.113.1 255.255.255.0\n', ' ip address 203.0.113.1 255.255.255.0\n ipsec policy map1\n').replace(
              'return\n',
              'interface Tunnel0/0/1\n ip address 172.16.1.1 255.255.255.252\n tunnel-protocol ipsec\n ipsec profile prof1\n#\nreturn\n',
            ),
          },
        ],
      },
    ],
    invalid: [
      {
        name: 'reports an error when the peer negotiates with the device, with the peer line as related location',
        inputs: () => readConfigDir(`configs-examples/${ID}/flagged`),
        findings: ([siteA, siteB]) => [
          {
            ...at(siteA, 'ipsec policy map1 10 isakmp'),
            severity: 'error',
            column: 1,
            endColumn: 28,
            objectPath: 'ipsec-policy:map1',
            message: ['"map1"', 'no policy applied on interface'],
            related: [{ ...at(siteB, ' remote-address 203.0.22.17'), column: 2 }],
          },
        ],
      },
      {
        name: 'warns once per unbound group and per unbound profile when nobody points at the device',
        inputs: [{ file: 'r.cfg', text: LONE }],
        findings: ([r]) => [
          { ...at(r, 'ipsec policy map1 10'), severity: 'warning', column: 1, objectPath: 'ipsec-policy:map1' },
          { ...at(r, 'ipsec profile prof1'), severity: 'warning', column: 1, objectPath: 'ipsec-profile:prof1' },
        ],
      },
    ],
  });
});
