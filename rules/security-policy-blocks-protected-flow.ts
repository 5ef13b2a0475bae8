import { filtersWithSecurityPolicy } from '../src/model/firewall.js';
import { flowsByLocalZone } from '../src/model/protected-zones.js';
import type { Device, PolicyEntry, RuleFlow, SecurityPart } from '../src/model/types.js';
import { FlowSet } from '../src/flow/flow.js';
import type { DeviceRule, DeviceRuleContext, RelatedLocation } from './types.js';
import { NO_OPTIONS } from './_lib/options.js';
import { securityPermitFix } from './_lib/security-fix.js';

type Direction = 'outbound' | 'inbound';

function defaultActionLocation(device: Device): RelatedLocation[] {
  const action = device.securityDefaultAction;
  if (action.source === 'explicit') return [{ file: device.file, range: action.range, message: 'The default action "deny" is set here.' }];
  const block = device.ast.securityPolicy;
  return block ? [{ file: device.file, range: block.range, message: 'No "default action" line: the firewall default is "deny".' }] : [];
}

/**
 * ACL rules of the entry whose flows (seen in `direction`) meet `part`, with that common part.
 * `part` may hold every box of a large ACL: it is indexed once and each rule only meets the
 * boxes near it.
 */
function aclRulesMeeting(entry: PolicyEntry, part: FlowSet, direction: Direction): { flow: RuleFlow; common: () => FlowSet }[] {
  const meeting: { flow: RuleFlow; common: () => FlowSet }[] = [];
  for (const flow of entry.ruleFlows) {
    const oriented = direction === 'outbound' ? flow.effective : flow.effective.mirror();
    if (oriented.overlaps(part)) meeting.push({ flow, common: () => oriented.intersect(part) });
  }
  return meeting;
}

function checkDirection(context: DeviceRuleContext, entry: PolicyEntry, local: FlowSet, direction: Direction, from: string, to: string): void {
  const { device } = context;
  const flow = direction === 'outbound' ? local : local.mirror();
  const policy = entry.kind === 'profile' ? entry.group : `${entry.group} ${entry.seq}`;
  const denied = device.evaluateSecurityPolicy(flow, from, to).filter((part: SecurityPart) => part.action === 'deny');
  for (const part of denied) {
    if (part.uncertain || part.approximate) {
      const why = part.uncertain ? 'the deciding security rule uses names the model cannot resolve' : 'the flow left by the rules above it splits into more pieces than fwlint follows (4,096), so which rule takes which part is not exact';
      context.note(device.file, `cannot verify the ${direction} protected flow ${part.part.describe(2)} of "${policy}": ${why}`);
      continue;
    }
    const aclRules = aclRulesMeeting(entry, part.part, direction);
    const base = { direction, from, to, policy };
    // The permitting rule, just above the denying rule (or last for the default action); unsafe, see securityPermitFix.
    const name = `vpn-${direction === 'outbound' ? 'out' : 'in'}-${policy.replace(/\s+/g, '-')}`;
    if (part.rule) {
      const fix = securityPermitFix(device, { flow: part.part, from, to, deny: part.rule, name });
      context.report({
        range: part.rule.range,
        messageId: 'deniedByRule',
        data: { ...base, rule: part.rule.name.value, flow: part.part.describe(2) },
        objectPath: `${part.rule.path}/${entry.id}/${direction}`,
        related: aclRules.map(({ flow }) => ({ file: device.file, range: flow.rule.range, message: 'The protected flow is defined by this ACL rule.' })),
        ...(fix ? { fix } : {}),
      });
      continue;
    }
    for (const { flow: { rule }, common } of aclRules) {
      const own = common();
      const fix = securityPermitFix(device, { flow: own, from, to, deny: undefined, name });
      context.report({
        range: rule.range,
        messageId: 'deniedByDefault',
        data: { ...base, flow: own.describe(2) },
        objectPath: `${rule.path}/security-default/${direction}`,
        related: defaultActionLocation(device),
        ...(fix ? { fix } : {}),
      });
    }
  }
}

const rule: DeviceRule = {
  meta: {
    id: 'security-policy-blocks-protected-flow',
    description: 'The security policy denies part of a flow the IPSec tunnel protects',
    scope: 'device',
    defaultSeverity: 'error',
    presets: ['recommended'],
    tags: ['security-policy', 'firewall', 'service-interruption'],
    breaks: 'traffic',
    messages: {
      deniedByRule:
        'Security rule "{{rule}}" denies the {{direction}} protected flow {{flow}} of IPSec policy "{{policy}}" (zone "{{from}}" to "{{to}}"), so this traffic is dropped although the tunnel is up; permit the flow in a rule above it.',
      deniedByDefault:
        'No security rule permits the {{direction}} protected flow {{flow}} of IPSec policy "{{policy}}" (zone "{{from}}" to "{{to}}") and the default action "deny" drops it, so this traffic never crosses the tunnel; add a security rule permitting it.',
    },
    fixable: true,
    optionsSchema: NO_OPTIONS,
    since: '0.1.0',
  },
  check(context: DeviceRuleContext) {
    const { device } = context;
    if (!filtersWithSecurityPolicy(device.ast)) return;
    for (const entry of device.entries) {
      if (entry.disabled || entry.interfaces.length === 0 || entry.protectedFlows.isEmpty()) continue;
      const remote = device.entryZones(entry).remote;
      if (remote === undefined) {
        context.note(device.file, `cannot verify the security policy for ${entry.id}: the zone of its interface is unknown`);
        continue;
      }
      // Per ACL rule, before coalescing: one merged box could span two zones (10.0.12.0/23 over two LANs).
      const perRule = FlowSet.concat(entry.ruleFlows.map((flow) => flow.effective));
      for (const [zone, flows] of flowsByLocalZone(device, perRule)) {
        if (zone === undefined) {
          context.note(device.file, `cannot verify the security policy for ${flows.describe(2)} of ${entry.id}: its source is "any" or in no known zone`);
          continue;
        }
        checkDirection(context, entry, flows, 'outbound', zone, remote);
        checkDirection(context, entry, flows, 'inbound', remote, zone);
      }
    }
  },
};

export default rule;
