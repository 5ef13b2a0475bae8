import { localIdentity, remoteIdentityProblem } from '../src/model/identity.js';
import { commonIkeVersions, describe, exchangeModesFit, negotiatedIkeVersion } from '../src/model/negotiation.js';
import type { Effective } from '../src/model/types.js';
import type { TunnelEnd } from '../src/network/types.js';
import type { Range } from '../src/text/range.js';
import { endPairs, relatedAt, type TunnelRule } from './_lib/tunnel-ends.js';
import type { TunnelRuleContext } from './types.js';
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
    });
  }
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
