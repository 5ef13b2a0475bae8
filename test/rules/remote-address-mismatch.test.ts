import { describe, expect, it } from 'vitest';
import { lineOf, lint, readConfigDir } from '../helpers/rule-harness.js';
import { at, ruleTester } from '../helpers/rule-tester.js';
import { patchedPair } from '../helpers/tunnel-pair.js';

const ID = 'remote-address-mismatch';
const dir = `configs-examples/${ID}`;
const fixed = `${dir}/fixed`;

const subAddress: [string, string] = [
  ' ip address 198.51.14.33 255.255.255.240\n',
  ' ip address 198.51.14.33 255.255.255.240\n ip address 198.51.14.34 255.255.255.240 sub\n',
];
const withoutTunnelLocal = () =>
  patchedPair(fixed, {
    a: [[' remote-address 198.51.14.33', ' remote-address 198.51.14.34']],
    b: [[' tunnel local 198.51.14.33\n', ''], subAddress],
  });
const notPointing = () =>
  patchedPair(fixed, {
    a: [[' remote-address 198.51.14.33', ' remote-address 198.51.14.40']],
    b: [[' remote-address 203.0.14.33', ' remote-address 203.0.14.40']],
  });

describe(ID, () => {
  ruleTester(ID, {
    fixedExample: true,
    documentationSets: true,
    valid: [
      { name: "leaves a remote-address at the other end's sub address without tunnel local to sub-address-without-tunnel-local", inputs: withoutTunnelLocal },
      { name: 'pairs nothing when neither end points at the other and no topology is declared', inputs: notPointing },
      {
        name: 'stays quiet when a NAT is between the ends',
        inputs: () => patchedPair(`${dir}/flagged`),
        topology: { tunnels: [{ ends: ['remaddr-A-flagged', 'remaddr-B-flagged'], nat: true }] },
      },
    ],
    invalid: [
      {
        name: "flags a remote-address pointing at a neighbouring address, with the other end's tunnel local as related",
        inputs: () => readConfigDir(`${dir}/flagged`),
        findings: ([a, b]) => [
          {
            ...at(a, 'remote-address 198.51.14.18'),
            column: 2,
            objectPath: 'ike-peer:branch',
            message: '"198.51.14.17"',
            related: [{ ...at(b, 'tunnel local 198.51.14.17'), column: 15 }],
          },
        ],
      },
      {
        name: "flags a remote-address at the other end's sub address when its tunnel local is the primary one",
        inputs: () => patchedPair(fixed, { a: [[' remote-address 198.51.14.33', ' remote-address 198.51.14.34']], b: [subAddress] }),
        findings: ([a, b]) => [{ ...at(a, 'remote-address 198.51.14.34'), related: [at(b, 'tunnel local 198.51.14.33')] }],
      },
      {
        name: 'relates to the interface address line when the other end has no tunnel local',
        inputs: () =>
          patchedPair(fixed, {
            a: [[' remote-address 198.51.14.33', ' remote-address 198.51.14.35']],
            b: [[' tunnel local 198.51.14.33\n', '']],
          }),
        findings: ([a, b]) => [{ file: a.file, line: lineOf(a.text, 'remote-address 198.51.14.35'), message: 'primary address', related: [at(b, 'ip address 198.51.14.33')] }],
      },
      {
        name: 'uses declared topology pairs when neither end points at the other',
        inputs: notPointing,
        topology: { tunnels: [{ ends: ['remaddr-A-fixed', 'remaddr-B-fixed'] }] },
        findings: ([a, b]) => [at(a, 'remote-address 198.51.14.40'), at(b, 'remote-address 203.0.14.40')],
      },
    ],
  });

  it("a remote-address at the sub address without tunnel local is sub-address-without-tunnel-local's finding", () => {
    expect(lint(withoutTunnelLocal(), ['sub-address-without-tunnel-local'])).not.toEqual([]);
  });
});
