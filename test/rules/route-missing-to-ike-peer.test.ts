import { describe, expect, it } from 'vitest';
import { applyFixes } from '../../src/fix/generate.js';
import { expectSilentOnFixedAndDocs, fixedWithSiteA, type Input, lineOf, lint, lintInputs, readConfigDir } from '../helpers/rule-harness.js';

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

describe(ID, () => {

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
  it('flags a missing route (error) and a route through the LAN side (warning) at the remote-address line', () => {
    const inputs = readConfigDir(`configs-examples/${ID}/flagged`);
    const [siteA, siteB] = inputs;
    expect(lint(inputs, [ID])).toEqual([
      {
        ruleId: ID,
        severity: 'error',
        file: siteA.file,
        line: lineOf(siteA.text, ' remote-address 198.51.34.17'),
        column: 2,
        endLine: lineOf(siteA.text, ' remote-address 198.51.34.17'),
        endColumn: 29,
        message:
          'No route covers the IKE peer "198.51.34.17" of IPSec policy "map1 10", so IKE negotiation packets cannot reach the peer and the tunnel never comes up; add a static route to "198.51.34.17" via the next hop of "GigabitEthernet1/0/0".',
        objectPath: 'ipsec-policy:map1/10/ike-route:198.51.34.17',
        related: [],
      },
      {
        ruleId: ID,
        severity: 'warning',
        file: siteB.file,
        line: lineOf(siteB.text, ' remote-address 203.0.34.17'),
        column: 2,
        endLine: lineOf(siteB.text, ' remote-address 203.0.34.17'),
        endColumn: 28,
        message:
          'The route to the IKE peer "203.0.34.17" of IPSec policy "map1 10" leaves through "GigabitEthernet1/0/1", not "GigabitEthernet1/0/0" where the policy is applied, so IKE negotiation packets leave by the wrong interface, with another source address, and the peer drops or never sees them; add a static route to "203.0.34.17" via the next hop of "GigabitEthernet1/0/0".',
        objectPath: 'ipsec-policy:map1/10/ike-route:203.0.34.17',
        related: [
          {
            file: siteB.file,
            line: lineOf(siteB.text, 'ip route-static 0.0.0.0 0.0.0.0 10.34.21.254'),
            column: 2,
            message: 'This route sends 203.0.34.17 out of GigabitEthernet1/0/1.',
          },
        ],
      },
    ]);
  });

  it('is silent on the fixed example and the documentation pairs', () => {
    expectSilentOnFixedAndDocs(ID);
  });

  it('accepts a host or subnet route to the peer instead of a default route', () => {
    const host = withSiteA((text) => text.replace(DEFAULT_ROUTE_A, ' ip route-static 198.51.34.33 255.255.255.255 203.0.34.46\n'));
    expect(lint(host, [ID])).toEqual([]);
    const viaInterface = withSiteA((text) => text.replace(DEFAULT_ROUTE_A, ' ip route-static 198.51.34.32 255.255.255.240 GigabitEthernet1/0/0 203.0.34.46\n'));
    expect(lint(viaInterface, [ID])).toEqual([]);
  });

  it('flags a more specific route to the peer through the LAN side even with a correct default route', () => {
    const inputs = withSiteA((text) => text.replace(DEFAULT_ROUTE_A, `${DEFAULT_ROUTE_A} ip route-static 198.51.34.33 255.255.255.255 10.34.12.254\n`));
    const findings = lint(inputs, [ID]);
    expect(findings.map((f) => [f.severity, f.line, f.column, f.endColumn])).toEqual([['warning', lineOf(inputs[0].text, ' remote-address 198.51.34.33'), 2, 29]]);
    expect(findings[0].related).toEqual([expect.objectContaining({ line: lineOf(inputs[0].text, 'ip route-static 198.51.34.33'), column: 2 })]);
  });

  it('leaves equal-cost routes to ecmp-routes-without-tunnel-local when one leaves through the policy interface', () => {
    const ecmp = withSiteA((text) => text.replace(DEFAULT_ROUTE_A, `${DEFAULT_ROUTE_A} ip route-static 0.0.0.0 0.0.0.0 10.34.12.254\n`));
    expect(lint(ecmp, [ID])).toEqual([]);
  });

  it('flags the responder of a template policy at the policy line, with the initiator\'s remote-address as related location', () => {
    expect(lint(withTemplateSiteB(), [ID])).toEqual([]);
    const inputs = withTemplateSiteB((text) => text.replace(DEFAULT_ROUTE_B, ''));
    const [siteA, siteB] = inputs;
    const line = lineOf(siteB.text, 'ipsec policy map1 10 isakmp template tpl1');
    expect(lint(inputs, [ID])).toEqual([
      expect.objectContaining({
        severity: 'error',
        file: siteB.file,
        line,
        column: 1,
        endLine: line,
        endColumn: 42,
        message: expect.stringContaining('No route covers the IKE peer "203.0.34.33" of IPSec policy "map1 10"'),
        objectPath: 'ipsec-policy:map1/10/ike-route:203.0.34.33',
        related: [{ file: siteA.file, line: lineOf(siteA.text, ' remote-address 198.51.34.33'), column: 2, message: 'rmip-A-fixed negotiates with rmip-B-fixed here.' }],
      }),
    ]);
  });

  it('does not derive a responder\'s peer across NAT', () => {
    const inputs = withTemplateSiteB((text) => text.replace(DEFAULT_ROUTE_B, ''));
    const natted = lint(inputs, [ID], { topology: { tunnels: [{ ends: [inputs[0].file, inputs[1].file], nat: true }] } });
    expect(natted).toEqual([]);
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

  it('skips disabled and unapplied policies and address-range peers', () => {
    const noDefault = (text: string) => text.replace(DEFAULT_ROUTE_A, '');
    expect(lint(withSiteA(noDefault), [ID])).toHaveLength(1);
    expect(lint(withSiteA((text) => noDefault(text).replace(' sa trigger-mode auto\n', ' sa trigger-mode auto\n undo policy enable\n')), [ID])).toEqual([]);
    expect(lint(withSiteA((text) => noDefault(text).replace(' ipsec policy map1\n', '')), [ID])).toEqual([]);
  });

  it('does not check an address-range peer, only the paired device it answers', () => {
    const inputs = withSiteA((text) => text.replace(DEFAULT_ROUTE_A, '').replace(' remote-address 198.51.34.33', ' remote-address 198.51.34.33 198.51.34.40'));
    expect(lint([inputs[0]], [ID])).toEqual([]);
    const line = lineOf(inputs[0].text, 'ipsec policy map1 10 isakmp');
    expect(lint(inputs, [ID])).toEqual([
      expect.objectContaining({
        line,
        column: 1,
        endColumn: 28,
        objectPath: 'ipsec-policy:map1/10/ike-route:198.51.34.33',
        related: [{ file: inputs[1].file, line: lineOf(inputs[1].text, ' remote-address 203.0.34.33'), column: 2, message: 'rmip-B-fixed negotiates with rmip-A-fixed here.' }],
      }),
    ]);
  });

  describe('route-based tunnels (ipsec profile on a tunnel interface)', () => {
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

    it('flags a missing route to the peer at its remote-address line', () => {
      const text = routeBased('');
      const line = lineOf(text, ' remote-address 198.51.34.1');
      expect(lint([{ file: 'r.cfg', text }], [ID])).toEqual([
        expect.objectContaining({
          severity: 'error',
          file: 'r.cfg',
          line,
          column: 2,
          endColumn: 28,
          message:
            'No route covers the IKE peer "198.51.34.1" of IPSec profile "prof1", so IKE negotiation packets cannot reach the peer and the tunnel never comes up; add a static route to "198.51.34.1" via the next hop of "GigabitEthernet1/0/1".',
          objectPath: 'ipsec-profile:prof1/ike-route:198.51.34.1',
          related: [],
        }),
      ]);
    });

    it('does not check the egress interface of a route-based tunnel', () => {
      expect(lint([{ file: 'r.cfg', text: routeBased('ip route-static 0.0.0.0 0.0.0.0 203.0.34.14\n') }], [ID])).toEqual([]);
      expect(lint([{ file: 'r.cfg', text: routeBased('ip route-static 0.0.0.0 0.0.0.0 10.34.10.254\n') }], [ID])).toEqual([]);
    });
  });
});
