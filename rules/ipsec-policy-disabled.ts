import type { Range } from '../src/text/range.js';
import type { DeviceRule, DeviceRuleContext } from './types.js';
import { NO_OPTIONS } from './_lib/options.js';

const rule: DeviceRule = {
  meta: {
    id: 'ipsec-policy-disabled',
    description: 'An IPSec policy applied to an interface is switched off with "undo policy enable"',
    scope: 'device',
    defaultSeverity: 'warning',
    presets: ['recommended'],
    tags: ['ipsec', 'ike-negotiation'],
    breaks: 'initiation',
    messages: {
      disabled:
        'IPSec {{what}} "{{name}}" is applied to {{interface}} but disabled by "undo policy enable", so its traffic is never protected and no IKE negotiation is triggered; replace this line with "policy enable" or delete the policy.',
      disabledManual:
        'Manual IPSec policy "{{name}}" is applied to {{interface}} but disabled by "undo policy enable", so its manually keyed SAs are not used and its traffic is never protected; replace this line with "policy enable" or delete the policy.',
    },
    fixable: true,
    optionsSchema: NO_OPTIONS,
    since: '0.1.0',
  },
  check(context: DeviceRuleContext) {
    const reported = new Set<number>();
    for (const entry of context.device.entries) {
      if (!entry.disabled || entry.interfaces.length === 0) continue;
      const lines: Range[] = [];
      if (entry.node.disabled) lines.push(entry.node.disabled);
      if (entry.template?.disabled) lines.push(entry.template.disabled);
      for (const range of lines) {
        if (reported.has(range.offset)) continue;
        reported.add(range.offset);
        const what = entry.kind === 'profile' ? 'profile' : 'policy';
        context.report({
          range,
          // A manual policy uses no IKE: its message does not speak of IKE negotiation.
          messageId: entry.role === 'manual' ? 'disabledManual' : 'disabled',
          data: {
            what,
            name: entry.kind === 'profile' ? entry.group : `${entry.group} ${entry.seq}`,
            interface: entry.interfaces[0].name.value,
          },
          objectPath: `${entry.id}/disabled`,
          // Unsafe: switching the policy on starts protecting (and negotiating for) its traffic, which
          // whoever disabled it may have meant to stop; 'policy enable' restores the default, so the
          // line goes.
          fix: { applicability: 'unsafe', edits: [{ kind: 'delete', line: range.line, undo: 'policy enable' }] },
        });
      }
    }
  },
};

export default rule;
