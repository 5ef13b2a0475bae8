import type { ChangeEdit, DeviceRule, DeviceRuleContext } from './types.js';
import { NO_OPTIONS } from './_lib/options.js';

const rule: DeviceRule = {
  meta: {
    id: 'esp-without-authentication',
    description: 'An IPSec proposal uses ESP with encryption only ("undo esp authentication-algorithm")',
    scope: 'device',
    defaultSeverity: 'warning',
    presets: ['recommended'],
    tags: ['ipsec', 'hygiene', 'crypto'],
    messages: {
      noAuthentication:
        'IPSec proposal "{{name}}" uses ESP without an authentication algorithm, so tampered or replayed packets are decrypted and forwarded undetected; configure "esp authentication-algorithm sha2-256" on both ends.',
    },
    fixable: true,
    optionsSchema: NO_OPTIONS,
    since: '0.1.0',
  },
  check(context: DeviceRuleContext) {
    const device = context.device;
    for (const proposal of device.ast.ipsecProposals) {
      const settings = device.ipsecProposalSettings(proposal);
      const transform = settings.transform.source === 'unknown' ? undefined : settings.transform.value;
      // With ah-esp, AH authenticates the packet; only ESP alone is left unauthenticated.
      if (transform !== 'esp') continue;
      const auth = settings.espAuthentication;
      if (auth.source !== 'explicit' || auth.value.length > 0) continue;
      // Unsafe: the other end must authenticate ESP with the same algorithm (its own finding carries
      // the same edit). The undo line gives way to the algorithm; without one, the line goes into the proposal.
      const line = 'esp authentication-algorithm sha2-256';
      const edit: ChangeEdit = proposal.espAuthenticationRemoved
        ? { kind: 'line', line: proposal.espAuthenticationRemoved.line, text: line }
        : { kind: 'insert', line: proposal.range.line, into: true, lines: [line] };
      context.report({
        fix: { applicability: 'unsafe', edits: [edit] },
        range: proposal.espAuthenticationRemoved ?? auth.range,
        messageId: 'noAuthentication',
        data: { name: proposal.name.value },
        objectPath: `${proposal.path}/esp-authentication`,
      });
    }
  },
};

export default rule;
