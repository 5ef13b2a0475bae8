import type { ReferenceKind } from '../src/model/types.js';
import type { DeviceRule, DeviceRuleContext } from './types.js';
import { NO_OPTIONS } from './_lib/options.js';

/** Kinds of reference that make an IPSec policy, peer or binding unusable when the name is missing. */
const IPSEC_KINDS: ReadonlyMap<ReferenceKind, string> = new Map<ReferenceKind, string>([
  ['acl', 'ACL'],
  ['ike-peer', 'IKE peer'],
  ['ipsec-proposal', 'IPSec proposal'],
  ['ike-proposal', 'IKE proposal'],
  ['template', 'IPSec policy template'],
  ['policy-group', 'IPSec policy'],
  ['ipsec-profile', 'IPSec profile'],
]);

/** Holders whose missing ACL is an IPSec problem (interface `nat outbound` ACLs belong to the NAT rules). */
const IPSEC_HOLDERS = ['ipsec-policy:', 'policy-template:', 'ipsec-profile:'];

const rule: DeviceRule = {
  meta: {
    id: 'ipsec-reference-undefined',
    description: 'An IPSec policy, template, IKE peer or interface binding names an object that does not exist',
    scope: 'device',
    defaultSeverity: 'error',
    presets: ['recommended'],
    tags: ['ipsec', 'references', 'ike-negotiation'],
    breaks: 'initiation',
    messages: {
      undefinedReference:
        'The {{kind}} "{{name}}" is not defined on this device, so no IKE negotiation is triggered for it; define the {{kind}} or correct the name.',
      undefinedReferenceManual:
        'The {{kind}} "{{name}}" is not defined on this device, so manual IPSec policy "{{policy}}" installs no SA and protects no traffic; define the {{kind}} or correct the name.',
    },
    optionsSchema: NO_OPTIONS,
    noFix:
      'Either the missing object must be created (its proposal, peer or ACL settings are not in the configurations) or the name corrected to an existing one; fwlint cannot tell which was meant.',
    since: '0.1.0',
  },
  check(context: DeviceRuleContext) {
    const seen = new Set<string>();
    // A manual policy uses no IKE: its broken references are told without IKE wording.
    const manualPolicies = new Map<string, string>();
    for (const policy of context.device.ast.ipsecPolicies) {
      if (policy.mode.value === 'manual') manualPolicies.set(policy.path, `${policy.name.value} ${policy.seq.value}`);
    }
    for (const reference of context.device.brokenReferences) {
      const kind = IPSEC_KINDS.get(reference.kind);
      if (kind === undefined) continue;
      if (reference.kind === 'acl' && !IPSEC_HOLDERS.some((prefix) => reference.from.startsWith(prefix))) continue;
      const objectPath = `${reference.from}/${reference.kind}:${reference.name.value}`;
      const key = `${objectPath}@${reference.name.range.start.offset}`;
      if (seen.has(key)) continue;
      seen.add(key);
      context.report({
        range: reference.name.range,
        ...(manualPolicies.has(reference.from)
          ? { messageId: 'undefinedReferenceManual', data: { kind, name: reference.name.value, policy: manualPolicies.get(reference.from) as string } }
          : { messageId: 'undefinedReference', data: { kind, name: reference.name.value } }),
        objectPath,
      });
    }
  },
};

export default rule;
