import { describe, expect, it } from 'vitest';
import type { DeviceRuleContext, Rule } from '../../rules/types.js';
import { lint, lineOf } from '../helpers/rule-harness.js';

const everyAcl: Rule = {
  meta: {
    id: 'test-every-acl',
    description: 'Reports every ACL header',
    scope: 'device',
    defaultSeverity: 'warning',
    presets: ['recommended'],
    tags: [],
    messages: { found: 'ACL "{{key}}" found.' },
    since: '0.1.0',
  },
  check(context: DeviceRuleContext) {
    for (const acl of context.device.ast.acls) {
      context.report({ range: acl.range, messageId: 'found', data: { key: acl.key.value }, objectPath: acl.path });
    }
  },
};

describe('rule harness', () => {
  it('runs only the named rules through parser, model and engine with exact positions', () => {
    const text = '#\n sysname A\n#\nacl number 3000\n rule 5 permit ip\n#\nreturn\n';
    const findings = lint([{ file: 'a.cfg', text }], ['test-every-acl'], { extraRules: [everyAcl] });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: 'test-every-acl', file: 'a.cfg', line: lineOf(text, 'acl number'), column: 1 });
    expect(findings[0].message).toBe('ACL "3000" found.');
  });

  it('leaves a rule that is not named switched off', () => {
    const text = '#\nacl number 3000\n rule 5 permit ip\n#\nreturn\n';
    expect(lint([{ file: 'a.cfg', text }], [], { extraRules: [everyAcl] })).toEqual([]);
  });
});
