import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/ast/parse.js';
import type { ConfigAst } from '../../src/ast/types.js';
import { CONTEXT } from '../../src/ast/build/line-contexts.js';
import { STATEMENT_DEFS } from '../../src/grammar/statement-defs.generated.js';
import type { ViewKind } from '../../src/text/view-kinds.js';
import { buildViews, type StructNode } from '../../src/text/views.js';

/*
 * Which header opens which view is decided twice: by the structure pass (src/text/view-kinds.ts,
 * before any grammar runs, so that the views can be built fast) and by the grammar's header
 * statements with the builder's handlers (src/ast/build/). For every header statement of the
 * grammar, an example header and one line under it must give the same view kind in the structure
 * pass and have its child line read in that view's line context (CONTEXT): a header added to the
 * grammar without its view kind, or a view kind without its context, fails here.
 */

interface Example {
  /** The header line, then one line of its view (indented). */
  text: string;
  view: ViewKind;
  /** The effect of the child line in the AST: read in the view's context. */
  read: (ast: ConfigAst) => unknown;
}

const EXAMPLES: Record<string, Example> = {
  InterfaceHeader: { text: 'interface GigabitEthernet0/0/1\n ip address 192.0.2.1 255.255.255.0', view: 'interface', read: (a) => a.interfaces[0]?.addresses.length },
  ZoneHeader: { text: 'firewall zone trust\n set priority 85', view: 'zone', read: (a) => a.zones[0]?.priority },
  AclHeader: { text: 'acl number 3000\n rule 5 permit ip', view: 'acl', read: (a) => a.acls[0]?.rules.length },
  IkeProposalHeader: { text: 'ike proposal 10\n dh group14', view: 'ike-proposal', read: (a) => a.ikeProposals[0]?.dh },
  IkePeerHeader: { text: 'ike peer p\n remote-address 198.51.100.1', view: 'ike-peer', read: (a) => a.ikePeers[0]?.remoteAddresses.length },
  IpsecProposalHeader: { text: 'ipsec proposal p\n encapsulation-mode tunnel', view: 'ipsec-proposal', read: (a) => a.ipsecProposals[0]?.encapsulationMode },
  IpsecPolicyHeader: { text: 'ipsec policy m 10 isakmp\n security acl 3000', view: 'ipsec-policy', read: (a) => a.ipsecPolicies[0]?.acl },
  PolicyTemplateHeader: { text: 'ipsec policy-template t 10\n security acl 3000', view: 'policy-template', read: (a) => a.policyTemplates[0]?.acl },
  IpsecProfileHeader: { text: 'ipsec profile pr\n ike-peer p', view: 'ipsec-profile', read: (a) => a.ipsecProfiles[0]?.ikePeer },
  EfficientVpnHeader: { text: 'ipsec efficient-vpn e mode client\n remote-address 198.51.100.1', view: 'efficient-vpn', read: (a) => a.unrecognised.length === 0 || undefined },
  LegacyNatHeader: { text: 'nat-policy interzone trust untrust outbound\n policy 0\n  action source-nat', view: 'nat-interzone', read: (a) => a.natRules[0]?.action },
  NatPolicyHeader: { text: 'nat-policy\n rule name r\n  action no-nat', view: 'nat-policy', read: (a) => a.natRules[0]?.action },
  SecurityPolicyHeader: { text: 'security-policy\n rule name r\n  action permit', view: 'security-policy', read: (a) => a.securityPolicy?.rules[0]?.action },
  AddressSetHeader: { text: 'ip address-set s type object\n address 0 192.0.2.0 mask 24', view: 'address-set', read: (a) => a.addressSets[0]?.members.length },
  ServiceSetHeader: { text: 'ip service-set s type object\n service 0 protocol tcp destination-port 443', view: 'service-set', read: (a) => a.serviceSets[0]?.members.length },
  NatAddressGroupHeader: { text: 'nat address-group g\n section 0 203.0.113.1 203.0.113.2', view: 'nat-address-group', read: (a) => a.natAddressGroups[0]?.sections.length },
  L2tpGroupHeader: { text: 'l2tp-group 1\n allow l2tp virtual-template 1', view: 'l2tp-group', read: (a) => a.l2tpGroups.length },
};

describe('view headers: the structure pass and the grammar agree', () => {
  it('every header statement of the grammar has an example here', () => {
    const headers = Object.keys(STATEMENT_DEFS).filter((kind) => kind.endsWith('Header'));
    expect(headers.filter((kind) => !(kind in EXAMPLES))).toEqual([]);
    expect(Object.keys(EXAMPLES).filter((kind) => !headers.includes(kind))).toEqual([]);
  });

  it.each(Object.entries(EXAMPLES))('%s opens the view the structure pass names, and its line is read there', (_kind, example) => {
    const text = `#\n${example.text}\n#\nreturn\n`;
    const header = buildViews(text).roots.find((node: StructNode) => node.children.length > 0);
    expect(header?.kind).toBe(example.view);
    expect(CONTEXT[example.view], `no line context for view ${example.view}`).toBeDefined();
    const { ast } = parseConfig(text, 'a.cfg');
    expect(ast.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const read = example.read(ast);
    expect(read === undefined || read === 0 || read === false, `the line under "${example.text.split('\n')[0]}" was not read`).toBe(false);
  });
});
