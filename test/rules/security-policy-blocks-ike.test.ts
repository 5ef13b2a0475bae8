import { describe, expect, it } from 'vitest';
import { applyFixes } from '../../src/fix/generate.js';
import { fixedWithSiteA, type Input, lint, lintInputs, readConfigDir } from '../helpers/rule-harness.js';
import { at, ruleTester } from '../helpers/rule-tester.js';

const ID = 'security-policy-blocks-ike';

const withoutNatT = (text: string) => text.replace(/ service 1 protocol udp .*\n/, '');

const flagged = `configs-examples/${ID}/flagged`;
const withoutNatTPair = () => fixedWithSiteA(ID, withoutNatT);

/** The fixed pair with site B's policy made a template responder (and its IPSec permit rule gone). */
const templateResponder = () => {
  const [siteA, siteB] = readConfigDir(`configs-examples/${ID}/fixed`);
  const responder = siteB.text
    .replace(' remote-address 203.0.25.33\n', '')
    .replace('ipsec policy map1 10 isakmp\n security acl 3000\n ike-peer peer-a\n proposal p1\n pfs dh-group14\n sa trigger-mode auto\n', 'ipsec policy-template tpl 1\n security acl 3000\n ike-peer peer-a\n proposal p1\n pfs dh-group14\n#\nipsec policy map1 10 isakmp template tpl\n')
    .replace(/ rule name ipsec-in\n( {2}.*\n)+/, '');
  expect(responder).toContain('isakmp template tpl');
  return [siteA, { ...siteB, text: responder }];
};

describe(ID, () => {
  ruleTester(ID, {
    fixedExample: true,
    documentationSets: true,
    valid: [{ name: 'does not require UDP 4500 without a NAT device between the ends', inputs: withoutNatTPair }],
    invalid: [
      {
        name: 'flags ESP left to the default deny at the remote-address line and a denying rule at its name',
        inputs: () => readConfigDir(flagged),
        findings: ([siteA, siteB]) => [
          {
            ...at(siteA, ' remote-address 198.51.25.17'),
            severity: 'error',
            column: 2,
            endColumn: 29,
            objectPath: 'ipsec-policy:map1/10/ike:198.51.25.17/inbound',
            message: /^No security rule permits ESP inbound between 203\.0\.25\.17 and the IKE peer 198\.51\.25\.17/,
            related: [{ ...at(siteB, ' remote-address 203.0.25.17'), column: 2 }],
          },
          {
            ...at(siteB, ' rule name block-untrust-local'),
            column: 2,
            objectPath: 'security-policy/rule:block-untrust-local/ike:203.0.25.17/inbound',
            message: 'IKE (UDP 500), ESP',
            related: [at(siteA, ' remote-address 198.51.25.17')],
          },
        ],
      },
      {
        name: 'requires UDP 4500 when a NAT device sits between the ends',
        inputs: withoutNatTPair,
        topology: { tunnels: [{ ends: ['configs-examples/security-policy-blocks-ike/fixed/site-a.cfg', 'configs-examples/security-policy-blocks-ike/fixed/site-b.cfg'], nat: true }] },
        findings: ([a]) => [
          { ...at(a, ' remote-address'), objectPath: 'ipsec-policy:map1/10/ike:198.51.25.33/inbound', message: 'NAT-T (UDP 4500)' },
          { ...at(a, ' remote-address'), objectPath: 'ipsec-policy:map1/10/ike:198.51.25.33/outbound' },
        ],
      },
      {
        name: 'asks for AH when the proposal uses it',
        inputs: () => fixedWithSiteA(ID, (text) => text.replace(' esp authentication-algorithm sha2-256\n esp encryption-algorithm aes-256\n', ' transform ah\n ah authentication-algorithm sha2-256\n')),
        findings: ([a]) => [
          { ...at(a, ' remote-address'), objectPath: 'ipsec-policy:map1/10/ike:198.51.25.33/inbound', message: /^No security rule permits AH/ },
          { ...at(a, ' remote-address'), objectPath: 'ipsec-policy:map1/10/ike:198.51.25.33/outbound', message: /^No security rule permits AH/ },
        ],
      },
      {
        name: 'checks the remote-address of a peer that is not in the run, without related location',
        inputs: () => readConfigDir(flagged).slice(0, 1),
        findings: ([siteA]) => [{ ...at(siteA, ' remote-address'), related: [] }],
      },
      {
        name: "checks a template responder against the initiator's address, at the template's ike-peer line",
        inputs: templateResponder,
        findings: ([siteA, siteB]) => [
          { ...at(siteB, ' ike-peer peer-a'), column: 11, objectPath: 'ipsec-policy:map1/10/ike:203.0.25.33/inbound', related: [at(siteA, ' remote-address 198.51.25.33')] },
        ],
      },
    ],
  });
});

describe(`${ID}: fix (the permitting rule, before the rule that denies)`, () => {
  const fixesOf = (inputs: Input[]) =>
    lintInputs(inputs, [ID]).findings.flatMap((f) => (f.fix ? [f.fix] : []));

  it('permits exactly the denied packets: last for the default deny, moved before a denying rule, unsafe', () => {
    const inputs = readConfigDir(`configs-examples/${ID}/flagged`);
    const [atA, atB] = fixesOf(inputs);
    expect([atA.applicability, atB.applicability]).toEqual(['unsafe', 'unsafe']);
    const a = applyFixes(inputs[0].text, [atA]).text;
    expect(a).toContain(
      '  service ike-natt\n  action permit\n rule name ipsec-in-198-51-25-17\n  source-zone untrust\n  destination-zone local\n  source-address 198.51.25.17 mask 255.255.255.255\n  destination-address 203.0.25.17 mask 255.255.255.255\n  service esp\n  action permit\n#',
    );
    expect(atA.commands).not.toContain('rule move ipsec-in-198-51-25-17 before ipsec-in');
    // Site B: IKE (UDP 500 only) is a new service-set; the rule goes just above block-untrust-local.
    const b = applyFixes(inputs[1].text, [atB]).text;
    expect(b).toContain('ip service-set ipsec-ike type object\n service 0 protocol udp source-port 0 to 65535 destination-port 500\n#');
    expect(b).toMatch(/ rule name ipsec-in-203-0-25-17\n( {2}.*\n)* {2}service ipsec-ike esp\n {2}action permit\n rule name block-untrust-local\n/);
    expect(atB.commands.slice(-2)).toEqual(['rule move ipsec-in-203-0-25-17 before block-untrust-local', 'return']);
    const after = lint([{ ...inputs[0], text: a }, { ...inputs[1], text: b }], [ID]);
    expect(after).toEqual([]);
  });

  it('reuses a service-set that is exactly the denied UDP ports', () => {
    const inputs = readConfigDir(`configs-examples/${ID}/flagged`);
    const text = inputs[1].text.replace('ip service-set ike-natt type object\n', 'ip service-set only-ike type object\n service 0 protocol udp destination-port 500\n#\nip service-set ike-natt type object\n');
    expect(text).not.toBe(inputs[1].text);
    const [fix] = fixesOf([inputs[0], { ...inputs[1], text }]).filter((f) => f.file === inputs[1].file);
    const fixed = applyFixes(text, [fix]).text;
    expect(fixed).toContain('  service only-ike esp\n');
    expect(fixed.match(/^ip service-set /gm)).toHaveLength(2);
  });
});
