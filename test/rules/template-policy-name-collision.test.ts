import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectOneSuggestionWorks } from '../helpers/apply-fix.js';
import { allCorpusFiles, corpus, examplesDir, lintInputs, readConfigDir, type Input } from '../helpers/rule-harness.js';
import { at, ruleTester } from '../helpers/rule-tester.js';
import { siteConfig } from '../helpers/site-config.js';
import { paths, readTree, runCommands } from '../helpers/vrp-interpreter.js';

const RULE = 'template-policy-name-collision';
const dir = path.join(examplesDir, RULE);

const POLICY_THEN_TEMPLATE = `#
 sysname X
#
ipsec policy vpn 10 isakmp
 ike-peer p
#
ipsec policy vpn 20 isakmp
 ike-peer p
#
ipsec policy-template vpn 10
 ike-peer p
#
ipsec policy-template vpn 20
 ike-peer p
#
return
`;

describe(RULE, () => {
  ruleTester(RULE, {
    fixedExample: true,
    valid: [
      {
        name: 'does not flag a template policy referencing a differently named template',
        inputs: () => [{ file: 'x.cfg', text: siteConfig({ sysname: 'X', wan: '203.0.113.1/28', gateway: '203.0.113.14', lan: '10.1.1.0/24', remoteLan: '10.2.1.0/24', mode: 'template', policy: 'map1', template: 'map2' }) }],
      },
      { name: 'finds nothing in the corpus (the documentation pairs name templates and policies differently)', inputs: () => corpus(...allCorpusFiles()) },
    ],
    invalid: [
      {
        name: 'flags the policy defined after a template of the same name, with the template as related location',
        inputs: () => readConfigDir(path.join(dir, 'flagged')),
        findings: ([a]) => [
          {
            ...at(a, 'ipsec policy map1 10 isakmp template map1'),
            severity: 'error',
            column: 14,
            endColumn: 18,
            objectPath: 'ipsec-policy:map1/10',
            message: 'IPSec policy "map1" has the same name as an IPSec policy template',
            related: [{ ...at(a, 'ipsec policy-template map1 10'), column: 1 }],
          },
        ],
      },
      {
        name: 'flags the template when it is defined after the policy, once per name',
        inputs: [{ file: 'x.cfg', text: POLICY_THEN_TEMPLATE }],
        findings: ([x]) => [{ ...at(x, 'ipsec policy-template vpn 10'), column: 23, endColumn: 26, message: 'IPSec policy template "vpn"', related: [at(x, 'ipsec policy vpn 10 isakmp')] }],
      },
    ],
  });
});

describe(`${RULE}: suggestion (unsafe, never applied by --fix): rename the template`, () => {
  /** Applies the one suggestion of the finding on `file` to the whole network: the rule's findings are gone, no new error appears. */
  const expectSuggestionWorks = (inputs: Input[], file: string, ruleIds?: readonly string[]) => expectOneSuggestionWorks(RULE, inputs, file, ruleIds);

  it('flagged example: the template becomes "map1-tpl" in place, the policy points at it; the network re-linted has no new error', () => {
    const inputs = readConfigDir(path.join(dir, 'flagged'));
    const [a] = inputs;
    const { suggestion, edited } = expectSuggestionWorks(inputs, a.file);
    expect(suggestion.desc).toMatch(/^Rename IPSec policy template "map1" to "map1-tpl": VRP cannot rename a template/);
    expect(edited).toBe(
      a.text
        .replace('ipsec policy-template map1 10\n', 'ipsec policy-template map1-tpl 10\n')
        .replace('ipsec policy map1 10 isakmp template map1\n', 'ipsec policy map1 10 isakmp template map1-tpl\n'),
    );
    // Additions first (the new template with the same lines), the policy typed again with the new
    // template (its template cannot change in place; its line opens a view), the old template undone last.
    expect(suggestion.fix.commands).toEqual([
      'system-view',
      'ipsec policy-template map1-tpl 10',
      'security acl 3000',
      'ike-peer peer1',
      'proposal p10',
      'pfs dh-group14',
      'quit',
      'undo ipsec policy map1 10',
      'ipsec policy map1 10 isakmp template map1-tpl',
      'quit',
      'undo ipsec policy-template map1 10',
      'return',
    ]);
    expect(`${suggestion.fix.text}${suggestion.fix.commands.join('\n')}`).not.toContain('pre-shared-key');
  });

  it('template after the policy, two sequences, a second policy group using it: every sequence copied, every reference moved, a name not taken', () => {
    const text = `#
 sysname X
#
ipsec policy vpn 10 isakmp
 ike-peer p
#
ipsec policy-template vpn-tpl 5
 ike-peer p
#
ipsec policy-template vpn 10
 ike-peer p
 proposal p10
#
ipsec policy-template vpn 20
 ike-peer p
#
ipsec policy other 10 isakmp template vpn
#
return
`;
    const { suggestion, edited } = expectSuggestionWorks([{ file: 'x.cfg', text }], 'x.cfg', [RULE]);
    expect(edited).toBe(text.replace('policy-template vpn 10', 'policy-template vpn-tpl2 10').replace('policy-template vpn 20', 'policy-template vpn-tpl2 20').replace('template vpn\n', 'template vpn-tpl2\n'));
    expect(suggestion.fix.commands).toEqual([
      'system-view',
      'ipsec policy-template vpn-tpl2 10',
      'ike-peer p',
      'proposal p10',
      'quit',
      'ipsec policy-template vpn-tpl2 20',
      'ike-peer p',
      'quit',
      'undo ipsec policy other 10',
      'ipsec policy other 10 isakmp template vpn-tpl2',
      'quit',
      'undo ipsec policy-template vpn 10',
      'undo ipsec policy-template vpn 20',
      'return',
    ]);
    expect(suggestion.desc).toContain('type policy "other 10" again pointing at it');
    // Run on the file's views, the commands give the edited file.
    const byCommands = readTree(text);
    runCommands(byCommands, suggestion.fix.commands);
    expect(paths(byCommands).sort()).toEqual(paths(readTree(edited)).sort());
  });

  it('offers nothing when the template holds a line the model does not read (it is never copied blind)', () => {
    const inputs = readConfigDir(path.join(dir, 'flagged')).map((input) => ({ ...input, text: input.text.replace(' pfs dh-group14\n#\nipsec policy map1', ' pfs dh-group14\n sa duration time-based 3600\n#\nipsec policy map1') }));
    const findings = lintInputs(inputs, [RULE]).findings;
    expect(findings).toHaveLength(1);
    expect(findings[0].suggestions ?? []).toEqual([]);
  });
});
