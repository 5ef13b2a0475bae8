import type { AclNode, AclRuleNode } from '../src/ast/types.js';
import type { Device, PolicyEntry } from '../src/model/types.js';
import { formatAddress } from '../src/flow/address.js';
import { BoxIndex } from '../src/flow/box-index.js';
import type { FlowSet } from '../src/flow/flow.js';
import { singleTargetAddress } from '../src/model/remote-target.js';
import { tunnelsOfEntry } from '../src/network/entry-tunnels.js';
import { canStartNegotiation } from '../src/network/initiators.js';
import type { Network } from '../src/network/types.js';
import { narrowedRules, narrowingEdits } from './_lib/acl-narrowing.js';
import { NO_OPTIONS } from './_lib/options.js';
import type { DeviceRule, DeviceRuleContext, RelatedLocation, Report } from './types.js';

/**
 * One flow an SA of this device protects: a permit rule of one of its own security ACLs (source =
 * this device's side), or, for a template policy, a permit rule of a spoke negotiating with it,
 * mirrored into this device's orientation (the template's SAs carry what the spokes propose).
 */
interface Flow {
  /** What the SA protects, in this device's orientation. */
  flows: FlowSet;
  /** The rule's own flows as its owner writes them (the spoke's orientation for a spoke's rule). */
  own: FlowSet;
  /** The device whose file holds the rule: this one, or the spoke. */
  owner: Device;
  rule: AclRuleNode;
  acl: AclNode;
  /** The policy entry of `owner` the rule belongs to. */
  entry: PolicyEntry;
  /** For a spoke's flow: the template entry of this device it negotiates with. */
  template?: PolicyEntry;
  /** Who the SA is with: `device:N` (HRP pairs as one) or `address:A`; never empty. */
  peers: ReadonlySet<string>;
  /** The peers, as a message names them. */
  peerLabel: string;
  /** Some peer is a device of the run (not only an address). */
  peerKnown: boolean;
  /** Both ends of the comparison can start the negotiation from this device. */
  initiates: boolean;
  /** Report order: this device's rules first by line, then spokes' by device and line. */
  order: [number, number, number];
}

type Relation = 'equal' | 'covers' | 'overlaps';

interface Verdict {
  reported: Flow;
  other: Flow;
  relation: Relation;
  overlap: FlowSet;
  /** Further flows towards other peers the reported one overlaps (beyond `other`). */
  more: number;
}

/** Compatible candidates compared per flow; past it the flow's further overlaps are not looked for. */
const MAX_CANDIDATES = 256;

function peerKeyOf(device: Device, hrp: ReadonlyMap<Device, string>): string {
  return hrp.get(device) ?? `device:${device.index}`;
}

/** Whom an entry of `device` negotiates with: the devices owning its remote addresses (else the addresses) and its tunnels' other ends. */
interface Peers {
  keys: Set<string>;
  label: string;
  /** Some peer is a device of the run. */
  known: boolean;
}

function peersOf(network: Network, device: Device, entry: PolicyEntry, hrp: ReadonlyMap<Device, string>): Peers | undefined {
  const keys = new Set<string>();
  const names: string[] = [];
  let known = false;
  for (const target of entry.remoteTargets) {
    const address = singleTargetAddress(target);
    // An address range answers for whoever connects from it: the peer is not known.
    if (address === undefined) return undefined;
    const owners = network.owners(address).filter((owner) => owner.device !== device);
    if (owners.length === 0) {
      keys.add(`address:${address}`);
      names.push(formatAddress(address));
    }
    for (const owner of owners) {
      keys.add(peerKeyOf(owner.device, hrp));
      names.push(owner.device.name);
      known = true;
    }
  }
  for (const tunnel of tunnelsOfEntry(network, entry)) {
    for (const end of tunnel.ends) {
      if (end.device === device) continue;
      keys.add(peerKeyOf(end.device, hrp));
      names.push(end.device.name);
      known = true;
    }
  }
  if (keys.size === 0) return undefined;
  const unique = [...new Set(names)];
  return { keys, label: unique.length > 2 ? `${unique.slice(0, 2).join(', ')} and ${unique.length - 2} more` : unique.join(' and '), known };
}

function disjoint(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  for (const key of a) if (b.has(key)) return false;
  return true;
}

function before(a: Flow, b: Flow): boolean {
  for (let i = 0; i < 3; i++) if (a.order[i] !== b.order[i]) return a.order[i] < b.order[i];
  return false;
}

function policyName(entry: PolicyEntry): string {
  return `${entry.group} ${entry.seq}`;
}

function ruleName(flow: Flow): string {
  return `rule ${flow.rule.id.value} of ACL "${flow.acl.key.value}"`;
}

/** Which of two overlapping flows is reported: the wider one, else the later one. */
function judge(a: Flow, b: Flow): Omit<Verdict, 'more'> {
  const overlap = a.flows.intersect(b.flows);
  const aHolds = a.flows.contains(b.flows);
  const bHolds = b.flows.contains(a.flows);
  const [earlier, later] = before(a, b) ? [a, b] : [b, a];
  if (aHolds && bHolds) return { reported: later, other: earlier, relation: 'equal', overlap };
  if (aHolds) return { reported: a, other: b, relation: 'covers', overlap };
  if (bHolds) return { reported: b, other: a, relation: 'covers', overlap };
  return { reported: later, other: earlier, relation: 'overlaps', overlap };
}

const RELATION_TEXT: Record<Relation, string> = {
  equal: 'protects the same flows as',
  covers: 'covers',
  overlaps: 'overlaps',
};

interface Collected {
  flows: Flow[];
  /** Later entries using an ACL an entry of another policy group already uses. */
  sharedAcls: { entry: PolicyEntry; first: PolicyEntry; peers: Peers; firstPeers: Peers }[];
}

function collect(context: DeviceRuleContext, hrp: ReadonlyMap<Device, string>): Collected {
  const { device, network } = context;
  const flows: Flow[] = [];
  const sharedAcls: Collected['sharedAcls'] = [];
  const firstByAcl = new Map<AclNode, { entry: PolicyEntry; peers: Peers }>();
  const active = device.entries.filter((entry) => !entry.disabled && entry.role !== 'profile' && entry.interfaces.length > 0);
  // One applied ISAKMP or manual entry has no other tunnel to overlap: an unreadable ACL there is not worth a note.
  const alone = active.length === 1 && active[0]!.role !== 'template';
  for (const entry of active) {
    if (entry.role === 'template') {
      collectSpokes(context, entry, hrp, flows);
      continue;
    }
    if (!entry.acl) continue;
    const peers = peersOf(network, device, entry, hrp);
    if (!peers) continue;
    if (!entry.flowsExact) {
      if (!alone) context.note(device.file, `not checked for flows overlapping other tunnels: IPSec policy "${policyName(entry)}" uses an ACL the model cannot read exactly`);
      continue;
    }
    const first = firstByAcl.get(entry.acl);
    if (first) {
      // The same ACL again: its flows are the first entry's; towards another peer it is reported once, at this "security acl" line.
      if (first.entry.group !== entry.group) sharedAcls.push({ entry, first: first.entry, peers, firstPeers: first.peers });
      continue;
    }
    firstByAcl.set(entry.acl, { entry, peers });
    const initiates = canStartNegotiation(entry) && entry.remoteTargets.length > 0;
    for (const ruleFlow of entry.ruleFlows) {
      if (ruleFlow.effective.isEmpty()) continue;
      flows.push({
        flows: ruleFlow.effective,
        own: ruleFlow.flows,
        owner: device,
        rule: ruleFlow.rule,
        acl: entry.acl,
        entry,
        peers: peers.keys,
        peerLabel: peers.label,
        peerKnown: peers.known,
        initiates,
        order: [0, 0, ruleFlow.rule.range.line],
      });
    }
  }
  return { flows, sharedAcls };
}

/** The flows the spokes of a template policy negotiate, mirrored into this device's orientation (each spoke once). */
function collectSpokes(context: DeviceRuleContext, template: PolicyEntry, hrp: ReadonlyMap<Device, string>, flows: Flow[]): void {
  const { device, network } = context;
  const bound = template.acl && template.flowsExact ? template.protectedFlows : undefined;
  const seen = new Set<PolicyEntry>();
  for (const tunnel of tunnelsOfEntry(network, template)) {
    const spoke = tunnel.ends.find((end) => end.device !== device);
    if (!spoke || seen.has(spoke.entry)) continue;
    seen.add(spoke.entry);
    const entry = spoke.entry;
    if (spoke.role === 'responder' || !canStartNegotiation(entry) || !entry.acl) continue;
    if (!entry.flowsExact) {
      context.note(device.file, `not checked for flows overlapping other spokes of template policy "${policyName(template)}": ${spoke.device.name} uses an ACL the model cannot read exactly`);
      continue;
    }
    const key = peerKeyOf(spoke.device, hrp);
    for (const ruleFlow of entry.ruleFlows) {
      if (ruleFlow.effective.isEmpty()) continue;
      const mirrored = ruleFlow.effective.mirror();
      // A template with an ACL narrows what it accepts to it (an initiator's flow outside it is security-acl-mismatch's).
      const accepted = bound ? mirrored.intersect(bound) : mirrored;
      if (accepted.isEmpty()) continue;
      flows.push({
        flows: accepted,
        own: ruleFlow.flows,
        owner: spoke.device,
        rule: ruleFlow.rule,
        acl: entry.acl,
        entry,
        template,
        peers: new Set([key]),
        peerLabel: spoke.device.name,
        peerKnown: true,
        initiates: false,
        order: [1, spoke.device.index, ruleFlow.rule.range.line],
      });
    }
  }
}

/** Whether two flows are a pair this rule judges (not one tunnel, not one policy group's first-match order, not one peer). */
function comparable(a: Flow, b: Flow): boolean {
  if (a.entry === b.entry && a.template === b.template) return false;
  if (!disjoint(a.peers, b.peers)) return false;
  const groupA = (a.template ?? a.entry).group;
  const groupB = (b.template ?? b.entry).group;
  if (groupA === groupB) {
    // Two of this device's ACLs in one group: acl-overlap-in-policy-group's. A spoke's flow against a
    // sequence of the template's own group is too when the template has an ACL (it is compared there).
    if (!a.template && !b.template) return false;
    if (!a.template || !b.template) {
      const template = (a.template ?? b.template)!;
      if (template.acl) return false;
    }
  }
  return true;
}

/** Both flows are of ACLs written on this device with identical protected flows, towards addresses no device of the run owns. */
function maybeOnePeer(a: Flow, b: Flow): boolean {
  if (a.peerKnown || b.peerKnown) return false;
  return a.entry.protectedFlows.equals(b.entry.protectedFlows);
}

function findVerdicts(context: DeviceRuleContext, flows: Flow[]): Verdict[] {
  const index = new BoxIndex<number>();
  flows.forEach((flow, i) => {
    for (const box of flow.flows.boxes) index.insert(box, i);
  });
  const verdicts = new Map<Flow, Verdict>();
  const stamp = new Int32Array(flows.length).fill(-1);
  const unsure: Flow[] = [];
  let capped = 0;
  flows.forEach((flow, i) => {
    let compared = 0;
    for (const box of flow.flows.boxes) {
      if (compared >= MAX_CANDIDATES) break;
      index.query(box, ({ payload: j }) => {
        // Each pair once, from its first flow.
        if (j <= i || stamp[j] === i) return true;
        stamp[j] = i;
        const other = flows[j];
        if (!comparable(flow, other)) return true;
        if (maybeOnePeer(flow, other)) {
          unsure.push(flow);
          return true;
        }
        compared++;
        const verdict = judge(flow, other);
        const held = verdicts.get(verdict.reported);
        if (held) held.more++;
        else verdicts.set(verdict.reported, { ...verdict, more: 0 });
        return compared < MAX_CANDIDATES;
      });
    }
    if (compared >= MAX_CANDIDATES) capped++;
  });
  if (capped > 0) {
    context.note(
      context.device.file,
      `${capped} protected flow${capped === 1 ? '' : 's'} overlap more than ${MAX_CANDIDATES} flows towards other peers each; only the first ${MAX_CANDIDATES} were compared`,
    );
  }
  const entries = [...new Set(unsure.map((flow) => flow.entry))];
  if (entries.length > 0) {
    const named = entries.slice(0, 3).map((entry) => `"${policyName(entry)}"`).join(', ');
    context.note(
      context.device.file,
      `not checked: IPSec policies ${named}${entries.length > 3 ? ` and ${entries.length - 3} more` : ''} protect identical flows towards different addresses that no device of this run owns; they may be one peer reached over two links`,
    );
  }
  return [...verdicts.values()];
}

function locationOf(flow: Flow): string {
  return flow.template
    ? `${flow.owner.name}, negotiated with template policy "${policyName(flow.template)}"`
    : `IPSec policy "${policyName(flow.entry)}" towards ${flow.peerLabel}`;
}

function relatedOf(verdict: Verdict, hub: Device): RelatedLocation[] {
  const { other, reported } = verdict;
  const related: RelatedLocation[] = [
    { file: other.owner.file, range: other.rule.range, message: `${ruleName(other)} (${locationOf(other)}) protects ${other.flows.describe(2)}` },
  ];
  // A spoke's finding also points at the hub's template policy both SAs belong to.
  const template = reported.template ?? other.template;
  if (template && reported.owner !== hub) {
    related.push({ file: hub.file, range: template.node.range, message: `template policy "${policyName(template)}" of ${hub.name} holds the SAs of both` });
  }
  return related;
}

/** The reported rule rewritten as the rules that protect its flows minus the other flow's (rules/_lib/acl-narrowing.ts). */
function narrowed(verdict: Verdict): string[] | undefined {
  const { reported, other } = verdict;
  const otherHere = reported.template ? other.flows.mirror() : other.flows;
  return narrowedRules(reported.owner, reported.acl, reported.rule, reported.own, otherHere);
}

/**
 * Flows equal to the other's: delete the rule (both cannot be right). Wider or overlapping: the
 * rule narrowed to its flows minus the other's, when that can be written as a few plain rules.
 * Either way the mirrored rule on the peer follows, so both are unsafe suggestions.
 */
function suggestionsOf(verdict: Verdict): Pick<Report, 'suggestions'> {
  const { reported, other } = verdict;
  const towards = reported.template ? 'the hub' : reported.peerLabel;
  const line = reported.rule.range.line;
  if (verdict.relation === 'equal') {
    return {
      suggestions: [
        {
          desc: `Delete ${ruleName(reported)} ("undo rule ${reported.rule.id.value}"), keeping these flows on the tunnel of ${ruleName(other)}; remove the mirrored rule on ${towards} too`,
          change: { applicability: 'unsafe', edits: [{ kind: 'delete', line, undo: `undo rule ${reported.rule.id.value}` }] },
        },
      ],
    };
  }
  const rules = narrowed(verdict);
  if (!rules) return {};
  const edits = narrowingEdits(reported.rule, rules);
  return {
    suggestions: [
      {
        desc: `Narrow ${ruleName(reported)} to its flows without those of ${ruleName(other)} (${rules.length} rule${rules.length === 1 ? '' : 's'}); mirror the change on ${towards}`,
        change: { applicability: 'unsafe', edits },
      },
    ],
  };
}

function report(context: DeviceRuleContext, verdict: Verdict): void {
  const { device } = context;
  const { reported, other, relation, overlap, more } = verdict;
  const spokes = reported.template !== undefined && other.template !== undefined;
  const mixed = !spokes && (reported.template !== undefined || other.template !== undefined);
  const messageId = spokes ? 'templateSpokes' : mixed ? 'spokeAndPolicy' : 'acrossPolicies';
  const initiates = reported.initiates && other.initiates;
  context.report({
    file: reported.owner.file,
    range: reported.rule.range,
    objectPath: reported.rule.path,
    messageId,
    severity: initiates ? 'error' : 'warning',
    data: {
      rule: String(reported.rule.id.value),
      acl: reported.acl.key.value,
      where: locationOf(reported),
      relation: RELATION_TEXT[relation],
      other: ruleName(other),
      otherWhere: locationOf(other),
      otherDevice: other.owner.name,
      hub: device.name,
      overlap: overlap.describe(2),
      more: more > 0 ? ` (and the flows of ${more} more tunnel${more === 1 ? '' : 's'})` : '',
    },
    related: relatedOf(verdict, device),
    ...suggestionsOf(verdict),
  });
}

function reportSharedAcls(context: DeviceRuleContext, collected: Collected): void {
  for (const { entry, first, peers, firstPeers } of collected.sharedAcls) {
    if (!disjoint(peers.keys, firstPeers.keys)) continue;
    // Towards two addresses no device of the run owns, one ACL may well be one peer reached over two links.
    if (!peers.known && !firstPeers.known) {
      context.note(context.device.file, `not checked: IPSec policies "${policyName(first)}" and "${policyName(entry)}" use ACL "${entry.acl?.key.value ?? ''}" towards different addresses that no device of this run owns; they may be one peer reached over two links`);
      continue;
    }
    const line = entry.settingsNode.acl;
    const firstLine = first.settingsNode.acl;
    if (!line || !firstLine) continue;
    const initiates = [entry, first].every((e) => canStartNegotiation(e) && e.remoteTargets.length > 0);
    context.report({
      range: line.range,
      objectPath: `${entry.settingsNode.path}/security-acl`,
      messageId: 'sameAcl',
      severity: initiates ? 'error' : 'warning',
      data: { policy: policyName(entry), peer: peers.label, acl: line.value, otherPolicy: policyName(first), otherPeer: firstPeers.label, overlap: first.protectedFlows.describe(2) },
      related: [{ file: context.device.file, range: firstLine.range, message: `IPSec policy "${policyName(first)}" towards ${firstPeers.label} uses ACL "${firstLine.value}" too` }],
    });
  }
}

const rule: DeviceRule = {
  meta: {
    id: 'flow-overlap-across-tunnels',
    description: 'Flows protected towards different peers overlap (across policy groups, interfaces, or the spokes of one template), so one SA replaces or blocks another',
    scope: 'device',
    relatesOtherDevices: true,
    defaultSeverity: 'error',
    presets: ['recommended', 'strict'],
    tags: ['acl', 'flows', 'phase2', 'hub-and-spoke'],
    breaks: 'ipsec',
    messages: {
      acrossPolicies:
        'Rule "{{rule}}" of ACL "{{acl}}" ({{where}}) {{relation}} {{other}} ({{otherWhere}}) on {{overlap}}{{more}}: SAs towards different peers must not protect the same traffic, so the SA negotiated for one is refused ("flow confict") or replaces the other ("kick old sa with same flow"), and that traffic goes to the wrong peer. Make the security ACLs of tunnels to different peers disjoint.',
      templateSpokes:
        'Rule "{{rule}}" of ACL "{{acl}}" {{relation}} the flows {{otherDevice}} protects ({{other}}) through the same template policy of {{hub}}, on {{overlap}} as the hub sees them{{more}}: the hub holds one SA per spoke, and the SA one spoke negotiates for that traffic is refused ("flow confict") or replaces the other\'s ("kick old sa with same flow"). Narrow this ACL to the subnets behind this site.',
      spokeAndPolicy:
        'Rule "{{rule}}" of ACL "{{acl}}" ({{where}}) {{relation}} {{other}} ({{otherWhere}}) on {{overlap}} as {{hub}} sees them{{more}}: the hub\'s SAs towards different peers must not protect the same traffic, so one is refused ("flow confict") or replaces the other ("kick old sa with same flow"). Make the two ACLs disjoint.',
      sameAcl:
        'IPSec policy "{{policy}}" towards {{peer}} uses security ACL "{{acl}}" like IPSec policy "{{otherPolicy}}" towards {{otherPeer}}: both protect {{overlap}}, so the SA negotiated for one is refused ("flow confict") or replaces the other ("kick old sa with same flow"). Give each policy an ACL of the flows behind its own peer.',
    },
    hasSuggestions: true,
    optionsSchema: NO_OPTIONS,
    reasons: ['flow confict', 'flow overlap', 'kick old sa with same flow'],
    since: '0.1.0',
  },
  check(context) {
    const { device, network } = context;
    if (!device.entries.some((entry) => entry.role !== 'profile')) return;
    const hrp = new Map<Device, string>();
    for (const pair of network.hrpPairs) for (const member of pair.members) hrp.set(member, `hrp:${pair.active.index}`);
    const collected = collect(context, hrp);
    reportSharedAcls(context, collected);
    const { flows } = collected;
    if (flows.length < 2) return;
    // One policy group and no template: every pair is acl-overlap-in-policy-group's (the benchmark hub).
    const groups = new Set(flows.map((flow) => (flow.template ?? flow.entry).group));
    if (groups.size < 2 && !flows.some((flow) => flow.template)) return;
    for (const verdict of findVerdicts(context, flows)) report(context, verdict);
  },
};

export default rule;
