import type { DeviceRule, DeviceRuleContext } from './types.js';
import { NO_OPTIONS } from './_lib/options.js';

const rule: DeviceRule = {
  meta: {
    id: 'sa-trigger-traffic-based',
    description: 'An initiating ISAKMP policy negotiates only when traffic arrives (no "sa trigger-mode auto", no "auto-neg")',
    scope: 'device',
    defaultSeverity: 'warning',
    presets: ['strict'],
    tags: ['ipsec', 'ike-negotiation'],
    messages: {
      trafficBased:
        'IPSec policy "{{policy}}" negotiates only when protected traffic arrives, so the tunnel is down until a host sends a packet and the first packets are lost; add "sa trigger-mode auto" to the policy (or "auto-neg" to the interface binding on older software).',
    },
    fixable: true,
    optionsSchema: NO_OPTIONS,
    since: '0.1.0',
  },
  check(context: DeviceRuleContext) {
    const device = context.device;
    // `sa trigger-mode` is a firewall (USG) command; AR routers have no equivalent to ask for.
    if (device.ast.platform === 'ar') return;
    for (const entry of device.entries) {
      if (entry.role !== 'isakmp' || entry.disabled || entry.interfaces.length === 0) continue;
      if (entry.remoteTargets.length === 0) continue;
      if (entry.bindOption?.value === 'auto-neg') continue;
      const trigger = entry.triggerMode;
      if (trigger.source === 'unknown' || trigger.value === 'auto') continue;
      context.report({
        range: trigger.source === 'explicit' ? trigger.range : entry.node.range,
        messageId: 'trafficBased',
        data: { policy: `${entry.group} ${entry.seq}` },
        objectPath: `${entry.id}/sa-trigger-mode`,
        // Safe: the same SAs with the same peer for the same traffic, negotiated before the first packet.
        fix: {
          edits: [
            trigger.source === 'explicit'
              ? { kind: 'line', line: trigger.range.line, text: 'sa trigger-mode auto' }
              : { kind: 'insert', line: entry.node.range.line, into: true, end: true, lines: ['sa trigger-mode auto'] },
          ],
        },
      });
    }
  },
};

export default rule;
