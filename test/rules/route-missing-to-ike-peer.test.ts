import { describe, expect, it } from 'vitest';
import { applyFixes } from '../../src/fix/generate.js';
import { fixedWithSiteA, type Input, lint, lintInputs, readConfigDir } from '../helpers/rule-harness.js';
import { at, exactly, ruleTester } from '../helpers/rule-tester.js';

const ID = 'route-missing-to-ike-peer';

const DEFAULT_ROUTE_A = ' ip route-static 0.0.0.0 0.0.0.0 203.0.34.46\n';
const DEFAULT_ROUTE_B = ' ip route-static 0.0.0.0 0.0.0.0 198.51.34.46\n';

const fixed = (): Input[] => readConfigDir(`configs-examples/${ID}/fixed`);

/** The fixed pair with site A changed (the change must apply). */
const withSiteA = (change: (text: string) => string): Input[] => fixedWithSiteA(ID, change);

/** The fixed pair with site B turned into a template responder (no remote-address) and then changed. */
function withTemplateSiteB(change: (text: string) => string = (text) => text): Input[] {
  const [siteA, siteB] = fixed();
  const template = siteB.text
    .replace(' remote-address 203.0.34.33\n', '')
    .replace('ipsec policy map1 10 isakmp\n', 'ipsec policy-template tpl1 10\n')
    .replace(' sa duration time-based 3600\n#\n', ' sa duration time-based 3600\n#\nipsec policy map1 10 isakmp template tpl1\n#\n');
  expect(template).toContain('isakmp template tpl1');
  expect(template).not.toContain('remote-address');
  return [siteA, { ...siteB, text: change(template) }];
}

const notesOf = (inputs: Input[]): string[] => lintInputs(inputs, [ID]).notes.map((note) => `${note.file}: ${note.message}`);

const routeBased = (routes: string) => `!Software Version V500R005C10SPC300
#
 sysname R
#
ike peer p1
 pre-shared-key %^%#rmipR0a1b2c3d4%^%#
 remote-address 198.51.34.1
#
ipsec proposal prop1
 esp encryption-algorithm aes-256
#
ipsec profile prof1
 ike-peer p1
 proposal prop1
#
interface GigabitEthernet1/0/0
 ip address 10.34.10.1 255.255.255.0
#
interface GigabitEthernet1/0/1
 ip address 203.0.34.1 255.255.255.240
#
interface Tunnel1
 ip address 172.16.34.1 255.255.255.252
 tunnel-protocol ipsec
 source GigabitEthernet1/0/1
 destination 198.51.34.1
 ipsec profile prof1
#
ip route-static 10.34.20.0 255.255.255.0 Tunnel1
${routes}#
return
`;

const noDefault = (text: string): string => text.replace(DEFAULT_ROUTE_A, '');
const templateResponderWithoutRoute = (): Input[] => withTemplateSiteB((text) => text.replace(DEFAULT_ROUTE_B, ''));
const rangePeer = (): Input[] => withSiteA((text) => noDefault(text).replace(' remote-address 198.51.34.33', ' remote-address 198.51.34.33 198.51.34.40'));

describe(ID, () => {
  ruleTester(ID, {
    fixedExample: true,
    documentationSets: true,
    valid: [
      { name: 'accepts a host route to the peer instead of a default route', inputs: () => withSiteA((text) => text.replace(DEFAULT_ROUTE_A, ' ip route-static 198.51.34.33 255.255.255.255 203.0.34.46\n')) },
      {
        name: 'accepts a subnet route to the peer through the policy interface',
        inputs: () => withSiteA((text) => text.replace(DEFAULT_ROUTE_A, ' ip route-static 198.51.34.32 255.255.255.240 GigabitEthernet1/0/0 203.0.34.46\n')),
      },
      {
        name: 'leaves equal-cost routes to ecmp-routes-without-tunnel-local when one leaves through the policy interface',
        inputs: () => withSiteA((text) => text.replace(DEFAULT_ROUTE_A, `${DEFAULT_ROUTE_A} ip route-static 0.0.0.0 0.0.0.0 10.34.12.254\n`)),
      },
      { name: 'is quiet on the template responder with its default route', inputs: () => withTemplateSiteB() },
      {
        name: "does not derive a responder's peer across NAT",
        inputs: templateResponderWithoutRoute,
        topology: { tunnels: [{ ends: [`configs-examples/${ID}/fixed/site-a.cfg`, `configs-examples/${ID}/fixed/site-b.cfg`], nat: true }] },
      },
      { name: 'skips disabled policies', inputs: () => withSiteA((text) => noDefault(text).replace(' sa trigger-mode auto\n', ' sa trigger-mode auto\n undo policy enable\n')) },
      { name: 'skips unapplied policies', inputs: () => withSiteA((text) => noDefault(text).replace(' ipsec policy map1\n', '')) },
      { name: 'does not check an address-range peer on its own', inputs: () => [rangePeer()[0]] },
      { name: 'does not check the egress interface of a route-based tunnel (default route out of the WAN)', inputs: [{ file: 'r.cfg', text: routeBased('ip route-static 0.0.0.0 0.0.0.0 203.0.34.14\n') }] },
      { name: 'does not check the egress interface of a route-based tunnel (default route out of the LAN)', inputs: [{ file: 'r.cfg', text: routeBased('ip route-static 0.0.0.0 0.0.0.0 10.34.10.254\n') }] },
    ],
    invalid: [
      {
        name: 'flags a missing route (error) and a route through the LAN side (warning) at the remote-address line',
        inputs: () => readConfigDir(`configs-examples/${ID}/flagged`),
        findings: ([a, b]) => [
          {
            ...at(a, ' remote-address 198.51.34.17'),
            severity: 'error',
            column: 2,
            endLine: at(a, ' remote-address 198.51.34.17').line,
            endColumn: 29,
            message: exactly(
              'No route covers the IKE peer "198.51.34.17" of IPSec policy "map1 10", so IKE negotiation packets cannot reach the peer and the tunnel never comes up; add a static route to "198.51.34.17" via the next hop of "GigabitEthernet1/0/0".',
            ),
            objectPath: 'ipsec-policy:map1/10/ike-route:198.51.34.17',
            related: [],
          },
          {
            ...at(b, ' remote-address 203.0.34.17'),
            severity: 'warning',
            column: 2,
            endLine: at(b, ' remote-address 203.0.34.17').line,
            endColumn: 28,
            message: exactly(
              'The route to the IKE peer "203.0.34.17" of IPSec policy "map1 10" leaves through "GigabitEthernet1/0/1", not "GigabitEthernet1/0/0" where the policy is applied, so IKE negotiation packets leave by the wrong interface, with another source address, and the peer drops or never sees them; add a static route to "203.0.34.17" via the next hop of "GigabitEthernet1/0/0".',
            ),
            objectPath: 'ipsec-policy:map1/10/ike-route:203.0.34.17',
            related: [{ ...at(b, 'ip route-static 0.0.0.0 0.0.0.0 10.34.21.254'), column: 2, message: exactly('This route sends 203.0.34.17 out of GigabitEthernet1/0/1.') }],
          },
        ],
      },
      {
        name: 'names the policy interface in the message when no route tells its next hop',
        inputs: () => {
          const [a, b] = readConfigDir(`configs-examples/${ID}/flagged`);
          return [{ ...a, text: a.text.replace(' ip route-static 10.34.21.0 255.255.255.0 203.0.34.30\n', ' ip route-static 10.34.21.0 255.255.255.0 10.34.11.254\n') }, b];
        },
        findings: ([a, b]) => [{ ...at(a, ' remote-address 198.51.34.17'), message: 'add a static route to "198.51.34.17" via the next hop of "GigabitEthernet1/0/0"' }, at(b, ' remote-address 203.0.34.17')],
      },
      {
        name: 'flags a more specific route to the peer through the LAN side even with a correct default route',
        inputs: () => withSiteA((text) => text.replace(DEFAULT_ROUTE_A, `${DEFAULT_ROUTE_A} ip route-static 198.51.34.33 255.255.255.255 10.34.12.254\n`)),
        findings: ([a]) => [{ ...at(a, ' remote-address 198.51.34.33'), severity: 'warning', column: 2, endColumn: 29, related: [{ ...at(a, 'ip route-static 198.51.34.33'), column: 2 }] }],
      },
      {
        name: "flags the responder of a template policy at the policy line, with the initiator's remote-address as related location",
        inputs: templateResponderWithoutRoute,
        findings: ([a, b]) => [
          {
            ...at(b, 'ipsec policy map1 10 isakmp template tpl1'),
            severity: 'error',
            column: 1,
            endLine: at(b, 'ipsec policy map1 10 isakmp template tpl1').line,
            endColumn: 42,
            message: 'No route covers the IKE peer "203.0.34.33" of IPSec policy "map1 10"',
            objectPath: 'ipsec-policy:map1/10/ike-route:203.0.34.33',
            related: [{ ...at(a, ' remote-address 198.51.34.33'), column: 2, message: exactly('rmip-A-fixed negotiates with rmip-B-fixed here.') }],
          },
        ],
      },
      {
        name: 'flags an enabled, applied policy without a route (the baseline of the skipped cases)',
        inputs: () => withSiteA(noDefault),
        findings: ([a]) => [{ ...at(a, ' remote-address 198.51.34.33'), severity: 'error' }],
      },
      {
        name: 'checks an address-range peer only as the paired device it answers',
        inputs: rangePeer,
        findings: ([a, b]) => [
          {
            ...at(a, 'ipsec policy map1 10 isakmp'),
            column: 1,
            endColumn: 28,
            objectPath: 'ipsec-policy:map1/10/ike-route:198.51.34.33',
            related: [{ ...at(b, ' remote-address 203.0.34.33'), column: 2, message: exactly('rmip-B-fixed negotiates with rmip-A-fixed here.') }],
          },
        ],
      },
      {
        name: 'route-based tunnels: flags a missing route to the peer at its remote-address line',
        inputs: [{ file: 'r.cfg', text: routeBased('') }],
        findings: ([r]) => [
          {
            ...at(r, ' remote-address 198.51.34.1'),
            severity: 'error',
            column: 2,
            endColumn: 28,
            message: exactly(
              'No route covers the IKE peer "198.51.34.1" of IPSec profile "prof1", so IKE negotiation packets cannot reach the peer and the tunnel never comes up; add a static route to "198.51.34.1" via the next hop of "GigabitEthernet1/0/1".',
            ),
            objectPath: 'ipsec-profile:prof1/ike-route:198.51.34.1',
            related: [],
          },
        ],
      },
    ],
  });

  it('fixes with a host route via the next hop the device already uses out of the policy interface (safe where nothing routed the peer, unsafe where it changes path)', () => {
    const inputs = readConfigDir(`configs-examples/${ID}/flagged`);
    const findings = lintInputs(inputs, [ID]).findings;
    const [missing, elsewhere] = findings;
    expect(missing.fix?.applicability).toBe('safe');
    expect(missing.fix?.commands).toEqual(['system-view', 'ip route-static 198.51.34.17 255.255.255.255 203.0.34.30', 'return']);
    const editedA = applyFixes(inputs[0].text, [missing.fix!]).text;
    expect(editedA).toContain(' ip route-static 10.34.21.0 255.255.255.0 203.0.34.30\n ip route-static 198.51.34.17 255.255.255.255 203.0.34.30\n#');
    expect(elsewhere.fix?.applicability).toBe('unsafe');
    expect(elsewhere.fix?.commands).toEqual(['system-view', 'ip route-static 203.0.34.17 255.255.255.255 198.51.34.30', 'return']);
    const editedB = applyFixes(inputs[1].text, [elsewhere.fix!]).text;
    expect(lint([{ ...inputs[0], text: editedA }, { ...inputs[1], text: editedB }], [ID])).toEqual([]);
  });

  it('has no fix when no route tells the next hop of the policy interface', () => {
    const inputs = readConfigDir(`configs-examples/${ID}/flagged`);
    const text = inputs[0].text.replace(' ip route-static 10.34.21.0 255.255.255.0 203.0.34.30\n', ' ip route-static 10.34.21.0 255.255.255.0 10.34.11.254\n');
    const [finding] = lintInputs([{ ...inputs[0], text }, inputs[1]], [ID]).findings;
    expect(finding.message).toContain('add a static route to "198.51.34.17" via the next hop of "GigabitEthernet1/0/0"');
    expect(finding.fix).toBeUndefined();
  });

  it('does not claim anything with dynamic routing, without static routes, or with an unresolvable next hop', () => {
    const ospf = withSiteA((text) => text.replace(DEFAULT_ROUTE_A, '').replace('#\nsecurity-policy', '#\nospf 1\n area 0.0.0.0\n#\nsecurity-policy'));
    expect(lint(ospf, [ID])).toEqual([]);
    expect(notesOf(ospf)).toContain(`${ospf[0].file}: cannot verify the routes to IKE peers: the device runs dynamic routing`);

    const excerpt = withSiteA((text) => text.replace(/^ ip route-static .*\n/gm, ''));
    expect(lint(excerpt, [ID])).toEqual([]);
    expect(notesOf(excerpt)).toContain(`${excerpt[0].file}: not checked: the configuration has no static routes`);

    const remote = withSiteA((text) => text.replace(DEFAULT_ROUTE_A, ' ip route-static 0.0.0.0 0.0.0.0 192.0.2.254\n'));
    expect(lint(remote, [ID])).toEqual([]);
    expect(notesOf(remote)).toContain(
      `${remote[0].file}: cannot verify the route to the IKE peer 198.51.34.33 of ipsec-policy:map1/10: the next hop is not in a connected subnet`,
    );
  });

  it('does not check a peer reached through a VPN instance', () => {
    const vpn = withSiteA((text) => text.replace(DEFAULT_ROUTE_A, '').replace(' remote-address 198.51.34.33', ' remote-address vpn-instance vpn1 198.51.34.33'));
    expect(lint(vpn, [ID])).toEqual([]);
    expect(notesOf(vpn).some((note) => note.includes('in VPN instance "vpn1"'))).toBe(true);
  });
});
