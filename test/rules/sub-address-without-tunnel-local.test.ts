import path from 'node:path';
import { describe } from 'vitest';
import { allCorpusFiles, corpus, examplesDir, readConfigDir } from '../helpers/rule-harness.js';
import { at, ruleTester } from '../helpers/rule-tester.js';
import { siteA as standardSiteA, siteB as standardSiteB, type SiteOptions } from '../helpers/site-config.js';

const RULE = 'sub-address-without-tunnel-local';
const dir = path.join(examplesDir, RULE);

/** Site A with a sub address 203.0.113.5 that site B peers with. */
const siteA = (o: Partial<SiteOptions> = {}) => standardSiteA({ subAddresses: ['203.0.113.5'], ...o });
const siteB = (o: Partial<SiteOptions> = {}) => standardSiteB({ remoteAddresses: ['203.0.113.5'], ...o });

describe(RULE, () => {
  ruleTester(RULE, {
    fixedExample: true,
    valid: [
      { name: 'accepts tunnel local naming the sub address', inputs: () => [siteA({ tunnelLocal: '203.0.113.5' }), siteB()] },
      {
        name: 'accepts a peer local-address instead of the primary address',
        inputs: () => [{ file: 'a.cfg', text: siteA().text.replace(' remote-address 198.51.100.1\n', ' remote-address 198.51.100.1\n local-address 203.0.113.5\n') }, siteB()],
      },
      { name: 'ignores interfaces without sub addresses', inputs: () => [siteA({ subAddresses: [] }), siteB({ remoteAddresses: ['203.0.113.1'] })] },
      { name: 'finds nothing in the corpus', inputs: () => corpus(...allCorpusFiles()) },
    ],
    invalid: [
      {
        name: 'is an error when the other end points at the sub address, with its remote-address line as related location',
        inputs: () => readConfigDir(path.join(dir, 'flagged')),
        findings: ([a, b]) => [
          {
            ...at(a, 'ipsec policy map1 10 isakmp'),
            severity: 'error',
            column: 1,
            objectPath: 'ipsec-policy:map1/10',
            message: ['Add "tunnel local 203.0.6.18"', 'primary address "203.0.6.17"'],
            related: [{ ...at(b, ' remote-address 203.0.6.18'), column: 2, message: 'subaddr-B-flagged' }],
          },
        ],
      },
      {
        name: 'warns when nobody in the run points at a sub address',
        inputs: () => [siteA(), siteB({ remoteAddresses: ['203.0.113.1'] })],
        findings: ([a]) => [{ ...at(a, 'ipsec policy map1 10 isakmp'), severity: 'warning', related: [], message: '("203.0.113.5")' }],
      },
      {
        name: 'warns on a sub address alone in the run',
        inputs: () => [siteA()],
        findings: ([a]) => [{ ...at(a, 'ipsec policy map1 10 isakmp') }],
      },
      {
        name: 'flags a template responder whose initiator points at the sub address',
        inputs: () => [siteA({ mode: 'template', remoteAddresses: [] }), siteB()],
        findings: ([a]) => [{ ...at(a, 'ipsec policy map1 10 isakmp template tpl1'), severity: 'error' }],
      },
    ],
  });
});
