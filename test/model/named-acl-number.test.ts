import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/ast/parse.js';
import { lint, readConfigDir } from '../helpers/rule-harness.js';

/**
 * `acl name dc-servers 3999` creates ACL 3999 with a name (issue #17): `security acl 3999`, NAT and
 * policy references by number find it, exactly as they find `acl number 3999`.
 */
const named = (text: string, name: string) => text.replace(/^acl number (\d+)$/m, `acl name ${name} $1`);

describe('a named ACL with a number answers to its number', () => {
  it('the AST carries the number of "acl name X 3999" and its advanced type', () => {
    const acl = parseConfig('acl name dc-servers 3999\n rule 5 permit ip\n', 'a.cfg').ast.acls[0];
    expect([acl.key.value, acl.number, acl.type]).toEqual(['dc-servers', 3999, 'advanced']);
  });

  it('"security acl 3000" resolves to "acl name vpn-a 3000": no undefined reference', () => {
    const inputs = readConfigDir('configs-examples/ipsec-reference-undefined/fixed').map((i) => ({ ...i, text: named(i.text, 'vpn-a') }));
    expect(inputs[0].text).toContain('acl name vpn-a 3000');
    expect(lint(inputs, ['ipsec-reference-undefined', 'security-acl-mismatch'])).toEqual([]);
  });

  it('the overlap rule runs on a policy group whose ACL is named and referenced by number', () => {
    const plain = readConfigDir('configs-examples/acl-overlap-in-policy-group/flagged');
    const inputs = plain.map((i) => ({ ...i, text: named(i.text, 'vpn-a') }));
    const expected = lint(plain, ['acl-overlap-in-policy-group']).map((f) => [f.file, f.line]);
    expect(expected.length).toBeGreaterThan(0);
    expect(lint(inputs, ['acl-overlap-in-policy-group']).map((f) => [f.file, f.line])).toEqual(expected);
  });

  it('a reference by the name still resolves, and a number no ACL has is still undefined', () => {
    const [a, b] = readConfigDir('configs-examples/ipsec-reference-undefined/fixed');
    const byName = { ...a, text: named(a.text, 'vpn-a').replace(' security acl 3000', ' security acl vpn-a') };
    expect(lint([byName, b], ['ipsec-reference-undefined'])).toEqual([]);
    const wrong = { ...a, text: named(a.text, 'vpn-a').replace(' security acl 3000', ' security acl 3001') };
    expect(lint([wrong, b], ['ipsec-reference-undefined']).map((f) => f.ruleId)).toEqual(['ipsec-reference-undefined']);
  });
});
