import type { AclNode, AclRuleNode } from '../../src/ast/types.js';
import type { Device } from '../../src/model/types.js';
import { type Cube, isIpv6Cube } from '../../src/flow/cube.js';
import type { FlowSet } from '../../src/flow/flow.js';
import { isAllPorts } from '../../src/flow/ports.js';
import type { ChangeEdit } from '../types.js';
import { aclAddressClause } from './acl-rule-lines.js';

/** `rule 5 permit ip source 10.1.0.0 0.0.255.255`-style text of a cube; empty for any address. */
function addressText(keyword: string, cube: Cube): string {
  return cube.care === 0 ? '' : aclAddressClause(keyword, cube.value, ~cube.care >>> 0);
}

/** Pieces a narrowed rule may be split into before the suggestion is too long to be useful. */
const MAX_PIECES = 8;

/**
 * An ACL rule rewritten as the rules that permit its flows `own` minus `remove`, when that is
 * expressible plainly: an IPv4 advanced-ACL permit without ports or options, the pieces differing
 * from it in addresses only, and free rule ids right after it for the extra pieces. `own` is the
 * rule's flows as its owner writes them (source = the owner's side); undefined when nothing is left
 * or the pieces cannot be written that way.
 */
export function narrowedRules(owner: Device, acl: AclNode, rule: AclRuleNode, own: FlowSet, remove: FlowSet): string[] | undefined {
  if (acl.type !== 'advanced' || rule.action.value !== 'permit' || rule.sourcePort || rule.destinationPort || rule.options.length > 0) return undefined;
  if (!rule.protocol) return undefined;
  // the protocol as written (`ip`, `tcp`, `6`, …): the token the AST's range points at, kept in the rewritten rules
  const protocol = owner.text.slice(rule.protocol.range.offset, rule.protocol.range.endOffset);
  const pieces = own.subtract(remove);
  if (pieces.isEmpty() || !pieces.exact || pieces.boxes.length > MAX_PIECES) return undefined;
  for (const box of pieces.boxes) {
    if (isIpv6Cube(box.src) || isIpv6Cube(box.dst) || box.exceptProtocols || !isAllPorts(box.srcPorts) || !isAllPorts(box.dstPorts)) return undefined;
  }
  const boxes = [...pieces.boxes].sort((a, b) => a.src.value - b.src.value || a.dst.value - b.dst.value || b.src.care - a.src.care || b.dst.care - a.dst.care);
  const id = rule.id.value;
  const used = new Set(acl.rules.map((r) => r.id.value));
  const next = Math.min(...acl.rules.map((r) => r.id.value).filter((v) => v > id), Infinity);
  const ids = boxes.map((_, i) => id + i);
  if (ids.some((n, i) => (i > 0 && used.has(n)) || n >= next)) return undefined;
  return boxes.map((box, i) => `rule ${ids[i]} permit ${protocol}${addressText('source', box.src)}${addressText('destination', box.dst)}`);
}

/** The edits replacing the rule's line by the narrowed rules (the first in place, the others after it). */
export function narrowingEdits(rule: AclRuleNode, rules: readonly string[]): ChangeEdit[] {
  const line = rule.range.line;
  const edits: ChangeEdit[] = [{ kind: 'line', line, text: rules[0] }];
  if (rules.length > 1) edits.push({ kind: 'insert', line, lines: rules.slice(1) });
  return edits;
}
