import { describe, expect, it } from 'vitest';
import { applyFixes } from '../../src/fix/generate.js';
import { fixedWithSiteA, type Input, lint, lintInputs, readConfigDir } from '../helpers/rule-harness.js';
import { at, ruleTester } from '../helpers/rule-tester.js';

const ID = 'route-missing-to-protected-subnet';

const fixedSiteA = (change: (text: string) => string): Input => fixedWithSiteA(ID, change)[0];

const withoutRoutes = (text: string) =>
  text.replace(
    'ip route-static 0.0.0.0 0.0.0.0 203.0.26.46\nip route-static 10.26.22.0 255.255.255.0 203.0.26.46\n',
    'ip route-static 198.51.26.32 255.255.255.240 203.0.26.46\n',
  );

const routeBased = (routes: string) => `!Software Version V500R005C10SPC300
#
 sysname R
#
ike peer p1
 pre-shared-key %^%#abcdefgh%^%#
 remote-address 198.51.100.1
#
ipsec proposal prop1
 esp encryption-algorithm aes-256
#
ipsec profile prof1
 ike-peer p1
 proposal prop1
#
interface GigabitEthernet1/0/1
 ip address 203.0.113.1 255.255.255.0
#
interface Tunnel1
 ip address 172.16.1.1 255.255.255.252
 tunnel-protocol ipsec
 source GigabitEthernet1/0/1
 destination 198.51.100.1
 ipsec profile prof1
#
ip route-static 0.0.0.0 0.0.0.0 203.0.113.254
${routes}#
return
`;

const flagged = (): Input[] => readConfigDir(`configs-examples/${ID}/flagged`);
const replacingSubnetRoute = (route: string) => (): Input[] => [fixedSiteA((text) => text.replace('ip route-static 10.26.22.0 255.255.255.0 203.0.26.46\n', route))];

describe(ID, () => {
  ruleTester(ID, {
    fixedExample: true,
    documentationSets: true,
    valid: [
      { name: 'accepts a default route on the policy interface', inputs: replacingSubnetRoute('') },
      {
        name: 'accepts a route through the policy interface with a next hop in its subnet',
        inputs: () => [fixedSiteA((text) => withoutRoutes(text).replace('#\nnat-policy', '#\nip route-static 10.26.22.0 255.255.255.0 GigabitEthernet1/0/1 203.0.26.46\n#\nnat-policy'))],
      },
      { name: 'does not claim a missing route with dynamic routing', inputs: () => [fixedSiteA((text) => withoutRoutes(text).replace('#\nnat-policy', '#\nospf 1\n area 0.0.0.0\n#\nnat-policy'))] },
      { name: 'does not claim a missing route with route injection', inputs: () => [fixedSiteA((text) => withoutRoutes(text).replace(' sa trigger-mode auto\n', ' sa trigger-mode auto\n route inject dynamic\n'))] },
      { name: 'ignores the local side of a "destination any" rule', inputs: () => [fixedSiteA((text) => text.replace('destination 10.26.22.0 0.0.0.255', 'destination any'))] },
      { name: 'route-based tunnels: accepts a route through the tunnel interface', inputs: [{ file: 'r.cfg', text: routeBased('ip route-static 10.2.0.0 255.255.0.0 Tunnel1\n') }] },
      { name: 'route-based tunnels: accepts a route with a next hop inside the tunnel', inputs: [{ file: 'r.cfg', text: routeBased('ip route-static 10.2.0.0 255.255.0.0 172.16.1.2\n') }] },
      { name: 'route-based tunnels: does not claim anything with dynamic routing', inputs: [{ file: 'r.cfg', text: routeBased('#\nospf 1\n area 0.0.0.0\n') }] },
      {
        name: 'does not claim anything on an excerpt without any static route',
        inputs: () => {
          const [siteA] = flagged();
          const excerpt = siteA.text.replace(/^ip route-static .*\n/gm, '');
          expect(excerpt).not.toContain('ip route-static');
          return [{ ...siteA, text: excerpt }];
        },
      },
    ],
    invalid: [
      {
        name: 'flags a missing route and a route through the LAN side at the ACL rule line',
        inputs: flagged,
        findings: ([a, b]) => [
          {
            ...at(a, ' rule 5 permit ip'),
            severity: 'error',
            column: 2,
            endColumn: 79,
            objectPath: 'acl:3000/rule:5/route',
            message: 'No route covers the remote protected destination 10.26.21.0',
            related: [],
          },
          {
            ...at(b, ' rule 5 permit ip'),
            column: 2,
            message: 'leaves through GigabitEthernet1/0/0, not GigabitEthernet1/0/1',
            related: [{ ...at(b, 'ip route-static 10.26.11.0'), column: 1 }],
          },
        ],
      },
      {
        name: 'still flags both ends when the next hop of the policy interface is not known',
        inputs: () => {
          const [a, b] = flagged();
          return [{ ...a, text: a.text.replace('ip route-static 198.51.26.16 255.255.255.240 203.0.26.30', 'ip route-static 198.51.26.16 255.255.255.240 10.26.11.254') }, b];
        },
        findings: ([a, b]) => [at(a, ' rule 5 permit ip'), at(b, ' rule 5 permit ip')],
      },
      {
        name: 'checks every destination of the ACL rule, not only its first address (the upper half routed away)',
        inputs: replacingSubnetRoute('ip route-static 10.26.22.128 255.255.255.128 10.26.12.254\n'),
        findings: ([a]) => [{ ...at(a, ' rule 5 permit ip'), message: '10.26.22.128' }],
      },
      {
        name: 'checks every destination of the ACL rule, not only its first address (a middle part routed away)',
        inputs: replacingSubnetRoute('ip route-static 10.26.22.64 255.255.255.192 10.26.12.254\n'),
        findings: ([a]) => [{ ...at(a, ' rule 5 permit ip'), message: 'destination 10.26.22.64 ' }],
      },
      {
        name: 'flags the fixed site without its routes (the baseline of the dynamic-routing cases)',
        inputs: () => [fixedSiteA(withoutRoutes)],
        findings: ([a]) => [at(a, ' rule 5 permit ip')],
      },
      {
        name: 'route-based tunnels: flags the profile binding when no route points into the tunnel',
        inputs: [{ file: 'r.cfg', text: routeBased('') }],
        findings: ([r]) => [{ ...at(r, ' ipsec profile prof1'), column: 16, endColumn: 21, objectPath: 'interface:Tunnel1/route', message: 'No route points into Tunnel1' }],
      },
    ],
  });

  it('fixes with a route to the remote prefix via the next hop the device already uses out of the policy interface (safe)', () => {
    const inputs = readConfigDir(`configs-examples/${ID}/flagged`);
    const [finding] = lintInputs(inputs, [ID]).findings;
    expect(finding.fix?.applicability).toBe('safe');
    expect(finding.fix?.commands).toEqual(['system-view', 'ip route-static 10.26.21.0 255.255.255.0 203.0.26.30', 'return']);
    const edited = applyFixes(inputs[0].text, [finding.fix!]).text;
    expect(edited).toContain('ip route-static 198.51.26.16 255.255.255.240 203.0.26.30\nip route-static 10.26.21.0 255.255.255.0 203.0.26.30\n');
    expect(lint([{ ...inputs[0], text: edited }, inputs[1]], [ID]).filter((f) => f.file === inputs[0].file)).toEqual([]);
  });

  it('has no fix when the next hop of the policy interface is not known', () => {
    const inputs = readConfigDir(`configs-examples/${ID}/flagged`);
    const text = inputs[0].text.replace('ip route-static 198.51.26.16 255.255.255.240 203.0.26.30', 'ip route-static 198.51.26.16 255.255.255.240 10.26.11.254');
    const findings = lintInputs([{ ...inputs[0], text }, inputs[1]], [ID]).findings;
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((f) => f.fix === undefined)).toBe(true);
  });
});
