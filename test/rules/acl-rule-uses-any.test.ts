import { describe } from 'vitest';
import { corpus, readConfigDir } from '../helpers/rule-harness.js';
import { at, ruleTester } from '../helpers/rule-tester.js';

const ID = 'acl-rule-uses-any';

const text = [
  '#', 'acl number 3000', ' rule 5 deny ip source any', ' rule 10 permit ip', '#',
  'acl number 3001', ' rule 5 permit ip', '#',
  'ipsec policy map1 10 isakmp', ' security acl 3000', '#', 'return', '',
].join('\n');

describe(ID, () => {
  ruleTester(ID, {
    fixedExample: true,
    valid: [
      {
        name: 'is silent on the corpus documentation pairs',
        inputs: () => corpus('hwdoc-ar-natt-routera.cfg', 'hwdoc-ar-natt-routerb.cfg', 'hwdoc-ar-redundant-routerc.cfg'),
      },
    ],
    invalid: [
      {
        name: 'flags the written "any" token of each end of the flagged pair',
        inputs: () => readConfigDir(`configs-examples/${ID}/flagged`),
        findings: ([a, b]) => [
          { ...at(a, ' rule 5 permit'), column: 59, endColumn: 62, message: 'destination "any"' },
          { ...at(b, ' rule 5 permit'), column: 26, endColumn: 29, message: 'source "any"' },
        ],
      },
      {
        name: 'reports the whole rule when a side is omitted, and ignores deny rules and unreferenced ACLs',
        inputs: [{ file: 'r.cfg', text }],
        findings: [{ file: 'r.cfg', line: 4, column: 2, endColumn: 19, message: 'source and destination "any"' }],
      },
    ],
  });
});
