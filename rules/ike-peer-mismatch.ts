import { localIdentity, remoteIdentityProblem, type LocalIdentity } from '../src/model/identity.js';
import { commonIkeVersions, describe, exchangeModesFit, negotiatedIkeVersion } from '../src/model/negotiation.js';
import type { Effective } from '../src/model/types.js';
import type { TunnelEnd } from '../src/network/types.js';
import type { Range } from '../src/text/range.js';
import { endPairs, relatedAt, type TunnelRule } from './_lib/tunnel-ends.js';
import type { ChangeEdit, Report, TunnelRuleContext } from './types.js';
import { NO_OPTIONS } from './_lib/options.js';

function peerRange(end: TunnelEnd, value?: Effective<unknown>): Range {
  if (value?.source === 'explicit') return value.range;
  return end.entry.ikePeer?.range ?? end.entry.settingsNode.range;
}

function peerPath(end: TunnelEnd): string {
  return end.entry.ikePeer?.path ?? end.entry.id;
}

type Field = 'versions' | 'exchangeMode';

const FIELD_LABELS: Record<Field, string> = { versions: 'IKE version', exchangeMode: 'exchange-mode' };

/** A peer setting given `value`: the existing line's value replaced, else `keyword value` added to the peer. */
function setValue(end: TunnelEnd, existing: { range: Range } | undefined, keyword: string, value: string): ChangeEdit[] {
  if (existing) return [{ kind: 'replace', range: existing.range, text: value }];
  const peer = end.entry.ikePeer;
  return peer ? [{ kind: 'insert', line: peer.range.line, into: true, lines: [`${keyword} ${value}`] }] : [];
}

function suggestion(end: TunnelEnd, desc: string, edits: ChangeEdit[]): Pick<Report, 'suggestions'> {
  return edits.length > 0 ? { suggestions: [{ desc, change: { file: end.device.file, edits } }] } : {};
}

/**
 * Enable on this peer a version the other end allows (IKEv2 first): a USG `undo version N` line is
 * removed (the device types `version N`), an AR peer selecting versions gets a `version N` line. An
 * older AR header `ike peer NAME v1` is not edited (the view would be re-created).
 */
function versionSuggestion(end: TunnelEnd, other: TunnelEnd): Pick<Report, 'suggestions'> {
  const peer = end.entry.ikePeer;
  const theirs = other.entry.peerSettings?.versions;
  if (!peer || peer.headerVersion || !theirs || theirs.source === 'unknown') return {};
  const version = [...theirs.value].sort().at(-1);
  if (version === undefined) return {};
  const desc = `Make ${end.device.name} match ${other.device.name}: enable IKEv${version} ("version ${version}") in IKE peer ${peer.name.value}`;
  const undone = peer.undoVersions.find((v) => v.value === version);
  if (undone) return suggestion(end, desc, [{ kind: 'delete', line: undone.range.line, undo: `version ${version}` }]);
  if (peer.versions.length > 0) return suggestion(end, desc, [{ kind: 'insert', line: peer.range.line, into: true, lines: [`version ${version}`] }]);
  return {};
}

function exchangeModeSuggestion(end: TunnelEnd, other: TunnelEnd): Pick<Report, 'suggestions'> {
  const peer = end.entry.ikePeer;
  const theirs = other.entry.peerSettings?.exchangeMode;
  if (!peer || !theirs || theirs.source === 'unknown') return {};
  return suggestion(end, `Make ${end.device.name} match ${other.device.name}: "exchange-mode ${theirs.value}" in IKE peer ${peer.name.value}`, setValue(end, peer.exchangeMode, 'exchange-mode', theirs.value));
}

function reportBoth(context: TunnelRuleContext, field: Field, messageId: string): void {
  for (const [end, other] of endPairs(context.tunnel)) {
    const mine = end.entry.peerSettings?.[field];
    const theirs = other.entry.peerSettings?.[field];
    if (!mine || !theirs) continue;
    context.report({
      file: end.device.file,
      range: peerRange(end, mine),
      objectPath: peerPath(end),
      messageId,
      data: { value: describe(mine), otherValue: describe(theirs), other: other.device.name },
      related: relatedAt(other, peerRange(other, theirs), `${FIELD_LABELS[field]} "${describe(theirs)}" on ${other.device.name}`),
      ...(field === 'versions' ? versionSuggestion(end, other) : exchangeModeSuggestion(end, other)),
    });
  }
}

/** Explicit-only peer options that must be equal on both ends (no documented default). */
function checkExplicitOption(context: TunnelRuleContext, option: 'rsaEncryptionPadding' | 'rsaSignaturePadding' | 'sm4Version', label: string): void {
  const [first, second] = context.tunnel.ends;
  const a = first.entry.ikePeer?.[option];
  const b = second.entry.ikePeer?.[option];
  if (!a || !b || a.value.toLowerCase() === b.value.toLowerCase()) return;
  for (const [end, other, mine, theirs] of [
    [first, second, a, b],
    [second, first, b, a],
  ] as const) {
    context.report({
      file: end.device.file,
      range: mine.range,
      objectPath: peerPath(end),
      messageId: 'optionDiffers',
      data: { option: label, value: mine.value, otherValue: theirs.value, other: other.device.name },
      related: relatedAt(other, theirs.range, `${label} "${theirs.value}" on ${other.device.name}`),
      ...suggestion(end, `Make ${end.device.name} match ${other.device.name}: "${label} ${theirs.value}"`, [{ kind: 'replace', range: mine.range, text: theirs.value }]),
    });
  }
}

/**
 * Accept the identity the other end sends: `remote-id-type <its type>` (with the remote-id set to
 * its value when there is one), or `remote-id <its value>`. A suggestion: changing the other end's
 * local identity is as good a correction.
 */
function identitySuggestion(end: TunnelEnd, other: TunnelEnd, kind: 'remote-id-type' | 'remote-id', sent: LocalIdentity): Pick<Report, 'suggestions'> {
  const peer = end.entry.ikePeer;
  if (!peer) return {};
  const edits: ChangeEdit[] = [];
  if (kind === 'remote-id-type') {
    // `remote-id-type ip 192.0.2.1` carries the id on its line: its type alone is not changed.
    if (peer.remoteId && (sent.value === undefined || peer.remoteId.range.line === peer.remoteIdType?.range.line)) return {};
    edits.push(...setValue(end, peer.remoteIdType, 'remote-id-type', sent.type));
  }
  if (peer.remoteId && sent.value !== undefined && (kind === 'remote-id' || peer.remoteId.value.trim() !== sent.value)) {
    edits.push({ kind: 'replace', range: peer.remoteId.range, text: sent.value });
  }
  const identity = sent.value === undefined ? `${sent.type} identity` : `${sent.type} identity "${sent.value}"`;
  return suggestion(end, `Accept the ${identity} ${other.device.name} sends (${kind} in IKE peer ${peer.name.value})`, edits);
}

function checkIdentities(context: TunnelRuleContext): void {
  if (context.tunnel.nat.present) return;
  for (const [end, other] of endPairs(context.tunnel)) {
    const sent = localIdentity(other.device, other.entry);
    const problem = remoteIdentityProblem(end.entry, sent);
    if (!problem || !sent) continue;
    const related = sent.valueRange ?? sent.typeRange ?? peerRange(other);
    context.report({
      file: end.device.file,
      range: problem.range,
      objectPath: peerPath(end),
      messageId: problem.kind === 'remote-id-type' ? 'remoteIdType' : 'remoteId',
      data: { expected: problem.expected, actual: problem.actual, type: sent.type, other: other.device.name },
      related: relatedAt(other, related, `${other.device.name} identifies itself as ${sent.type} "${sent.value ?? 'unknown'}"`),
      ...identitySuggestion(end, other, problem.kind, sent),
    });
  }
}

const rule: TunnelRule = {
  meta: {
    id: 'ike-peer-mismatch',
    description: 'The IKE peers of a tunnel disagree on version, exchange mode, identity or RSA/SM4 settings',
    scope: 'tunnel',
    defaultSeverity: 'error',
    presets: ['recommended', 'strict'],
    tags: ['ike', 'phase1', 'two-end'],
    breaks: 'ike',
    messages: {
      version:
        'This peer negotiates IKE version "{{value}}" but {{other}} only "{{otherValue}}": no IKE SA can be established; enable a common version on both ends.',
      exchangeMode:
        'IKEv1 exchange mode "{{value}}" does not match "{{otherValue}}" on {{other}}, so phase 1 fails; use the same "exchange-mode" on both ends (or "auto" on the responder).',
      remoteIdType:
        'remote-id-type "{{expected}}" does not accept the {{actual}} identity {{other}} sends, so IKE authentication fails; set "remote-id-type {{actual}}" or change the local-id-type of {{other}}.',
      remoteId:
        'remote-id "{{expected}}" does not match the {{type}} identity "{{actual}}" {{other}} sends, so IKE authentication fails; make the remote-id equal to the other end\'s local identity.',
      optionDiffers:
        '{{option}} "{{value}}" differs from "{{otherValue}}" on {{other}}, so IKE negotiation fails; use the same {{option}} on both ends.',
    },
    hasSuggestions: true,
    optionsSchema: NO_OPTIONS,
    reasons: ['version mismatch', 'unsupported version', 'exchange mode mismatch', 'config ID mismatch', 'authentication fail'],
    since: '0.1.0',
  },
  check(context) {
    const [first, second] = context.tunnel.ends;
    const a = first.entry.peerSettings;
    const b = second.entry.peerSettings;
    if (!a || !b) return;
    const versions = commonIkeVersions(a, b);
    if (versions.verdict === 'unknown') context.note(first.device.file, `cannot verify IKE versions of ${context.tunnel.id}`);
    if (versions.verdict === 'mismatch') {
      reportBoth(context, 'versions', 'version');
      return;
    }
    if (negotiatedIkeVersion(a, b) === 1) {
      const modes = exchangeModesFit(a, b);
      if (modes === 'mismatch') reportBoth(context, 'exchangeMode', 'exchangeMode');
      else if (modes === 'unknown') context.note(first.device.file, `cannot verify IKEv1 exchange modes of ${context.tunnel.id}`);
    }
    checkIdentities(context);
    checkExplicitOption(context, 'rsaEncryptionPadding', 'rsa encryption-padding');
    checkExplicitOption(context, 'rsaSignaturePadding', 'rsa signature-padding');
    checkExplicitOption(context, 'sm4Version', 'sm4 version');
  },
};

export default rule;
