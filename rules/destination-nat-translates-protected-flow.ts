import type { NatRuleNode } from '../src/ast/types.js';
import { laterNoNatRule, sourceNatOfProtectedFlow } from '../src/model/nat-exemption.js';
import { cubeEquals, cubePrefixLength, isAnyCube, isIpv6Cube, type Cube } from '../src/flow/cube.js';
import type { Box } from '../src/flow/flow.js';
import { formatIpv4 } from '../src/flow/index.js';
import type { Device, NatContext, NatPart, PolicyEntry, RuleFlow } from '../src/model/types.js';
import type { ChangeSpec, DeviceRule, DeviceRuleContext } from './types.js';
import { NO_OPTIONS } from './_lib/options.js';

/** `A mask M` (a prefix) or `A W` (a wildcard) as a nat-policy rule writes an address; undefined for IPv6. */
function addressArgument(cube: Cube): string | undefined {
  if (isIpv6Cube(cube)) return undefined;
  const length = cubePrefixLength(cube);
  if (length !== undefined) return `${formatIpv4(cube.value)} mask ${formatIpv4(length === 0 ? 0 : (0xffffffff << (32 - length)) >>> 0)}`;
  return `${formatIpv4(cube.value)} ${formatIpv4(~cube.care >>> 0)}`;
}

/** A name no nat-policy rule of the device has yet (rule names are case-insensitive). */
function freshRuleName(device: Device, base: string): string {
  const taken = new Set(device.ast.natRules.filter((rule) => !rule.legacy).map((rule) => rule.name.value.toLowerCase()));
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

/**
 * A new `action no-nat` rule for exactly the translated part, typed into the nat-policy view and
 * moved before the destination-NAT rule. The text puts it just above that rule (after the rule
 * before it, or first in the view), where `rule move` puts it on the device. The part must be one
 * address pair; when the destination-NAT rule's services narrow it (a protected flow of every
 * protocol meeting `service dns`), the no-nat rule names the same services. Undefined when no rule
 * can write the part exactly.
 */
function insertNoNat(device: Device, dnat: NatRuleNode, part: NatPart, ruleFlow: RuleFlow, ctx: NatContext): ChangeSpec | undefined {
  const boxes = part.part.boxes;
  if (boxes.length === 0 || !part.part.exact) return undefined;
  const [first] = boxes;
  if (!boxes.every((box) => cubeEquals(box.src, first.src) && cubeEquals(box.dst, first.dst))) return undefined;
  const anyProtocol = (box: Box): boolean => box.protocol === null && !box.exceptProtocols?.length;
  let services: string[] = [];
  if (!boxes.every(anyProtocol)) {
    // The services come from the destination-NAT rule: exact only when the protected flow itself is every protocol.
    if (dnat.services.length === 0 || !ruleFlow.effective.boxes.every(anyProtocol)) return undefined;
    services = dnat.services.map((service) => service.value);
  }
  const src = isAnyCube(first.src) ? '' : addressArgument(first.src);
  const dst = isAnyCube(first.dst) ? '' : addressArgument(first.dst);
  if (src === undefined || dst === undefined || (src === '' && dst === '')) return undefined;
  const rules = device.ast.natRules.filter((rule) => !rule.legacy);
  const index = rules.indexOf(dnat);
  if (index < 0) return undefined;
  const name = freshRuleName(device, 'no-nat-ipsec');
  const lines = [
    `rule name ${name}`,
    ...(ctx.sourceZone ? [` source-zone ${ctx.sourceZone}`] : []),
    ...(src ? [` source-address ${src}`] : []),
    ...(dst ? [` destination-address ${dst}`] : []),
    ...services.map((service) => ` service ${service}`),
    ' action no-nat',
  ];
  const commands = [`rule move ${name} before ${dnat.name.value}`];
  // The nat-policy header is the line above its first rule (VRP prints the view and its rules together).
  const edit =
    index > 0
      ? { kind: 'insert' as const, line: rules[index - 1].range.line, lines, commands }
      : { kind: 'insert' as const, line: dnat.range.line - 1, into: true, lines, commands };
  return { applicability: 'unsafe', edits: [edit] };
}

function fixFor(device: Device, dnat: NatRuleNode, part: NatPart, ruleFlow: RuleFlow, ctx: NatContext, later: NatRuleNode | undefined): ChangeSpec | undefined {
  if (later) {
    return { applicability: 'unsafe', edits: [{ kind: 'move', line: later.range.line, before: dnat.range.line, command: `rule move ${later.name.value} before ${dnat.name.value}` }] };
  }
  return insertNoNat(device, dnat, part, ruleFlow, ctx);
}

function reportPart(context: DeviceRuleContext, entry: PolicyEntry, ruleFlow: RuleFlow, part: NatPart, ctx: NatContext, seen: Set<string>): void {
  const { device } = context;
  const dnat = part.rule;
  if (!dnat) return;
  const key = `${dnat.path}|${ruleFlow.rule.path}`;
  if (seen.has(key)) return;
  seen.add(key);
  const acl = entry.acl?.key.value ?? '';
  const aclRule = ruleFlow.rule;
  const later = laterNoNatRule(device, dnat, part.part, ctx);
  const fix = fixFor(device, dnat, part, ruleFlow, ctx, later);
  context.report({
    range: dnat.range,
    messageId: later ? 'exemptionAfter' : 'translated',
    objectPath: dnat.path,
    data: { rule: dnat.name.value, flow: part.part.describe(2), acl, aclRule: String(aclRule.id.value), noNat: later?.name.value ?? '' },
    related: [
      ...(dnat.action ? [{ file: device.file, range: dnat.action.range, message: `"action destination-nat" of NAT rule ${dnat.name.value}` }] : []),
      { file: device.file, range: aclRule.range, message: `rule ${aclRule.id.value} of security ACL ${acl} defines the protected flow` },
    ],
    ...(fix ? { fix } : {}),
  });
}

const rule: DeviceRule = {
  meta: {
    id: 'destination-nat-translates-protected-flow',
    description: 'A NAT-policy rule with "action destination-nat" rewrites the destination of IPSec-protected traffic before the security ACL is matched',
    scope: 'device',
    defaultSeverity: 'error',
    presets: ['recommended', 'strict'],
    tags: ['nat', 'flows'],
    breaks: 'traffic',
    messages: {
      translated:
        'NAT rule "{{rule}}" ("action destination-nat") rewrites the destination of the protected flow {{flow}} (ACL "{{acl}}" rule {{aclRule}}) before IPSec, so the packets no longer match the security ACL and never enter the tunnel. Add a "no-nat" rule for this flow above it.',
      exemptionAfter:
        'NAT rule "{{rule}}" ("action destination-nat") rewrites the destination of the protected flow {{flow}} (ACL "{{acl}}" rule {{aclRule}}) before IPSec; the "no-nat" rule "{{noNat}}" comes after it and never applies. Run "rule move {{noNat}} before {{rule}}" in the nat-policy view.',
    },
    fixable: true,
    optionsSchema: NO_OPTIONS,
    since: '0.1.0',
  },
  check(context: DeviceRuleContext) {
    const { device } = context;
    if (!device.ast.natRules.some((rule) => rule.action?.value === 'destination-nat')) return;
    const seen = new Set<string>();
    for (const entry of device.entries) {
      if (entry.disabled || entry.interfaces.length === 0) continue;
      for (const ruleFlow of entry.ruleFlows) {
        if (ruleFlow.effective.isEmpty()) continue;
        for (const { part, context: natContext } of sourceNatOfProtectedFlow(device, entry, ruleFlow.effective)) {
          if (part.action !== 'destination-nat') continue;
          if (part.uncertain || part.approximate) {
            const why = part.uncertain ? 'its zones, addresses or services are not fully known' : 'the flow left by the rules above it splits into more pieces than fwlint follows (4,096)';
            context.note(device.file, `cannot verify whether ${part.rule?.path ?? 'a NAT rule'} rewrites the destination of ${ruleFlow.rule.path}: ${why}`);
            continue;
          }
          reportPart(context, entry, ruleFlow, part, natContext, seen);
        }
      }
    }
  },
};

export default rule;
