import { formatIpv4 } from '../src/net/ipv4.js';
import type { RouteLookup } from '../src/model/types.js';
import type { DeviceRule, DeviceRuleContext } from './types.js';
import { NO_OPTIONS } from './_lib/options.js';
import { egressName } from './_lib/route-egress.js';
import { singleTargetAddress } from '../src/model/remote-target.js';

function egressNames(lookup: RouteLookup): string {
  return lookup.interfaces.map(egressName).join(' and ');
}

const rule: DeviceRule = {
  meta: {
    id: 'ecmp-routes-without-tunnel-local',
    description: 'Equal-cost routes through different interfaces lead to the IKE peer of a policy without "tunnel local"',
    scope: 'device',
    defaultSeverity: 'warning',
    presets: ['recommended'],
    tags: ['routing', 'multi-homing', 'service-interruption'],
    breaks: 'traffic',
    messages: {
      ecmp:
        'Equal-cost routes through {{interfaces}} lead to the IKE peer {{peer}} and IPSec policy "{{policy}}" has no "tunnel local", so IPSec packets may leave through the provider that does not carry this tunnel and be dropped; add a specific route to {{peer}} via the next hop of {{interface}}.',
    },
    optionsSchema: NO_OPTIONS,
    reasons: ['peer address mismatch'],
    noFix:
      'Which of the equal-cost interfaces (or a loopback reachable through all of them) should source the IKE packets is a design choice the configurations do not make; the finding names the routes and the policy to give "tunnel local".',
    since: '0.1.0',
  },
  check(context: DeviceRuleContext) {
    const { device } = context;
    for (const entry of device.entries) {
      if (entry.kind === 'profile' || entry.disabled || entry.interfaces.length === 0 || entry.settingsNode.tunnelLocal) continue;
      for (const target of entry.remoteTargets) {
        if (singleTargetAddress(target) === undefined) continue;
        const lookup = device.routeFor(target.address);
        if (!lookup.ecmp) continue;
        const peer = formatIpv4(target.address);
        context.report({
          range: entry.node.range,
          messageId: 'ecmp',
          data: { interfaces: egressNames(lookup), peer, policy: `${entry.group} ${entry.seq}`, interface: entry.interfaces[0].name.value },
          objectPath: `${entry.id}/ecmp:${peer}`,
          related: lookup.routes.map((route) => ({ file: device.file, range: route.range, message: `Equal-cost route to ${peer}.` })),
        });
        break;
      }
    }
  },
};

export default rule;
