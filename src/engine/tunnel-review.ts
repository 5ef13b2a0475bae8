import type { RuleMeta, Severity, TunnelPhase } from '../../rules/types.js';
import type { Device, PolicyEntry } from '../model/types.js';
import { formatIpv4 } from '../flow/ipv4.js';
import { tunnelsOfEntry } from '../network/entry-tunnels.js';
import { canStartNegotiation } from '../network/initiators.js';
import type { Network, Tunnel } from '../network/types.js';
import { compareStrings, type Finding } from './findings.js';
import type { FindingOrigin, LintOutcome } from './lint.js';
import type { TargetScope } from './targets.js';
import { addressesInPath, FindingLocator } from './tunnel-findings.js';
import {
  oneEndValues,
  tunnelValues,
  type EndKey,
  type EndValueKey,
  type NegotiatedKey,
  type ReviewSide,
  type ReviewValue,
  type SideValues,
} from './tunnel-values.js';

/** A tunnel's verdict; when several apply, the first of this list wins. */
export const TUNNEL_VERDICTS = ['unpaired', 'never-initiated', 'ike-fails', 'ipsec-fails', 'traffic-blocked', 'up'] as const;
export type TunnelVerdict = (typeof TUNNEL_VERDICTS)[number];

const VERDICT_OF_PHASE: Record<TunnelPhase, TunnelVerdict> = {
  initiation: 'never-initiated',
  ike: 'ike-fails',
  ipsec: 'ipsec-fails',
  traffic: 'traffic-blocked',
};

/** The phase a finding of this rule with this message stops (`RuleMeta.breaks`), if any. */
export function phaseOf(meta: RuleMeta | undefined, messageId: string | undefined): TunnelPhase | undefined {
  const breaks = meta?.breaks;
  if (breaks === undefined) return undefined;
  if (typeof breaks === 'string') return breaks;
  return messageId === undefined ? undefined : breaks[messageId];
}

/** The verdict a finding of this phase leads to, on its own. */
export function verdictOfPhase(phase: TunnelPhase): TunnelVerdict {
  return VERDICT_OF_PHASE[phase];
}

export interface ReviewFinding {
  /** Bare rule id; formats namespace it. */
  ruleId: string;
  severity: Severity;
  /** The phase it stops, or null for advice. */
  phase: TunnelPhase | null;
  /** It is one of the findings the verdict rests on. */
  decisive: boolean;
  message: string;
  file: string;
  line: number;
  column: number;
  /** `device`: only known to concern the device (a global line), not this tunnel's objects; never decisive. */
  scope: 'tunnel' | 'end' | 'device';
}

export interface ReviewEnd {
  /** Sysname, else the file. */
  device: string;
  file: string;
  /** Line of the policy entry (`ipsec policy NAME SEQ …` / `ipsec profile NAME`). */
  line: number;
  /** Object path of the entry (`ipsec-policy:map1/10`). */
  entry: string;
  /** `map1 10`, `map1 10 (template T)`, `profile P`. */
  policy: string;
  group: string;
  seq: number;
  kind: PolicyEntry['role'];
  role: 'initiator' | 'responder' | 'both';
  localAddress: ReviewValue;
  remoteAddress: ReviewValue;
  interface: ReviewValue;
  /** Every value of the end (END_VALUE_KEYS), each with the line of `file` that decides it. */
  values: Record<EndValueKey, ReviewValue>;
}

export interface TunnelReview {
  /** The network's tunnel id, or `file#entry` for a one-ended row. */
  id: string;
  verdict: TunnelVerdict;
  /** Two ends for a paired tunnel, one for an entry fwlint could not pair. */
  ends: ReviewEnd[];
  pairedBy: 'address' | 'declared' | 'none';
  negotiated: Record<NegotiatedKey, string>;
  /** What the two ends disagree on (place or value keys). */
  differences: EndKey[];
  /** Why the verdict holds when no finding says so (pairing, no end able to initiate). */
  reasons: string[];
  findings: ReviewFinding[];
}

export interface ReviewOptions {
  /** Repository mode: only tunnels with an end in a target, and one-ended rows of targets. */
  scope?: TargetScope;
}

interface Row {
  id: string;
  tunnel?: Tunnel;
  sides: ReviewSide[];
  /** One-ended rows: why pairing failed, and whether a device of the run owns the address. */
  unpaired?: { reason: string; ownerInRun: boolean };
  attached: { finding: Finding; end: number; scope: ReviewFinding['scope'] }[];
}

function policyLabel(entry: PolicyEntry): string {
  if (entry.kind === 'profile') return `profile ${entry.group}`;
  return entry.template ? `${entry.group} ${entry.seq} (template ${entry.template.name.value} ${entry.template.seq.value})` : `${entry.group} ${entry.seq}`;
}

/**
 * Whether an end can start the negotiation by itself: an applied, enabled ISAKMP policy (or
 * profile) with a remote address on the other end's device (pairing may call it a responder when
 * the other end's own address is unknown, e.g. an unapplied policy).
 */
function canStart(side: ReviewSide, other: ReviewSide | undefined, network: Network): boolean {
  if (!canStartNegotiation(side.entry) || side.entry.interfaces.length === 0) return false;
  if (side.end && side.end.role !== 'responder') return true;
  if (!other) return side.entry.remoteTargets.length > 0 && side.entry.role !== 'template';
  return side.entry.remoteTargets.some((target) => network.owners(target.address).some((owner) => owner.device === other.device));
}

function whyNotStarting(side: ReviewSide): string {
  const { entry } = side;
  if (entry.role === 'template') return 'a template policy, which only responds';
  if (entry.disabled) return 'disabled ("undo policy enable")';
  if (entry.interfaces.length === 0) return 'applied to no interface';
  if (entry.role === 'manual') return 'a manual SA';
  return 'no remote-address pointing at the other end';
}

function buildRows(network: Network, scope: TargetScope | undefined): Row[] {
  const rows: Row[] = [];
  for (const tunnel of network.tunnels) {
    if (scope && !scope.isTargetTunnel(tunnel)) continue;
    rows.push({ id: tunnel.id, tunnel, sides: tunnel.ends.map((end) => ({ device: end.device, entry: end.entry, end })), attached: [] });
  }
  const listed = new Set<PolicyEntry>();
  const deletedAddresses = new Set(scope?.deleted.flatMap((device) => device.addresses) ?? []);
  /** Repository mode: an entry of a peer is the change's business when it points at a target or at a deleted device. */
  const concernsTargets = (device: Device, entry: PolicyEntry): boolean =>
    !scope ||
    scope.targets.has(device.file) ||
    entry.remoteTargets.some((target) => deletedAddresses.has(target.address) || network.owners(target.address).some((owner) => scope.targets.has(owner.device.file)));
  const addOneEnded = (device: Device, entry: PolicyEntry, reason: string): void => {
    if (listed.has(entry) || tunnelsOfEntry(network, entry).length > 0) return;
    if (!concernsTargets(device, entry)) return;
    listed.add(entry);
    const ownerInRun = entry.remoteTargets.some((target) => network.owners(target.address).some((owner) => owner.device !== device));
    rows.push({ id: `${device.file}#${entry.id}`, sides: [{ device, entry }], unpaired: { reason, ownerInRun }, attached: [] });
  };
  for (const { device, entry, reason } of network.unpaired) addOneEnded(device, entry, reason);
  for (const device of network.devices) {
    for (const entry of device.entries) {
      const reason =
        entry.remoteTargets.length === 0
          ? `no device of this run negotiates with ${entry.role === 'template' ? 'this template policy' : 'this policy'}`
          : `no device of this run answers ${entry.remoteTargets.map((t) => formatIpv4(t.address)).join(', ')}`;
      addOneEnded(device, entry, reason);
    }
  }
  return rows;
}

/** Attaches every finding to the rows it concerns: tunnel findings by tunnel id, the others by the objects of each end. */
function attachFindings(rows: Row[], outcome: LintOutcome, network: Network): void {
  const byId = new Map(rows.map((row) => [row.id, row]));
  const byEntry = new Map<PolicyEntry, Row[]>();
  const byDevice = new Map<string, Row[]>();
  for (const row of rows) {
    for (const side of row.sides) {
      const list = byEntry.get(side.entry);
      if (list) list.push(row);
      else byEntry.set(side.entry, [row]);
      const onDevice = byDevice.get(side.device.file);
      if (!onDevice) byDevice.set(side.device.file, [row]);
      else if (onDevice[onDevice.length - 1] !== row) onDevice.push(row);
    }
  }
  const locator = new FindingLocator(network);
  const endOn = (row: Row, file: string, entries?: Set<PolicyEntry>): number => {
    const index = row.sides.findIndex((side) => side.device.file === file && (!entries || entries.has(side.entry)));
    return index >= 0 ? index : row.sides.findIndex((side) => side.device.file === file);
  };
  const origins = outcome.origins ?? new Map<Finding, FindingOrigin>();
  for (const finding of outcome.findings) {
    const tunnelIds = origins.get(finding)?.tunnelIds ?? [];
    if (tunnelIds.length > 0) {
      for (const id of tunnelIds) {
        const row = byId.get(id);
        if (row) row.attached.push({ finding, end: endOn(row, finding.file), scope: 'tunnel' });
      }
      continue;
    }
    if (!locator.device(finding.file)) continue;
    const own = locator.entriesAt(finding.file, finding.range, finding.objectPath);
    for (const related of finding.related) if (related.file === finding.file) for (const entry of locator.entriesAt(related.file, related.range)) own.add(entry);
    const ownRows = new Set<Row>([...own].flatMap((entry) => byEntry.get(entry) ?? []));
    // Related lines on other devices name the other end: keep the rows between the two devices.
    const relatedRows = new Set<Row>();
    for (const related of finding.related) {
      if (related.file === finding.file) continue;
      for (const entry of locator.entriesAt(related.file, related.range)) {
        for (const row of byEntry.get(entry) ?? []) if (row.sides.some((side) => side.device.file === finding.file)) relatedRows.add(row);
      }
    }
    let chosen: Set<Row>;
    let scope: ReviewFinding['scope'] = 'end';
    if (ownRows.size > 0 && relatedRows.size > 0) {
      const both = new Set([...ownRows].filter((row) => relatedRows.has(row)));
      chosen = both.size > 0 ? both : new Set([...ownRows, ...relatedRows]);
    } else if (ownRows.size > 0 || relatedRows.size > 0) {
      chosen = ownRows.size > 0 ? ownRows : relatedRows;
    } else {
      // A peer named by address in the object path (`…/ike:198.51.100.1/…`): the rows towards it.
      const addresses = new Set(addressesInPath(finding.objectPath));
      chosen = new Set(
        (byDevice.get(finding.file) ?? []).filter((row) => {
          const index = endOn(row, finding.file);
          const mine = row.sides[index];
          const other = row.sides[1 - index];
          const local = other?.entry.localAddress.value;
          return (
            (mine.end?.remoteTarget !== undefined && addresses.has(mine.end.remoteTarget.address)) ||
            (local !== undefined && local.source !== 'unknown' && addresses.has(local.value)) ||
            (!row.tunnel && mine.entry.remoteTargets.some((target) => addresses.has(target.address)))
          );
        }),
      );
      if (chosen.size === 0) {
        chosen = new Set(byDevice.get(finding.file) ?? []);
        scope = 'device';
      }
    }
    for (const row of chosen) row.attached.push({ finding, end: endOn(row, finding.file, own), scope });
  }
}

function toFinding(attached: Row['attached'][number], metas: ReadonlyMap<string, RuleMeta>, origins: ReadonlyMap<Finding, FindingOrigin> | undefined): ReviewFinding {
  const { finding } = attached;
  const phase = phaseOf(metas.get(finding.ruleId), origins?.get(finding)?.messageId) ?? null;
  return {
    ruleId: finding.ruleId,
    severity: finding.severity,
    phase,
    decisive: false,
    message: finding.message,
    file: finding.file,
    line: finding.range.line,
    column: finding.range.column,
    scope: attached.scope,
  };
}

/** The verdict of one row and the findings it rests on (marked decisive). */
function judge(row: Row, findings: ReviewFinding[], network: Network): { verdict: TunnelVerdict; reasons: string[] } {
  const reasons: string[] = [];
  if (row.unpaired && !row.unpaired.ownerInRun) return { verdict: 'unpaired', reasons: [`unpaired: ${row.unpaired.reason}`] };
  const counted = findings.map((finding, index) => ({ finding, end: row.attached[index].end })).filter(({ finding }) => finding.phase !== null && finding.scope !== 'device');
  const decide = (verdict: TunnelVerdict, phases: TunnelPhase[]): { verdict: TunnelVerdict; reasons: string[] } => {
    for (const { finding } of counted) if (phases.includes(finding.phase as TunnelPhase)) finding.decisive = true;
    return { verdict, reasons };
  };
  const manual = row.sides.every((side) => side.entry.role === 'manual');
  const silenced = new Set(counted.filter(({ finding }) => finding.phase === 'initiation').map(({ end }) => end));
  const starters = row.sides.map((side, index) => !silenced.has(index) && canStart(side, row.sides[1 - index], network));
  if (!manual && !starters.some(Boolean)) {
    if (silenced.size === 0) {
      reasons.push(`no end can start the negotiation: ${row.sides.map((side) => `${side.device.name} is ${whyNotStarting(side)}`).join('; ')}`);
    }
    return decide('never-initiated', ['initiation']);
  }
  if (row.unpaired) {
    reasons.push(`the other end does not answer: ${row.unpaired.reason}`);
    return decide('ike-fails', ['initiation', 'ike']);
  }
  // An end that takes no part while the other end starts the negotiation: phase 1 fails at it.
  if (silenced.size > 0) return decide('ike-fails', ['initiation', 'ike']);
  for (const phase of ['ike', 'ipsec', 'traffic'] as const) {
    if (counted.some(({ finding }) => finding.phase === phase)) return decide(VERDICT_OF_PHASE[phase], [phase]);
  }
  return { verdict: 'up', reasons };
}

function reviewEnd(side: ReviewSide, { place, values }: SideValues, network: Network): ReviewEnd {
  const { device, entry, end } = side;
  const role = end?.role ?? (canStart(side, undefined, network) ? 'initiator' : 'responder');
  return {
    device: device.name,
    file: device.file,
    line: entry.node.range.line,
    entry: entry.id,
    policy: policyLabel(entry),
    group: entry.group,
    seq: entry.seq,
    kind: entry.role,
    role,
    ...place,
    values,
  };
}

function compareFindings(a: ReviewFinding, b: ReviewFinding): number {
  return Number(b.decisive) - Number(a.decisive) || compareStrings(a.file, b.file) || a.line - b.line || a.column - b.column || compareStrings(a.ruleId, b.ruleId);
}

/**
 * Every tunnel of the run and every policy entry fwlint could not pair, with both ends' values,
 * what they negotiate and the verdict the findings lead to (the first of TUNNEL_VERDICTS that applies).
 */
export function reviewTunnels(outcome: LintOutcome, metas: ReadonlyMap<string, RuleMeta>, options: ReviewOptions = {}): TunnelReview[] {
  const network = outcome.network;
  if (!network) return [];
  const rows = buildRows(network, options.scope);
  attachFindings(rows, outcome, network);
  const reviews = rows.map((row): TunnelReview => {
    const seen = new Set<Finding>();
    const unique = row.attached.filter(({ finding }) => !seen.has(finding) && seen.add(finding));
    row.attached = unique;
    const findings = unique.map((attached) => toFinding(attached, metas, outcome.origins));
    const { verdict, reasons } = judge(row, findings, network);
    findings.sort(compareFindings);
    if (row.tunnel) {
      const values = tunnelValues(row.tunnel);
      return {
        id: row.id,
        verdict,
        ends: row.sides.map((side, index) => reviewEnd(side, values.ends[index], network)),
        pairedBy: row.tunnel.pairedBy ?? 'address',
        negotiated: values.negotiated,
        differences: values.differences,
        reasons,
        findings,
      };
    }
    const values = oneEndValues(row.sides[0]);
    return { id: row.id, verdict, ends: [reviewEnd(row.sides[0], values.ends[0], network)], pairedBy: 'none', negotiated: values.negotiated, differences: [], reasons, findings };
  });
  return reviews.sort((a, b) => TUNNEL_VERDICTS.indexOf(a.verdict) - TUNNEL_VERDICTS.indexOf(b.verdict) || naturalCompare(a.id, b.id));
}

/** Text order with runs of digits compared as numbers (`map1/9` before `map1/10`), locale-free. */
export function naturalCompare(a: string, b: string): number {
  const pattern = /(\d+)|(\D+)/g;
  const x = a.match(pattern) ?? [];
  const y = b.match(pattern) ?? [];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const digits = /^\d/.test(x[i]) && /^\d/.test(y[i]);
    const order = digits ? Number(x[i]) - Number(y[i]) || compareStrings(x[i], y[i]) : compareStrings(x[i], y[i]);
    if (order !== 0) return order;
  }
  return x.length - y.length;
}

/** Tunnels per verdict, every verdict present (zero included), in TUNNEL_VERDICTS order. */
export function countVerdicts(reviews: readonly TunnelReview[]): Record<TunnelVerdict, number> {
  const counts = Object.fromEntries(TUNNEL_VERDICTS.map((verdict) => [verdict, 0])) as Record<TunnelVerdict, number>;
  for (const review of reviews) counts[review.verdict]++;
  return counts;
}

export type { EndKey, EndValueKey, NegotiatedKey, ReviewValue };
