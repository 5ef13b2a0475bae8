import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { examplesDir, lineOf, lint, readConfigDir } from '../helpers/rule-harness.js';
import { at, ruleTester } from '../helpers/rule-tester.js';
import { siteA, siteB } from '../helpers/site-config.js';

const RULE = 'sm-algorithm-with-ikev2';
const dir = path.join(examplesDir, RULE);

/** An AR V200R010 end written as Huawei's AR IKEv2 examples are ("version 2" in the peer). */
const arEnd = (version: string, encryption: string, authentication: string) => ({
  file: 'ar.cfg',
  text: [
    '#', ' sysname AR1', '#',
    'acl number 3101', ' rule 5 permit ip source 10.1.1.0 0.0.0.255 destination 10.2.1.0 0.0.0.255', '#',
    'ipsec proposal tran1', ' transform esp', ` esp authentication-algorithm ${authentication}`, ` esp encryption-algorithm ${encryption}`, '#',
    'ike proposal 5', ' encryption-algorithm aes-256', ' dh group14', ' authentication-algorithm sha2-256', '#',
    'ike peer spub', version, ' pre-shared-key cipher %^%#ArKey1234%^%#', ' ike-proposal 5', ' remote-address 198.51.100.1', '#',
    'ipsec policy map1 10 isakmp', ' security acl 3101', ' ike-peer spub', ' proposal tran1', '#',
    'interface GigabitEthernet0/0/1', ' ip address 203.0.113.1 255.255.255.0', ' ipsec policy map1', '#',
    'interface GigabitEthernet0/0/2', ' ip address 10.1.1.1 255.255.255.0', '#',
    'ip route-static 0.0.0.0 0.0.0.0 203.0.113.2', '#', 'return', '',
  ].join('\n'),
});

const templateResponder = () => {
  const a = siteA({ mode: 'template', remoteAddresses: [] });
  return [{ file: 'a.cfg', text: a.text.replace(' undo version 2', ' undo version 1').replace(' esp encryption-algorithm aes-256', ' esp encryption-algorithm sm4') }];
};

describe(RULE, () => {
  ruleTester(RULE, {
    fixedExample: true,
    documentationSets: true,
    valid: [
      { name: 'is quiet when the peer can still negotiate both versions', inputs: () => [arEnd(' version 1\n version 2', 'sm4', 'sm3')] },
      { name: 'is quiet on IKEv1', inputs: () => [arEnd(' version 1', 'sm4', 'sm3')] },
      { name: 'is quiet when IKEv2 uses no SM algorithm', inputs: () => [arEnd(' version 2', 'aes-256', 'sha2-256')] },
      // The standard USG pair negotiates IKEv1 only ("undo version 2"), AES and SHA-2.
      { name: 'is quiet on the standard USG pair', inputs: () => [siteA(), siteB()] },
    ],
    invalid: [
      {
        name: 'reports both SM lines of the flagged proposal on each end, with the "undo version 1" line as related location',
        inputs: () => readConfigDir(path.join(dir, 'flagged')),
        findings: ([a, b]) => [
          {
            ...at(a, ' esp authentication-algorithm sm3'),
            severity: 'error',
            objectPath: 'ipsec-proposal:p10/sm-with-ikev2',
            related: [at(a, ' undo version 1')],
          },
          at(a, ' esp encryption-algorithm sm4'),
          at(b, ' esp authentication-algorithm sm3'),
          at(b, ' esp encryption-algorithm sm4'),
        ],
      },
      {
        name: 'flags an AR peer written with "version 2" alone, and an "sm1" ESP encryption',
        inputs: () => [arEnd(' version 2', 'sm1', 'sha2-256')],
        findings: ([ar]) => [{ ...at(ar, ' esp encryption-algorithm sm1'), related: [at(ar, ' version 2')] }],
      },
      {
        name: 'flags a template responder whose peer negotiates IKEv2 only',
        inputs: templateResponder,
        findings: ([a]) => [at(a, ' esp encryption-algorithm sm4')],
      },
    ],
  });

  it('says why phase 2 fails and what to change', () => {
    const [a, b] = readConfigDir(path.join(dir, 'flagged'));
    const findings = lint([a, b], [RULE]);
    expect(findings[1]).toMatchObject({ file: a.file, line: lineOf(a.text, ' esp encryption-algorithm sm4') });
    expect(findings[1].message).toBe(
      'IPSec proposal "p10" uses "sm4", but policy "map1 10" uses it with IKE peer "peer1", which negotiates IKEv2 only ("undo version 1"); IKEv2 does not negotiate SM algorithms in IPSec proposals, so phase 2 fails ("ikev2 not support sm in ipsec proposal"). Make IKE peer "peer1" negotiate IKEv1 ("version 1" and "undo version 2") on both ends, or replace "sm4" with non-SM algorithms (aes-256, sha2-256).',
    );
  });
});
