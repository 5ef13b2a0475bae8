import type { PolicyGroup } from '../src/model/types.js';
import { policyGroupAclRules, type GroupAclRule } from '../src/model/policy-group-acl-rules.js';
import { FlowSet, findOverlaps, type OverlapEntry, type OverlapFinding } from '../src/flow/index.js';
import type { DeviceRule, DeviceRuleContext, Report } from './types.js';
import { narrowedRules, narrowingEdits } from './_lib/acl-narrowing.js';
import { NO_OPTIONS } from './_lib/options.js';

interface Verdict {
  ref: GroupAclRule;
  findings: OverlapFinding<number>[];
}

function checkGroup(context: DeviceRuleContext, group: PolicyGroup): void {
  const { rules: refs, unreadable, repeated } = policyGroupAclRules(context.device, group);
  for (const { entry, first } of repeated) {
    const line = entry.settingsNode.acl;
    if (!line) continue;
    context.report({
      range: line.range,
      messageId: 'sameAcl',
      objectPath: entry.id,
      data: { acl: line.value, seq: String(entry.seq), earlierSeq: String(first.seq), group: group.name },
      related: first.settingsNode.acl ? [{ file: context.device.file, range: first.settingsNode.acl.range, message: `sequence ${first.seq} uses the same ACL and matches first` }] : [],
    });
  }
  for (const rule of unreadable) context.note(context.device.file, `cannot verify ${rule.path}: an address the model cannot read`);
  const overlapEntries: OverlapEntry<number>[] = [];
  refs.forEach((ref, index) => {
    for (const box of ref.boxes) overlapEntries.push({ id: index, box, action: ref.rule.action.value, group: ref.aclIndex });
  });
  if (overlapEntries.length === 0) return;

  const verdicts = new Map<number, Verdict>();
  const unchecked = new Set<number>();
  for (const finding of findOverlaps(overlapEntries, { onUnchecked: (i) => unchecked.add(overlapEntries[i].id) })) {
    let verdict = verdicts.get(finding.id);
    if (!verdict) verdicts.set(finding.id, (verdict = { ref: refs[finding.id], findings: [] }));
    verdict.findings.push(finding);
  }
  for (const [refIndex, verdict] of verdicts) reportVerdict(context, verdict, refs, refIndex);
  // an incomplete "full" still holds (its flows are covered); only an incomplete partial may be more
  noteIncomplete(context, group, [...verdicts.values()].filter((v) => v.findings.some((f) => !f.complete && f.kind === 'partial')));
  noteUnchecked(context, group, [...unchecked].filter((i) => !verdicts.has(i)).map((i) => refs[i]));
}

/** One note per group for the rules past the comparison budget: only an earlier rule containing one whole was looked for. */
function noteUnchecked(context: DeviceRuleContext, group: PolicyGroup, refs: GroupAclRule[]): void {
  if (refs.length === 0) return;
  const first = refs[0];
  context.note(
    context.device.file,
    `policy group "${group.name}": ${refs.length} rule${refs.length === 1 ? '' : 's'} from rule ${first.rule.id.value} of ACL ${first.acl.key.value} on ` +
      'were only checked for an earlier rule that contains them whole (duplicates, narrower rules): its rules overlap so much that comparing them ' +
      'all would take too long, so partial overlaps among them are not reported',
  );
}

/** One note per group for the rules whose overlap was bounded: reported as partial, they might be fully shadowed. */
function noteIncomplete(context: DeviceRuleContext, group: PolicyGroup, bounded: Verdict[]): void {
  if (bounded.length === 0) return;
  const named = bounded.slice(0, 3).map(({ ref }) => `rule ${ref.rule.id.value} of ACL ${ref.acl.key.value}`);
  const more = bounded.length > 3 ? ` and ${bounded.length - 3} more` : '';
  context.note(
    context.device.file,
    `cannot check exactly how ${named.join(', ')}${more} in policy group "${group.name}" overlap earlier rules: each meets more earlier rules, ` +
      'or splits into more pieces, than one comparison follows (the group\'s rules overlap heavily). Each is reported as a partial overlap: it may be shadowed entirely, ' +
      'and the flows named may include some that an earlier deny takes',
  );
}

function ruleName(ref: GroupAclRule): string {
  return `rule ${ref.rule.id.value} of ACL ${ref.acl.key.value}`;
}

/**
 * Suggestions (unsafe: the flows change tunnel, and the other end must mirror the change):
 * - a rule its own ACL already covers whole never matches and its flows go to the same tunnel:
 *   delete it;
 * - a rule an earlier one overlaps in part: narrow it to its flows without the earlier rules';
 * - a rule the one earlier rule of a lower sequence covers whole: narrow that wider rule to its
 *   flows without this one's, so this sequence's tunnel carries them.
 * Narrowing is offered when the pieces can be written as a few plain rules (rules/_lib/acl-narrowing.ts).
 * Reordering the sequences is not: the wider rule then partly overlaps the narrower one, which the
 * guide forbids as well ("the ACL rules ... in the same IPSec policy group cannot overlap").
 */
function suggestionsOf(context: DeviceRuleContext, verdict: Verdict, earlier: GroupAclRule, messageId: string, overlap: FlowSet): Pick<Report, 'suggestions'> {
  const { ref, findings } = verdict;
  if (findings.some((f) => !f.complete)) return {};
  const mirror = 'mirror the change in the security ACL of the other end';
  if (messageId === 'shadowedInAcl') {
    return {
      suggestions: [
        {
          desc: `Delete ${ruleName(ref)} ("undo rule ${ref.rule.id.value}"): it never matches, and ${ruleName(earlier)} already sends its flows into the same tunnel; remove the mirrored rule on the other end too`,
          change: { applicability: 'unsafe', edits: [{ kind: 'delete', line: ref.rule.range.line, undo: `undo rule ${ref.rule.id.value}` }] },
        },
      ],
    };
  }
  const own = FlowSet.ofBoxes(ref.boxes);
  if (messageId === 'partial' || messageId === 'partialInAcl') {
    const rules = narrowedRules(context.device, ref.acl, ref.rule, own, overlap);
    if (!rules) return {};
    return {
      suggestions: [
        {
          desc: `Narrow ${ruleName(ref)} to its flows without those earlier rules take (${rules.length} rule${rules.length === 1 ? '' : 's'}); ${mirror}`,
          change: { applicability: 'unsafe', edits: narrowingEdits(ref.rule, rules) },
        },
      ],
    };
  }
  if (messageId === 'shadowed') {
    // Only when one earlier rule covers it: narrowing that one then frees all of this rule's flows.
    if (findings.some((f) => f.by.some((by) => by.id !== findings[0].by[0].id))) return {};
    const rules = narrowedRules(context.device, earlier.acl, earlier.rule, FlowSet.ofBoxes(earlier.boxes), own);
    if (!rules) return {};
    return {
      suggestions: [
        {
          desc: `Narrow ${ruleName(earlier)} (sequence ${earlier.entry.seq}) to its flows without those of ${ruleName(ref)} (${rules.length} rule${rules.length === 1 ? '' : 's'}), so sequence ${ref.entry.seq} carries them; ${mirror} of sequence ${earlier.entry.seq}`,
          change: { applicability: 'unsafe', edits: narrowingEdits(earlier.rule, rules) },
        },
      ],
    };
  }
  return {};
}

function reportVerdict(context: DeviceRuleContext, verdict: Verdict, refs: GroupAclRule[], refIndex: number): void {
  const { ref, findings } = verdict;
  const earlierIndex = findings[0].by.find((by) => by.id !== refIndex)?.id;
  if (earlierIndex === undefined) return;
  const earlier = refs[earlierIndex];
  const whole = findings.length === ref.boxes.length && findings.every((f) => f.kind !== 'partial');
  const byDeny = findings.every((f) => f.kind === 'shadowedByDeny');
  const overlap = FlowSet.concat(findings.map((f) => f.overlap));
  const sameAcl = earlier.acl === ref.acl;
  const messageId = byDeny ? 'shadowedByDeny' : whole ? (sameAcl ? 'shadowedInAcl' : 'shadowed') : sameAcl ? 'partialInAcl' : 'partial';
  const earlierName = `rule ${earlier.rule.id.value} of ACL ${earlier.acl.key.value}`;
  context.report({
    range: ref.rule.range,
    messageId,
    objectPath: ref.rule.path,
    data: {
      rule: String(ref.rule.id.value),
      acl: ref.acl.key.value,
      seq: String(ref.entry.seq),
      earlier: earlierName,
      earlierSeq: String(earlier.entry.seq),
      group: ref.entry.group,
      overlap: overlap.describe(2),
    },
    related: [
      {
        file: context.device.file,
        range: earlier.rule.range,
        message: `${earlierName} (ipsec policy "${earlier.entry.group}" ${earlier.entry.seq}) matches first`,
      },
    ],
    ...suggestionsOf(context, verdict, earlier, messageId, overlap),
  });
}

const rule: DeviceRule = {
  meta: {
    id: 'acl-overlap-in-policy-group',
    description: 'Security ACL rules of one IPSec policy group overlap, so a later rule never carries its traffic',
    scope: 'device',
    defaultSeverity: 'error',
    presets: ['recommended', 'strict'],
    tags: ['acl', 'policy-group', 'flows'],
    breaks: 'traffic',
    messages: {
      shadowed:
        'Rule "{{rule}}" of ACL "{{acl}}" (sequence {{seq}}) never matches: {{earlier}} of sequence {{earlierSeq}} in policy group "{{group}}" already takes all of {{overlap}}, and the first match wins. Make the security ACLs of the group disjoint.',
      partial:
        'Rule "{{rule}}" of ACL "{{acl}}" (sequence {{seq}}) partly overlaps {{earlier}} of sequence {{earlierSeq}} in policy group "{{group}}": {{overlap}} goes to the earlier sequence\'s tunnel. Make the security ACLs of the group disjoint.',
      shadowedInAcl:
        'Rule "{{rule}}" of ACL "{{acl}}" never matches: {{earlier}} already takes all of {{overlap}}. Remove the duplicate or narrow one of the rules.',
      partialInAcl:
        'Rule "{{rule}}" of ACL "{{acl}}" partly overlaps {{earlier}} on {{overlap}}; the rules of one security ACL must be unique. Narrow one of the rules so they do not overlap.',
      sameAcl:
        'Sequence {{seq}} of policy group "{{group}}" uses security ACL "{{acl}}" like sequence {{earlierSeq}}, which matches first, so this sequence never carries traffic. Give each sequence its own ACL.',
      shadowedByDeny:
        'Rule "{{rule}}" of ACL "{{acl}}" never matches: {{earlier}} denies all of its flows first, so they are never protected. Remove the deny or move the permit above it.',
    },
    optionsSchema: NO_OPTIONS,
    hasSuggestions: true,
    reasons: ['flow confict'],
    since: '0.1.0',
  },
  check(context: DeviceRuleContext) {
    for (const group of context.device.policyGroups) checkGroup(context, group);
  },
};

export default rule;
