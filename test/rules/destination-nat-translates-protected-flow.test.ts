import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/ast/parse.js';
import { applyFixes } from '../../src/fix/generate.js';
import { corpus, allCorpusFiles, type Input, lineOf, lint, lintInputs, readConfigDir, repoRoot } from '../helpers/rule-harness.js';
import { at, exactly, ruleTester } from '../helpers/rule-tester.js';
import { paths, readTree, runCommands } from '../helpers/vrp-interpreter.js';
import { EASY_IP_ALL, NO_NAT_VPN, natDevice, type NatDeviceOptions, spokeAclRules } from './nat-fixture.js';

const ID = 'destination-nat-translates-protected-flow';
const dir = `configs-examples/${ID}`;

function run(options: NatDeviceOptions) {
  const text = natDevice(options);
  return { text, findings: lint([{ file: 'fw1.cfg', text }], [ID]) };
}

/** The fixture device as the one input fw1.cfg. */
const device = (options: NatDeviceOptions): Input[] => [{ file: 'fw1.cfg', text: natDevice(options) }];

/** A destination-NAT rule catching the protected flow 10.1.1.0/24 → 10.2.1.0/24 of the fixture. */
const DNAT_REMOTE = ` rule name old-erp
  destination-address 10.2.1.10 mask 255.255.255.255
  action destination-nat static address-to-address address 10.1.2.10`;

const DNS_REDIRECT = ' rule name dns-redirect\n  source-zone trust\n  service dns\n  action destination-nat static port-to-address address 10.1.1.53 53';
const generated = async (): Promise<Input[]> => {
  const generator = (await import(pathToFileURL(path.join(repoRoot, 'bench/generate.js')).href)) as { generateNetwork(n: number): { name: string; text: string }[] };
  return generator.generateNetwork(20).map(({ name, text }) => ({ file: name, text }));
};
const generatedNetwork = await generated();

describe(ID, () => {
  ruleTester(ID, {
    fixedExample: true,
    documentationSets: true,
    valid: [
      { name: 'is quiet on every corpus file', inputs: () => corpus(...allCorpusFiles()) },
      { name: 'is quiet when a no-nat rule comes first', inputs: () => device({ natPolicy: `${NO_NAT_VPN}\n${DNAT_REMOTE}` }) },
      {
        name: 'is quiet on port forwarding from the Internet (source zone untrust, a public destination)',
        inputs: () => device({ natPolicy: ' rule name web-in\n  source-zone untrust\n  destination-address 203.0.113.1 mask 255.255.255.255\n  action destination-nat static address-to-address address 10.1.2.80' }),
      },
      { name: 'is quiet when the rule misses the flow (another source zone)', inputs: () => device({ natPolicy: ' rule name dmz-only\n  source-zone dmz\n  destination-address 10.2.1.0 mask 255.255.255.0\n  action destination-nat address-group g' }) },
      { name: 'is quiet on a disabled rule', inputs: () => device({ natPolicy: `${DNAT_REMOTE}\n  disable` }) },
      { name: 'is quiet on an unbound policy', inputs: () => device({ natPolicy: DNAT_REMOTE, bind: false }) },
      { name: 'leaves source NAT listed first to nat-not-excluding-protected-flow', inputs: () => device({ natPolicy: `${EASY_IP_ALL}\n${DNAT_REMOTE}` }) },
      { name: 'reports nothing on a generated 20-spoke benchmark network', inputs: generatedNetwork },
    ],
    invalid: [
      {
        name: 'flags the destination-NAT rule of the flagged end, naming the no-nat rule listed after it',
        inputs: () => readConfigDir(`${dir}/flagged`),
        findings: ([a]) => [
          {
            ...at(a, ' rule name dns-redirect'),
            column: 2,
            severity: 'error',
            objectPath: 'nat-policy/rule:dns-redirect',
            message: exactly(
              'NAT rule "dns-redirect" ("action destination-nat") rewrites the destination of the protected flow source 10.70.11.0/24 → destination 10.70.21.0/24, udp dport 53 (ACL "3000" rule 5) before IPSec; the "no-nat" rule "no-nat-vpn" comes after it and never applies. Run "rule move no-nat-vpn before dns-redirect" in the nat-policy view.',
            ),
            related: [at(a, 'action destination-nat'), at(a, ' rule 5 permit')],
          },
        ],
      },
      ...['action destination-nat static address-to-address address 10.1.2.10', 'action destination-nat address-group erp-pool'].map((action) => ({
        name: `flags a rule written differently (no zone, a host of the remote site, "${action}")`,
        inputs: () => device({ natPolicy: `${DNAT_REMOTE.replace(/action .*/, action)}\n${EASY_IP_ALL}` }),
        findings: ([d]: readonly Input[]) => [{ ...at(d, ' rule name old-erp'), message: ['source 10.1.1.0/24 → destination 10.2.1.10 (ACL "3000" rule 5)', 'Add a "no-nat" rule for this flow above it.'] }],
      })),
      {
        name: 'names the services of a destination-NAT rule below another rule',
        inputs: () => device({ natPolicy: ` rule name no-nat-ipsec\n  source-zone dmz\n  action no-nat\n${DNS_REDIRECT}` }),
        findings: ([d]) => [{ ...at(d, ' rule name dns-redirect'), message: 'udp dport 53' }],
      },
      {
        name: 'reports once per rule and ACL rule on a hub with 200 spokes, all at the NAT rule',
        inputs: () => device({ aclRules: spokeAclRules(200), natPolicy: ' rule name all-dns\n  source-zone trust\n  service dns\n  action destination-nat static port-to-address address 10.1.1.53 53' }),
        findings: ([d]) => Array.from({ length: 200 }, () => at(d, ' rule name all-dns')),
      },
    ],
  });

  it('its fix moves the no-nat rule up (unsafe: versions ranking destination NAT first may refuse it); the fixed result is quiet', () => {
    const inputs = readConfigDir(`${dir}/flagged`);
    const [finding] = lintInputs(inputs, [ID]).findings;
    expect(finding.fix?.applicability).toBe('unsafe');
    expect(finding.fix?.commands).toEqual(['system-view', 'nat-policy', 'rule move no-nat-vpn before dns-redirect', 'return']);
    const fixed = inputs.map((input) => (input.file === finding.fix!.file ? { ...input, text: applyFixes(input.text, [finding.fix!]).text } : input));
    expect(lint(fixed, [ID, 'nat-not-excluding-protected-flow'])).toEqual([]);
  });

  it('inserts a no-nat rule before a rule written differently (no zone, a host of the remote site, address-group form)', () => {
    for (const action of ['action destination-nat static address-to-address address 10.1.2.10', 'action destination-nat address-group erp-pool']) {
      const natPolicy = `${DNAT_REMOTE.replace(/action .*/, action)}\n${EASY_IP_ALL}`;
      const { text, findings } = run({ natPolicy });
      expect(findings).toEqual([expect.objectContaining({ line: lineOf(text, ' rule name old-erp') })]);
      expect(findings[0].message).toContain('source 10.1.1.0/24 → destination 10.2.1.10 (ACL "3000" rule 5)');
      expect(findings[0].message).toContain('Add a "no-nat" rule for this flow above it.');
      const fix = lintInputs([{ file: 'fw1.cfg', text }], [ID]).findings[0].fix!;
      expect(fix.applicability).toBe('unsafe');
      expect(fix.commands).toEqual([
        'system-view',
        'nat-policy',
        'rule name no-nat-ipsec',
        'source-zone trust',
        'source-address 10.1.1.0 mask 255.255.255.0',
        'destination-address 10.2.1.10 mask 255.255.255.255',
        'action no-nat',
        'quit',
        'rule move no-nat-ipsec before old-erp',
        'return',
      ]);
      const normalized = parseConfig(text, 'fw1.cfg').text;
      const edited = applyFixes(normalized, [fix]).text;
      expect(edited).toContain('nat-policy\n rule name no-nat-ipsec\n  source-zone trust\n  source-address 10.1.1.0 mask 255.255.255.0\n  destination-address 10.2.1.10 mask 255.255.255.255\n  action no-nat\n rule name old-erp\n');
      // The device commands give the same tree, rules in the same order.
      const byCommands = readTree(normalized);
      runCommands(byCommands, fix.commands);
      expect(paths(byCommands)).toEqual(paths(readTree(edited)));
      expect(lint([{ file: 'fw1.cfg', text: edited }], [ID])).toEqual([]);
    }
  });

  it('inserts after the rule above the destination-NAT rule, with its services, under a fresh name', () => {
    const dns = ' rule name dns-redirect\n  source-zone trust\n  service dns\n  action destination-nat static port-to-address address 10.1.1.53 53';
    const existing = ' rule name no-nat-ipsec\n  source-zone dmz\n  action no-nat';
    const { text } = run({ natPolicy: `${existing}\n${dns}` });
    const [finding] = lintInputs([{ file: 'fw1.cfg', text }], [ID]).findings;
    expect(finding.message).toContain('udp dport 53');
    expect(finding.fix!.commands).toContain('service dns');
    expect(finding.fix!.commands).toContain('rule move no-nat-ipsec-2 before dns-redirect');
    const normalized = parseConfig(text, 'fw1.cfg').text;
    const edited = applyFixes(normalized, [finding.fix!]).text;
    expect(edited).toContain('  action no-nat\n rule name no-nat-ipsec-2\n  source-zone trust\n  source-address 10.1.1.0 mask 255.255.255.0\n  destination-address 10.2.1.0 mask 255.255.255.0\n  service dns\n  action no-nat\n rule name dns-redirect\n');
    const byCommands = readTree(normalized);
    runCommands(byCommands, finding.fix!.commands);
    expect(paths(byCommands)).toEqual(paths(readTree(edited)));
    expect(lint([{ file: 'fw1.cfg', text: edited }], [ID])).toEqual([]);
  });

  it('leaves source NAT to nat-not-excluding-protected-flow: with both rules, each reports its own rule', () => {
    expect(run({ natPolicy: `${EASY_IP_ALL}\n${DNAT_REMOTE}` }).findings).toEqual([]);
    const both = lint([{ file: 'fw1.cfg', text: natDevice({ natPolicy: `${DNAT_REMOTE}\n${EASY_IP_ALL}` }) }], [ID, 'nat-not-excluding-protected-flow']);
    expect(both.map((f) => f.ruleId).sort()).toEqual([ID, 'nat-not-excluding-protected-flow']);
  });

  it('notes instead of guessing when a service is unknown', () => {
    const unknown = ' rule name x\n  source-zone trust\n  service no-such-service\n  action destination-nat address-group g';
    const outcome = lintInputs([{ file: 'fw1.cfg', text: natDevice({ natPolicy: unknown }) }], [ID]);
    expect(outcome.findings).toEqual([]);
    expect(outcome.notes.map((n) => n.message)).toContainEqual(expect.stringContaining('cannot verify whether nat-policy/rule:x rewrites the destination'));
  });
});
