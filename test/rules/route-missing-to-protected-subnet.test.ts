import { describe, expect, it } from 'vitest';
import { applyFixes } from '../../src/fix/generate.js';
import { expectSilentOnFixedAndDocs, fixedWithSiteA, type Input, lineOf, lint, lintInputs, readConfigDir } from '../helpers/rule-harness.js';

const ID = 'route-missing-to-protected-subnet';

const fixedSiteA = (change: (text: string) => string): Input => fixedWithSiteA(ID, change)[0];

const withoutRoutes = (text: string) =>
  text.replace(
    'ip route-static 0.0.0.0 0.0.0.0 203.0.26.46\nip route-static 10.26.22.0 255.255.255.0 203.0.26.46\n',
    'ip route-static 198.51.26.32 255.255.255.240 203.0.26.46\n',
  );

describe(ID, () => {

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
  it('flags a missing route and a route through the LAN side at the ACL rule line', () => {
    const inputs = readConfigDir(`configs-examples/${ID}/flagged`);
    const [siteA, siteB] = inputs;
    const findings = lint(inputs, [ID]);
    expect(findings).toEqual([
      expect.objectContaining({
        ruleId: ID,
        severity: 'error',
        file: siteA.file,
        line: lineOf(siteA.text, ' rule 5 permit ip'),
        column: 2,
        endColumn: 79,
        objectPath: 'acl:3000/rule:5/route',
        related: [],
      }),
      expect.objectContaining({
        file: siteB.file,
        line: lineOf(siteB.text, ' rule 5 permit ip'),
        column: 2,
        related: [expect.objectContaining({ file: siteB.file, line: lineOf(siteB.text, 'ip route-static 10.26.11.0'), column: 1 })],
      }),
    ]);
    expect(findings[0].message).toContain('No route covers the remote protected destination 10.26.21.0');
    expect(findings[1].message).toContain('leaves through GigabitEthernet1/0/0, not GigabitEthernet1/0/1');
  });

  it('is silent on the fixed example and the documentation pairs', () => {
    expectSilentOnFixedAndDocs(ID);
  });

  it('accepts a default route or a connected peer subnet on the policy interface', () => {
    const defaultOnly = fixedSiteA((text) => text.replace('ip route-static 10.26.22.0 255.255.255.0 203.0.26.46\n', ''));
    expect(lint([defaultOnly], [ID])).toEqual([]);
    const viaInterface = fixedSiteA((text) =>
      withoutRoutes(text).replace('#\nnat-policy', '#\nip route-static 10.26.22.0 255.255.255.0 GigabitEthernet1/0/1 203.0.26.46\n#\nnat-policy'),
    );
    expect(lint([viaInterface], [ID])).toEqual([]);
  });

  it('checks every destination of the ACL rule, not only its first address', () => {
    const split = fixedSiteA((text) =>
      text.replace('ip route-static 10.26.22.0 255.255.255.0 203.0.26.46\n', 'ip route-static 10.26.22.128 255.255.255.128 10.26.12.254\n'),
    );
    const findings = lint([split], [ID]);
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toContain('10.26.22.128');
    const middle = fixedSiteA((text) =>
      text.replace('ip route-static 10.26.22.0 255.255.255.0 203.0.26.46\n', 'ip route-static 10.26.22.64 255.255.255.192 10.26.12.254\n'),
    );
    expect(lint([middle], [ID]).map((f) => f.message)).toEqual([expect.stringContaining('destination 10.26.22.64 ')]);
  });

  it('does not claim a missing route with dynamic routing or route injection', () => {
    const ospf = fixedSiteA((text) => withoutRoutes(text).replace('#\nnat-policy', '#\nospf 1\n area 0.0.0.0\n#\nnat-policy'));
    expect(lint([ospf], [ID])).toEqual([]);
    const injected = fixedSiteA((text) => withoutRoutes(text).replace(' sa trigger-mode auto\n', ' sa trigger-mode auto\n route inject dynamic\n'));
    expect(lint([injected], [ID])).toEqual([]);
    expect(lint([fixedSiteA(withoutRoutes)], [ID])).toHaveLength(1);
  });

  it('ignores the local side of a "destination any" rule', () => {
    const anyDestination = fixedSiteA((text) => text.replace('destination 10.26.22.0 0.0.0.255', 'destination any'));
    expect(lint([anyDestination], [ID])).toEqual([]);
  });

  describe('route-based tunnels (ipsec profile on a tunnel interface)', () => {
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

    it('flags the profile binding when no route points into the tunnel', () => {
      const text = routeBased('');
      const findings = lint([{ file: 'r.cfg', text }], [ID]);
      expect(findings).toEqual([
        expect.objectContaining({ line: lineOf(text, ' ipsec profile prof1'), column: 16, endColumn: 21, objectPath: 'interface:Tunnel1/route' }),
      ]);
      expect(findings[0].message).toContain('No route points into Tunnel1');
    });

    it('accepts a route through the tunnel interface or a next hop inside it', () => {
      expect(lint([{ file: 'r.cfg', text: routeBased('ip route-static 10.2.0.0 255.255.0.0 Tunnel1\n') }], [ID])).toEqual([]);
      expect(lint([{ file: 'r.cfg', text: routeBased('ip route-static 10.2.0.0 255.255.0.0 172.16.1.2\n') }], [ID])).toEqual([]);
    });

    it('does not claim anything with dynamic routing', () => {
      expect(lint([{ file: 'r.cfg', text: routeBased('#\nospf 1\n area 0.0.0.0\n') }], [ID])).toEqual([]);
    });
  });

  it('does not claim anything on an excerpt without any static route', () => {
    const [siteA] = readConfigDir(`configs-examples/${ID}/flagged`);
    const excerpt = siteA.text.replace(/^ip route-static .*\n/gm, '');
    expect(excerpt).not.toContain('ip route-static');
    expect(lint([{ ...siteA, text: excerpt }], [ID])).toEqual([]);
  });
});
