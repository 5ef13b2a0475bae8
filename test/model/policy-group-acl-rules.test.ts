import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/ast/parse.js';
import { buildDevice } from '../../src/model/device.js';
import { policyGroupAclRules } from '../../src/model/policy-group-acl-rules.js';

const text = `#
acl number 3001
 rule 10 permit ip source 10.1.1.0 0.0.0.255 destination 10.2.0.0 0.0.255.255
 rule 5 deny ip source 10.1.1.0 0.0.0.255 destination 10.2.1.0 0.0.0.255
 rule 15 permit ip source 10.1.1.0 0.0.0.255 destination xxx
#
acl number 3002
 rule 5 permit ip source 10.1.9.0 0.0.0.255 destination 10.2.9.0 0.0.0.255
#
ipsec policy-template t 1
 ike-peer p
#
ipsec policy map1 30 isakmp template t
#
ipsec policy map1 20 isakmp
 security acl 3001
#
ipsec policy map1 10 isakmp
 security acl 3002
#
ipsec policy map1 40 isakmp
 security acl 3001
#
return
`;

describe('policyGroupAclRules', () => {
  it('lists each ACL once in sequence order, rules by id, template entries without ACL left out', () => {
    const device = buildDevice({ file: 'd.cfg', text, ast: parseConfig(text, 'd.cfg').ast, index: 0 });
    const group = device.policyGroup('map1')!;
    const { rules, unreadable } = policyGroupAclRules(device, group);
    expect(rules.map((r) => `${r.acl.key.value}/${r.rule.id.value}/${r.aclIndex}/${r.entry.seq}`)).toEqual([
      '3002/5/0/10',
      '3001/5/1/20',
      '3001/10/1/20',
    ]);
    expect(rules[1].rule.action.value).toBe('deny');
    expect(rules[0].boxes).toHaveLength(1);
    expect(unreadable.map((r) => r.id.value)).toEqual([15]);
  });
});
