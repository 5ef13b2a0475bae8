import { describe } from 'vitest';
import { readConfigDir } from '../helpers/rule-harness.js';
import { at, ruleTester } from '../helpers/rule-tester.js';
import { patchedPair } from '../helpers/tunnel-pair.js';

const ID = 'pfs-mismatch';
const dir = `configs-examples/${ID}`;
const fixed = `${dir}/fixed`;

describe(ID, () => {
  ruleTester(ID, {
    fixedExample: true,
    documentationSets: true,
    valid: [{ name: 'is quiet on no PFS at either end', inputs: () => patchedPair(fixed, { a: [[' pfs dh-group14\n', '']], b: [[' pfs dh-group14\n', '']] }) }],
    invalid: [
      {
        name: 'flags PFS set on one end only: the pfs line here, the policy header there',
        inputs: () => readConfigDir(`${dir}/flagged`),
        findings: ([a, b]) => [
          { ...at(a, ' pfs dh-group14'), column: 6, endColumn: 16, message: 'IKEv1', related: [{ ...at(b, 'ipsec policy map1 10'), column: 1 }] },
          { ...at(b, 'ipsec policy map1 10'), objectPath: 'ipsec-policy:map1/10', messageId: 'differs', message: '"none"' },
        ],
      },
      {
        name: 'flags different groups at both pfs lines and says IKEv2 fails at the first rekey',
        inputs: () =>
          patchedPair(fixed, {
            a: [[' undo version 2\n', '']],
            b: [[' undo version 2\n', ''], [' pfs dh-group14', ' pfs dh-group15']],
          }),
        findings: ([a, b]) => [
          { ...at(a, ' pfs dh-group14'), column: 6, message: ['rekey', '"group15"'] },
          { ...at(b, ' pfs dh-group15'), column: 6 },
        ],
      },
    ],
  });
});
