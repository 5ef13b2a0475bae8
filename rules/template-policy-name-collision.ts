import type { IpsecPolicyNode, PolicyTemplateNode } from '../src/ast/types.js';
import type { DeviceRule } from './types.js';
import { NO_OPTIONS } from './_lib/options.js';

function firstByName<T extends { name: { value: string } }>(nodes: readonly T[]): Map<string, T> {
  const first = new Map<string, T>();
  for (const node of nodes) if (!first.has(node.name.value)) first.set(node.name.value, node);
  return first;
}

function startsBefore(a: { range: IpsecPolicyNode['range'] }, b: { range: PolicyTemplateNode['range'] }): boolean {
  const { start: sa } = a.range;
  const { start: sb } = b.range;
  return sa.line < sb.line || (sa.line === sb.line && sa.column < sb.column);
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
    noFix:
      "Renaming either object changes every line that refers to it and the name the operators use; which one to rename is the operator's choice.",
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
      });
    }
  },
};

export default rule;
