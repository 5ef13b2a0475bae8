import { formatIpv4 } from '../src/flow/index.js';
import type { NatServerNode } from '../src/ast/types.js';
import type { Device } from '../src/model/types.js';
import type { ChangeSpec, DeviceRule, DeviceRuleContext } from './types.js';
import { NO_OPTIONS } from './_lib/options.js';

/**
 * The mapping with `no-reverse` after its inside address/port (before `vrrp`, `unr-route` and the
 * like, as VRP prints it). A `nat server` cannot be typed again with other parameters while it
 * exists (its global address and port are taken), so the device first removes the old mapping
 * (`undo` with the line's own parameters, the form both AR and USG accept) and re-creates it at once:
 * the two commands in a row are the shortest gap there can be. Unsafe: the server's own connections
 * to the Internet are no longer translated by the mapping and need a source-NAT rule.
 */
function noReverseChange(device: Device, server: NatServerNode): ChangeSpec | undefined {
  const { text } = device;
  const start = server.range.offset;
  const end = server.range.endOffset;
  const line = text.slice(start, end);
  if (line.includes('\n') || !line.startsWith('nat server')) return undefined;
  const at = (server.insidePort ?? server.inside).range.endOffset;
  if (at < start || at > end) return undefined;
  const edited = `${text.slice(start, at)} no-reverse${text.slice(at, end)}`;
  return { applicability: 'unsafe', edits: [{ kind: 'line', line: server.range.line, text: edited, undo: `undo ${line.trim()}` }] };
}

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
    fixable: true,
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
        const ruleFlow = entry.ruleFlows.find((flow) => flow.effective.overlaps(hit.part));
        if (!ruleFlow) continue;
        reported.add(hit.server);
        const { server } = hit;
        const acl = entry.acl?.key.value ?? '';
        const fix = noReverseChange(device, server);
        context.report({
          ...(fix ? { fix } : {}),
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
