import { describe, expect, it } from 'vitest';
import { lint, lintInputs, readConfigDir, type Input } from '../helpers/rule-harness.js';
import { at, ruleTester } from '../helpers/rule-tester.js';
import { applyFixes } from '../../src/fix/generate.js';
import { patchedPair } from '../helpers/tunnel-pair.js';

const ID = 'ike-peer-mismatch';
const dir = `configs-examples/${ID}`;
const fixed = `${dir}/fixed`;

describe(ID, () => {
  const peerLines = (a: string | undefined, b: string | undefined) =>
    patchedPair(fixed, {
      ...(a ? { a: [[' exchange-mode main', ` exchange-mode main\n${a}`] as [string, string]] } : {}),
      ...(b ? { b: [[' exchange-mode main', ` exchange-mode main\n${b}`] as [string, string]] } : {}),
    });

  ruleTester(ID, {
    fixedExample: true,
    documentationSets: true,
    valid: [
      { name: 'accepts auto against aggressive', inputs: () => patchedPair(fixed, { a: [[' exchange-mode main', ' exchange-mode auto']], b: [[' exchange-mode main', ' exchange-mode aggressive']] }) },
      {
        name: 'ignores the exchange mode for IKEv2',
        inputs: () => patchedPair(fixed, { a: [[' undo version 2\n', '']], b: [[' undo version 2\n', ''], [' exchange-mode main', ' exchange-mode aggressive']] }),
      },
      {
        name: "accepts a remote-id matching the other end's ike local-name",
        inputs: () =>
          patchedPair(fixed, {
            a: [[' sysname ikepeer-A-fixed', ' sysname ikepeer-A-fixed\n#\nike local-name site-a'], [' exchange-mode main', ' exchange-mode main\n local-id-type fqdn']],
            b: [[' exchange-mode main', ' exchange-mode main\n remote-id site-a']],
          }),
      },
      { name: "accepts a remote-id matching the other FQDN end's sysname", inputs: () => peerLines(' local-id-type fqdn', ' remote-id ikepeer-A-fixed') },
      { name: 'accepts an IP remote-id equal to the address the other end sends', inputs: () => peerLines(undefined, ' remote-id-type ip 203.0.12.33') },
      { name: 'accepts RSA padding set on one end only', inputs: () => peerLines(' rsa signature-padding pss', undefined) },
      { name: 'compares SM4 versions without case', inputs: () => peerLines(' sm4 version standard', ' sm4 version STANDARD') },
      { name: 'accepts an SM4 version set on one end only', inputs: () => peerLines(' sm4 version standard', undefined) },
    ],
    invalid: [
      {
        name: 'flags IKE versions with nothing in common at both ends',
        inputs: () => readConfigDir(`${dir}/flagged`),
        findings: ([a, b]) => [
          { ...at(a, 'undo version 2'), column: 15, objectPath: 'ike-peer:branch', message: '"1"', related: [{ ...at(b, 'undo version 1'), column: 15 }] },
          at(b, 'undo version 1'),
        ],
      },
      {
        name: 'flags main against aggressive for IKEv1',
        inputs: () => patchedPair(fixed, { b: [[' exchange-mode main', ' exchange-mode aggressive']] }),
        findings: ([a, b]) => [
          { ...at(a, 'exchange-mode main'), column: 16 },
          { ...at(b, 'exchange-mode aggressive'), column: 16 },
        ],
      },
      {
        name: "flags a remote-id that does not match the other end's FQDN (local-id)",
        inputs: () => peerLines(' local-id-type fqdn\n local-id site-a', ' remote-id site-x'),
        findings: ([a, b]) => [{ ...at(b, 'remote-id site-x'), column: 12, message: '"site-a"', related: [at(a, 'local-id site-a')] }],
      },
      {
        name: 'compares a remote-id with the sysname of an FQDN end that sets neither local-id nor ike local-name',
        inputs: () => peerLines(' local-id-type fqdn', ' remote-id site-a'),
        findings: ([a, b]) => [{ ...at(b, 'remote-id site-a'), message: '"ikepeer-A-fixed"', related: [at(a, ' sysname ikepeer-A-fixed')] }],
      },
      {
        name: 'checks an IP remote-id against the address the other end sends',
        inputs: () => peerLines(undefined, ' remote-id-type ip 203.0.12.34'),
        findings: ([, b]) => [{ ...at(b, 'remote-id-type ip 203.0.12.34'), message: '"203.0.12.33"' }],
      },
      {
        name: 'checks remote-id-type against the identity type the other end sends',
        inputs: () => peerLines(undefined, ' remote-id-type fqdn'),
        findings: ([, b]) => [at(b, 'remote-id-type fqdn')],
      },
      {
        name: 'flags RSA padding when both ends set it differently',
        inputs: () => peerLines(' rsa signature-padding pss', ' rsa signature-padding pkcs1'),
        findings: ([a, b]) => [at(a, 'signature-padding'), at(b, 'signature-padding')],
      },
      {
        name: 'flags SM4 versions set differently on the two ends',
        inputs: () => peerLines(' sm4 version draft-standard', ' sm4 version standard'),
        findings: ([a, b]) => [{ ...at(a, 'sm4 version'), message: /^sm4 version "draft-standard" differs from "standard" on / }, at(b, 'sm4 version')],
      },
    ],
  });

  /** Each finding's suggestions: device commands, and whether applying each leaves no finding of the rule. */
  const suggested = (inputs: readonly Input[]) =>
    lintInputs(inputs, [ID]).findings.map((f) => {
      expect(f.fix).toBeUndefined();
      return (f.suggestions ?? []).map((s) => {
        const edited = inputs.map((i) => (i.file === s.fix.file ? { ...i, text: applyFixes(i.text, [s.fix]).text } : i));
        return { file: f.file, commands: s.fix.commands, clean: lint(edited, [ID]).length === 0 };
      });
    });

  it('suggests on each end enabling the version the other end allows (USG: "version 2" removes "undo version 2")', () => {
    const inputs = readConfigDir(`${dir}/flagged`);
    expect(suggested(inputs)).toEqual([
      [{ file: inputs[0].file, commands: ['system-view', 'ike peer branch', 'version 2', 'return'], clean: true }],
      [{ file: inputs[1].file, commands: ['system-view', 'ike peer hq', 'version 1', 'return'], clean: true }],
    ]);
  });

  it('suggests matching exchange modes, RSA padding and SM4 versions on each end', () => {
    const mode = patchedPair(fixed, { b: [[' exchange-mode main', ' exchange-mode aggressive']] });
    expect(suggested(mode).map((s) => s.map((x) => [x.commands.slice(1, -1), x.clean]))).toEqual([
      [[['ike peer branch', 'exchange-mode aggressive'], true]],
      [[['ike peer hq', 'exchange-mode main'], true]],
    ]);
    const rsa = patchedPair(fixed, {
      a: [[' exchange-mode main', ' exchange-mode main\n rsa signature-padding pss']],
      b: [[' exchange-mode main', ' exchange-mode main\n rsa signature-padding pkcs1']],
    });
    expect(suggested(rsa).map((s) => s.map((x) => [x.commands.slice(1, -1), x.clean]))).toEqual([
      [[['ike peer branch', 'rsa signature-padding pkcs1'], true]],
      [[['ike peer hq', 'rsa signature-padding pss'], true]],
    ]);
  });

  it('suggests accepting the identity the other end sends (remote-id, remote-id-type, the inline IP form)', () => {
    const fqdn = patchedPair(fixed, {
      a: [[' exchange-mode main', ' exchange-mode main\n local-id-type fqdn\n local-id site-a']],
      b: [[' exchange-mode main', ' exchange-mode main\n remote-id site-x']],
    });
    expect(suggested(fqdn)).toEqual([[{ file: fqdn[1].file, commands: ['system-view', 'ike peer hq', 'remote-id site-a', 'return'], clean: true }]]);
    const ip = patchedPair(fixed, { b: [[' exchange-mode main', ' exchange-mode main\n remote-id-type ip 203.0.12.34']] });
    expect(suggested(ip)).toEqual([[{ file: ip[1].file, commands: ['system-view', 'ike peer hq', 'remote-id-type ip 203.0.12.33', 'return'], clean: true }]]);
    const type = patchedPair(fixed, { b: [[' exchange-mode main', ' exchange-mode main\n remote-id-type fqdn']] });
    expect(suggested(type)).toEqual([[{ file: type[1].file, commands: ['system-view', 'ike peer hq', 'remote-id-type ip', 'return'], clean: true }]]);
  });
});
