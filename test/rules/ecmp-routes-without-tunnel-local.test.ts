import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import type { Finding } from '../../src/engine/findings.js';
import { applyFixes } from '../../src/fix/generate.js';
import { type Input, lintInputs, readConfigDir } from '../helpers/rule-harness.js';
import { at, ruleTester } from '../helpers/rule-tester.js';

const ID = 'ecmp-routes-without-tunnel-local';
const ALL = rules.map((r) => r.meta.id);

const HOST_ROUTE = 'ip route-static 198.51.27.17 255.255.255.255 203.0.27.30';
const TUNNEL_LOCAL = 'tunnel local 203.0.27.17';

const errorKeys = (findings: readonly Finding[]): string[] =>
  findings.filter((f) => f.severity === 'error').map((f) => `${f.ruleId} ${f.file} ${f.objectPath} ${f.message}`);

/** The finding of this rule on the flagged pair with site A changed. */
function findingOn(change: (text: string) => string): Finding {
  const [siteA, siteB] = readConfigDir(`configs-examples/${ID}/flagged`);
  const text = change(siteA.text);
  expect(text).not.toBe(siteA.text);
  const findings = lintInputs([{ ...siteA, text }, siteB], [ID]).findings;
  expect(findings).toHaveLength(1);
  return findings[0];
}

function flaggedSiteA(change: (text: string) => string = (text) => text): Input {
  const [siteA] = readConfigDir(`configs-examples/${ID}/flagged`);
  return { ...siteA, text: change(siteA.text) };
}

describe(ID, () => {
  ruleTester(ID, {
    fixedExample: true,
    documentationSets: true,
    valid: [
      { name: 'is silent with "tunnel local"', inputs: () => [flaggedSiteA((text) => text.replace(' sa trigger-mode auto\n', ' sa trigger-mode auto\n tunnel local 203.0.27.17\n'))] },
      {
        name: 'is silent with the IKE peer\'s "local-address"',
        inputs: () => {
          const withPeerLocal = flaggedSiteA((text) => text.replace(' remote-address 198.51.27.17\n', ' remote-address 198.51.27.17\n local-address 203.0.27.17\n'));
          expect(withPeerLocal.text).toContain(' local-address 203.0.27.17');
          return [withPeerLocal];
        },
      },
      {
        name: 'is silent with a preference that breaks the tie',
        inputs: () => {
          const backup = flaggedSiteA((text) => text.replace('ip route-static 0.0.0.0 0.0.0.0 192.0.27.30', 'ip route-static 0.0.0.0 0.0.0.0 192.0.27.30 preference 70'));
          expect(backup.text).toContain('preference 70');
          return [backup];
        },
      },
      {
        name: 'does not count two equal routes through the same interface',
        inputs: () => [flaggedSiteA((text) => text.replace('ip route-static 0.0.0.0 0.0.0.0 192.0.27.30', 'ip route-static 0.0.0.0 0.0.0.0 203.0.27.29'))],
      },
    ],
    invalid: [
      {
        name: 'flags the policy header when two equal default routes cover the peer',
        inputs: () => readConfigDir(`configs-examples/${ID}/flagged`),
        findings: ([siteA]) => [
          {
            ...at(siteA, 'ipsec policy map1 10 isakmp'),
            severity: 'warning',
            column: 1,
            endColumn: 28,
            objectPath: 'ipsec-policy:map1/10/ecmp:198.51.27.17',
            message: 'GigabitEthernet1/0/1 and GigabitEthernet1/0/2',
            related: [at(siteA, 'ip route-static 0.0.0.0 0.0.0.0 203.0.27.30'), at(siteA, 'ip route-static 0.0.0.0 0.0.0.0 192.0.27.30')],
          },
        ],
      },
    ],
  });

  it('suggests a host route via the next hop out of the policy interface, and "tunnel local" with its address; each removes the finding and adds no error', () => {
    const inputs = readConfigDir(`configs-examples/${ID}/flagged`);
    const before = lintInputs(inputs, ALL).findings;
    const [finding] = before.filter((f) => f.ruleId === ID);
    expect(finding.fix).toBeUndefined();
    const [route, local] = finding.suggestions ?? [];
    expect(finding.suggestions).toHaveLength(2);
    expect(route.desc).toBe(
      `Add the host route "${HOST_ROUTE}": IKE and ESP packets to 198.51.27.17 then leave only through GigabitEthernet1/0/1, via 203.0.27.30, the next hop of its equal-cost route`,
    );
    expect(route.fix).toMatchObject({ applicability: 'unsafe', commands: ['system-view', HOST_ROUTE, 'return'] });
    expect(local.desc).toContain(`Add "${TUNNEL_LOCAL}" to IPSec policy "map1 10"`);
    expect(local.fix).toMatchObject({ applicability: 'unsafe', commands: ['system-view', 'ipsec policy map1 10 isakmp', TUNNEL_LOCAL, 'return'] });
    const [siteA, siteB] = inputs;
    const editedRoute = applyFixes(siteA.text, [route.fix]).text;
    // Placed like route-missing-to-ike-peer places its routes: after the last static route.
    expect(editedRoute).toContain(`ip route-static 10.27.21.0 255.255.255.0 203.0.27.30\n${HOST_ROUTE}\n#\n`);
    const editedLocal = applyFixes(siteA.text, [local.fix]).text;
    expect(editedLocal).toContain(`ipsec policy map1 10 isakmp\n ${TUNNEL_LOCAL}\n security acl 3000\n`);
    for (const text of [editedRoute, editedLocal]) {
      const after = lintInputs([{ ...siteA, text }, siteB], ALL).findings;
      expect(after.filter((f) => f.ruleId === ID)).toEqual([]);
      expect(errorKeys(after).filter((k) => !errorKeys(before).includes(k))).toEqual([]);
    }
  });

  it('offers no host route when the equal-cost routes out of the policy interface name no single next hop', () => {
    const finding = findingOn((text) =>
      text.replace('ip route-static 0.0.0.0 0.0.0.0 203.0.27.30\n', 'ip route-static 0.0.0.0 0.0.0.0 203.0.27.30\nip route-static 0.0.0.0 0.0.0.0 203.0.27.29\n'),
    );
    expect(finding.suggestions?.map((s) => s.fix.commands)).toEqual([['system-view', 'ipsec policy map1 10 isakmp', TUNNEL_LOCAL, 'return']]);
  });

  it('offers no "tunnel local" when the interface address is not fixed, and nothing when neither is known', () => {
    const dhcp = (text: string) =>
      text
        .replace(' ip address 203.0.27.17 255.255.255.240\n ipsec policy map1', ' ip address dhcp-alloc\n ipsec policy map1')
        .replace('ip route-static 0.0.0.0 0.0.0.0 203.0.27.30\n', 'ip route-static 0.0.0.0 0.0.0.0 GigabitEthernet1/0/1 203.0.27.30\n');
    const leased = findingOn(dhcp);
    expect(leased.suggestions?.map((s) => s.fix.commands)).toEqual([['system-view', HOST_ROUTE, 'return']]);
    const neither = findingOn((text) => dhcp(text).replace('ip route-static 0.0.0.0 0.0.0.0 GigabitEthernet1/0/1 203.0.27.30\n', 'ip route-static 0.0.0.0 0.0.0.0 GigabitEthernet1/0/1\n'));
    expect(neither.suggestions).toBeUndefined();
  });

});
