import type { Range } from '../src/text/range.js';
import { FlowSet, formatIpv4, hostCube, makeBox, type Box } from '../src/flow/index.js';
import type { PolicyEntry } from '../src/model/types.js';
import type { ChangeSpec, DeviceRule, DeviceRuleContext, Report } from './types.js';
import { nextRuleId, ruleText, type RuleLine } from './_lib/acl-rule-lines.js';
import { byFile } from '../src/network/identity.js';
import { NO_OPTIONS } from './_lib/options.js';

const L2TP_PORT = 1701;
const UDP = 17;

const rule: DeviceRule = {
  meta: {
    id: 'l2tp-over-ipsec-acl-mismatch',
    description: "In L2TP over IPSec, the security ACL does not protect the L2TP tunnel's own addresses",
    scope: 'device',
    relatesOtherDevices: true,
    defaultSeverity: 'error',
    presets: ['recommended'],
    tags: ['ipsec', 'l2tp', 'acl'],
    breaks: 'ipsec',
    messages: {
      lac:
        'L2TP runs over IPSec to LNS {{lns}}, but security ACL "{{acl}}" protects {{protected}} instead of the L2TP packets from {{local}} to {{lns}} (UDP 1701); after L2TP encapsulation the packets carry the tunnel addresses, so IKE fails with "flow mismatch". Permit "udp source {{local}} 0 destination {{lns}} 0" (or ip between the two tunnel addresses).',
      lns:
        'This device terminates L2TP over IPSec, but security ACL "{{acl}}" protects {{protected}} instead of the L2TP packets sent from {{local}} (UDP 1701); after L2TP encapsulation the packets carry the tunnel addresses, so IKE fails with "flow mismatch". Make the ACL source {{local}}, or remove the ACL from the template so it accepts the initiator\'s flow.',
    },
    fixable: true,
    optionsSchema: NO_OPTIONS,
    reasons: ['flow mismatch'],
    since: '0.1.0',
  },
  check(context: DeviceRuleContext) {
    const device = context.device;
    const groups = device.ast.l2tpGroups;
    if (groups.length === 0) return;
    const lnsLines = groups.flatMap((group) => group.lnsAddresses);
    const isLns = groups.some((group) => group.virtualTemplate);
    for (const entry of device.entries) {
      const acl = entry.acl;
      const aclLine = entry.settingsNode.acl;
      const local = entry.localAddress.value;
      // L2TP (lns-ip, the LAC's tunnel addresses) is IPv4 in VRP; an IPv6 tunnel carries no L2TP here
      if (!acl || !aclLine || local.source === 'unknown' || typeof local.value !== 'number' || !entry.flowsExact) continue;
      const data = { acl: acl.key.value, protected: entry.protectedFlows.describe(), local: formatIpv4(local.value) };
      const lnsLine = lnsLines.find((lns) => entry.remoteTargets.some((target) => target.address === lns.value));
      if (lnsLine) {
        if (entry.protectedFlows.containsBox(l2tpBox(local.value, lnsLine.value))) continue;
        context.report({
          range: aclLine.range,
          messageId: 'lac',
          data: { ...data, lns: formatIpv4(lnsLine.value) },
          objectPath: `${entry.id}/security-acl`,
          related: [{ file: device.file, range: lnsLine.range, message: 'The L2TP tunnel to the LNS is configured here.' }],
          ...l2tpRuleFix(device.entries, entry, { source: local.value, destination: lnsLine.value, destinationPort: true }),
        });
        continue;
      }
      if (!isLns) continue;
      const lac = entry.role === 'template' ? undefined : lacBehind(context, entry.remoteTargets, local.value);
      if (entry.role !== 'template' && !lac) continue;
      const expected = l2tpBox(local.value, undefined, lac?.address);
      if (entry.protectedFlows.overlaps(FlowSet.of(expected))) continue;
      context.report({
        range: aclLine.range,
        messageId: 'lns',
        data,
        objectPath: `${entry.id}/security-acl`,
        related: lac ? [{ file: lac.file, range: lac.range, message: 'The LAC starts its L2TP tunnel to this device here.' }] : [],
        ...l2tpRuleFix(device.entries, entry, { source: local.value, destination: lac?.address, destinationPort: false }),
      });
    }
  },
};

/**
 * The safe fix: the ACL gains the rule protecting the L2TP packets, numbered after its last rule
 * and written last in its view, every rule already there kept (the flows they protect still
 * are). On a LAC `udp source <local> 0 destination <LNS> 0 destination-port eq 1701`, on an LNS
 * the mirror, `udp source <local> 0 source-port eq 1701` towards the LAC when the run shows it
 * (a template without it then includes every LAC's flow). None when the ACL is not an advanced
 * one, holds a deny rule (it could match first and leave the new rule without effect), or also
 * serves another policy, which would start protecting these packets too.
 */
function l2tpRuleFix(
  entries: readonly PolicyEntry[],
  entry: PolicyEntry,
  packets: { source: number; destination?: number; destinationPort: boolean },
): Pick<Report, 'fix'> {
  const acl = entry.acl;
  if (!acl || acl.type !== 'advanced' || acl.rules.some((r) => r.action.value === 'deny')) return {};
  if (entries.some((other) => other !== entry && other.acl === acl)) return {};
  const port = { op: 'eq' as const, first: L2TP_PORT, last: L2TP_PORT, range: acl.range };
  const host = (address: number) => ({ address, wildcard: 0 });
  const line: RuleLine = {
    id: nextRuleId(acl),
    action: 'permit',
    protocol: UDP,
    source: host(packets.source),
    destination: packets.destination === undefined ? undefined : host(packets.destination),
    ...(packets.destinationPort ? { destinationPort: port } : { sourcePort: port }),
  };
  const text = ruleText(line);
  if (text === undefined) return {};
  const fix: ChangeSpec = { applicability: 'safe', edits: [{ kind: 'insert', line: acl.range.line, into: true, end: true, lines: [text] }] };
  return { fix };
}

/** A device of the run that starts L2TP towards `local` and owns one of the entry's remote targets. */
function lacBehind(
  context: DeviceRuleContext,
  targets: readonly { address: number | string }[],
  local: number,
): { address: number; file: string; range: Range } | undefined {
  // by path, as duplicate-device keeps the first copy: the answer never depends on the order files were named in
  for (const other of [...context.network.devices].sort(byFile)) {
    if (other === context.device) continue;
    const line = other.ast.l2tpGroups.flatMap((group) => group.lnsAddresses).find((lns) => lns.value === local);
    if (!line) continue;
    const target = targets.find((t) => other.ownerFacts(t.address).length > 0);
    if (target && typeof target.address === 'number') return { address: target.address, file: other.file, range: line.range };
  }
  return undefined;
}

/**
 * L2TP packets of this tunnel end: from a LAC to the LNS's UDP 1701, or from an LNS's UDP 1701
 * (to the LAC when it is known).
 */
function l2tpBox(local: number, lns?: number, lac?: number): Box {
  if (lns !== undefined) {
    return makeBox({ src: hostCube(local), dst: hostCube(lns), protocol: UDP, dstPorts: [L2TP_PORT, L2TP_PORT] });
  }
  return makeBox({
    src: hostCube(local),
    dst: lac === undefined ? undefined : hostCube(lac),
    protocol: UDP,
    srcPorts: [L2TP_PORT, L2TP_PORT],
  });
}

export default rule;
