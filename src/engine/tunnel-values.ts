import { localIdentity, remoteIdentityProblem } from '../model/identity.js';
import {
  commonIkeVersions,
  compareIkeProposals,
  compareIpsecProposals,
  describe,
  exchangeModesFit,
  initiatorIkeOffer,
  negotiatedIkeVersion,
  negotiateIkeProposals,
  negotiateIpsecProposals,
  pfsFits,
  responderChoice,
} from '../model/negotiation.js';
import type { Device, Effective, IkeProposalSettings, IpsecProposalSettings, PolicyEntry, RemoteTarget } from '../model/types.js';
import { formatIpv4 } from '../flow/ipv4.js';
import type { Tunnel, TunnelEnd } from '../network/types.js';
import type { Range } from '../text/range.js';
import { singleTargetAddress } from '../model/remote-target.js';

/** What the review shows when the configurations do not settle a value (cipher keys, unknown defaults). */
export const CANNOT_VERIFY = 'cannot verify';

/**
 * One value of one end, with the line of the end's file that decides it when it is written
 * (defaults have none).
 */
export interface ReviewValue {
  value: string;
  line?: number;
}

/** Where an end is: its local and remote address and the interface carrying its policy. */
export const END_PLACE_KEYS = ['localAddress', 'remoteAddress', 'interface'] as const;
export type EndPlaceKey = (typeof END_PLACE_KEYS)[number];

/** The values of one end shown side by side with the other end's, in this order. */
export const END_VALUE_KEYS = [
  'ikeVersion',
  'exchangeMode',
  'ikeProposals',
  'ikeProposal',
  'ipsecProposal',
  'encapsulation',
  'pfs',
  'natTraversal',
  'localId',
  'remoteId',
  'preSharedKey',
  'dpd',
  'securityAcl',
  'saTrigger',
] as const;
export type EndValueKey = (typeof END_VALUE_KEYS)[number];

/** What the two ends can disagree on. */
export type EndKey = EndPlaceKey | EndValueKey;

export const END_LABELS: Record<EndKey, string> = {
  localAddress: 'Local address',
  remoteAddress: 'Remote address',
  interface: 'Interface',
  ikeVersion: 'IKE versions',
  exchangeMode: 'IKEv1 exchange mode',
  ikeProposals: 'IKE proposals offered',
  ikeProposal: 'IKE proposal (chosen)',
  ipsecProposal: 'IPSec proposal (chosen)',
  encapsulation: 'Encapsulation',
  pfs: 'PFS',
  natTraversal: 'NAT traversal',
  localId: 'Identity sent',
  remoteId: 'Identity accepted',
  preSharedKey: 'Pre-shared key',
  dpd: 'DPD',
  securityAcl: 'Security ACL',
  saTrigger: 'SA trigger',
};

/** What the two ends will negotiate, one value per tunnel. */
export const NEGOTIATED_KEYS = [
  'ikeVersion',
  'exchangeMode',
  'ikeProposal',
  'ipsecProposal',
  'pfs',
  'encapsulation',
  'natCrossing',
  'natTraversal',
  'identity',
  'dpd',
] as const;
export type NegotiatedKey = (typeof NEGOTIATED_KEYS)[number];

export const NEGOTIATED_LABELS: Record<NegotiatedKey, string> = {
  ikeVersion: 'IKE version',
  exchangeMode: 'Mode',
  ikeProposal: 'IKE proposal',
  ipsecProposal: 'IPSec proposal',
  pfs: 'PFS',
  encapsulation: 'Encapsulation',
  natCrossing: 'NAT crossing',
  natTraversal: 'NAT traversal',
  identity: 'Identity',
  dpd: 'DPD',
};

/** One end as the review sees it (a paired end, or the only end of an unpaired entry). */
export interface ReviewSide {
  device: Device;
  entry: PolicyEntry;
  /** The tunnel end, for paired tunnels. */
  end?: TunnelEnd;
}

function value(text: string, range?: Range): ReviewValue {
  return range ? { value: text, line: range.line } : { value: text };
}

function fromEffective<T>(effective: Effective<T>, show: (value: T) => string): ReviewValue {
  if (effective.source === 'unknown') return { value: CANNOT_VERIFY };
  const text = show(effective.value);
  return effective.source === 'explicit' ? value(text, effective.range) : { value: `${text} (default)` };
}

function targetText(target: RemoteTarget): string {
  return singleTargetAddress(target) === undefined ? `${formatIpv4(target.address)}-${formatIpv4(target.high ?? target.address)}` : formatIpv4(target.address);
}

const MANUAL = '— (manual SA)';
const NO_PEER = '— (no IKE peer)';

function ikeProposalText(proposal: IkeProposalSettings, version: 1 | 2 | undefined): string {
  const hash = version === 2 ? [describe(proposal.integrity), describe(proposal.prf)] : [describe(proposal.authentication)];
  const name = proposal.builtIn ? 'default (built-in)' : proposal.id;
  return `${name}: ${[describe(proposal.encryption), ...hash, describe(proposal.dh), describe(proposal.authenticationMethod)].join(' / ')}`;
}

function ipsecProposalText(proposal: IpsecProposalSettings): string {
  const transform = proposal.transform.source === 'unknown' ? CANNOT_VERIFY : proposal.transform.value;
  const parts = [transform];
  if (transform.includes('esp')) parts.push(describe(proposal.espEncryption), describe(proposal.espAuthentication));
  if (transform.includes('ah')) parts.push(`ah ${describe(proposal.ahAuthentication)}`);
  return `${proposal.node.name.value}: ${parts.join(' / ')}`;
}

/** The two ends' proposals in the pair that decides (the responder's pick, else the closest pair). */
interface Proposals {
  version?: 1 | 2;
  ike: [IkeProposalSettings | undefined, IkeProposalSettings | undefined];
  ikeVerdict: 'match' | 'mismatch' | 'unknown';
  ipsec: [IpsecProposalSettings | undefined, IpsecProposalSettings | undefined];
  ipsecVerdict: 'match' | 'mismatch' | 'unknown';
}

/** The end that starts the negotiation when the tunnel is examined: the first end that can, else the first. */
function initiatorIndex(tunnel: Tunnel): 0 | 1 {
  return tunnel.ends[0].role === 'responder' && tunnel.ends[1].role !== 'responder' ? 1 : 0;
}

function proposalsOf(tunnel: Tunnel): Proposals {
  const [a, b] = tunnel.ends;
  const result: Proposals = { ike: [undefined, undefined], ikeVerdict: 'unknown', ipsec: [undefined, undefined], ipsecVerdict: 'unknown' };
  const first = initiatorIndex(tunnel);
  const initiator = tunnel.ends[first];
  const responder = tunnel.ends[1 - first];
  const place = <P>(pair: [P | undefined, P | undefined], offered: P | undefined, chosen: P | undefined): void => {
    pair[first] = offered;
    pair[1 - first] = chosen;
  };
  if (a.entry.peerSettings && b.entry.peerSettings) {
    result.version = negotiatedIkeVersion(a.entry.peerSettings, b.entry.peerSettings);
    const version = result.version;
    if (version !== undefined) {
      const choice = responderChoice(initiatorIkeOffer(initiator.entry, version), responder.entry.ikeProposals, (x, y) => compareIkeProposals(x, y, version));
      result.ikeVerdict = choice.verdict;
      if (choice.verdict === 'match') place(result.ike, choice.offered, choice.chosen);
      else {
        const closest = negotiateIkeProposals(initiator.entry.ikeProposals, responder.entry.ikeProposals, version).closest;
        if (closest) place(result.ike, closest.a, closest.b);
      }
    }
  }
  if (a.entry.role !== 'manual' && b.entry.role !== 'manual') {
    const choice = responderChoice(initiator.entry.ipsecProposalSettings, responder.entry.ipsecProposalSettings, compareIpsecProposals);
    result.ipsecVerdict = choice.verdict;
    if (choice.verdict === 'match') place(result.ipsec, choice.offered, choice.chosen);
    else {
      const closest = negotiateIpsecProposals(initiator.entry.ipsecProposalSettings, responder.entry.ipsecProposalSettings).closest;
      if (closest) place(result.ipsec, closest.a, closest.b);
    }
  }
  return result;
}

function dpdText(entry: PolicyEntry): string {
  const dpd = entry.peerSettings?.dpd;
  if (!dpd) return CANNOT_VERIFY;
  if (!dpd.configured) return 'none';
  const type = dpd.type.source === 'unknown' ? 'on' : dpd.type.value;
  return dpd.scope === 'global' ? `${type} (global)` : type;
}

function dpdRange(entry: PolicyEntry): Range | undefined {
  const type = entry.peerSettings?.dpd.type;
  return type?.source === 'explicit' ? type.range : undefined;
}

export interface SideValues {
  place: Record<EndPlaceKey, ReviewValue>;
  values: Record<EndValueKey, ReviewValue>;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** Every value of one end; `proposals` (paired tunnels) names the proposal of the pair that decides. */
export function sideValues(side: ReviewSide, index: 0 | 1, proposals?: Proposals): SideValues {
  const { device, entry, end } = side;
  const peer = entry.ikePeer;
  const settings = entry.peerSettings;
  const manual = entry.role === 'manual';
  const ike = (make: () => ReviewValue): ReviewValue => (manual ? { value: MANUAL } : !peer || !settings ? { value: NO_PEER } : make());
  const local = entry.localAddress.value;
  const target = end?.remoteTarget;
  const ikeProposal = proposals?.ike[index];
  const ipsecProposal = proposals?.ipsec[index];
  const identity = !manual ? localIdentity(device, entry) : undefined;
  const firstInterface = entry.interfaces[0];
  const place: Record<EndPlaceKey, ReviewValue> = {
    localAddress:
      local.source === 'unknown'
        ? { value: `${CANNOT_VERIFY}${entry.localAddress.reason ? ` (${entry.localAddress.reason})` : ''}` }
        : value(`${formatIpv4(local.value)} (${entry.localAddress.via})`, local.source === 'explicit' ? local.range : undefined),
    remoteAddress: target
      ? value(targetText(target), target.range)
      : entry.remoteTargets.length > 0
        ? value(entry.remoteTargets.map(targetText).join(', '), entry.remoteTargets[0].range)
        : { value: entry.role === 'template' ? 'any (template responder)' : 'none' },
    interface: firstInterface
      ? value(entry.interfaces.map((i) => i.name.value).join(', '), firstInterface.ipsecPolicy?.range ?? firstInterface.range)
      : { value: 'none (not applied)' },
  };
  const values: Record<EndValueKey, ReviewValue> = {
    ikeVersion: ike(() => fromEffective(settings!.versions, (v) => v.map((n) => `IKEv${n}`).join(', '))),
    exchangeMode: ike(() => fromEffective(settings!.exchangeMode, String)),
    ikeProposals: ike(() => value(entry.ikeProposals.map((p) => (p.builtIn ? 'default (built-in)' : p.id)).join(', ') || 'none', peer!.ikeProposals[0]?.range)),
    ikeProposal: ike(() =>
      ikeProposal ? value(ikeProposalText(ikeProposal, proposals?.version), ikeProposal.node?.range) : { value: CANNOT_VERIFY },
    ),
    ipsecProposal: manual
      ? { value: MANUAL }
      : ipsecProposal
        ? value(ipsecProposalText(ipsecProposal), ipsecProposal.node.range)
        : entry.ipsecProposalSettings.length > 0 && !proposals
          ? value(entry.ipsecProposalSettings.map(ipsecProposalText).join('; '), entry.ipsecProposalSettings[0].node.range)
          : { value: CANNOT_VERIFY },
    encapsulation: manual
      ? { value: MANUAL }
      : (ipsecProposal ?? (!proposals ? entry.ipsecProposalSettings[0] : undefined))
        ? fromEffective((ipsecProposal ?? entry.ipsecProposalSettings[0]).encapsulationMode, String)
        : { value: CANNOT_VERIFY },
    pfs: fromEffective(entry.pfs, String),
    natTraversal: ike(() => fromEffective(settings!.natTraversal, (on) => (on ? 'enabled' : 'disabled'))),
    localId: ike(() =>
      identity ? value(`${identity.type} ${identity.value ?? CANNOT_VERIFY}`, identity.valueRange ?? identity.typeRange) : { value: CANNOT_VERIFY },
    ),
    remoteId: ike(() => {
      const type = peer!.remoteIdType;
      const id = peer!.remoteId;
      if (!type && !id) return { value: 'any' };
      return value([type?.value, id?.value].filter(Boolean).join(' '), (type ?? id)!.range);
    }),
    preSharedKey: ike(() => {
      const key = peer!.preSharedKey;
      if (!key) return { value: 'none' };
      return value(key.encrypted ? `ciphertext (${CANNOT_VERIFY})` : 'plaintext (compared, never shown)', key.range);
    }),
    dpd: ike(() => value(dpdText(entry), dpdRange(entry))),
    securityAcl: entry.acl
      ? value(`${entry.acl.key.value} (${plural(entry.acl.rules.filter((r) => r.action.value === 'permit').length, 'permit rule')})`, entry.acl.range)
      : { value: entry.role === 'template' ? 'none (accepts the initiator\'s flows)' : 'none' },
    saTrigger: manual || entry.role === 'template' ? { value: '—' } : fromEffective(entry.triggerMode, String),
  };
  return { place, values };
}

export interface TunnelValues {
  ends: [SideValues, SideValues];
  negotiated: Record<NegotiatedKey, string>;
  /** What the two ends do not agree on (semantics of the model: `auto` fits, algorithm sets intersect). */
  differences: EndKey[];
}

function pairText(a: string, b: string, names: [string, string]): string {
  return a === b ? a : `${names[0]}: ${a}; ${names[1]}: ${b}`;
}

/** Both ends' values, what they will negotiate and where they disagree. */
export function tunnelValues(tunnel: Tunnel): TunnelValues {
  const [a, b] = tunnel.ends;
  const proposals = proposalsOf(tunnel);
  const ends: TunnelValues['ends'] = [sideValues({ device: a.device, entry: a.entry, end: a }, 0, proposals), sideValues({ device: b.device, entry: b.entry, end: b }, 1, proposals)];
  const names: [string, string] = [a.device.name, b.device.name];
  const differences = new Set<EndKey>();
  const manual = a.entry.role === 'manual' || b.entry.role === 'manual';
  const pa = a.entry.peerSettings;
  const pb = b.entry.peerSettings;
  const version = proposals.version;

  let ikeVersion: string;
  let exchangeMode = '—';
  let ikeProposal: string;
  if (manual) {
    ikeVersion = exchangeMode = ikeProposal = MANUAL;
  } else if (!pa || !pb) {
    ikeVersion = exchangeMode = ikeProposal = CANNOT_VERIFY;
  } else {
    const common = commonIkeVersions(pa, pb);
    if (common.verdict === 'mismatch') differences.add('ikeVersion');
    ikeVersion = version ? `IKEv${version}` : common.verdict === 'mismatch' ? 'none in common' : CANNOT_VERIFY;
    if (version === 1) {
      const fits = exchangeModesFit(pa, pb);
      if (fits === 'mismatch') differences.add('exchangeMode');
      const initiator = tunnel.ends[initiatorIndex(tunnel)].entry.peerSettings!.exchangeMode;
      exchangeMode = fits === 'mismatch' ? 'main and aggressive do not fit' : initiator.source === 'unknown' ? CANNOT_VERIFY : initiator.value === 'auto' ? 'main' : initiator.value;
    }
    const chosen = proposals.ike[1 - initiatorIndex(tunnel)];
    ikeProposal =
      proposals.ikeVerdict === 'match' && chosen
        ? ikeProposalText(chosen, version)
        : proposals.ikeVerdict === 'mismatch'
          ? 'no proposal in common'
          : CANNOT_VERIFY;
    if (proposals.ikeVerdict === 'mismatch') differences.add('ikeProposal');
  }

  let ipsecProposal: string;
  let encapsulation: string;
  if (manual) {
    ipsecProposal = encapsulation = MANUAL;
  } else {
    const chosen = proposals.ipsec[1 - initiatorIndex(tunnel)];
    const offered = proposals.ipsec[initiatorIndex(tunnel)];
    ipsecProposal =
      proposals.ipsecVerdict === 'match' && chosen ? ipsecProposalText(chosen) : proposals.ipsecVerdict === 'mismatch' ? 'no proposal in common' : CANNOT_VERIFY;
    if (proposals.ipsecVerdict === 'mismatch') differences.add('ipsecProposal');
    const closest = proposals.ipsec[0] && proposals.ipsec[1] ? compareIpsecProposals(proposals.ipsec[0], proposals.ipsec[1]) : [];
    if (closest.some((d) => d.field === 'encapsulationMode' && d.verdict === 'mismatch')) differences.add('encapsulation');
    const mode = offered?.encapsulationMode;
    encapsulation =
      proposals.ipsecVerdict !== 'match' || !mode || mode.source === 'unknown' ? (differences.has('encapsulation') ? 'tunnel and transport do not fit' : CANNOT_VERIFY) : mode.value === 'auto' ? 'tunnel' : mode.value;
  }

  const pfsVerdict = pfsFits(a.entry.pfs, b.entry.pfs);
  if (pfsVerdict === 'mismatch') differences.add('pfs');
  const pfs = pfsVerdict === 'unknown' ? CANNOT_VERIFY : pairText(describe(a.entry.pfs), describe(b.entry.pfs), names);

  const natCrossing = tunnel.nat.present ? `yes (${tunnel.nat.reason})` : 'no';
  let natTraversal: string;
  if (manual || !pa || !pb) natTraversal = manual ? MANUAL : CANNOT_VERIFY;
  else if (pa.natTraversal.source === 'unknown' || pb.natTraversal.source === 'unknown') natTraversal = CANNOT_VERIFY;
  else {
    const on = [pa.natTraversal.value, pb.natTraversal.value];
    if (on[0] !== on[1]) differences.add('natTraversal');
    const off = names.filter((_, i) => !on[i]);
    natTraversal = off.length === 0 ? (tunnel.nat.present ? 'enabled, used (UDP 4500)' : 'enabled') : `disabled on ${off.join(' and ')}`;
  }

  let identity: string;
  if (manual) identity = MANUAL;
  else {
    const sent = [localIdentity(a.device, a.entry), localIdentity(b.device, b.entry)];
    const problems = [remoteIdentityProblem(a.entry, sent[1]), remoteIdentityProblem(b.entry, sent[0])];
    if (problems.some(Boolean)) {
      differences.add('localId');
      differences.add('remoteId');
    }
    const show = (i: 0 | 1): string => (sent[i] ? `${sent[i]!.type} ${sent[i]!.value ?? CANNOT_VERIFY}` : CANNOT_VERIFY);
    identity = `${show(0)} ↔ ${show(1)}${problems.some(Boolean) ? ' (not accepted)' : ''}`;
  }

  const keys = [a.entry.ikePeer?.preSharedKey, b.entry.ikePeer?.preSharedKey];
  if (keys[0]?.digest && keys[1]?.digest && keys[0].digest !== keys[1].digest) differences.add('preSharedKey');

  if (!tunnel.nat.present) {
    for (const [here, there] of [
      [a, b],
      [b, a],
    ] as const) {
      const target = here.remoteTarget;
      const local = there.localAddress;
      if (target && local.source !== 'unknown' && singleTargetAddress(target) !== undefined && target.address !== local.value) {
        differences.add('remoteAddress');
        differences.add('localAddress');
      }
    }
  }

  const dpd = manual ? MANUAL : pairText(dpdText(a.entry), dpdText(b.entry), names);
  return {
    ends,
    negotiated: { ikeVersion, exchangeMode, ikeProposal, ipsecProposal, pfs, encapsulation, natCrossing, natTraversal, identity, dpd },
    differences: [...END_PLACE_KEYS, ...END_VALUE_KEYS].filter((key) => differences.has(key)),
  };
}

/** The values of an entry no other end pairs with: its own settings, nothing negotiated. */
export function oneEndValues(side: ReviewSide): { ends: [SideValues]; negotiated: Record<NegotiatedKey, string> } {
  const negotiated = Object.fromEntries(NEGOTIATED_KEYS.map((key) => [key, CANNOT_VERIFY])) as Record<NegotiatedKey, string>;
  return { ends: [sideValues(side, 0)], negotiated };
}
