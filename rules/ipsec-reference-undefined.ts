import type { BrokenReference, Device, ReferenceKind } from '../src/model/types.js';
import type { ChangeEdit, DeviceRule, DeviceRuleContext, Report } from './types.js';
import { NO_OPTIONS } from './_lib/options.js';
import { closestNames } from './_lib/similar-names.js';

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

/** At most this many suggestions per finding, the closest names first. */
const MAX_SUGGESTIONS = 5;

interface Defined {
  name: string;
  line: number;
}

/** The first definition of each name, in the order of the file (`key` folds the names the device matches alike). */
function unique(items: readonly Defined[], key: (name: string) => string = (name) => name): Defined[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item.name);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Whether the broken ACL reference is a `security acl ipv6 N` line (it needs an IPv6 ACL). */
function isIpv6AclReference(device: Device, reference: BrokenReference): boolean {
  const { ast } = device;
  const holders = [...ast.ipsecPolicies, ...ast.policyTemplates, ...ast.ipsecProfiles];
  const holder = holders.find((node) => node.path === reference.from);
  return holder?.aclIpv6 !== undefined && holder.aclIpv6.range.offset === reference.name.range.offset;
}

/**
 * The objects of the reference's kind defined on the device, in the order of the file. An IPSec
 * `security acl` takes an advanced ACL (3000-3999, or a named advanced one), `security acl ipv6`
 * an IPv6 ACL; ACL and IKE proposal names are matched without case, so each counts once.
 */
function definedOfKind(device: Device, reference: BrokenReference): Defined[] {
  const { ast } = device;
  const at = (node: { range: { line: number } }) => node.range.line;
  switch (reference.kind) {
    case 'ike-peer':
      return unique(ast.ikePeers.map((p) => ({ name: p.name.value, line: at(p) })));
    case 'ipsec-proposal':
      return unique(ast.ipsecProposals.map((p) => ({ name: p.name.value, line: at(p) })));
    case 'ike-proposal':
      return unique(ast.ikeProposals.map((p) => ({ name: p.id.value, line: at(p) })), (name) => name.toLowerCase());
    case 'acl': {
      const type = isIpv6AclReference(device, reference) ? 'ipv6' : 'advanced';
      return unique(ast.acls.filter((acl) => acl.type === type).map((acl) => ({ name: acl.key.value, line: at(acl) })), (name) => name.toLowerCase());
    }
    case 'template':
      return unique(ast.policyTemplates.map((t) => ({ name: t.name.value, line: at(t) })));
    case 'policy-group':
      return unique(ast.ipsecPolicies.map((p) => ({ name: p.name.value, line: at(p) })));
    case 'ipsec-profile':
      return unique(ast.ipsecProfiles.map((p) => ({ name: p.name.value, line: at(p) })));
    default:
      return [];
  }
}

/**
 * The edit that names `name` instead of the missing one. In a policy, template, profile or IKE peer
 * the line is typed again with the other name (the value replaced). An interface holds one policy
 * or profile binding, which the device does not rebind by typing another: it removes the binding
 * first (`undo ipsec policy`, `undo ipsec profile`) and binds the other at once.
 */
function renameEdit(device: Device, reference: BrokenReference, name: string): ChangeEdit {
  const line = reference.name.range.line;
  const offset = reference.name.range.offset;
  if (reference.from.startsWith('interface:')) {
    const iface = device.ast.interfaces.find((node) => node.path === reference.from);
    if (reference.kind === 'ipsec-profile' && iface?.ipsecProfile?.range.offset === offset) {
      return { kind: 'line', line, text: `ipsec profile ${name}`, undo: 'undo ipsec profile' };
    }
    const binding = iface?.ipsecPolicy;
    if (reference.kind === 'policy-group' && binding && binding.name.range.offset === offset) {
      const { text } = device;
      const start = binding.range.offset;
      const end = binding.range.endOffset;
      const from = reference.name.range.offset;
      const to = reference.name.range.endOffset;
      const written = text.slice(start, end);
      if (start <= from && to <= end && !written.includes('\n') && written.startsWith('ipsec policy')) {
        return { kind: 'line', line, text: `${text.slice(start, from)}${name}${text.slice(to, end)}`, undo: 'undo ipsec policy' };
      }
    }
  }
  return { kind: 'replace', range: reference.name.range, text: name };
}

/**
 * One unsafe suggestion per object of the kind that is defined, the names closest to the missing one
 * first: which one was meant (or whether the object is still to be created) only a human knows.
 */
function suggestionsFor(device: Device, reference: BrokenReference, kind: string): Pick<Report, 'suggestions'> {
  const defined = definedOfKind(device, reference);
  if (defined.length === 0) return {};
  return {
    suggestions: closestNames(reference.name.value, defined, MAX_SUGGESTIONS).map((object) => ({
      desc: `Use ${kind} "${object.name}" (defined at line ${object.line})`,
      change: { applicability: 'unsafe', edits: [renameEdit(device, reference, object.name)] },
    })),
  };
}

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
    hasSuggestions: true,
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
      const key = `${objectPath}@${reference.name.range.offset}`;
      if (seen.has(key)) continue;
      seen.add(key);
      context.report({
        range: reference.name.range,
        ...(manualPolicies.has(reference.from)
          ? { messageId: 'undefinedReferenceManual', data: { kind, name: reference.name.value, policy: manualPolicies.get(reference.from) as string } }
          : { messageId: 'undefinedReference', data: { kind, name: reference.name.value } }),
        objectPath,
        ...suggestionsFor(context.device, reference, kind),
      });
    }
  },
};

export default rule;
