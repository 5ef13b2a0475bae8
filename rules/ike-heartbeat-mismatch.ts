import type { Val } from '../src/ast/types.js';
import { negotiatedIkeVersion } from '../src/model/negotiation.js';
import type { TunnelEnd } from '../src/network/types.js';
import { endPairs, relatedAt, type TunnelRule } from './_lib/tunnel-ends.js';
import { NO_OPTIONS } from './_lib/options.js';

const interval = (end: TunnelEnd): Val<number> | undefined => end.device.ast.globals.ikeHeartbeatInterval;
const timeout = (end: TunnelEnd): Val<number> | undefined => end.device.ast.globals.ikeHeartbeatTimeout;

const rule: TunnelRule = {
  meta: {
    id: 'ike-heartbeat-mismatch',
    description: 'On an IKEv1 tunnel, one end expects heartbeats ("ike heartbeat-timer timeout") the other does not send, or sends too rarely',
    scope: 'tunnel',
    defaultSeverity: 'error',
    presets: ['recommended', 'strict'],
    tags: ['ike', 'heartbeat', 'two-end'],
    breaks: { notSent: 'traffic', tooRare: 'traffic', tooRareSender: 'traffic' },
    messages: {
      notSent:
        'This device deletes the IKEv1 SAs of a peer from which no heartbeat arrives for {{timeout}} s ("ike heartbeat-timer timeout {{timeout}}"), but {{other}} sends no heartbeats (it has no "ike heartbeat-timer interval"), so the tunnel to {{other}} is torn down about every {{timeout}} s ("heartbeat timeout"). Add "ike heartbeat-timer interval N" with N well below {{timeout}} (a third of it is recommended) on {{other}}, or delete this line and use DPD.',
      tooRare:
        'This device deletes the IKEv1 SAs of a peer from which no heartbeat arrives for {{timeout}} s ("ike heartbeat-timer timeout {{timeout}}"), but {{other}} sends heartbeats only every {{interval}} s, so the tunnel to {{other}} is torn down before the next heartbeat arrives ("heartbeat timeout"). Set the timeout above the interval (three times {{interval}} is recommended: "ike heartbeat-timer timeout {{suggested}}") or shorten the interval on {{other}}.',
      tooRareSender:
        'This device sends IKEv1 heartbeats every {{interval}} s ("ike heartbeat-timer interval {{interval}}"), but {{other}} deletes the SAs when none arrives for {{timeout}} s, so it tears the tunnel down before the next heartbeat ("heartbeat timeout"). Use an interval well below {{timeout}} (a third of it is recommended) or raise the timeout on {{other}}.',
      noTimeout:
        'This device sends IKEv1 heartbeats every {{interval}} s ("ike heartbeat-timer interval {{interval}}"), but {{other}} has no "ike heartbeat-timer timeout", so it never uses them to detect a dead peer; add "ike heartbeat-timer timeout {{suggested}}" on {{other}} (Huawei: the interval on one end needs a timeout on the other), or delete this line and use DPD.',
    },
    hasSuggestions: true,
    optionsSchema: NO_OPTIONS,
    reasons: ['heartbeat timeout'],
    since: '0.1.0',
  },
  check(context) {
    const [first, second] = context.tunnel.ends;
    if (first.entry.role === 'manual' || second.entry.role === 'manual') return;
    const a = first.entry.peerSettings;
    const b = second.entry.peerSettings;
    // Heartbeats are an IKEv1 mechanism: on IKEv2 (or an unknown version) nothing is said.
    if (!a || !b || negotiatedIkeVersion(a, b) !== 1) return;
    for (const [end, other] of endPairs(context.tunnel)) {
      const expect = timeout(end);
      const sent = interval(other);
      const objectPath = `${end.entry.settingsNode.path}/heartbeat`;
      if (expect && !sent) {
        context.report({
          file: end.device.file,
          range: expect.range,
          objectPath,
          messageId: 'notSent',
          suggestions: [
            { desc: 'Delete "ike heartbeat-timer timeout" (detect dead peers with DPD)', change: { applicability: 'unsafe', edits: [{ kind: 'delete', line: expect.range.line, undo: 'undo ike heartbeat-timer timeout' }] } },
          ],
          data: { timeout: expect.value, other: other.device.name },
          related: relatedAt(other, other.entry.settingsNode.range, `${other.device.name} sends no IKE heartbeats`),
        });
      } else if (expect && sent && sent.value >= expect.value) {
        const data = { timeout: expect.value, interval: sent.value, other: other.device.name, suggested: sent.value * 3 };
        context.report({
          file: end.device.file,
          range: expect.range,
          objectPath,
          messageId: 'tooRare',
          // Safe: a longer timeout only waits longer before tearing down a dead peer.
          fix: { edits: [{ kind: 'replace', range: expect.range, text: `ike heartbeat-timer timeout ${sent.value * 3}` }] },
          data,
          related: relatedAt(other, sent.range, `${other.device.name} sends heartbeats every ${sent.value} s`),
        });
        context.report({
          file: other.device.file,
          range: sent.range,
          objectPath: `${other.entry.settingsNode.path}/heartbeat`,
          messageId: 'tooRareSender',
          data: { timeout: expect.value, interval: sent.value, other: end.device.name },
          related: relatedAt(end, expect.range, `${end.device.name} expects a heartbeat within ${expect.value} s`),
        });
      } else if (!expect && sent) {
        context.report({
          file: other.device.file,
          range: sent.range,
          objectPath: `${other.entry.settingsNode.path}/heartbeat`,
          messageId: 'noTimeout',
          suggestions: [
            { desc: 'Delete "ike heartbeat-timer interval" (detect dead peers with DPD)', change: { applicability: 'unsafe', edits: [{ kind: 'delete', line: sent.range.line, undo: 'undo ike heartbeat-timer interval' }] } },
          ],
          severity: 'warning',
          data: { interval: sent.value, other: end.device.name, suggested: sent.value * 3 },
          related: relatedAt(end, end.entry.settingsNode.range, `${end.device.name} has no "ike heartbeat-timer timeout"`),
        });
      }
    }
  },
};

export default rule;
