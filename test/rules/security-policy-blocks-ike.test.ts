import { describe, expect, it } from 'vitest';
import { applyFixes } from '../../src/fix/generate.js';
import { expectSilentOnFixedAndDocs, fixedWithSiteA, type Input, lineOf, lint, lintInputs, readConfigDir } from '../helpers/rule-harness.js';

const ID = 'security-policy-blocks-ike';

const withoutNatT = (text: string) => text.replace(/ service 1 protocol udp .*\n/, '');

describe(ID, () => {
  it('flags ESP left to the default deny at the remote-address line and a denying rule at its name', () => {
    const inputs = readConfigDir(`configs-examples/${ID}/flagged`);
    const [siteA, siteB] = inputs;
    const findings = lint(inputs, [ID]);
    expect(findings).toEqual([
      expect.objectContaining({
        ruleId: ID,
        severity: 'error',
        file: siteA.file,
        line: lineOf(siteA.text, ' remote-address 198.51.25.17'),
        column: 2,
        endColumn: 29,
        objectPath: 'ipsec-policy:map1/10/ike:198.51.25.17/inbound',
        related: [expect.objectContaining({ file: siteB.file, line: lineOf(siteB.text, ' remote-address 203.0.25.17'), column: 2 })],
      }),
      expect.objectContaining({
        file: siteB.file,
        line: lineOf(siteB.text, ' rule name block-untrust-local'),
        column: 2,
        objectPath: 'security-policy/rule:block-untrust-local/ike:203.0.25.17/inbound',
        related: [expect.objectContaining({ file: siteA.file, line: lineOf(siteA.text, ' remote-address 198.51.25.17') })],
      }),
    ]);
    expect(findings[0].message).toMatch(/^No security rule permits ESP inbound between 203\.0\.25\.17 and the IKE peer 198\.51\.25\.17/);
    expect(findings[1].message).toContain('IKE (UDP 500), ESP');
  });

  it('is silent on the fixed example and the documentation pairs', () => {
    expectSilentOnFixedAndDocs(ID);
  });

  it('requires UDP 4500 only when a NAT device sits between the ends', () => {
    const inputs = fixedWithSiteA(ID, withoutNatT);
    expect(lint(inputs, [ID])).toEqual([]);
    const natted = lint(inputs, [ID], { topology: { tunnels: [{ ends: [inputs[0].file, inputs[1].file], nat: true }] } });
    expect(natted.map((f) => [f.file, f.line, f.objectPath]).sort()).toEqual([
      [inputs[0].file, lineOf(inputs[0].text, ' remote-address'), 'ipsec-policy:map1/10/ike:198.51.25.33/inbound'],
      [inputs[0].file, lineOf(inputs[0].text, ' remote-address'), 'ipsec-policy:map1/10/ike:198.51.25.33/outbound'],
    ]);
    expect(natted[0].message).toContain('NAT-T (UDP 4500)');
  });

  it('asks for AH when the proposal uses it', () => {
    const inputs = fixedWithSiteA(ID, (text) => text.replace(' esp authentication-algorithm sha2-256\n esp encryption-algorithm aes-256\n', ' transform ah\n ah authentication-algorithm sha2-256\n'));
    const findings = lint(inputs, [ID]);
    expect(findings).toHaveLength(2);
    expect(findings.every((f) => f.message.startsWith('No security rule permits AH'))).toBe(true);
  });

  it('checks the remote-address of a peer that is not in the run, without related location', () => {
    const [siteA] = readConfigDir(`configs-examples/${ID}/flagged`);
    const findings = lint([siteA], [ID]);
    expect(findings).toEqual([expect.objectContaining({ file: siteA.file, line: lineOf(siteA.text, ' remote-address'), related: [] })]);
  });

  it('checks a template responder against the initiator\'s address, at the template\'s ike-peer line', () => {
    const [siteA, siteB] = readConfigDir(`configs-examples/${ID}/fixed`);
    const responder = siteB.text
      .replace(' remote-address 203.0.25.33\n', '')
      .replace('ipsec policy map1 10 isakmp\n security acl 3000\n ike-peer peer-a\n proposal p1\n pfs dh-group14\n sa trigger-mode auto\n', 'ipsec policy-template tpl 1\n security acl 3000\n ike-peer peer-a\n proposal p1\n pfs dh-group14\n#\nipsec policy map1 10 isakmp template tpl\n')
      .replace(/ rule name ipsec-in\n( {2}.*\n)+/, '');
    expect(responder).toContain('isakmp template tpl');
    const inputs = [siteA, { ...siteB, text: responder }];
    const findings = lint(inputs, [ID]);
    expect(findings).toEqual([
      expect.objectContaining({
        file: siteB.file,
        line: lineOf(responder, ' ike-peer peer-a'),
        column: 11,
        objectPath: 'ipsec-policy:map1/10/ike:203.0.25.33/inbound',
        related: [expect.objectContaining({ file: siteA.file, line: lineOf(siteA.text, ' remote-address 198.51.25.33') })],
      }),
    ]);
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
