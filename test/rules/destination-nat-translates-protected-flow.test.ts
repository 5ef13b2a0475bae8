import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/ast/parse.js';
import { applyFixes } from '../../src/fix/generate.js';
import { corpus, allCorpusFiles, expectSilentOnFixedAndDocs, lint, lintInputs, lineOf, readConfigDir, repoRoot } from '../helpers/rule-harness.js';
import { paths, readTree, runCommands } from '../helpers/vrp-interpreter.js';
import { EASY_IP_ALL, NO_NAT_VPN, natDevice, type NatDeviceOptions, spokeAclRules } from './nat-fixture.js';

const ID = 'destination-nat-translates-protected-flow';
const dir = `configs-examples/${ID}`;

function run(options: NatDeviceOptions) {
  const text = natDevice(options);
  return { text, findings: lint([{ file: 'fw1.cfg', text }], [ID]) };
}

/** A destination-NAT rule catching the protected flow 10.1.1.0/24 → 10.2.1.0/24 of the fixture. */
const DNAT_REMOTE = ` rule name old-erp
  destination-address 10.2.1.10 mask 255.255.255.255
  action destination-nat static address-to-address address 10.1.2.10`;

describe(ID, () => {
  it('flags the destination-NAT rule of the flagged end, naming the no-nat rule listed after it', () => {
    const [a] = readConfigDir(`${dir}/flagged`);
    const findings = lint(readConfigDir(`${dir}/flagged`), [ID]);
    expect(findings).toEqual([
      expect.objectContaining({ file: a.file, line: lineOf(a.text, ' rule name dns-redirect'), column: 2, severity: 'error', objectPath: 'nat-policy/rule:dns-redirect' }),
    ]);
    const [f] = findings;
    expect(f.message).toBe(
      'NAT rule "dns-redirect" ("action destination-nat") rewrites the destination of the protected flow source 10.70.11.0/24 → destination 10.70.21.0/24, udp dport 53 (ACL "3000" rule 5) before IPSec; the "no-nat" rule "no-nat-vpn" comes after it and never applies. Run "rule move no-nat-vpn before dns-redirect" in the nat-policy view.',
    );
    expect(f.related).toEqual([
      expect.objectContaining({ file: a.file, line: lineOf(a.text, 'action destination-nat') }),
      expect.objectContaining({ file: a.file, line: lineOf(a.text, ' rule 5 permit') }),
    ]);
  });

  it('its fix moves the no-nat rule up (unsafe: versions ranking destination NAT first may refuse it); the fixed result is quiet', () => {
    const inputs = readConfigDir(`${dir}/flagged`);
    const [finding] = lintInputs(inputs, [ID]).findings;
    expect(finding.fix?.applicability).toBe('unsafe');
    expect(finding.fix?.commands).toEqual(['system-view', 'nat-policy', 'rule move no-nat-vpn before dns-redirect', 'return']);
    const fixed = inputs.map((input) => (input.file === finding.fix!.file ? { ...input, text: applyFixes(input.text, [finding.fix!]).text } : input));
    expect(lint(fixed, [ID, 'nat-not-excluding-protected-flow'])).toEqual([]);
  });

  it('is quiet on the fixed example, the corpus documentation pairs and every corpus file', () => {
    expectSilentOnFixedAndDocs(ID);
    expect(lint(corpus(...allCorpusFiles()), [ID])).toEqual([]);
  });

  it('flags a rule written differently (no zone, a host of the remote site, address-group form) and inserts a no-nat rule before it', () => {
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

  it('is quiet when a no-nat rule comes first, when the rule misses the flow, and on unbound or disabled policies', () => {
    expect(run({ natPolicy: `${NO_NAT_VPN}\n${DNAT_REMOTE}` }).findings).toEqual([]);
    // Port forwarding from the Internet: source zone untrust, a public destination.
    const inbound = ' rule name web-in\n  source-zone untrust\n  destination-address 203.0.113.1 mask 255.255.255.255\n  action destination-nat static address-to-address address 10.1.2.80';
    expect(run({ natPolicy: inbound }).findings).toEqual([]);
    expect(run({ natPolicy: ' rule name dmz-only\n  source-zone dmz\n  destination-address 10.2.1.0 mask 255.255.255.0\n  action destination-nat address-group g' }).findings).toEqual([]);
    expect(run({ natPolicy: `${DNAT_REMOTE}\n  disable` }).findings).toEqual([]);
    expect(run({ natPolicy: DNAT_REMOTE, bind: false }).findings).toEqual([]);
  });

  it('leaves source NAT to nat-not-excluding-protected-flow (each part of the flow goes to the first rule that takes it)', () => {
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

  it('reports once per rule and ACL rule on a hub with 200 spokes', () => {
    const { findings } = run({ aclRules: spokeAclRules(200), natPolicy: ' rule name all-dns\n  source-zone trust\n  service dns\n  action destination-nat static port-to-address address 10.1.1.53 53' });
    expect(findings).toHaveLength(200);
    expect(new Set(findings.map((f) => f.line)).size).toBe(1);
  });

  it('reports nothing on a generated 20-spoke benchmark network', async () => {
    const generator = (await import(pathToFileURL(path.join(repoRoot, 'bench/generate.js')).href)) as { generateNetwork(n: number): { name: string; text: string }[] };
    const inputs = generator.generateNetwork(20).map(({ name, text }) => ({ file: name, text }));
    expect(lint(inputs, [ID])).toEqual([]);
  });
});
