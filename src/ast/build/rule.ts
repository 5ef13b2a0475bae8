import type { Range, Val } from '../../text/range.js';
import type { Statement } from '../statement.js';
import type { AddressSpec, NatAction, NatRuleNode } from '../types.js';
import { joined, type Handler, type Handlers, type OwnerOf } from './context.js';
import { address } from './operands.js';

/** The fields a `rule name X` of `nat-policy` and of `security-policy` start with. */
export function ruleBase(st: Statement<'RuleName'>): {
  name: Val<string>; sourceZones: Val<string>[]; destinationZones: Val<string>[]; sourceAddresses: AddressSpec[];
  destinationAddresses: AddressSpec[]; services: Val<string>[]; range: Range; blockRange: Range;
} {
  const range = st.range;
  const name = st.text('name')!;
  return {
    name, sourceZones: [], destinationZones: [], sourceAddresses: [], destinationAddresses: [], services: [],
    range, blockRange: range,
  };
}

type RuleOwner = OwnerOf<'nat-rule' | 'security-rule'>;

const known = (): boolean => true;

/** The lines a `rule name X` view of `nat-policy` and of `security-policy` share. */
const RULE_VIEW: Handlers<RuleOwner> = {
  RuleSourceZone: (_b, st, { node: n }) => {
    for (const v of st.all('value')) n.sourceZones.push({ value: v.value.toLowerCase(), range: v.range });
    return true;
  },
  RuleDestinationZone: (_b, st, { node: n }) => {
    for (const v of st.all('value')) n.destinationZones.push({ value: v.value.toLowerCase(), range: v.range });
    return true;
  },
  RuleSourceAddress: (_b, st, { node: n }) => {
    n.sourceAddresses.push(address(st, false));
    return true;
  },
  RuleDestinationAddress: (_b, st, { node: n }) => {
    n.destinationAddresses.push(address(st, false));
    return true;
  },
  RuleService: (_b, st, { node: n }) => {
    n.services.push(...st.all('value'));
    return true;
  },
  RuleDisable: (_b, st, { node: n }) => {
    n.disabled = st.range;
    return true;
  },
  RuleDescription: known,
  RuleTimeRange: known,
};

function natAction(st: Statement<'RuleNatAction'>, rule: NatRuleNode): void {
  const range = st.range;
  let action: NatAction = 'other';
  if (st.has('noNat')) action = 'no-nat';
  else if (st.has('easyIp')) action = 'source-nat-easy-ip';
  else if (st.has('group')) action = 'source-nat-address-group';
  else if (st.has('destinationNat')) action = 'destination-nat';
  rule.action = { value: action, range };
  const group = st.text('group');
  if (group) rule.addressGroup = group;
}

/** The lines of a `rule name X` view of `nat-policy`. */
export const NAT_RULE_VIEW: Handlers<OwnerOf<'nat-rule'>> = {
  ...RULE_VIEW,
  RuleEgressInterface: (_b, st, { node }) => {
    node.egressInterfaces.push(joined(st.all('value')));
    return true;
  },
  RuleNatAction: (_b, st, { node }) => {
    natAction(st, node);
    return true;
  },
  RuleAction: (_b, st, { node }) => {
    const v = st.text('value')!;
    node.action = { value: 'other', range: v.range };
    return true;
  },
};

const securityAction: Handler<'RuleAction', OwnerOf<'security-rule'>> = (_b, st, { node }) => {
  const v = st.text('value')!;
  const action = v.value.toLowerCase();
  if (action === 'permit' || action === 'deny') node.action = { value: action, range: v.range };
  return true;
};

/** The lines of a `rule name X` view of `security-policy`. */
export const SECURITY_RULE_VIEW: Handlers<OwnerOf<'security-rule'>> = {
  ...RULE_VIEW,
  RuleAction: securityAction,
};
