import { formatAddress } from '../src/flow/address.js';
import { singleTargetAddress } from '../src/model/remote-target.js';
import type { Device, LocalAddressFact, PolicyEntry } from '../src/model/types.js';
import type { InterfaceNode } from '../src/ast/types.js';
import type { Range } from '../src/text/range.js';
import type { DeviceRule, DeviceRuleContext, Report } from './types.js';
import { NO_OPTIONS } from './_lib/options.js';

/** Facts that make an address the device's own: interface (loopbacks included), sub and VRRP virtual addresses. */
const OWNING_KINDS = new Set<LocalAddressFact['kind']>(['interface', 'interface-sub', 'vrrp']);

/** The replacements offered for the tunnel local value: the bound interface's primary address, and applied-interface. */
function suggestions(entry: PolicyEntry, range: Range): Report['suggestions'] {
  const primary = entry.interfaces[0]?.addresses.find((a) => !a.sub);
  const out: NonNullable<Report['suggestions']> = [];
  if (primary) {
    const text = formatAddress(primary.address.value);
    out.push({ desc: `Use the address of ${entry.interfaces[0].name.value}: "tunnel local ${text}"`, change: { applicability: 'unsafe', edits: [{ kind: 'replace', range, text }] } });
  }
  if (entry.interfaces.length > 0) {
    out.push({ desc: 'Use "tunnel local applied-interface"', change: { applicability: 'unsafe', edits: [{ kind: 'replace', range, text: 'applied-interface' }] } });
  }
  return out;
}

/** What to suggest instead: the primary address of the interface the policy is applied to. */
function suggestion(entry: PolicyEntry): string {
  const primary = entry.interfaces[0]?.addresses.find((a) => !a.sub);
  return primary ? `"tunnel local ${formatAddress(primary.address.value)}" (the address of ${entry.interfaces[0].name.value}), or "tunnel local applied-interface"` : '"tunnel local applied-interface"';
}

function describeEntry(entry: PolicyEntry): { what: string; policy: string } {
  return entry.role === 'template' && entry.template
    ? { what: 'IPSec policy template', policy: `${entry.template.name.value} ${entry.template.seq.value}` }
    : { what: 'IPSec policy', policy: `${entry.group} ${entry.seq}` };
}

const isLoopback = (iface: InterfaceNode): boolean => /^loopback/i.test(iface.key);

/**
 * The interface owning the address when it cannot send towards the peer: a physical interface the
 * policy is not applied to, while the route to every remote target leaves through other interfaces
 * (loopbacks and addresses of a bound interface are always fine; unknown routes say nothing).
 */
function wrongInterface(device: Device, entry: PolicyEntry, facts: readonly LocalAddressFact[]): { owner: InterfaceNode; egress: string } | undefined {
  const owners = facts.map((f) => f.interface).filter((i): i is InterfaceNode => i !== undefined);
  if (owners.length === 0 || owners.some((i) => isLoopback(i) || entry.interfaces.includes(i))) return undefined;
  const targets = entry.remoteTargets.map(singleTargetAddress).filter((a) => a !== undefined);
  if (targets.length === 0) return undefined;
  let egress: string | undefined;
  for (const target of targets) {
    const lookup = device.routeFor(target);
    const names = lookup.interfaces.map((i) => (typeof i === 'string' ? i : i.name.value));
    if (names.length === 0) return undefined;
    if (lookup.interfaces.some((i) => typeof i === 'string' || owners.includes(i))) return undefined;
    egress ??= names[0];
  }
  return egress === undefined ? undefined : { owner: owners[0], egress };
}

const rule: DeviceRule = {
  meta: {
    id: 'tunnel-local-not-on-interface',
    description: 'The "tunnel local" address of an IPSec policy is not an address of any interface of the device',
    scope: 'device',
    defaultSeverity: 'error',
    presets: ['recommended', 'strict'],
    tags: ['ipsec-policy', 'addressing', 'ike-negotiation'],
    breaks: 'ike',
    messages: {
      notOwned:
        '{{what}} "{{policy}}" has "tunnel local {{address}}", but {{address}} is not an address of any interface of this device (interface, sub, loopback or VRRP virtual address), so its IKE and IPSec packets cannot be sent from that source, or leave with a source the peer does not expect, and negotiation fails ("local address mismatch"). Change it to {{suggestion}}.',
      notTowardsPeer:
        '{{what}} "{{policy}}" has "tunnel local {{address}}", an address of {{owner}}, but the policy is applied to {{bound}} and the route to the peer leaves through {{egress}}: IKE packets leave with a source of an interface that does not face the peer, so the peer does not answer to that address or does not expect it, and negotiation fails ("local address mismatch"). Change it to {{suggestion}}, or to a loopback address the peer reaches.',
    },
    hasSuggestions: true,
    optionsSchema: NO_OPTIONS,
    reasons: ['local address mismatch'],
    since: '0.1.0',
  },
  check(context: DeviceRuleContext) {
    const { device } = context;
    const dynamic = device.ast.interfaces.find((iface) => iface.dynamicAddress);
    const reported = new Set<number>();
    for (const entry of context.entries) {
      if (entry.role === 'profile') continue;
      const line = entry.settingsNode.tunnelLocal;
      const local = entry.localAddress;
      if (!line || local.via !== 'tunnel-local' || local.value.source !== 'explicit') continue;
      if (reported.has(line.range.offset)) continue;
      const facts = device.ownerFacts(local.value.value).filter((fact) => OWNING_KINDS.has(fact.kind));
      const address = formatAddress(local.value.value);
      if (facts.length > 0) {
        const wrong = wrongInterface(device, entry, facts);
        if (!wrong || entry.interfaces.length === 0) continue;
        reported.add(line.range.offset);
        context.report({
          range: line.range,
          messageId: 'notTowardsPeer',
          data: { ...describeEntry(entry), address, owner: wrong.owner.name.value, bound: entry.interfaces[0].name.value, egress: wrong.egress, suggestion: suggestion(entry) },
          objectPath: `${entry.settingsNode.path}/tunnel-local`,
          // Unsafe: the peer's remote-address must then name the new address too.
          suggestions: suggestions(entry, line.range),
        });
        continue;
      }
      if (dynamic) {
        // The address may be the one PPP or DHCP assigns at runtime.
        context.note(device.file, `tunnel-local-not-on-interface: not checked "tunnel local ${address}" of policy "${entry.group} ${entry.seq}": ${dynamic.name.value} gets its address by ${dynamic.dynamicAddress?.value}, which may be that address`);
        continue;
      }
      reported.add(line.range.offset);
      context.report({
        range: line.range,
        messageId: 'notOwned',
        data: { ...describeEntry(entry), address, suggestion: suggestion(entry) },
        objectPath: `${entry.settingsNode.path}/tunnel-local`,
        suggestions: suggestions(entry, line.range),
      });
    }
  },
};

export default rule;
