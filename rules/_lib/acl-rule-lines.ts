import type { AclNode, AclRuleNode, AddressSpec, PortSpec } from '../../src/ast/types.js';
import { formatIpv4 } from '../../src/flow/ipv4.js';
import { protocolName } from '../../src/flow/protocol.js';
import type { ChangeEdit } from '../types.js';

/**
 * ACL rule lines written from the model (never from the file's text): the `rule` command of an
 * advanced IPv4 ACL, its mirror, and the edits that turn one ACL's rules into given ones.
 */

/** One rule's match, as the `rule` command types it. */
export interface RuleLine {
  id: number;
  action: 'permit' | 'deny';
  /** IP protocol number, `null` for `ip`. */
  protocol: number | null;
  /** `A W` (wildcard; `0` = host); undefined = any. */
  source?: { address: number; wildcard: number };
  destination?: { address: number; wildcard: number };
  sourcePort?: PortSpec;
  destinationPort?: PortSpec;
}

type Operand = { address: number; wildcard: number } | undefined;

/** An ACL address operand the line can repeat: any or `A W`; null for the other forms (ranges, address sets, IPv6, placeholders). */
function operand(spec: AddressSpec | undefined): Operand | null {
  if (!spec || spec.form === 'any') return undefined;
  if (spec.form === 'wildcard') return { address: spec.address, wildcard: spec.wildcard };
  return null;
}

/** The rule as a RuleLine; undefined when it carries options (`time-range`, `vpn-instance`, …) or an operand the line cannot repeat. */
export function ruleLineOf(rule: AclRuleNode): RuleLine | undefined {
  if (rule.options.length > 0) return undefined;
  const source = operand(rule.source);
  const destination = operand(rule.destination);
  if (source === null || destination === null) return undefined;
  return { id: rule.id.value, action: rule.action.value, protocol: rule.protocol?.value ?? null, source, destination, sourcePort: rule.sourcePort, destinationPort: rule.destinationPort };
}

/** The same rule seen from the other end: source and destination (addresses and ports) swapped. */
export function mirrorLine(line: RuleLine): RuleLine {
  return { ...line, source: line.destination, destination: line.source, sourcePort: line.destinationPort, destinationPort: line.sourcePort };
}

function portText(keyword: string, port: PortSpec | undefined): string | undefined {
  if (!port) return '';
  if (port.op === 'eq') return ` ${keyword} eq ${port.first}`;
  if (port.op === 'range') return ` ${keyword} range ${port.first} ${port.last}`;
  // `lt N` is kept as 0..N-1 and `gt N` as N+1..65535; the clipped ends are ambiguous.
  if (port.op === 'lt') return port.last > 0 ? ` ${keyword} lt ${port.last + 1}` : undefined;
  return port.first < 65535 ? ` ${keyword} gt ${port.first - 1}` : undefined;
}

/** ` source A W` of an advanced ACL rule (a host's wildcard written `0`, as VRP shows it). */
export function aclAddressClause(keyword: string, address: number, wildcard: number): string {
  return ` ${keyword} ${formatIpv4(address)} ${wildcard === 0 ? '0' : formatIpv4(wildcard)}`;
}

function addressText(keyword: string, address: Operand): string {
  return address ? aclAddressClause(keyword, address.address, address.wildcard) : '';
}

/** `rule 5 permit udp source 203.0.113.1 0 destination 198.51.100.1 0 destination-port eq 1701`; undefined when a port clause cannot be written. */
export function ruleText(line: RuleLine): string | undefined {
  const sourcePort = portText('source-port', line.sourcePort);
  const destinationPort = portText('destination-port', line.destinationPort);
  if (sourcePort === undefined || destinationPort === undefined) return undefined;
  return `rule ${line.id} ${line.action} ${protocolName(line.protocol)}${addressText('source', line.source)}${sourcePort}${addressText('destination', line.destination)}${destinationPort}`;
}

function sameOperand(a: Operand, b: Operand): boolean {
  return a === b || (a !== undefined && b !== undefined && a.address === b.address && a.wildcard === b.wildcard);
}

function samePort(a: PortSpec | undefined, b: PortSpec | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.first === b.first && a.last === b.last);
}

/** Two lines match the same packets with the same action (the text may differ: port names, spacing). */
export function sameLine(a: RuleLine, b: RuleLine): boolean {
  return (
    a.id === b.id &&
    a.action === b.action &&
    a.protocol === b.protocol &&
    sameOperand(a.source, b.source) &&
    sameOperand(a.destination, b.destination) &&
    samePort(a.sourcePort, b.sourcePort) &&
    samePort(a.destinationPort, b.destinationPort)
  );
}

/** VRP's automatic numbering: the next multiple of the default step 5 above the ACL's highest rule. */
export function nextRuleId(acl: AclNode): number {
  const highest = Math.max(0, ...acl.rules.map((r) => r.id.value));
  return (Math.floor(highest / 5) + 1) * 5;
}

/**
 * Edits that make `acl` hold exactly `wanted` (by rule number): a rule already equal is kept, a
 * differing one is replaced (`undo rule N` then the new line on a device, where typing a rule
 * number again would merge the fields), a missing one is inserted after the rule numbered below
 * it (or first in the ACL view), an extra one deleted. Undefined when a line cannot be written.
 */
export function aclRulesEdits(acl: AclNode, wanted: readonly RuleLine[]): ChangeEdit[] | undefined {
  const edits: ChangeEdit[] = [];
  const byId = new Map(acl.rules.map((rule) => [rule.id.value, rule]));
  const wantedIds = new Set(wanted.map((line) => line.id));
  const ordered = [...acl.rules].sort((a, b) => a.id.value - b.id.value);
  const inserts = new Map<number, string[]>();
  for (const line of [...wanted].sort((a, b) => a.id - b.id)) {
    const text = ruleText(line);
    if (text === undefined) return undefined;
    const existing = byId.get(line.id);
    if (existing) {
      const current = ruleLineOf(existing);
      if (current && sameLine(current, line)) continue;
      edits.push({ kind: 'line', line: existing.range.line, text, undo: `undo rule ${line.id}` });
      continue;
    }
    // After the kept rule numbered just below (0 = first in the ACL view); inserted lines keep their order.
    const below = ordered.filter((rule) => rule.id.value < line.id).at(-1);
    const at = below ? below.range.line : 0;
    inserts.set(at, [...(inserts.get(at) ?? []), text]);
  }
  for (const [at, lines] of inserts) edits.push(at === 0 ? { kind: 'insert', line: acl.range.line, into: true, lines } : { kind: 'insert', line: at, lines });
  for (const rule of acl.rules) if (!wantedIds.has(rule.id.value)) edits.push({ kind: 'delete', line: rule.range.line, undo: `undo rule ${rule.id.value}` });
  return edits;
}
