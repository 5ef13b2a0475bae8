import type { InterfaceNode } from '../src/ast/types.js';
import type { DeviceRule, DeviceRuleContext } from './types.js';
import { NO_OPTIONS } from './_lib/options.js';

const rule: DeviceRule = {
  meta: {
    id: 'tcp-mss-not-set',
    description: 'An interface carries IPSec but neither "firewall tcp-mss" nor "tcp adjust-mss" limits the TCP MSS',
    scope: 'device',
    defaultSeverity: 'warning',
    presets: ['strict'],
    tags: ['ipsec', 'mtu', 'hygiene'],
    messages: {
      noMss:
        'Interface {{interface}} carries IPSec but no TCP MSS limit is configured, so full-size TCP segments grow beyond the MTU once encapsulated and are fragmented or dropped, interrupting large transfers; add "firewall tcp-mss 1350" globally or "tcp adjust-mss 1350" on this interface.',
    },
    optionsSchema: NO_OPTIONS,
    since: '0.1.0',
  },
  check(context: DeviceRuleContext) {
    const device = context.device;
    if (device.ast.globals.firewallTcpMss) return;
    const reported = new Set<InterfaceNode>();
    for (const entry of device.entries) {
      for (const iface of entry.interfaces) {
        if (reported.has(iface) || iface.tcpAdjustMss) continue;
        const binding = iface.ipsecPolicy?.range ?? iface.ipsecProfile?.range;
        if (!binding) continue;
        reported.add(iface);
        context.report({
          range: binding,
          messageId: 'noMss',
          data: { interface: iface.name.value },
          objectPath: `${iface.path}/tcp-mss`,
        });
      }
    }
  },
};

export default rule;
