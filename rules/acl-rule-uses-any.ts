import type { AclRuleNode, AddressSpec } from '../src/ast/types.js';
import type { Range } from '../src/text/range.js';
import type { DeviceRule, DeviceRuleContext } from './types.js';
import { NO_OPTIONS } from './_lib/options.js';

const rule: DeviceRule = {
  meta: {
    id: 'acl-rule-uses-any',
    description: 'A security ACL rule of an IPSec policy permits "any" source or destination',
    scope: 'device',
    defaultSeverity: 'warning',
    presets: ['recommended'],
    tags: ['ipsec', 'acl', 'hygiene'],
    messages: {
      any:
        'Rule {{rule}} of security ACL "{{acl}}" permits {{sides}} "any", so IPSec also captures traffic that should not enter the tunnel (management, Internet, IKE itself) and the two ends can no longer mirror each other; permit only the subnets that need protection.',
    },
    optionsSchema: NO_OPTIONS,
    reasons: ['flow overlap'],
    noFix:
      "Which addresses the tunnel should protect instead of \"any\" is the network's design, not written in the configurations; the finding names the ACL rule to narrow.",
    since: '0.1.0',
  },
  check(context: DeviceRuleContext) {
    const seen = new Set<string>();
    for (const entry of context.device.entries) {
      const acl = entry.acl;
      if (!acl || seen.has(acl.path)) continue;
      seen.add(acl.path);
      for (const aclRule of acl.rules) {
        if (aclRule.action.value !== 'permit') continue;
        const sides = anySides(aclRule);
        if (sides.length === 0) continue;
        context.report({
          range: reportRange(aclRule),
          messageId: 'any',
          data: { rule: aclRule.id.value, acl: acl.key.value, sides: sides.join(' and ') },
          objectPath: `${aclRule.path}/any`,
        });
      }
    }
  },
};

function isAny(spec: AddressSpec | undefined): boolean {
  return !spec || spec.form === 'any';
}

function anySides(aclRule: AclRuleNode): string[] {
  const sides: string[] = [];
  if (isAny(aclRule.source)) sides.push('source');
  if (isAny(aclRule.destination)) sides.push('destination');
  return sides;
}

/** The written `any` token when there is exactly one; the whole rule when the side is simply omitted. */
function reportRange(aclRule: AclRuleNode): Range {
  const written = [aclRule.source, aclRule.destination].filter((spec) => spec?.form === 'any');
  return written.length === 1 && anySides(aclRule).length === 1 ? written[0]!.range : aclRule.range;
}

export default rule;
