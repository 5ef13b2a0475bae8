import { spanRanges, type Val } from '../../text/range.js';
import type { Statement } from '../statement.js';
import type { AclNode, AclRuleNode, AddressSpec, PortSpec } from '../types.js';
import { parseInteger, parseIpv4, parsePort, parseProtocol, parseWildcard } from '../values.js';
import { viewRange, type BuildContext, type Handlers, type Owner, type OwnerOf, type SharedHandler } from './context.js';
import { ipv6Operand, num } from './operands.js';

export const ACL_HEADER: Handlers<Owner> = {
  AclHeader: (b, st) => {
    const key = st.text('number') ?? st.text('name')!;
    const typeWord = st.text('aclType')?.value.toLowerCase();
    // `acl name dc-servers 3999` is ACL 3999 too: `security acl 3999` and NAT rules find it by number.
    const number = parseInteger(st.text('number')?.value ?? '') ?? parseInteger(typeWord ?? '');
    const typeNumber = number;
    let type: AclNode['type'] = 'unknown';
    if (st.has('ipv6')) type = 'ipv6';
    else if (typeWord === 'basic') type = 'basic';
    else if (typeWord === 'advance' || typeWord === 'advanced') type = 'advanced';
    else if (typeNumber !== undefined) {
      if (typeNumber >= 2000 && typeNumber < 3000) type = 'basic';
      else if (typeNumber >= 3000 && typeNumber < 4000) type = 'advanced';
      else if (typeNumber >= 4000 && typeNumber < 5000) type = 'layer2';
      else if (typeNumber >= 6000 && typeNumber < 10000) type = 'user';
    }
    const n: AclNode = {
      kind: 'acl', ...viewRange(st), path: `acl:${key.value}`, key, type, rules: [],
      ...(number !== undefined ? { number } : {}),
    };
    return b.openView(b.ast.acls, { kind: 'acl', node: n });
  },
};

/**
 * `step N` (1-20): the ids the device assigns from now on are multiples of N. Typed in a session
 * it also renumbers the rules already there N, 2N, 3N… in their order (the command reference's
 * "rule IDs are arranged automatically"); in a listing the rules are already stored so.
 */
const applyStep: SharedHandler<'AclStep' | 'AclUndoStep', OwnerOf<'acl'>> = (b, st, { node: acl }) => {
  // `undo step` restores the default step (5) and renumbers the same way
  const step = st.kind === 'AclUndoStep' ? 5 : st.line.tokenCount === 2 ? parseInteger(st.line.word(1)) : undefined;
  if (step === undefined || step < 1 || step > 20) return false;
  b.aclStep.set(acl, step);
  let highest = 0;
  if (st.line.prompt) {
    const ordered = [...acl.rules].sort((a, b) => a.id.value - b.id.value);
    ordered.forEach((rule, i) => {
      rule.id = { value: step * (i + 1), range: rule.id.range };
      rule.path = `${acl.path}/rule:${rule.id.value}`;
    });
    highest = ordered.length * step;
  } else {
    for (const rule of acl.rules) highest = Math.max(highest, rule.id.value);
  }
  b.nextAclRuleId.set(acl, (Math.floor(highest / step) + 1) * step);
  return true;
};

function aclRule(b: BuildContext, st: Statement<'AclRule'>, acl: AclNode): boolean {
  const step = b.aclStep.get(acl) ?? 5;
  const idText = st.text('ruleNumber');
  let id: Val<number>;
  const written = num(idText);
  if (written) {
    id = written;
  } else {
    // Rules typed without an id get the next multiple of the step (5, or `step N`) after the highest id.
    const next = b.nextAclRuleId.get(acl) ?? step;
    id = { value: next, range: st.rangeOf('action')! };
  }
  b.nextAclRuleId.set(acl, Math.max(b.nextAclRuleId.get(acl) ?? step, (Math.floor(id.value / step) + 1) * step));
  const actionVal = st.text('action')!;
  const rule: AclRuleNode = {
    kind: 'acl-rule', range: st.range, path: `${acl.path}/rule:${id.value}`, id,
    action: { value: actionVal.value.toLowerCase() === 'deny' ? 'deny' : 'permit', range: actionVal.range },
    options: st.all('aclOption'),
  };
  const proto = st.text('protocol');
  if (proto) {
    const p = parseProtocol(proto.value);
    rule.protocol = { value: p === undefined ? null : p, range: proto.range };
    if (p === undefined) rule.options.push(proto);
  }
  const src = aclAddress(st, 'source');
  if (src) rule.source = src;
  const dst = aclAddress(st, 'destination');
  if (dst) rule.destination = dst;
  const sp = aclPort(st, 'sourcePort');
  if (sp) rule.sourcePort = sp;
  const dp = aclPort(st, 'destinationPort');
  if (dp) rule.destinationPort = dp;
  acl.rules.push(rule);
  return true;
}

function aclAddress(st: Statement<'AclRule'>, side: 'source' | 'destination'): AddressSpec | undefined {
  const any = st.text(side === 'source' ? 'sourceAny' : 'destinationAny');
  if (any) return { form: 'any', range: any.range };
  const addr = st.text(side);
  if (!addr) return undefined;
  const wildText = st.text(side === 'source' ? 'sourceWildcard' : 'destinationWildcard');
  const range = wildText ? spanRanges(addr.range, wildText.range) : addr.range;
  const address = parseIpv4(addr.value);
  if (address === undefined) {
    return addr.value.includes(':') ? ipv6Operand(addr.value, wildText?.value, range) : { form: 'unknown', text: addr.value, range };
  }
  const wildcard = wildText ? parseWildcard(wildText.value) : 0;
  if (wildcard === undefined) return { form: 'unknown', text: `${addr.value} ${wildText!.value}`, range };
  return { form: 'wildcard', address, wildcard, range };
}

function aclPort(st: Statement<'AclRule'>, field: 'sourcePort' | 'destinationPort'): PortSpec | undefined {
  const rangeParts = st.all(field === 'sourcePort' ? 'sourcePortRange' : 'destinationPortRange');
  if (rangeParts.length === 2) {
    const first = parsePort(rangeParts[0].value);
    const last = parsePort(rangeParts[1].value);
    if (first === undefined || last === undefined) return undefined;
    return { op: 'range', first, last, range: spanRanges(rangeParts[0].range, rangeParts[1].range) };
  }
  const op = st.text(field === 'sourcePort' ? 'sourcePortOp' : 'destinationPortOp');
  const portText = st.text(field);
  if (!op || !portText) return undefined;
  const port = parsePort(portText.value);
  if (port === undefined) return undefined;
  const range = spanRanges(op.range, portText.range);
  const o = op.value.toLowerCase();
  if (o === 'lt') return { op: 'lt', first: 0, last: Math.max(0, port - 1), range };
  if (o === 'gt') return { op: 'gt', first: Math.min(65535, port + 1), last: 65535, range };
  return { op: 'eq', first: port, last: port, range };
}

/** The lines of an `acl number N` / `acl name X` / `acl ipv6 …` view. */
export const ACL_VIEW: Handlers<OwnerOf<'acl'>> = {
  AclRule: (b, st, { node }) => aclRule(b, st, node),
  AclStep: applyStep,
  AclUndoStep: applyStep,
  /** A session's `undo rule N` deletes rule N (its id as the device numbered it: typed ids, `step`). */
  AclUndoRule: (_b, st, { node: acl }) => {
    const id = parseInteger(st.text('ruleNumber')!.value);
    const at = acl.rules.findIndex((rule) => rule.id.value === id);
    if (at < 0) return false;
    acl.rules.splice(at, 1);
    return true;
  },
  AclDescription: () => true,
};
