import type { IpsecPolicyNode, PolicyTemplateNode } from '../src/ast/types.js';
import type { Device } from '../src/model/types.js';
import type { ChangeEdit, DeviceRule, Report } from './types.js';
import { NO_OPTIONS } from './_lib/options.js';
import { settingsLines } from './_lib/policy-entry-copy.js';

function firstByName<T extends { name: { value: string } }>(nodes: readonly T[]): Map<string, T> {
  const first = new Map<string, T>();
  for (const node of nodes) if (!first.has(node.name.value)) first.set(node.name.value, node);
  return first;
}

function startsBefore(a: { range: IpsecPolicyNode['range'] }, b: { range: PolicyTemplateNode['range'] }): boolean {
  const sa = a.range;
  const sb = b.range;
  return sa.line < sb.line || (sa.line === sb.line && sa.column < sb.column);
}

/** `<name>-tpl` (then `-tpl2`, `-tpl3`, …): a name no policy or template of the device uses, in any case. */
function freshName(device: Device, name: string): string {
  const used = new Set([...device.ast.ipsecPolicies, ...device.ast.policyTemplates].map((node) => node.name.value.toLowerCase()));
  for (let n = 1; ; n++) {
    const candidate = `${name}-tpl${n === 1 ? '' : n}`;
    if (!used.has(candidate.toLowerCase())) return candidate;
  }
}

/**
 * The template renamed to a fresh name. VRP cannot rename a template in place, so each of its
 * sequences is typed again under the new name with the same lines (only when every line is a
 * setting the model reads: nothing unread, never a secret, is copied), every
 * `ipsec policy P SEQ isakmp template NAME` policy is undone and typed again pointing at it, and the
 * old sequences are undone last (the generator types additions first, deletions last). In the file the new block takes the
 * old one's place, so the edit reads as a rename. Unsafe: the name operators and scripts use changes.
 */
function renameSuggestion(device: Device, name: string): Pick<Report, 'suggestions'> {
  const sequences = device.ast.policyTemplates.filter((node) => node.name.value === name);
  if (new Set(sequences.map((node) => node.seq.value)).size !== sequences.length) return {};
  const copies = sequences.map((node) => settingsLines(device, node));
  if (copies.some((lines) => lines === undefined)) return {};
  const renamed = freshName(device, name);
  const references = device.ast.ipsecPolicies.filter((node) => node.template?.value === name);
  const edits: ChangeEdit[] = [];
  sequences.forEach((node, i) => {
    edits.push({ kind: 'insert', line: node.range.line, lines: [`ipsec policy-template ${renamed} ${node.seq.value}`, ...(copies[i] ?? []).map((line) => ` ${line}`)] });
  });
  // A policy's template cannot be changed in place: the policy is undone and typed again (a
  // template-based policy line opens a view on the device, left at once).
  for (const node of references) {
    edits.push({ kind: 'line', line: node.range.line, text: `ipsec policy ${node.name.value} ${node.seq.value} isakmp template ${renamed}`, undo: `undo ipsec policy ${node.name.value} ${node.seq.value}`, enters: true });
  }
  for (const node of sequences) edits.push({ kind: 'delete', line: node.range.line, undo: `undo ipsec policy-template ${name} ${node.seq.value}` });
  const pointed = references.map((node) => `"${node.name.value} ${node.seq.value}"`);
  const repoint = pointed.length === 0 ? '' : `, type ${pointed.length === 1 ? 'policy' : 'policies'} ${pointed.join(', ')} again pointing at it`;
  return {
    suggestions: [
      {
        desc: `Rename IPSec policy template "${name}" to "${renamed}": VRP cannot rename a template, so create "${renamed}" with the same lines${repoint}, then undo template "${name}"; policy "${name}" keeps its name, operators must use the template's new one`,
        change: { applicability: 'unsafe', edits },
      },
    ],
  };
}

const rule: DeviceRule = {
  meta: {
    id: 'template-policy-name-collision',
    description: 'An IPSec policy and an IPSec policy template with the same name',
    scope: 'device',
    defaultSeverity: 'error',
    presets: ['recommended', 'strict'],
    tags: ['ipsec-policy', 'policy-template'],
    breaks: 'initiation',
    messages: {
      policyNamedLikeTemplate:
        'IPSec policy "{{name}}" has the same name as an IPSec policy template; the device rejects this name, so the policy is never created and no tunnel uses it. Rename the policy or the template.',
      templateNamedLikePolicy:
        'IPSec policy template "{{name}}" has the same name as an IPSec policy; the device rejects the clash, so one of the two is never created and its tunnels never come up. Rename the template or the policy.',
    },
    optionsSchema: NO_OPTIONS,
    hasSuggestions: true,
    since: '0.1.0',
  },
  check(context) {
    const { device } = context;
    const templates = firstByName(device.ast.policyTemplates);
    if (templates.size === 0) return;
    for (const [name, policy] of firstByName(device.ast.ipsecPolicies)) {
      const template = templates.get(name);
      if (!template) continue;
      const [later, earlier, messageId] = startsBefore(template, policy)
        ? [policy, template, 'policyNamedLikeTemplate']
        : [template, policy, 'templateNamedLikePolicy'];
      context.report({
        range: later.name.range,
        messageId,
        data: { name },
        objectPath: later.path,
        related: [{ file: device.file, range: earlier.range, message: `${earlier === template ? 'IPSec policy template' : 'IPSec policy'} "${name}" defined here` }],
        ...renameSuggestion(device, name),
      });
    }
  },
};

export default rule;
