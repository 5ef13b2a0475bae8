import { describe, expect, it } from 'vitest';
import { applyFixes } from '../../src/fix/generate.js';
import { corpus, expectSilentOnFixedAndDocs, fixedWithSiteA, type Input, lineOf, lint, lintInputs, readConfigDir } from '../helpers/rule-harness.js';

const ID = 'dynamic-address-without-tunnel-local';

const TUNNEL_LOCAL = ' tunnel local 203.0.35.33\n';
const UNNUMBERED = ' ip address unnumbered interface LoopBack0\n';
const POLICY = 'ipsec policy map1 10 isakmp';

const NEGOTIATED = { options: { [ID]: { negotiatedAddresses: true } } };

/** The fixed pair with site A's policy changed (the change must apply). */
const withSiteA = (change: (text: string) => string): Input[] => fixedWithSiteA(ID, change);

/** The fixed pair without site A's "tunnel local", then changed. */
const withoutTunnelLocal = (change: (text: string) => string = (text) => text): Input[] =>
  withSiteA((text) => change(text.replace(TUNNEL_LOCAL, '')));

/** The fixed pair with site A's WAN interface getting its address by PPP or DHCP instead of unnumbered. */
const negotiated = (how: 'ppp-negotiate' | 'dhcp-alloc', change: (text: string) => string = (text) => text): Input[] =>
  withSiteA((text) => change(text.replace(UNNUMBERED, ` ip address ${how}\n`)));

const GENERIC_FIX = '"tunnel local" with the address of the interface it borrows from (e.g. a loopback)';

const unnumberedMessage = (fix = '"tunnel local 203.0.35.33" (the address of LoopBack0)'): string =>
  `IPSec policy "map1 10" is applied to "GigabitEthernet1/0/0", which borrows its address with "ip address unnumbered", and has no "tunnel local", so IKE is sourced from an address the peer does not expect and negotiation fails; add ${fix} and point the peer's "remote-address" at it.`;

describe(ID, () => {
  it('flags the policy line of the flagged example, with the unnumbered line as related location', () => {
    const inputs = readConfigDir(`configs-examples/${ID}/flagged`);
    const [siteA] = inputs;
    const line = lineOf(siteA.text, POLICY);
    expect(lint(inputs, [ID])).toEqual([
      {
        ruleId: ID,
        severity: 'warning',
        file: siteA.file,
        line,
        column: 1,
        endLine: line,
        endColumn: 28,
        message: unnumberedMessage('"tunnel local 203.0.35.17" (the address of LoopBack0)'),
        objectPath: 'ipsec-policy:map1/10/tunnel-local',
        related: [
          {
            file: siteA.file,
            line: lineOf(siteA.text, UNNUMBERED.trimEnd()),
            column: 13,
            message: 'GigabitEthernet1/0/0 gets its address by "unnumbered" here.',
          },
        ],
      },
    ]);
  });

  it('is silent on the fixed example and the documentation pairs', () => {
    expectSilentOnFixedAndDocs(ID);
    expect(lintDirFixed({ negotiatedAddresses: true })).toEqual([]);
  });

  it('flags the fixed example once its explicit "tunnel local" is removed', () => {
    const inputs = withoutTunnelLocal();
    expect(lint(inputs, [ID]).map((f) => [f.file, f.line, f.message])).toEqual([[inputs[0].file, lineOf(inputs[0].text, POLICY), unnumberedMessage()]]);
  });

  it('names the fix generically when the borrowed interface or its address is not in the configuration', () => {
    for (const change of [
      (text: string) => text.replace(UNNUMBERED, ' ip address unnumbered interface LoopBack9\n'),
      (text: string) => text.replace(UNNUMBERED, ' ip address unnumbered\n'),
    ]) {
      const inputs = withoutTunnelLocal(change);
      expect(lint(inputs, [ID]).map((f) => f.message)).toEqual([unnumberedMessage(GENERIC_FIX)]);
    }
  });

  it('accepts an explicit peer "local-address" instead of "tunnel local"', () => {
    const inputs = withoutTunnelLocal((text) => text.replace(' remote-address 198.51.35.33\n', ' remote-address 198.51.35.33\n local-address 203.0.35.33\n'));
    expect(inputs[0].text).toContain('local-address 203.0.35.33');
    expect(lint(inputs, [ID])).toEqual([]);
  });

  it('flags "tunnel local applied-interface" on an unnumbered interface at its value', () => {
    const inputs = withSiteA((text) => text.replace(TUNNEL_LOCAL, ' tunnel local applied-interface\n'));
    const [siteA] = inputs;
    const line = lineOf(siteA.text, ' tunnel local applied-interface');
    expect(lint(inputs, [ID])).toEqual([
      expect.objectContaining({
        file: siteA.file,
        line,
        column: 15,
        endLine: line,
        endColumn: 32,
        message:
          'IPSec policy "map1 10" has "tunnel local applied-interface", but "GigabitEthernet1/0/0" borrows its address with "ip address unnumbered", so IKE is still sourced from an address the peer does not expect and negotiation fails; replace it with "tunnel local 203.0.35.33" (the address of LoopBack0), and point the peer\'s "remote-address" at it.',
        objectPath: 'ipsec-policy:map1/10/tunnel-local',
        related: [expect.objectContaining({ line: lineOf(siteA.text, UNNUMBERED.trimEnd()), column: 13 })],
      }),
    ]);
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

  it('flags PPP- and DHCP-assigned interfaces only with the option "negotiatedAddresses"', () => {
    for (const how of ['ppp-negotiate', 'dhcp-alloc'] as const) {
      const inputs = negotiated(how, (text) => text.replace(TUNNEL_LOCAL, ''));
      expect(lint(inputs, [ID])).toEqual([]);
      const [siteA] = inputs;
      const line = lineOf(siteA.text, POLICY);
      expect(lint(inputs, [ID], NEGOTIATED)).toEqual([
        expect.objectContaining({
          file: siteA.file,
          line,
          column: 1,
          endLine: line,
          endColumn: 28,
          message: `IPSec policy "map1 10" is applied to "GigabitEthernet1/0/0", which gets its address by "${how}", and has no "tunnel local", so IKE is sourced from an address the peer cannot know in advance and negotiation fails once it changes; add "tunnel local" with the address of a stable interface (e.g. a loopback) and point the peer's "remote-address" at it.`,
          related: [{ file: siteA.file, line: lineOf(siteA.text, ` ip address ${how}`), column: 13, message: `GigabitEthernet1/0/0 gets its address by "${how}" here.` }],
        }),
      ]);
    }
  });

  it('accepts an explicit "tunnel local" or "tunnel local applied-interface" on a PPP interface with the option', () => {
    expect(lint(negotiated('ppp-negotiate'), [ID], NEGOTIATED)).toEqual([]);
    const applied = negotiated('ppp-negotiate', (text) => text.replace(TUNNEL_LOCAL, ' tunnel local applied-interface\n'));
    expect(lint(applied, [ID], NEGOTIATED)).toEqual([]);
  });

  it('ignores disabled and unapplied policies', () => {
    const disabled = withoutTunnelLocal((text) => text.replace(' sa trigger-mode auto\n', ' sa trigger-mode auto\n undo policy enable\n'));
    expect(disabled[0].text).toContain('undo policy enable');
    expect(lint(disabled, [ID])).toEqual([]);
    const unapplied = withoutTunnelLocal((text) => text.replace(' ipsec policy map1\n', ''));
    expect(lint(unapplied, [ID])).toEqual([]);
  });

  it('ignores an interface that also has a primary address of its own', () => {
    const inputs = withoutTunnelLocal((text) => text.replace(UNNUMBERED, `${UNNUMBERED} ip address 203.0.35.34 255.255.255.240\n`));
    expect(lint(inputs, [ID])).toEqual([]);
  });

  it('does not claim a missing "tunnel local" when its value cannot be read, nor check a policy whose template is undefined', () => {
    const redacted = withSiteA((text) => text.replace(TUNNEL_LOCAL, ' tunnel local XXXXXXXX\n'));
    expect(lint(redacted, [ID])).toEqual([]);
    const undefinedTemplate = withoutTunnelLocal((text) =>
      text.replace(`${POLICY}\n security acl 3000\n ike-peer branch\n proposal p10\n`, 'ipsec policy map1 10 isakmp template missing\n#\nipsec policy map2 10 isakmp\n security acl 3000\n ike-peer branch\n proposal p10\n'),
    );
    expect(undefinedTemplate[0].text).toContain('isakmp template missing');
    expect(lint(undefinedTemplate, [ID])).toEqual([]);
  });

  it('ignores manual policies and route-based IPSec profiles', () => {
    const manual = withoutTunnelLocal((text) => text.replace(`${POLICY}\n`, 'ipsec policy map1 10 manual\n'));
    expect(lint(manual, [ID])).toEqual([]);
    const profile = withoutTunnelLocal((text) =>
      text
        .replace(`${POLICY}\n`, 'ipsec profile prof1\n')
        .replace(' ipsec policy map1\n', '')
        .replace('interface LoopBack0\n', `interface Tunnel1\n${UNNUMBERED} tunnel-protocol ipsec\n source LoopBack0\n destination 198.51.35.33\n ipsec profile prof1\n#\ninterface LoopBack0\n`),
    );
    expect(profile[0].text).toContain('ipsec profile prof1\n#');
    expect(lint(profile, [ID], NEGOTIATED)).toEqual([]);
    expect(lint(corpus('hwforum-ar169-pppoe-ipsec-snippet.cfg'), [ID], NEGOTIATED)).toEqual([]);
  });

  it('flags a template policy at the template, where "tunnel local" belongs', () => {
    const inputs = withoutTunnelLocal((text) =>
      text
        .replace(' remote-address 198.51.35.33\n', '')
        .replace(`${POLICY}\n`, 'ipsec policy-template tpl1 10\n')
        .replace(' sa duration time-based 3600\n#\n', ' sa duration time-based 3600\n#\nipsec policy map1 10 isakmp template tpl1\n#\n'),
    );
    const [siteA] = inputs;
    const line = lineOf(siteA.text, 'ipsec policy-template tpl1 10');
    expect(lint(inputs, [ID])).toEqual([
      expect.objectContaining({
        file: siteA.file,
        line,
        column: 1,
        endLine: line,
        endColumn: 30,
        message: unnumberedMessage(),
        related: [expect.objectContaining({ line: lineOf(siteA.text, UNNUMBERED.trimEnd()), column: 13 })],
      }),
    ]);
    const fixedTemplate = withSiteA((text) =>
      text
        .replace(' remote-address 198.51.35.33\n', '')
        .replace(`${POLICY}\n`, 'ipsec policy-template tpl1 10\n')
        .replace(' sa duration time-based 3600\n#\n', ' sa duration time-based 3600\n#\nipsec policy map1 10 isakmp template tpl1\n#\n'),
    );
    expect(lint(fixedTemplate, [ID])).toEqual([]);
  });
});

function lintDirFixed(options: Record<string, unknown>) {
  return lint(readConfigDir(`configs-examples/${ID}/fixed`), [ID], { options: { [ID]: options } });
}
