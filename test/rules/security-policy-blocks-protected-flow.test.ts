import { describe, expect, it } from 'vitest';
import { applyFixes } from '../../src/fix/generate.js';
import { fixedWithSiteA, type Input, lint, lintInputs, readConfigDir } from '../helpers/rule-harness.js';
import { at, ruleTester } from '../helpers/rule-tester.js';

const ID = 'security-policy-blocks-protected-flow';

describe(ID, () => {
  ruleTester(ID, {
    fixedExample: true,
    documentationSets: true,
    valid: [
      {
        name: 'follows address-sets',
        inputs: () =>
          fixedWithSiteA(ID, (text) =>
            text
              .replace('  source-address 10.24.12.0 mask 255.255.255.0\n  destination-address 10.24.22.0 mask 255.255.255.0\n  action permit', '  source-address address-set lan\n  destination-address 10.24.22.0 mask 255.255.255.0\n  action permit')
              .replace('#\nip route-static 0.0.0.0', '#\nip address-set lan type object\n address 0 10.24.12.0 mask 24\n#\nip route-static 0.0.0.0'),
          ),
      },
      {
        name: 'stays silent with "default action permit"',
        inputs: () => fixedWithSiteA(ID, (text) => text.replace(/ rule name vpn-in\n( {2}.*\n)+/, '').replace('security-policy\n', 'security-policy\n default action permit\n')),
      },
      {
        name: 'does not guess the zone of an ACL with "source any"',
        inputs: () => fixedWithSiteA(ID, (text) => text.replace(' rule name vpn-in\n', ' rule name vpn-in\n  disable\n').replace('source 10.24.12.0 0.0.0.255', 'source any')),
      },
    ],
    invalid: [
      {
        name: 'flags the default deny at the ACL rule and the denying rule at its "rule name" line',
        inputs: () => readConfigDir(`configs-examples/${ID}/flagged`),
        findings: ([siteA, siteB]) => [
          {
            ...at(siteA, ' rule 5 permit ip'),
            severity: 'error',
            column: 2,
            endColumn: 79,
            objectPath: 'acl:3000/rule:5/security-default/inbound',
            message: ['source 10.24.21.0/24 → destination 10.24.11.0/24', 'zone "untrust" to "trust"'],
            related: [{ ...at(siteA, 'security-policy'), column: 1 }],
          },
          {
            ...at(siteB, ' rule name deny-guest'),
            column: 2,
            endColumn: 22,
            objectPath: 'security-policy/rule:deny-guest/ipsec-policy:map1/10/outbound',
            message: ['"deny-guest"', 'source 10.24.21.128/25'],
            related: [at(siteB, ' rule 5 permit ip')],
          },
        ],
      },
      {
        name: 'names the explicit "default action deny" line as related location',
        inputs: () =>
          fixedWithSiteA(ID, (text) => text.replace('security-policy\n', 'security-policy\n default action deny\n').replace(' rule name vpn-out\n', ' rule name vpn-out\n  disable\n')),
        findings: ([a]) => [{ ...at(a, ' rule 5 permit ip'), message: 'outbound', related: [{ ...at(a, ' default action deny'), column: 17 }] }],
      },
      {
        name: 'reports the part a service-limited rule leaves to the default action',
        inputs: () =>
          fixedWithSiteA(ID, (text) =>
            text.replace('  destination-address 10.24.22.0 mask 255.255.255.0\n  action permit', '  destination-address 10.24.22.0 mask 255.255.255.0\n  service https\n  action permit'),
          ),
        findings: ([a]) => [{ ...at(a, ' rule 5 permit ip'), message: 'except' }],
      },
      {
        name: 'judges an ACL with a named source once its permitting rule is disabled',
        inputs: () => fixedWithSiteA(ID, (text) => text.replace(' rule name vpn-in\n', ' rule name vpn-in\n  disable\n')),
        findings: ([a]) => [at(a, ' rule 5 permit ip')],
      },
      {
        name: 'takes the source zone per protected subnet when the local subnets sit in different zones',
        inputs: () =>
          fixedWithSiteA(ID, (text) =>
            text
              .replace(' rule 5 permit ip source 10.24.12.0 0.0.0.255 destination 10.24.22.0 0.0.0.255\n', ' rule 5 permit ip source 10.24.12.0 0.0.0.255 destination 10.24.22.0 0.0.0.255\n rule 10 permit ip source 10.24.13.0 0.0.0.255 destination 10.24.22.0 0.0.0.255\n')
              .replace('#\nfirewall zone trust\n', '#\ninterface GigabitEthernet1/0/3\n undo shutdown\n ip address 10.24.13.1 255.255.255.0\n#\nfirewall zone dmz\n set priority 50\n add interface GigabitEthernet1/0/3\n#\nfirewall zone trust\n'),
          ),
        findings: ([a]) => [
          { ...at(a, ' rule 10 permit'), objectPath: 'acl:3000/rule:10/security-default/inbound', message: 'zone "untrust" to "dmz"' },
          { ...at(a, ' rule 10 permit'), objectPath: 'acl:3000/rule:10/security-default/outbound', message: 'zone "dmz" to "untrust"' },
        ],
      },
    ],
  });
});

describe(`${ID}: fix (the permitting rule, before the rule that denies)`, () => {
  const fixesOf = (inputs: Input[]) => lintInputs(inputs, [ID]).findings.map((f) => f.fix);

  it('adds the permit last for the default deny and before a denying first rule (into the view, then rule move), unsafe', () => {
    const inputs = readConfigDir(`configs-examples/${ID}/flagged`);
    const [atA, atB] = fixesOf(inputs);
    expect([atA?.applicability, atB?.applicability]).toEqual(['unsafe', 'unsafe']);
    const a = applyFixes(inputs[0].text, atA ? [atA] : []).text;
    expect(a).toContain(' rule name vpn-in-map1-10\n  source-zone untrust\n  destination-zone trust\n  source-address 10.24.21.0 mask 255.255.255.0\n  destination-address 10.24.11.0 mask 255.255.255.0\n  action permit\n#');
    const b = applyFixes(inputs[1].text, atB ? [atB] : []).text;
    expect(b).toContain('security-policy\n rule name vpn-out-map1-10\n  source-zone trust\n  destination-zone untrust\n  source-address 10.24.21.128 mask 255.255.255.128\n  destination-address 10.24.11.0 mask 255.255.255.0\n  action permit\n rule name deny-guest\n');
    expect(atB?.commands).toContain('rule move vpn-out-map1-10 before deny-guest');
    expect(lint([{ ...inputs[0], text: a }, { ...inputs[1], text: b }], [ID])).toEqual([]);
  });

  it('makes the new name unique', () => {
    const inputs = readConfigDir(`configs-examples/${ID}/flagged`);
    const text = inputs[1].text.replace(' rule name vpn-out\n', ' rule name vpn-out-map1-10\n');
    expect(text).not.toBe(inputs[1].text);
    const fix = fixesOf([inputs[0], { ...inputs[1], text }])[1];
    expect(fix?.commands).toContain('rule name vpn-out-map1-10-2');
  });

  it('offers no fix when the denied part is not one rule (sources × destinations): several rules would be needed', () => {
    const inputs = readConfigDir(`configs-examples/${ID}/flagged`);
    // A permit above deny-guest carves a corner out of the denied /25 × /24: what is left is an L, not a product.
    const carve = ' rule name guest-ok\n  source-zone trust\n  destination-zone untrust\n  source-address 10.24.21.128 mask 255.255.255.192\n  destination-address 10.24.11.0 mask 255.255.255.128\n  action permit\n';
    const text = inputs[1].text.replace('security-policy\n', `security-policy\n${carve}`);
    const findings = lintInputs([inputs[0], { ...inputs[1], text }], [ID]).findings.filter((f) => f.file === inputs[1].file);
    expect(findings).toHaveLength(1);
    expect(findings[0].fix).toBeUndefined();
  });
});
