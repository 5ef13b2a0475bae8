import type { AclNode, NatRuleNode } from '../../src/ast/types.js';
import type { Device } from '../../src/model/types.js';
import { type Cube, cubeKey, isAnyCube, isIpv6Cube } from '../../src/flow/cube.js';
import { freeName } from './similar-names.js';
import type { Box } from '../../src/flow/flow.js';
import { formatIpv4, isContiguousMask } from '../../src/flow/ipv4.js';
import { isAllPorts } from '../../src/flow/ports.js';
import type { ChangeEdit, ChangeSpec } from '../types.js';

/**
 * Exemptions from source NAT, as changes: a `no-nat` rule of the nat-policy placed just above the
 * translating rule (USG), or a `deny` rule in the ACL of an AR `nat outbound` numbered below its
 * first permit. Both match exactly the given flow (IPv4 prefixes, every protocol) and nothing else,
 * so only the translated part of the protected flow changes its fate. Undefined when the flow is
 * not one rule's worth (sources × destinations of IPv4 prefixes, every protocol). With
 * `anyProtocol`, the flow's protocols and ports are dropped: the change exempts every packet
 * between its addresses (a wider change, offered as a suggestion only).
 */

/** The flow as sources × destinations of IPv4 prefixes (null = any), every protocol; undefined otherwise. */
function asAddressProduct(boxes: readonly Box[], anyProtocol = false): { sources: (Cube | null)[]; destinations: (Cube | null)[] } | undefined {
  const sources = new Map<string, Cube | null>();
  const destinations = new Map<string, Cube | null>();
  const combos = new Set<string>();
  for (const box of boxes) {
    if (!anyProtocol && (box.protocol !== null || box.exceptProtocols || !isAllPorts(box.srcPorts) || !isAllPorts(box.dstPorts))) return undefined;
    for (const cube of [box.src, box.dst]) if (isIpv6Cube(cube) || !isContiguousMask(cube.care)) return undefined;
    sources.set(cubeKey(box.src), isAnyCube(box.src) ? null : box.src);
    destinations.set(cubeKey(box.dst), isAnyCube(box.dst) ? null : box.dst);
    combos.add(`${cubeKey(box.src)}|${cubeKey(box.dst)}`);
  }
  if (combos.size === 0 || combos.size !== sources.size * destinations.size) return undefined;
  if (sources.size > 1 && [...sources.values()].includes(null)) return undefined;
  if (destinations.size > 1 && [...destinations.values()].includes(null)) return undefined;
  return { sources: [...sources.values()], destinations: [...destinations.values()] };
}

/** The `nat-policy` header line above the first rule (1-based), found in the text. */
function natPolicyLine(device: Device, first: NatRuleNode): number | undefined {
  const lines = device.text.split('\n');
  for (let line = first.range.line - 1; line >= 1; line--) if (lines[line - 1].trim() === 'nat-policy') return line;
  return undefined;
}

/**
 * A `no-nat` rule named `name` (made unique) for `boxes`, with the zones and egress interfaces of
 * `translating`, inserted just above it: in the text after the rule before it (or first in the
 * view), on the device created at the end of the list and `rule move`d before the translating rule.
 */
export function noNatRuleChange(device: Device, translating: NatRuleNode, boxes: readonly Box[], name: string, anyProtocol = false): ChangeSpec | undefined {
  if (translating.legacy) return undefined;
  const product = asAddressProduct(boxes, anyProtocol);
  if (!product) return undefined;
  const rules = device.ast.natRules.filter((r) => !r.legacy).sort((a, b) => a.range.line - b.range.line);
  const index = rules.indexOf(translating);
  if (index < 0) return undefined;
  const newName = freeName(new Set(rules.map((r) => r.name.value.toLowerCase())), name);
  const mask = (cube: Cube): string => `${formatIpv4(cube.value)} mask ${formatIpv4(cube.care)}`;
  const lines = [
    `rule name ${newName}`,
    ...translating.sourceZones.map((z) => ` source-zone ${z.value}`),
    ...translating.destinationZones.map((z) => ` destination-zone ${z.value}`),
    ...translating.egressInterfaces.map((i) => ` egress-interface ${i.value}`),
    ...product.sources.filter((s): s is Cube => s !== null).map((s) => ` source-address ${mask(s)}`),
    ...product.destinations.filter((d): d is Cube => d !== null).map((d) => ` destination-address ${mask(d)}`),
    ' action no-nat',
  ];
  const commands = [`rule move ${newName} before ${translating.name.value}`];
  const previous = rules[index - 1];
  let edit: ChangeEdit;
  if (previous) edit = { kind: 'insert', line: previous.range.line, lines, commands };
  else {
    const header = natPolicyLine(device, translating);
    if (header === undefined) return undefined;
    edit = { kind: 'insert', line: header, into: true, lines, commands };
  }
  return { applicability: 'safe', edits: [edit] };
}

/**
 * `rule N deny ip source … destination …` lines in the advanced ACL of a `nat outbound`, numbered
 * just below the ACL's first permit rule (ACL rules match in number order). Undefined for a basic
 * ACL (it cannot name the destination), when no free numbers lie below the permit, or when the flow
 * is not one rule's worth per source/destination pair.
 */
export function natAclDenyChange(acl: AclNode, boxes: readonly Box[], anyProtocol = false): ChangeSpec | undefined {
  if (acl.type !== 'advanced') return undefined;
  const product = asAddressProduct(boxes, anyProtocol);
  if (!product) return undefined;
  const permits = acl.rules.filter((r) => r.action.value === 'permit').sort((a, b) => a.id.value - b.id.value);
  const firstPermit = permits[0];
  if (!firstPermit) return undefined;
  const taken = new Set(acl.rules.map((r) => r.id.value));
  const wildcard = (cube: Cube | null, word: string): string => (cube ? ` ${word} ${formatIpv4(cube.value)} ${formatIpv4(~cube.care >>> 0)}` : '');
  const pairs = product.sources.flatMap((s) => product.destinations.map((d) => [s, d] as const));
  const free: number[] = [];
  for (let id = firstPermit.id.value - 1; id >= 0 && free.length < pairs.length; id--) if (!taken.has(id)) free.unshift(id);
  if (free.length < pairs.length) return undefined;
  const lines = pairs.map(([s, d], i) => `rule ${free[i]} deny ip${wildcard(s, 'source')}${wildcard(d, 'destination')}`);
  // Text: above the first permit (after the rule before it, or first in the ACL view).
  const before = acl.rules.filter((r) => r.range.line < firstPermit.range.line).at(-1);
  const edit: ChangeEdit = before ? { kind: 'insert', line: before.range.line, lines } : { kind: 'insert', line: acl.range.line, into: true, lines };
  return { applicability: 'safe', edits: [edit] };
}
