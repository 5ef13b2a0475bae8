import type { LineContext } from '../../grammar/shapes.js';
import type { ViewKind } from '../../text/view-kinds.js';

/** The line context (grammar start rule) the lines of each view are read with. */
export const CONTEXT: Partial<Record<ViewKind, LineContext>> = {
  interface: 'InterfaceLine',
  zone: 'ZoneLine',
  acl: 'AclLine',
  'ike-proposal': 'IkeProposalLine',
  'ike-peer': 'IkePeerLine',
  'efficient-vpn': 'EfficientVpnLine',
  'ipsec-proposal': 'IpsecProposalLine',
  'ipsec-policy': 'PolicyLine',
  'policy-template': 'PolicyLine',
  'ipsec-profile': 'PolicyLine',
  'nat-policy': 'NatPolicyLine',
  'security-policy': 'SecurityPolicyLine',
  'nat-rule': 'RuleLine',
  'security-rule': 'RuleLine',
  'nat-interzone': 'LegacyInterzoneLine',
  'nat-legacy-policy': 'LegacyPolicyLine',
  'address-set': 'AddressSetLine',
  'service-set': 'ServiceSetLine',
  'nat-address-group': 'NatAddressGroupLine',
  'l2tp-group': 'L2tpGroupLine',
};

/** Leading words of the statements each context models: a line starting so but not fitting is a syntax error. */
export const HEADS: Record<LineContext, ReadonlySet<string>> = {
  TopLine: new Set([
    'sysname', 'interface', 'firewall zone', 'acl number', 'acl name', 'acl ipv6', 'ike proposal', 'ike peer',
    'ipsec proposal', 'ipsec policy', 'ipsec policy-template', 'ipsec profile', 'ipsec efficient-vpn', 'nat-policy',
    'security-policy', 'ip address-set', 'ip service-set', 'ip route-static', 'nat server', 'nat address-group',
    'l2tp-group', 'ike dpd', 'ike local-name', 'firewall tcp-mss', 'ikev1 phase1-phase2',
  ]),
  InterfaceLine: new Set([
    'ip address', 'ipsec policy', 'ipsec profile', 'ipsec efficient-vpn', 'tcp adjust-mss', 'mtu', 'tunnel-protocol',
    'nat outbound', 'shutdown', 'vrrp vrid', 'nat server',
  ]),
  ZoneLine: new Set(['set priority', 'add interface']),
  AclLine: new Set(['rule']),
  IkeProposalLine: new Set([
    'encryption-algorithm', 'authentication-algorithm', 'dh', 'authentication-method', 'integrity-algorithm', 'prf',
    'sa duration',
  ]),
  IkePeerLine: new Set([
    'pre-shared-key', 'ike-proposal', 'remote-address', 'local-address', 'exchange-mode', 'version', 'undo version',
    'local-id-type', 'remote-id-type', 'nat traversal', 'undo nat', 'dpd type', 'dpd idle-time',
    'dpd retransmit-interval', 'dpd msg', 'rsa encryption-padding', 'rsa signature-padding',
  ]),
  EfficientVpnLine: new Set(['remote-address', 'pre-shared-key', 'dh']),
  IpsecProposalLine: new Set(['transform', 'encapsulation-mode', 'esp', 'ah', 'undo esp']),
  PolicyLine: new Set([
    'security acl', 'ike-peer', 'proposal', 'pfs', 'tunnel local', 'tunnel remote', 'local-address', 'sa trigger-mode',
    'sa duration', 'sa spi', 'sa string-key', 'sa authentication-hex', 'sa encryption-hex', 'alias', 'undo policy',
  ]),
  NatPolicyLine: new Set(['rule name']),
  SecurityPolicyLine: new Set(['rule name', 'default action']),
  RuleLine: new Set([
    'source-zone', 'destination-zone', 'egress-interface', 'source-address', 'destination-address', 'service', 'action',
    'disable',
  ]),
  LegacyInterzoneLine: new Set(['policy']),
  LegacyPolicyLine: new Set(['action', 'policy source', 'policy destination', 'easy-ip', 'address-group']),
  AddressSetLine: new Set(['address']),
  ServiceSetLine: new Set(['service']),
  NatAddressGroupLine: new Set(['section', 'mode']),
  L2tpGroupLine: new Set(['allow l2tp']),
};
