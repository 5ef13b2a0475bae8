import type { InterfaceNode } from '../src/ast/types.js';
import type { Device } from '../src/model/types.js';
import type { DeviceRule, DeviceRuleContext, Report } from './types.js';
import { NO_OPTIONS } from './_lib/options.js';

/** Where the limit goes is a choice: every TCP flow of the firewall, or the ones through this interface. */
function suggestions(device: Device, iface: InterfaceNode): Report['suggestions'] {
  const onInterface = {
    desc: `Add "tcp adjust-mss 1350" to ${iface.name.value}`,
    change: { edits: [{ kind: 'insert' as const, line: iface.range.line, into: true, end: true, lines: ['tcp adjust-mss 1350'] }] },
  };
  // `firewall tcp-mss` is a USG system-view command; AR routers clamp per interface only.
  const sysname = device.ast.globals.sysname;
  if (device.ast.platform === 'ar' || !sysname) return [onInterface];
  return [
    {
      desc: 'Add "firewall tcp-mss 1350" in the system view (every TCP flow through the firewall)',
      change: { edits: [{ kind: 'insert', line: sysname.range.line, lines: ['firewall tcp-mss 1350'] }] },
    },
    onInterface,
  ];
}

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
    hasSuggestions: true,
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
          suggestions: suggestions(device, iface),
        });
      }
    }
  },
};

export default rule;
