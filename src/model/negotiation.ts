import type { Range } from '../text/range.js';
import type { Effective, IkeProposalSettings, IpsecProposalSettings, PeerSettings, PolicyEntry } from './types.js';

/** `unknown` when a value needed for the answer is not known: rules never claim a mismatch then. */
export type Verdict = 'match' | 'mismatch' | 'unknown';

/** Two algorithm sets negotiate when they share one algorithm. */
export function setsIntersect(a: Effective<string[]>, b: Effective<string[]>): Verdict {
  if (a.source === 'unknown' || b.source === 'unknown') return 'unknown';
  if (a.value.length === 0 && b.value.length === 0) return 'match';
  const mine = new Set(a.value);
  return b.value.some((value) => mine.has(value)) ? 'match' : 'mismatch';
}

export function valuesEqual<T>(a: Effective<T>, b: Effective<T>): Verdict {
  if (a.source === 'unknown' || b.source === 'unknown') return 'unknown';
  return a.value === b.value ? 'match' : 'mismatch';
}

/** The range of an explicit effective value. */
export function rangeOf<T>(value: Effective<T>): Range | undefined {
  return value.source === 'explicit' ? value.range : undefined;
}

/** Display text of an effective value (`"aes-128"`, `"aes-128 aes-256"`, `unknown`). */
export function describe(value: Effective<string | number | boolean | (string | number)[]>): string {
  if (value.source === 'unknown') return 'unknown';
  const text = Array.isArray(value.value) ? value.value.join(' ') : String(value.value);
  return text === '' ? 'none' : text;
}

/** IKE versions both peers allow. */
export function commonIkeVersions(a: PeerSettings, b: PeerSettings): { verdict: Verdict; versions: (1 | 2)[] } {
  if (a.versions.source === 'unknown' || b.versions.source === 'unknown') return { verdict: 'unknown', versions: [] };
  const theirs = new Set(b.versions.value);
  const versions = a.versions.value.filter((v) => theirs.has(v));
  return { verdict: versions.length > 0 ? 'match' : 'mismatch', versions };
}

/** The IKE version used: IKEv2 when both allow it, else IKEv1 when both allow it. */
export function negotiatedIkeVersion(a: PeerSettings, b: PeerSettings): 1 | 2 | undefined {
  const { versions } = commonIkeVersions(a, b);
  if (versions.includes(2)) return 2;
  return versions.includes(1) ? 1 : undefined;
}

/** IKEv1 exchange modes: `auto` (responder) accepts main and aggressive. */
export function exchangeModesFit(a: PeerSettings, b: PeerSettings): Verdict {
  const x = a.exchangeMode;
  const y = b.exchangeMode;
  if (x.source === 'unknown' || y.source === 'unknown') return 'unknown';
  if (x.value === 'auto' || y.value === 'auto') return 'match';
  return x.value === y.value ? 'match' : 'mismatch';
}

export type IkeProposalField = 'encryption' | 'dh' | 'authenticationMethod' | 'authentication' | 'integrity' | 'prf';

/** Fields an IKE proposal pair must agree on for a version: the hash is `authentication-algorithm` in IKEv1, integrity + PRF in IKEv2. */
export function ikeFieldsFor(version: 1 | 2): IkeProposalField[] {
  return version === 2
    ? ['encryption', 'dh', 'authenticationMethod', 'integrity', 'prf']
    : ['encryption', 'dh', 'authenticationMethod', 'authentication'];
}

export interface FieldDifference<F extends string> {
  field: F;
  verdict: 'mismatch' | 'unknown';
}

export function compareIkeProposals(
  a: IkeProposalSettings,
  b: IkeProposalSettings,
  version: 1 | 2,
): FieldDifference<IkeProposalField>[] {
  const differences: FieldDifference<IkeProposalField>[] = [];
  for (const field of ikeFieldsFor(version)) {
    const verdict =
      field === 'authenticationMethod'
        ? valuesEqual(a.authenticationMethod, b.authenticationMethod)
        : setsIntersect(a[field], b[field]);
    if (verdict !== 'match') differences.push({ field, verdict });
  }
  return differences;
}

export type IpsecProposalField = 'transform' | 'encapsulationMode' | 'espAuthentication' | 'espEncryption' | 'ahAuthentication';

function encapsulationFits(a: IpsecProposalSettings, b: IpsecProposalSettings): Verdict {
  const x = a.encapsulationMode;
  const y = b.encapsulationMode;
  if (x.source === 'unknown' || y.source === 'unknown') return 'unknown';
  if (x.value === 'auto' || y.value === 'auto') return 'match';
  return x.value === y.value ? 'match' : 'mismatch';
}

/** Transform, encapsulation mode and the algorithms the transform uses (ESP encryption/authentication, AH authentication). */
export function compareIpsecProposals(a: IpsecProposalSettings, b: IpsecProposalSettings): FieldDifference<IpsecProposalField>[] {
  const differences: FieldDifference<IpsecProposalField>[] = [];
  const add = (field: IpsecProposalField, verdict: Verdict): void => {
    if (verdict !== 'match') differences.push({ field, verdict });
  };
  const transform = valuesEqual(a.transform, b.transform);
  add('transform', transform);
  add('encapsulationMode', encapsulationFits(a, b));
  if (transform !== 'match') return differences;
  const used = a.transform.source === 'unknown' ? '' : a.transform.value;
  if (used.includes('esp')) {
    add('espEncryption', setsIntersect(a.espEncryption, b.espEncryption));
    add('espAuthentication', setsIntersect(a.espAuthentication, b.espAuthentication));
  }
  if (used.includes('ah')) add('ahAuthentication', setsIntersect(a.ahAuthentication, b.ahAuthentication));
  return differences;
}

export interface ClosestPair<P, F extends string> {
  a: P;
  b: P;
  differences: FieldDifference<F>[];
}

export interface PairNegotiation<P, F extends string> {
  verdict: Verdict;
  /** When no pair matches: the pair with the fewest differences (user proposals before built-in ones). */
  closest?: ClosestPair<P, F>;
}

/**
 * Any pair agreeing wins; every pair differing on a known value is a mismatch; otherwise unknown.
 * Cost is |a| × |b| (proposals per peer, a handful), never across tunnels.
 */
export function negotiatePairs<P, F extends string>(
  as: readonly P[],
  bs: readonly P[],
  compare: (a: P, b: P) => FieldDifference<F>[],
  penalty: (p: P) => number = () => 0,
): PairNegotiation<P, F> {
  if (as.length === 0 || bs.length === 0) return { verdict: 'unknown' };
  let closest: ClosestPair<P, F> | undefined;
  let closestScore = Infinity;
  let anyUnknown = false;
  for (const a of as) {
    for (const b of bs) {
      const differences = compare(a, b);
      if (differences.length === 0) return { verdict: 'match' };
      if (differences.every((d) => d.verdict === 'unknown')) anyUnknown = true;
      const score = differences.filter((d) => d.verdict === 'mismatch').length * 10 + penalty(a) + penalty(b);
      if (score < closestScore) {
        closestScore = score;
        closest = { a, b, differences };
      }
    }
  }
  return anyUnknown ? { verdict: 'unknown', closest } : { verdict: 'mismatch', closest };
}

/** Whether two ends share an IKE proposal for the negotiated version. */
export function negotiateIkeProposals(
  a: readonly IkeProposalSettings[],
  b: readonly IkeProposalSettings[],
  version: 1 | 2,
): PairNegotiation<IkeProposalSettings, IkeProposalField> {
  return negotiatePairs(a, b, (x, y) => compareIkeProposals(x, y, version), (p) => (p.builtIn ? 1 : 0));
}

/** Whether two ends share an IPSec proposal (policies with several proposals match when any pair does). */
export function negotiateIpsecProposals(
  a: readonly IpsecProposalSettings[],
  b: readonly IpsecProposalSettings[],
): PairNegotiation<IpsecProposalSettings, IpsecProposalField> {
  return negotiatePairs(a, b, compareIpsecProposals);
}

/** PFS groups: `none` on both ends is a match; one end set and the other not is a mismatch. */
export function pfsFits(a: Effective<string>, b: Effective<string>): Verdict {
  return valuesEqual(a, b);
}

/** The pair a responder settles on, or why there is none. */
export interface ResponderChoice<P> {
  verdict: Verdict;
  /** The initiator's proposal that was accepted (verdict `match`). */
  offered?: P;
  /** The responder's proposal it picked (verdict `match`). */
  chosen?: P;
}

/**
 * The responder searches its own proposals in order (huawei-syntax.md §4.5: "the responder
 * searches its own proposals by priority") and takes the first one that agrees with a proposal the
 * initiator offers. When an earlier proposal of the responder cannot be judged (unknown values),
 * which one it picks is unknown too.
 */
export function responderChoice<P, F extends string>(
  offered: readonly P[],
  responder: readonly P[],
  compare: (offered: P, own: P) => FieldDifference<F>[],
): ResponderChoice<P> {
  if (offered.length === 0 || responder.length === 0) return { verdict: 'unknown' };
  for (const own of responder) {
    let undecided = false;
    for (const offer of offered) {
      const differences = compare(offer, own);
      if (differences.length === 0) return { verdict: 'match', offered: offer, chosen: own };
      if (differences.every((d) => d.verdict === 'unknown')) undecided = true;
    }
    if (undecided) return { verdict: 'unknown' };
  }
  return { verdict: 'mismatch' };
}

/**
 * The IKE proposals an initiating entry offers: its peer's, except that an IKEv1 initiator in
 * aggressive mode whose peer names no `ike-proposal` offers only the default proposal (guide FAQ
 * "What Does an IKE Peer Use an IKE Proposal for?"), however many the device defines.
 */
export function initiatorIkeOffer(entry: PolicyEntry, version: 1 | 2): IkeProposalSettings[] {
  const peer = entry.ikePeer;
  const mode = entry.peerSettings?.exchangeMode;
  if (version !== 1 || !peer || peer.ikeProposals.length > 0 || mode?.source !== 'explicit' || mode.value !== 'aggressive') return entry.ikeProposals;
  return entry.ikeProposals.filter((proposal) => proposal.builtIn || proposal.id.toLowerCase() === 'default');
}
