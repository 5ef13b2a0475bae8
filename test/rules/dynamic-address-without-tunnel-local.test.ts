import { describe, expect, it } from 'vitest';
import { applyFixes } from '../../src/fix/generate.js';
import { corpus, fixedWithSiteA, type Input, lint, lintInputs, readConfigDir } from '../helpers/rule-harness.js';
import { at, exactly, ruleTester } from '../helpers/rule-tester.js';

const ID = 'dynamic-address-without-tunnel-local';

const TUNNEL_LOCAL = ' tunnel local 203.0.35.33\n';
const UNNUMBERED = ' ip address unnumbered interface LoopBack0\n';
const POLICY = 'ipsec policy map1 10 isakmp';

const NEGOTIATED = { negotiatedAddresses: true };

/** The fixed pair with site A's policy changed (the change must apply). */
const withSiteA = (change: (text: string) => string): Input[] => fixedWithSiteA(ID, change);

/** The fixed pair without site A's "tunnel local", then changed. */
const withoutTunnelLocal = (change: (text: string) => string = (text) => text): Input[] =>
  withSiteA((text) => change(text.replace(TUNNEL_LOCAL, '')));

/** The fixed pair with site A's WAN interface getting its address by PPP or DHCP instead of unnumbered. */
const negotiated = (how: 'ppp-negotiate' | 'dhcp-alloc', change: (text: string) => string = (text) => text): Input[] =>
  withSiteA((text) => change(text.replace(UNNUMBERED, ` ip address ${how}\n`)));

/** `inputs`, once site A's text is seen to contain `needle` (the change applied). */
const containing = (inputs: Input[], needle: string): Input[] => {
  expect(inputs[0].text).toContain(needle);
  return inputs;
};

const GENERIC_FIX = '"tunnel local" with the address of the interface it borrows from (e.g. a loopback)';

const unnumberedMessage = (fix = '"tunnel local 203.0.35.33" (the address of LoopBack0)'): string =>
  `IPSec policy "map1 10" is applied to "GigabitEthernet1/0/0", which borrows its address with "ip address unnumbered", and has no "tunnel local", so IKE is sourced from an address the peer does not expect and negotiation fails; add ${fix} and point the peer's "remote-address" at it.`;

const negotiatedMessage = (how: string): string =>
  `IPSec policy "map1 10" is applied to "GigabitEthernet1/0/0", which gets its address by "${how}", and has no "tunnel local", so IKE is sourced from an address the peer cannot know in advance and negotiation fails once it changes; add "tunnel local" with the address of a stable interface (e.g. a loopback) and point the peer's "remote-address" at it.`;

const unnumberedRelated = (a: Input) => ({ ...at(a, UNNUMBERED.trimEnd()), column: 13, message: exactly('GigabitEthernet1/0/0 gets its address by "unnumbered" here.') });

/** Site A's policy turned into a template policy (without "remote-address"). */
const asTemplate = (text: string): string =>
  text
    .replace(' remote-address 198.51.35.33\n', '')
    .replace(`${POLICY}\n`, 'ipsec policy-template tpl1 10\n')
    .replace(' sa duration time-based 3600\n#\n', ' sa duration time-based 3600\n#\nipsec policy map1 10 isakmp template tpl1\n#\n');

describe(ID, () => {
  ruleTester(ID, {
    fixedExample: true,
    documentationSets: true,
    valid: [
      { name: 'is silent on the fixed example with the option "negotiatedAddresses"', inputs: () => readConfigDir(`configs-examples/${ID}/fixed`), options: NEGOTIATED },
      {
        name: 'accepts an explicit peer "local-address" instead of "tunnel local"',
        inputs: () => containing(withoutTunnelLocal((text) => text.replace(' remote-address 198.51.35.33\n', ' remote-address 198.51.35.33\n local-address 203.0.35.33\n')), 'local-address 203.0.35.33'),
      },
      ...(['ppp-negotiate', 'dhcp-alloc'] as const).map((how) => ({
        name: `does not flag a "${how}" interface without the option "negotiatedAddresses"`,
        inputs: () => negotiated(how, (text) => text.replace(TUNNEL_LOCAL, '')),
      })),
      { name: 'accepts an explicit "tunnel local" on a PPP interface with the option', inputs: () => negotiated('ppp-negotiate'), options: NEGOTIATED },
      {
        name: 'accepts "tunnel local applied-interface" on a PPP interface with the option',
        inputs: () => negotiated('ppp-negotiate', (text) => text.replace(TUNNEL_LOCAL, ' tunnel local applied-interface\n')),
        options: NEGOTIATED,
      },
      {
        name: 'ignores disabled policies',
        inputs: () => containing(withoutTunnelLocal((text) => text.replace(' sa trigger-mode auto\n', ' sa trigger-mode auto\n undo policy enable\n')), 'undo policy enable'),
      },
      { name: 'ignores unapplied policies', inputs: () => withoutTunnelLocal((text) => text.replace(' ipsec policy map1\n', '')) },
      {
        name: 'ignores an interface that also has a primary address of its own',
        inputs: () => withoutTunnelLocal((text) => text.replace(UNNUMBERED, `${UNNUMBERED} ip address 203.0.35.34 255.255.255.240\n`)),
      },
      { name: 'does not claim a missing "tunnel local" when its value cannot be read', inputs: () => withSiteA((text) => text.replace(TUNNEL_LOCAL, ' tunnel local XXXXXXXX\n')) },
      {
        name: 'does not check a policy whose template is undefined',
        inputs: () =>
          containing(
            withoutTunnelLocal((text) =>
              text.replace(`${POLICY}\n security acl 3000\n ike-peer branch\n proposal p10\n`, 'ipsec policy map1 10 isakmp template missing\n#\nipsec policy map2 10 isakmp\n security acl 3000\n ike-peer branch\n proposal p10\n'),
            ),
            'isakmp template missing',
          ),
      },
      { name: 'ignores manual policies', inputs: () => withoutTunnelLocal((text) => text.replace(`${POLICY}\n`, 'ipsec policy map1 10 manual\n')) },
      {
        name: 'ignores route-based IPSec profiles (with the option)',
        options: NEGOTIATED,
        inputs: () =>
          containing(
            withoutTunnelLocal((text) =>
              text
                .replace(`${POLICY}\n`, 'ipsec profile prof1\n')
                .replace(' ipsec policy map1\n', '')
                .replace('interface LoopBack0\n', `interface Tunnel1\n${UNNUMBERED} tunnel-protocol ipsec\n source LoopBack0\n destination 198.51.35.33\n ipsec profile prof1\n#\ninterface LoopBack0\n`),
            ),
            'ipsec profile prof1\n#',
          ),
      },
      { name: 'ignores the PPPoE profile snippet of the corpus (with the option)', options: NEGOTIATED, inputs: () => corpus('hwforum-ar169-pppoe-ipsec-snippet.cfg') },
      { name: 'accepts a template policy whose template has "tunnel local"', inputs: () => withSiteA(asTemplate) },
    ],
    invalid: [
      {
        name: 'flags the policy line of the flagged example, with the unnumbered line as related location',
        inputs: () => readConfigDir(`configs-examples/${ID}/flagged`),
        findings: ([a]) => [
          {
            ...at(a, POLICY),
            severity: 'warning',
            column: 1,
            endLine: at(a, POLICY).line,
            endColumn: 28,
            message: exactly(unnumberedMessage('"tunnel local 203.0.35.17" (the address of LoopBack0)')),
            objectPath: 'ipsec-policy:map1/10/tunnel-local',
            related: [unnumberedRelated(a)],
          },
        ],
      },
      {
        name: 'flags the fixed example once its explicit "tunnel local" is removed',
        inputs: () => withoutTunnelLocal(),
        findings: ([a]) => [{ ...at(a, POLICY), message: exactly(unnumberedMessage()) }],
      },
      ...[
        ['the borrowed interface is not in the configuration', ' ip address unnumbered interface LoopBack9\n'],
        ['the borrowed interface is not named', ' ip address unnumbered\n'],
      ].map(([what, line]) => ({
        name: `names the fix generically when ${what}`,
        inputs: () => withoutTunnelLocal((text) => text.replace(UNNUMBERED, line)),
        findings: ([a]: readonly Input[]) => [{ ...at(a, POLICY), message: exactly(unnumberedMessage(GENERIC_FIX)) }],
      })),
      {
        name: 'flags "tunnel local applied-interface" on an unnumbered interface at its value',
        inputs: () => withSiteA((text) => text.replace(TUNNEL_LOCAL, ' tunnel local applied-interface\n')),
        findings: ([a]) => [
          {
            ...at(a, ' tunnel local applied-interface'),
            column: 15,
            endLine: at(a, ' tunnel local applied-interface').line,
            endColumn: 32,
            message: exactly(
              'IPSec policy "map1 10" has "tunnel local applied-interface", but "GigabitEthernet1/0/0" borrows its address with "ip address unnumbered", so IKE is still sourced from an address the peer does not expect and negotiation fails; replace it with "tunnel local 203.0.35.33" (the address of LoopBack0), and point the peer\'s "remote-address" at it.',
            ),
            objectPath: 'ipsec-policy:map1/10/tunnel-local',
            related: [{ ...at(a, UNNUMBERED.trimEnd()), column: 13 }],
          },
        ],
      },
      ...(['ppp-negotiate', 'dhcp-alloc'] as const).map((how) => ({
        name: `flags a "${how}" interface with the option "negotiatedAddresses"`,
        inputs: () => negotiated(how, (text) => text.replace(TUNNEL_LOCAL, '')),
        options: NEGOTIATED,
        findings: ([a]: readonly Input[]) => [
          {
            ...at(a, POLICY),
            column: 1,
            endLine: at(a, POLICY).line,
            endColumn: 28,
            message: exactly(negotiatedMessage(how)),
            related: [{ ...at(a, ` ip address ${how}`), column: 13, message: exactly(`GigabitEthernet1/0/0 gets its address by "${how}" here.`) }],
          },
        ],
      })),
      {
        name: 'flags a template policy at the template, where "tunnel local" belongs',
        inputs: () => withoutTunnelLocal(asTemplate),
        findings: ([a]) => [
          {
            ...at(a, 'ipsec policy-template tpl1 10'),
            column: 1,
            endLine: at(a, 'ipsec policy-template tpl1 10').line,
            endColumn: 30,
            message: exactly(unnumberedMessage()),
            related: [{ ...at(a, UNNUMBERED.trimEnd()), column: 13 }],
          },
        ],
      },
    ],
  });

  it('fixes with the borrowed address (unsafe): inserted into the policy view, or replacing "applied-interface"; the fixed network is quiet', () => {
    const check = (inputs: Input[], commands: string[]) => {
      const [finding] = lintInputs(inputs, [ID]).findings;
      expect(finding.fix?.applicability).toBe('unsafe');
      expect(finding.fix?.commands).toEqual(commands);
      const fixed = inputs.map((input) => (input.file === finding.fix!.file ? { ...input, text: applyFixes(input.text, [finding.fix!]).text } : input));
      expect(lint(fixed, [ID])).toEqual([]);
    };
    check(withSiteA((text) => text.replace(TUNNEL_LOCAL, '')), ['system-view', 'ipsec policy map1 10 isakmp', 'tunnel local 203.0.35.33', 'return']);
    check(withSiteA((text) => text.replace(TUNNEL_LOCAL, ' tunnel local applied-interface\n')), ['system-view', 'ipsec policy map1 10 isakmp', 'tunnel local 203.0.35.33', 'return']);
  });
});
