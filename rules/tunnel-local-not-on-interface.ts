import { formatAddress } from '../src/net/address.js';
import type { LocalAddressFact, PolicyEntry } from '../src/model/types.js';
import type { DeviceRule, DeviceRuleContext } from './types.js';
import { NO_OPTIONS } from './_lib/options.js';

/** Facts that make an address the device's own: interface (loopbacks included), sub and VRRP virtual addresses. */
const OWNING_KINDS = new Set<LocalAddressFact['kind']>(['interface', 'interface-sub', 'vrrp']);

/** What to suggest instead: the primary address of the interface the policy is applied to. */
function suggestion(entry: PolicyEntry): string {
  const primary = entry.interfaces[0]?.addresses.find((a) => !a.sub);
  return primary ? `"tunnel local ${formatAddress(primary.address.value)}" (the address of ${entry.interfaces[0].name.value}), or "tunnel local applied-interface"` : '"tunnel local applied-interface"';
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
    },
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
      if (reported.has(line.range.start.offset)) continue;
      if (device.ownerFacts(local.value.value).some((fact) => OWNING_KINDS.has(fact.kind))) continue;
      const address = formatAddress(local.value.value);
      if (dynamic) {
        // The address may be the one PPP or DHCP assigns at runtime.
        context.note(device.file, `tunnel-local-not-on-interface: not checked "tunnel local ${address}" of policy "${entry.group} ${entry.seq}": ${dynamic.name.value} gets its address by ${dynamic.dynamicAddress?.value}, which may be that address`);
        continue;
      }
      reported.add(line.range.start.offset);
      context.report({
        range: line.range,
        messageId: 'notOwned',
        data: {
          what: entry.role === 'template' && entry.template ? 'IPSec policy template' : 'IPSec policy',
          policy: entry.role === 'template' && entry.template ? `${entry.template.name.value} ${entry.template.seq.value}` : `${entry.group} ${entry.seq}`,
          address,
          suggestion: suggestion(entry),
        },
        objectPath: `${entry.settingsNode.path}/tunnel-local`,
      });
    }
  },
};

export default rule;
