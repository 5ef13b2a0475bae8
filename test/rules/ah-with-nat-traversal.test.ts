import path from 'node:path';
import { describe } from 'vitest';
import { allCorpusFiles, corpus, examplesDir, readConfigDir } from '../helpers/rule-harness.js';
import { at, ruleTester } from '../helpers/rule-tester.js';
import { siteA, siteB } from '../helpers/site-config.js';

const RULE = 'ah-with-nat-traversal';
const dir = path.join(examplesDir, RULE);

const natedA = (transform: 'esp' | 'ah' | 'ah-esp') => siteA({ wan: '192.168.1.2/24', gateway: '192.168.1.1', transform });

describe(RULE, () => {
  ruleTester(RULE, {
    fixedExample: true,
    valid: [
      { name: 'does not flag ESP', inputs: () => [natedA('esp')] },
      { name: 'does not flag AH between two public ends', inputs: () => [siteA({ transform: 'ah' }), siteB({ transform: 'ah' })] },
      { name: 'finds nothing in the NAT traversal documentation pair (ESP only)', inputs: () => corpus('hwdoc-ar-natt-routera.cfg', 'hwdoc-ar-natt-routerb.cfg') },
      { name: 'finds nothing in any corpus file', inputs: () => corpus(...allCorpusFiles()) },
    ],
    invalid: [
      {
        name: 'flags the AH transform on both ends of the NATed example, with the other end as related location',
        inputs: () => readConfigDir(path.join(dir, 'flagged')),
        findings: ([a, b]) => [
          {
            ...at(a, ' transform ah'),
            severity: 'error',
            column: 12,
            endColumn: 14,
            objectPath: 'ipsec-proposal:p10',
            message: 'one end has a private address',
            related: [{ ...at(b, 'ipsec policy map1 10 isakmp template'), column: 1 }],
          },
          { ...at(b, ' transform ah'), column: 12 },
        ],
      },
      {
        name: 'infers the NAT from a private local and a public remote address when the other end is not in the run',
        inputs: () => [natedA('ah-esp')],
        findings: ([a]) => [{ ...at(a, ' transform ah-esp'), severity: 'error', column: 12, endColumn: 18, message: '"ah-esp"', related: [at(a, ' remote-address 198.51.100.1')] }],
      },
      {
        name: 'treats 100.64.0.0/10 (carrier-grade NAT) as private',
        inputs: () => [siteA({ wan: '100.64.1.2/24', gateway: '100.64.1.1', transform: 'ah' })],
        findings: ([a]) => [at(a, ' transform ah')],
      },
      {
        name: 'flags AH on a NAT declared in the topology',
        inputs: () => [siteA({ transform: 'ah' }), siteB({ transform: 'ah' })],
        topology: { tunnels: [{ ends: ['a.cfg', 'b.cfg'], nat: true }] },
        findings: ([a, b]) => [
          { ...at(a, ' transform ah'), severity: 'error', message: 'topology declares a NAT' },
          { ...at(b, ' transform ah'), severity: 'error' },
        ],
      },
      {
        name: 'flags AH when the peer authenticates a NATed address (remote-address authentication-address)',
        inputs: () => [
          {
            file: 'a.cfg',
            text: siteA({ transform: 'ah', extra: '' }).text.replace(' remote-address 198.51.100.1\n', ' remote-address 198.51.100.1\n remote-address authentication-address 10.9.9.9\n'),
          },
        ],
        findings: ([a]) => [{ ...at(a, ' transform ah'), message: 'authentication-address' }],
      },
      {
        name: 'warns when NAT traversal is explicitly enabled but no NAT is known',
        inputs: () => [siteA({ transform: 'ah', natTraversal: true }), siteB({ transform: 'ah' })],
        findings: ([a]) => [{ ...at(a, ' transform ah'), severity: 'warning', column: 12, related: [at(a, ' nat traversal')] }],
      },
      {
        name: 'reports a proposal shared by several NATed policies once',
        inputs: () => [
          {
            file: 'a.cfg',
            text: natedA('ah').text.replace('#\ninterface GigabitEthernet1/0/0', '#\nipsec policy map1 20 isakmp\n security acl 3000\n ike-peer peer1\n proposal p10\n#\ninterface GigabitEthernet1/0/0'),
          },
        ],
        findings: ([a]) => [at(a, ' transform ah')],
      },
    ],
  });
});
