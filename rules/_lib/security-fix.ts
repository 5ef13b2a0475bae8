import type { NodeBase, SecurityRuleNode } from '../../src/ast/types.js';
import type { Device } from '../../src/model/types.js';
import { type Cube, cubeKey, isAnyCube, isIpv6Cube } from '../../src/flow/cube.js';
import { freeName } from './similar-names.js';
import type { Box, FlowSet } from '../../src/flow/flow.js';
import { formatIpv4, isContiguousMask } from '../../src/flow/ipv4.js';
import { MAX_PORT } from '../../src/flow/ports.js';
import { PROTOCOL_AH, PROTOCOL_ESP, PROTOCOL_UDP } from '../../src/flow/protocol.js';
import type { ChangeEdit, ChangeSpec } from '../types.js';

/**
 * A security-policy rule permitting exactly a denied flow, as a fix: the rule inserted in the text
 * just above the rule that denies the flow (or at the end of the rule list when the default action
 * denies it); on the device it is created and, when a rule denies the flow, `rule move`d before
 * that rule, so nothing is removed and no other traffic changes its fate. Undefined when the flow
 * is not one rule's worth (its sources, destinations and services are not a product, an address is
 * not a prefix, a service is neither "any", ESP, AH nor UDP 500/4500).
 */

/** `A mask M` for an IPv4 prefix, null for any, undefined when a rule cannot write it. */
function addressText(cube: Cube): string | null | undefined {
  if (isAnyCube(cube)) return null;
  if (isIpv6Cube(cube) || !isContiguousMask(cube.care)) return undefined;
  return `${formatIpv4(cube.value)} mask ${formatIpv4(cube.care)}`;
}

/** The service of a box: '' for any, `esp` / `ah`, `udp:PORT` for one IKE/NAT-T port; undefined otherwise. */
function serviceKey(box: Box): string | undefined {
  if (box.protocol === null) return box.exceptProtocols ? undefined : '';
  if (box.protocol === PROTOCOL_ESP) return 'esp';
  if (box.protocol === PROTOCOL_AH) return 'ah';
  const allSource = box.srcPorts[0] === 0 && box.srcPorts[1] === MAX_PORT;
  if (box.protocol === PROTOCOL_UDP && allSource && box.dstPorts[0] === box.dstPorts[1] && (box.dstPorts[0] === 500 || box.dstPorts[0] === 4500)) return `udp:${box.dstPorts[0]}`;
  return undefined;
}

interface Product {
  sources: (string | null)[];
  destinations: (string | null)[];
  services: string[];
}

/** The flow as sources × destinations × services, when it is exactly that. */
function asProduct(flow: FlowSet): Product | undefined {
  const sources = new Map<string, string | null>();
  const destinations = new Map<string, string | null>();
  const services = new Set<string>();
  const combos = new Set<string>();
  for (const box of flow.boxes) {
    const src = addressText(box.src);
    const dst = addressText(box.dst);
    const service = serviceKey(box);
    if (src === undefined || dst === undefined || service === undefined) return undefined;
    sources.set(cubeKey(box.src), src);
    destinations.set(cubeKey(box.dst), dst);
    services.add(service);
    combos.add(`${cubeKey(box.src)}|${cubeKey(box.dst)}|${service}`);
  }
  if (combos.size === 0 || combos.size !== sources.size * destinations.size * services.size) return undefined;
  // "any" service next to others is "any" (a box of every protocol already covers them).
  if (services.has('') && services.size > 1) return undefined;
  return { sources: [...sources.values()], destinations: [...destinations.values()], services: [...services] };
}

/** An existing service-set matching exactly UDP to these destination ports (any source port), if any. */
function existingUdpSet(device: Device, ports: readonly number[]): string | undefined {
  const wanted = [...ports].sort((a, b) => a - b).join(',');
  for (const set of device.ast.serviceSets) {
    const services = device.expandService(set.name.value);
    if (!services || services.length === 0) continue;
    const exact = services.every(
      (s) => s.protocol === PROTOCOL_UDP && (!s.sourcePorts || (s.sourcePorts[0] === 0 && s.sourcePorts[1] === MAX_PORT)) && s.destinationPorts !== undefined && s.destinationPorts[0] === s.destinationPorts[1],
    );
    if (!exact) continue;
    const got = [...new Set(services.map((s) => s.destinationPorts?.[0] ?? -1))].sort((a, b) => a - b).join(',');
    if (got === wanted) return set.name.value;
  }
  return undefined;
}

/** The top-level node a new `ip service-set` goes after: the last service-set, address-set, zone or interface. */
function serviceSetAnchor(device: Device): NodeBase | undefined {
  const { ast } = device;
  return ast.serviceSets.at(-1) ?? ast.addressSets.at(-1) ?? ast.zones.at(-1) ?? ast.interfaces.at(-1);
}

export interface PermitRequest {
  flow: FlowSet;
  from: string;
  to: string;
  /** The rule that denies the flow; undefined when the default action does. */
  deny: SecurityRuleNode | undefined;
  /** Name of the new rule (made unique). */
  name: string;
}

export function securityPermitFix(device: Device, request: PermitRequest): ChangeSpec | undefined {
  const policy = device.ast.securityPolicy;
  if (!policy) return undefined;
  const product = asProduct(request.flow);
  if (!product) return undefined;
  const edits: ChangeEdit[] = [];
  const serviceNames: string[] = [];
  const udpPorts = product.services.filter((s) => s.startsWith('udp:')).map((s) => Number(s.slice(4)));
  for (const service of product.services) if (service === 'esp' || service === 'ah') serviceNames.push(service);
  if (udpPorts.length > 0) {
    let set = existingUdpSet(device, udpPorts);
    if (!set) {
      const anchor = serviceSetAnchor(device);
      if (!anchor) return undefined;
      const sorted = [...udpPorts].sort((a, b) => a - b);
      const base = sorted.join(',') === '500' ? 'ipsec-ike' : sorted.join(',') === '4500' ? 'ipsec-natt' : 'ipsec-ike-natt';
      set = freeName(new Set(device.ast.serviceSets.map((s) => s.name.value.toLowerCase())), base);
      edits.push({
        kind: 'insert',
        line: anchor.range.line,
        // The display form of a member (the device shows the default source-port range).
        lines: [`ip service-set ${set} type object`, ...sorted.map((port, i) => ` service ${i} protocol udp source-port 0 to ${MAX_PORT} destination-port ${port}`)],
      });
    }
    serviceNames.unshift(set);
  }
  const name = freeName(new Set(policy.rules.map((r) => r.name.value.toLowerCase())), request.name);
  // A rule without addresses also matches IPv6: IPv4 "any" on both sides is written out.
  const sources = product.sources.every((s) => s === null) && product.destinations.every((d) => d === null) ? ['0.0.0.0 mask 0.0.0.0'] : product.sources;
  const lines = [
    `rule name ${name}`,
    ` source-zone ${request.from}`,
    ` destination-zone ${request.to}`,
    ...sources.filter((s) => s !== null).map((s) => ` source-address ${s}`),
    ...product.destinations.filter((d) => d !== null).map((d) => ` destination-address ${d}`),
    ...(serviceNames.length > 0 ? [` service ${serviceNames.join(' ')}`] : []),
    ' action permit',
  ];
  const deny = request.deny;
  if (deny) {
    const index = policy.rules.indexOf(deny);
    if (index < 0) return undefined;
    const previous = policy.rules[index - 1];
    const commands = [`rule move ${name} before ${deny.name.value}`];
    edits.push(previous ? { kind: 'insert', line: previous.range.line, lines, commands } : { kind: 'insert', line: policy.range.line, into: true, lines, commands });
  } else {
    edits.push({ kind: 'insert', line: policy.range.line, into: true, end: true, lines });
  }
  // Unsafe: the new rule lets through packets the configuration drops. They are exactly the denied
  // flow (the rule sits just above the rule denying it, or at the end of the list for the default
  // action, so no other packet changes its fate), but a deny may be deliberate ("deny-guest"), and
  // the permit widens what crosses the firewall: the user confirms (`--unsafe-fixes`).
  return { applicability: 'unsafe', edits };
}
