import type { IpsecProposalSettings } from '../src/model/types.js';
import { compareIpsecProposals } from '../src/model/negotiation.js';
import type { TunnelEnd } from '../src/network/types.js';
import type { Range } from '../src/text/range.js';
import { endPairs, relatedAt, type TunnelRule } from './_lib/tunnel-ends.js';
import { NO_OPTIONS } from './_lib/options.js';
import type { ChangeEdit, Report } from './types.js';

const FIREWALL_LINE = 'ipsec sha2 compatible enable';
const AR_LINE = 'ipsec authentication sha2 compatible enable';

/** A line of the system view: after sysname, else after the policy (or template) the tunnel uses. */
function systemViewInsert(end: TunnelEnd, line: string): ChangeEdit {
  const sysname = end.device.ast.globals.sysname;
  return { kind: 'insert', line: sysname ? sysname.range.line : end.entry.node.range.line, lines: [line] };
}

/**
 * Two firewalls: which mode both use is a choice, so each end suggests matching the other — the end
 * lacking the line adds it, the end having it removes it (`undo`). The setting is device-wide: every
 * other tunnel of the device with SHA-2 changes mode too.
 */
function firewallSuggestion(end: TunnelEnd, other: TunnelEnd): Pick<Report, 'suggestions'> {
  const flag = end.device.sha2Compatible;
  if (flag.source === 'unknown') return {};
  if (flag.value) {
    if (flag.source !== 'explicit') return {};
    const desc = `Make ${end.device.name} match ${other.device.name}: remove "${FIREWALL_LINE}" (every SHA-2 tunnel of ${end.device.name} changes mode)`;
    return { suggestions: [{ desc, change: { file: end.device.file, edits: [{ kind: 'delete', line: flag.range.line, undo: `undo ${FIREWALL_LINE}` }] } }] };
  }
  const desc = `Make ${end.device.name} match ${other.device.name}: add "${FIREWALL_LINE}" in the system view (every SHA-2 tunnel of ${end.device.name} changes mode)`;
  return { suggestions: [{ desc, change: { file: end.device.file, edits: [systemViewInsert(end, FIREWALL_LINE)] } }] };
}

/** ESP authentication algorithms both ends can agree on, or undefined when a needed value is unknown. */
function commonEspAuthentication(a: readonly IpsecProposalSettings[], b: readonly IpsecProposalSettings[]): Set<string> | undefined {
  const common = new Set<string>();
  for (const x of a) {
    for (const y of b) {
      const differences = compareIpsecProposals(x, y);
      if (differences.some((d) => d.verdict === 'mismatch')) continue;
      if (differences.length > 0) return undefined;
      if (x.transform.source === 'unknown' || !x.transform.value.includes('esp')) continue;
      if (x.espAuthentication.source === 'unknown' || y.espAuthentication.source === 'unknown') return undefined;
      const theirs = new Set(y.espAuthentication.value);
      for (const algorithm of x.espAuthentication.value) if (theirs.has(algorithm)) common.add(algorithm);
    }
  }
  return common;
}

/** The `esp authentication-algorithm` line of a proposal using one of `algorithms`, else the policy (template) header. */
function espAuthRange(end: TunnelEnd, algorithms: readonly string[]): Range {
  for (const settings of end.entry.ipsecProposalSettings) {
    const auth = settings.espAuthentication;
    if (auth.source === 'explicit' && auth.value.some((a) => algorithms.includes(a))) return auth.range;
  }
  return end.entry.settingsNode.range;
}

const STRONG = ['sha2-384', 'sha2-512'];

const rule: TunnelRule = {
  meta: {
    id: 'sha2-compat-mismatch',
    description: 'The two ends use different SHA-2 encryption/decryption modes for ESP authentication',
    scope: 'tunnel',
    defaultSeverity: 'error',
    presets: ['recommended', 'strict'],
    tags: ['ipsec', 'phase2', 'sha2', 'interoperability', 'two-end'],
    breaks: 'traffic',
    messages: {
      firewallsDiffer:
        'ESP uses "{{algorithm}}" and "ipsec sha2 compatible enable" is {{value}} here but {{otherValue}} on {{other}}: the tunnel comes up but every packet fails authentication; set "ipsec sha2 compatible enable" the same way on both firewalls.',
      arNeedsCompatible:
        'ESP uses "sha2-256" with the firewall {{other}} but this AR router lacks "ipsec authentication sha2 compatible enable": the tunnel comes up but packets are dropped for failed authentication; add "ipsec authentication sha2 compatible enable" in the system view.',
    },
    hasSuggestions: true,
    optionsSchema: NO_OPTIONS,
    since: '0.1.0',
  },
  check(context) {
    const { tunnel } = context;
    const [first, second] = tunnel.ends;
    if (first.entry.role === 'manual' || second.entry.role === 'manual') return;
    const platforms = [first.device.ast.platform, second.device.ast.platform];
    if (!platforms.includes('usg')) return;
    if (platforms.includes('unknown')) {
      context.note(first.device.file, `cannot verify SHA-2 compatibility of ${tunnel.id}: the platform of an end is unknown`);
      return;
    }
    const common = commonEspAuthentication(first.entry.ipsecProposalSettings, second.entry.ipsecProposalSettings);
    if (!common) {
      context.note(first.device.file, `cannot verify SHA-2 compatibility of ${tunnel.id}: an IPSec proposal value is unknown`);
      return;
    }
    if (platforms[0] === 'usg' && platforms[1] === 'usg') {
      const strong = STRONG.filter((a) => common.has(a));
      if (strong.length === 0) return;
      const a = first.device.sha2Compatible;
      const b = second.device.sha2Compatible;
      if (a.source === 'unknown' || b.source === 'unknown') {
        context.note(first.device.file, `cannot verify "ipsec sha2 compatible" of ${tunnel.id}: a value is unknown`);
        return;
      }
      if (a.value === b.value) return;
      const rangeOf = (end: TunnelEnd): Range => {
        const flag = end.device.sha2Compatible;
        return flag.source === 'explicit' ? flag.range : espAuthRange(end, strong);
      };
      const state = (end: TunnelEnd): string => (end.device.sha2Compatible.source !== 'unknown' && end.device.sha2Compatible.value ? 'enabled' : 'disabled');
      for (const [end, other] of endPairs(tunnel)) {
        context.report({
          file: end.device.file,
          range: rangeOf(end),
          objectPath: end.device.sha2Compatible.source === 'explicit' ? 'global:ipsec-sha2-compatible' : end.entry.settingsNode.path,
          messageId: 'firewallsDiffer',
          data: { algorithm: strong.join('" or "'), value: state(end), otherValue: state(other), other: other.device.name },
          related: relatedAt(other, rangeOf(other), `"ipsec sha2 compatible enable" ${state(other)} on ${other.device.name}`),
          ...firewallSuggestion(end, other),
        });
      }
      return;
    }
    if (!common.has('sha2-256')) return;
    const [ar, firewall] = platforms[0] === 'ar' ? [first, second] : [second, first];
    if (ar.device.ast.platform !== 'ar') return;
    const flag = ar.device.authenticationSha2Compatible;
    if (flag.source === 'unknown') {
      context.note(ar.device.file, `cannot verify "ipsec authentication sha2 compatible" of ${tunnel.id}: the value is unknown`);
      return;
    }
    if (flag.value) return;
    context.report({
      file: ar.device.file,
      range: espAuthRange(ar, ['sha2-256']),
      objectPath: ar.entry.settingsNode.path,
      messageId: 'arNeedsCompatible',
      data: { other: firewall.device.name },
      related: relatedAt(firewall, espAuthRange(firewall, ['sha2-256']), `firewall ${firewall.device.name} uses ESP "sha2-256"`),
      // The AR must follow the firewall, but the line is device-wide (the AR's SHA-2 tunnels to other
      // routers change mode too), so it is offered as a suggestion, not applied by --fix.
      suggestions: [
        {
          desc: `Add "${AR_LINE}" in the system view of ${ar.device.name} (every SHA-2 tunnel of ${ar.device.name} changes mode)`,
          change: { file: ar.device.file, edits: [systemViewInsert(ar, AR_LINE)] },
        },
      ],
    });
  },
};

export default rule;
