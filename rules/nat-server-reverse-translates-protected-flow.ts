import { indexedOverlaps } from '../src/net/flow-index.js';
import { formatIpv4 } from '../src/net/index.js';
import type { DeviceRule, DeviceRuleContext } from './types.js';
import { NO_OPTIONS } from './_lib/options.js';

const rule: DeviceRule = {
  meta: {
    id: 'nat-server-reverse-translates-protected-flow',
    description: 'A NAT server without "no-reverse" translates traffic of a host whose flows IPSec protects',
    scope: 'device',
    defaultSeverity: 'error',
    presets: ['recommended', 'strict'],
    tags: ['nat', 'flows'],
    breaks: 'traffic',
    messages: {
      reverse:
        'NAT server "{{server}}" maps "{{inside}}" to "{{global}}" without "no-reverse", so traffic from "{{inside}}" to the remote site ({{flow}}, ACL "{{acl}}" rule {{aclRule}}) gets its source translated before IPSec and never enters the tunnel; the reverse mapping wins over any no-nat rule. Add "no-reverse" to this nat server.',
    },
    optionsSchema: NO_OPTIONS,
    since: '0.1.0',
  },
  check(context: DeviceRuleContext) {
    const { device } = context;
    if (device.natServers.length === 0) return;
    const reported = new Set<object>();
    for (const entry of device.entries) {
      if (entry.disabled || entry.interfaces.length === 0 || entry.protectedFlows.isEmpty()) continue;
      for (const hit of device.natServerHits(entry.protectedFlows)) {
        if (hit.direction !== 'reverse' || reported.has(hit.server)) continue;
        const ruleFlow = entry.ruleFlows.find((flow) => indexedOverlaps(flow.effective, hit.part));
        if (!ruleFlow) continue;
        reported.add(hit.server);
        const { server } = hit;
        const acl = entry.acl?.key.value ?? '';
        context.report({
          range: server.range,
          messageId: 'reverse',
          objectPath: server.path,
          data: {
            server: server.name?.value ?? formatIpv4(server.global.value),
            inside: formatIpv4(server.inside.value),
            global: formatIpv4(server.global.value),
            flow: hit.part.describe(2),
            acl,
            aclRule: String(ruleFlow.rule.id.value),
          },
          related: [{ file: device.file, range: ruleFlow.rule.range, message: `rule ${ruleFlow.rule.id.value} of security ACL ${acl} protects this host's traffic` }],
        });
      }
    }
  },
};

export default rule;
