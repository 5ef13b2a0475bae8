import type { RuleMeta } from '../../rules/types.js';
import type { Device, PolicyEntry } from '../model/types.js';
import { type Address, formatAddress, parseAddress } from '../flow/address.js';
import type { Network, Tunnel } from '../network/types.js';
import type { Finding } from './findings.js';
import { findReason, type HuaweiReason, rulesForReason } from './huawei-reasons.js';
import type { LintOutcome } from './lint.js';
import type { RuntimeRecord } from './runtime-records.js';
import type { TunnelReview } from './tunnel-review.js';

/** How the device that printed a record was found. */
export type DeviceEvidence = 'prompt' | 'log' | '--device' | 'candidate';

export interface ExplainedEnd {
  device: string;
  file: string;
  line: number;
  policy: string;
}

export interface Explanation {
  record: RuntimeRecord;
  /** The table row of the reason; absent for a reason Huawei's table does not have (never guessed). */
  row?: HuaweiReason;
  device?: { file: string; name: string; evidence: DeviceEvidence };
  /** Files of the devices that may have printed the record when RUNTIME does not say (or names no device of the run). */
  candidates: string[];
  /** Those of the candidates with a tunnel (or a policy) towards the peer. */
  viable?: string[];
  /** Why the device named by RUNTIME was not used (a sysname no configuration has). */
  deviceNote?: string;
  /** This device's end first. */
  tunnel?: { id: string; ends: ExplainedEnd[] };
  /** Why no tunnel was found. */
  noTunnel?: string;
  /** The rules that detect the reason's configurable causes. */
  rules: string[];
  /** Findings of those rules on this tunnel, as the linter reports them. */
  causes: Finding[];
  runtimeOnly: boolean;
  advice: string;
}

export interface ExplainContext {
  outcome: LintOutcome;
  reviews: readonly TunnelReview[];
  metas: ReadonlyMap<string, RuleMeta>;
  /** `--device FILE`, as the run shows it. */
  device?: string;
}

function key(address: Address): Address {
  return typeof address === 'number' ? address >>> 0 : address;
}

/** Every device that owns the address: interface, sub, VRRP, tunnel local, declared NAT, NAT server and address-group addresses. */
function ownersOf(network: Network, address: Address): Device[] {
  const owners = new Set<Device>(network.owners(address).map((owner) => owner.device));
  if (typeof address === 'number') {
    const value = key(address);
    for (const device of network.devices) {
      if (device.natServers.some((server) => key(server.global.value) === value)) owners.add(device);
      else if (device.ast.natAddressGroups.some((group) => group.sections.some((s) => key(s.first.value) <= value && value <= key(s.last.value)))) owners.add(device);
    }
  }
  return [...owners];
}

/** The device whose sysname the prompt (`FW1`, `FW1-ike-peer-b`) or log host names: the longest sysname that fits. */
function deviceNamed(network: Network, host: string): Device | undefined {
  let best: Device | undefined;
  for (const device of network.devices) {
    const sysname = device.sysname;
    if (!sysname) continue;
    const fits = host === sysname || host.startsWith(`${sysname}-`) || host.toLowerCase() === sysname.toLowerCase();
    if (fits && (!best || sysname.length > (best.sysname ?? '').length)) best = device;
  }
  return best;
}

function policyText(entry: PolicyEntry): string {
  if (entry.kind === 'profile') return `ipsec profile ${entry.group}`;
  const base = `ipsec policy ${entry.group} ${entry.seq}`;
  return entry.template ? `${base} (template ${entry.template.name.value})` : base;
}

function endOf(device: Device, entry: PolicyEntry): ExplainedEnd {
  return { device: device.name, file: device.file, line: entry.node.range.line, policy: policyText(entry) };
}

interface Match {
  review: TunnelReview;
  tunnel?: Tunnel;
  /** This device's end in the tunnel (index), for paired tunnels. */
  mine: number;
  score: number;
}

/** The tunnels of `device` towards the peer address: paired ones with an owner of it, else its unpaired entries aimed at it. */
function matchesOf(device: Device, peer: Address, owners: readonly Device[], record: RuntimeRecord, reviews: readonly TunnelReview[], tunnels: ReadonlyMap<string, Tunnel>): { paired: Match[]; unpaired: Match[] } {
  const paired: Match[] = [];
  const unpaired: Match[] = [];
  const policyScore = (entry: PolicyEntry): number =>
    record.policy && record.policy.name === entry.group && (record.policy.seq === undefined || record.policy.seq === entry.seq) ? 4 : 0;
  for (const review of reviews) {
    const tunnel = tunnels.get(review.id);
    if (tunnel) {
      const mine = tunnel.ends.findIndex((end) => end.device === device);
      if (mine < 0) continue;
      const other = tunnel.ends[1 - mine];
      const here = tunnel.ends[mine];
      // The peer owns the address, or this end sends IKE to it (a NAT address no configuration holds).
      const aimed = here.entry.remoteTargets.some((target) => key(target.address) === key(peer));
      if (other.device === device || (!owners.includes(other.device) && !aimed)) continue;
      let score = policyScore(here.entry);
      if (aimed) score += 2;
      const local = other.localAddress;
      if (local.source !== 'unknown' && key(local.value) === key(peer)) score += 2;
      paired.push({ review, tunnel, mine, score });
    } else if (review.ends.length === 1 && review.ends[0].file === device.file) {
      const entry = device.entries.find((e) => e.id === review.ends[0].entry);
      if (entry?.remoteTargets.some((target) => key(target.address) === key(peer))) unpaired.push({ review, mine: 0, score: policyScore(entry) });
    }
  }
  const best = (list: Match[]): Match[] => list.sort((a, b) => b.score - a.score);
  return { paired: best(paired), unpaired: best(unpaired) };
}

function findingKey(ruleId: string, file: string, line: number, column: number, message: string): string {
  return `${ruleId}\0${file}\0${line}\0${column}\0${message}`;
}

function rulesText(rules: readonly string[]): string {
  return rules.map((id) => `fwlint/${id}`).join(', ');
}

/** Explains every record: the device, the tunnel, and the findings of the rules that predict its reason. */
export function explainRecords(records: readonly RuntimeRecord[], context: ExplainContext): Explanation[] {
  const network = context.outcome.network;
  const tunnels = new Map((network?.tunnels ?? []).map((tunnel) => [tunnel.id, tunnel]));
  const findings = new Map<string, Finding>();
  for (const finding of context.outcome.findings) {
    findings.set(findingKey(finding.ruleId, finding.file, finding.range.line, finding.range.column, finding.message), finding);
  }
  const metas = [...context.metas.values()];
  // Each device's reviews, so a record costs the reviews of the devices it concerns, not all of them each time.
  const byFile = new Map<string, TunnelReview[]>();
  for (const review of context.reviews) {
    for (const file of new Set(review.ends.map((end) => end.file))) {
      const list = byFile.get(file);
      if (list) list.push(review);
      else byFile.set(file, [review]);
    }
  }
  const reviewsOf = (device: Device): readonly TunnelReview[] => byFile.get(device.file) ?? [];
  const forced = context.device !== undefined && network ? network.devices.find((d) => d.file === context.device) : undefined;

  return records.map((record): Explanation => {
    const row = findReason(record.reason);
    const rules = row ? rulesForReason(row, metas) : [];
    const explanation: Explanation = { record, row, candidates: [], rules, causes: [], runtimeOnly: true, advice: '' };
    const peer = parseAddress(record.peer);
    if (!network || peer === undefined) {
      explanation.noTunnel = network ? `"${record.peer}" is not an IP address` : 'no configuration could be modelled';
      explanation.advice = adviceFor(explanation);
      return explanation;
    }
    const owners = ownersOf(network, peer);

    let device: Device | undefined = forced;
    let evidence: DeviceEvidence | undefined = forced ? '--device' : undefined;
    if (!device && record.host) {
      device = deviceNamed(network, record.host);
      if (device) evidence = record.hostFrom ?? 'prompt';
      else explanation.deviceNote = `${record.hostFrom === 'log' ? 'the log host' : 'the prompt'} "${record.host}" is the sysname of no configuration in this run`;
    }
    let match: Match | undefined;
    if (device) {
      const { paired, unpaired } = matchesOf(device, peer, owners, record, reviewsOf(device), tunnels);
      match = paired[0] ?? unpaired[0];
    } else {
      // Every device owning no address equal to the peer may have printed it; keep those with a tunnel towards it.
      const candidates = network.devices.filter((d) => !owners.includes(d));
      const withPaired = candidates.map((d) => ({ d, m: matchesOf(d, peer, owners, record, reviewsOf(d), tunnels) }));
      let viable = withPaired.filter(({ m }) => m.paired.length > 0);
      if (viable.length === 0) viable = withPaired.filter(({ m }) => m.unpaired.length > 0);
      explanation.candidates = candidates.map((d) => d.file).sort();
      explanation.viable = viable.map(({ d }) => d.file).sort();
      if (viable.length === 1) {
        device = viable[0].d;
        evidence = 'candidate';
        match = viable[0].m.paired[0] ?? viable[0].m.unpaired[0];
      }
    }
    if (device && evidence) explanation.device = { file: device.file, name: device.name, evidence };

    if (!device) {
      const viable = explanation.viable ?? [];
      explanation.noTunnel =
        viable.length > 1
          ? `RUNTIME does not say which device printed it, and ${viable.length} devices have a tunnel towards ${record.peer} (${viable.join(', ')}): name it with --device FILE`
          : `no device of this run has a policy towards ${record.peer}`;
    } else if (!match) {
      explanation.noTunnel = owners.includes(device)
        ? `${record.peer} is an address of ${device.name} itself, so another device printed this record (check --device and the prompt)`
        : owners.length === 0
          ? `no policy of ${device.name} has the peer ${record.peer}, and no configuration in this run owns it (the peer's configuration is not in the repository)`
          : `${owners.map((o) => o.name).join(', ')} own${owners.length === 1 ? 's' : ''} ${record.peer}, but no policy of ${device.name} pairs with ${owners.length === 1 ? 'it' : 'them'}`;
    } else if (match.tunnel) {
      const ends = [match.tunnel.ends[match.mine], match.tunnel.ends[1 - match.mine]];
      explanation.tunnel = { id: match.tunnel.id, ends: ends.map((end) => endOf(end.device, end.entry)) };
    } else {
      const entry = device.entries.find((e) => e.id === match.review.ends[0].entry);
      const policy = entry ? `${policyText(entry)} (${device.file}:${entry.node.range.line})` : 'a policy of this device';
      explanation.noTunnel =
        owners.length === 0
          ? `${policy} negotiates with ${record.peer}, but no configuration in this run owns that address (the peer's configuration is not in the repository)`
          : `${policy} negotiates with ${record.peer}, which ${owners.map((o) => o.name).join(', ')} own${owners.length === 1 ? 's' : ''}, but fwlint could not pair them (fwlint tunnels says why)`;
    }

    if (match && row) {
      const wanted = new Set(rules);
      const seen = new Set<Finding>();
      for (const reviewed of match.review.findings) {
        if (!wanted.has(reviewed.ruleId) || reviewed.scope === 'device') continue;
        const finding = findings.get(findingKey(reviewed.ruleId, reviewed.file, reviewed.line, reviewed.column, reviewed.message));
        if (finding && !seen.has(finding)) {
          seen.add(finding);
          explanation.causes.push(finding);
        }
      }
    }
    explanation.runtimeOnly = explanation.causes.length === 0;
    explanation.advice = adviceFor(explanation);
    return explanation;
  });
}

function adviceFor(explanation: Explanation): string {
  const { row, rules, causes } = explanation;
  if (!row) {
    return `"${explanation.record.reason}" is not a reason in Huawei's fault cause reference as fwlint knows it; fwlint does not guess which configuration causes it ("fwlint explain --list" prints the reasons it knows).`;
  }
  if (causes.length > 0) {
    return `Correct the lines above as each finding says, on both ends, then clear the old state (reset ike sa, reset ipsec sa) and watch the record again. ${row.check}`;
  }
  if (explanation.noTunnel !== undefined) return `No tunnel of this run could be checked for it. ${row.check}`;
  if (row.runtimeOnly) return `No configuration causes "${row.reason}": it comes from the device's runtime. ${row.check}`;
  const checked = rules.length > 0 ? `The configurable causes fwlint checks (${rulesText(rules)}) hold on this tunnel.` : 'fwlint has no rule for the configurable causes of this reason yet.';
  const proposed = row.proposed ? ` Not checked yet: ${row.proposed}.` : '';
  return `${checked}${proposed} Next, on the device: ${row.check}`;
}

/** The peer written back (IPv6 normalised), for reports. */
export function peerText(record: RuntimeRecord): string {
  const address = parseAddress(record.peer);
  return address === undefined ? record.peer : formatAddress(address);
}
