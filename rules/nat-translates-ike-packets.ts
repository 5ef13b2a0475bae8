import type { InterfaceNode } from '../src/ast/types.js';
import { isSourceNat } from '../src/model/nat-exemption.js';
import type { NatPart, PolicyEntry } from '../src/model/types.js';
import { FlowSet, formatIpv4, PROTOCOL_UDP } from '../src/flow/index.js';
import type { ChangeSpec, DeviceRule, DeviceRuleContext } from './types.js';
import { NO_OPTIONS } from './_lib/options.js';
import { natAclDenyChange, noNatRuleChange } from './_lib/nat-exemption-fix.js';

/**
 * A suggestion (never applied automatically): the exemption covers every packet between the
 * tunnel's local and remote addresses, not only UDP 500/4500 (a nat-policy rule names services
 * only through service sets), so the device's other traffic to the peer (ESP, pings, management)
 * is no longer translated either.
 */
function suggestionOf(change: ChangeSpec | undefined, desc: string) {
  return change ? { suggestions: [{ desc, change: { ...change, applicability: 'unsafe' as const } }] } : {};
}

function natOutboundRange(iface: InterfaceNode, part: NatPart) {
  return iface.natOutbound.find((nat) => nat.acl === part.interfaceNat?.acl)?.range ?? iface.range;
}

function relatedOf(context: DeviceRuleContext, entry: PolicyEntry) {
  const local = entry.localAddress.value;
  const target = entry.remoteTargets[0];
  if (local.source === 'explicit') return [{ file: context.device.file, range: local.range, message: 'the local tunnel address the IKE packets come from' }];
  if (target) return [{ file: context.device.file, range: target.range, message: 'the IKE peer the packets go to' }];
  return [];
}

const rule: DeviceRule = {
  meta: {
    id: 'nat-translates-ike-packets',
    description: "A source-NAT rule also matches the device's own IKE packets and changes their port",
    scope: 'device',
    defaultSeverity: 'error',
    presets: ['recommended', 'strict'],
    tags: ['nat', 'ike'],
    breaks: 'traffic',
    messages: {
      translates:
        'NAT rule "{{rule}}" also translates the device\'s own IKE packets to "{{peer}}" ({{flow}}), changing their UDP port, so the tunnel goes down ("port mismatch after inbound sa miss"). Limit the rule to the LAN (for example "source-zone trust") or exempt the IKE packets with a "no-nat" rule above it.',
      interfaceNat:
        '"nat outbound {{natAcl}}" on {{interface}} also translates the device\'s own IKE packets to "{{peer}}" ({{flow}}), changing their UDP port, so the tunnel goes down. Add a deny rule for the tunnel addresses above the permit rules of ACL "{{natAcl}}".',
    },
    hasSuggestions: true,
    optionsSchema: NO_OPTIONS,
    reasons: ['hard expiry triggered by port mismatch'],
    since: '0.1.0',
  },
  check(context: DeviceRuleContext) {
    const { device } = context;
    if (device.ast.natRules.length === 0 && !device.ast.interfaces.some((i) => i.natOutbound.length > 0)) return;
    const reported = new Set<string>();
    for (const entry of device.entries) {
      if (entry.disabled || entry.interfaces.length === 0) continue;
      const ike = FlowSet.of(...device.ikeTrafficFor(entry).outbound.boxes.filter((box) => box.protocol === PROTOCOL_UDP));
      if (ike.isEmpty()) continue;
      for (const part of device.evaluateSourceNat(ike, device.natContextFor(entry, 'ike'))) {
        if (!isSourceNat(part)) continue;
        const where = part.rule?.path ?? part.interfaceNat?.interface.path ?? '';
        if (part.uncertain || part.approximate) {
          const why = part.uncertain ? 'its zones, addresses or services are not fully known' : 'the flow left by the rules above it splits into more pieces than fwlint follows (4,096), so which rule takes which part is not exact';
          context.note(device.file, `cannot verify whether ${where} translates the IKE packets of ${entry.id}: ${why}`);
          continue;
        }
        if (reported.has(where)) continue;
        reported.add(where);
        const data = { flow: part.part.describe(2), peer: formatIpv4(part.part.boxes[0].dst.value) };
        const exempt = 'Exempt every packet between the tunnel addresses from this NAT (the IKE packets, and also ESP and the device\'s other traffic to the peer)';
        if (part.rule) {
          const change = noNatRuleChange(device, part.rule, part.part.boxes, 'no-nat-ike', true);
          context.report({ range: part.rule.range, messageId: 'translates', objectPath: part.rule.path, data: { ...data, rule: part.rule.name.value }, related: relatedOf(context, entry), ...suggestionOf(change, exempt) });
        } else if (part.interfaceNat) {
          const nat = part.interfaceNat;
          const acl = device.ast.acls.find((a) => a.key.value === nat.acl.value);
          const change = acl ? natAclDenyChange(acl, part.part.boxes, true) : undefined;
          context.report({
            ...suggestionOf(change, exempt),
            range: natOutboundRange(nat.interface, part),
            messageId: 'interfaceNat',
            objectPath: nat.interface.path,
            data: { ...data, natAcl: nat.acl.value, interface: nat.interface.name.value },
            related: relatedOf(context, entry),
          });
        }
      }
    }
  },
};

export default rule;
