import { compareIpsecProposals, describe, negotiateIpsecProposals, type IpsecProposalField } from '../src/model/negotiation.js';
import type { IpsecProposalSettings } from '../src/model/types.js';
import type { TunnelEnd } from '../src/network/types.js';
import type { Range } from '../src/text/range.js';
import { endPairs, relatedAt, type TunnelRule } from './_lib/tunnel-ends.js';
import { NO_OPTIONS } from './_lib/options.js';
import { unknownDefaultsNote, type UnknownSide } from './_lib/unknown-defaults.js';


const FIELD_LINES: Record<IpsecProposalField, string> = {
  transform: 'transform',
  encapsulationMode: 'encapsulation-mode',
  espAuthentication: 'esp authentication-algorithm',
  espEncryption: 'esp encryption-algorithm',
  ahAuthentication: 'ah authentication-algorithm',
};

function fieldRange(proposal: IpsecProposalSettings, field: IpsecProposalField): Range {
  const value = proposal[field];
  return value.source === 'explicit' ? value.range : proposal.node.range;
}

function unknownSide(end: TunnelEnd, proposal: IpsecProposalSettings): UnknownSide<IpsecProposalSettings, IpsecProposalField> {
  return {
    device: end.device,
    proposal,
    what: `IPSec proposal "${proposal.node.name.value}"`,
    pick: (field) => (table) => table[field],
    value: (field) => proposal[field],
  };
}

const rule: TunnelRule = {
  meta: {
    id: 'ipsec-proposal-mismatch',
    description: 'The two ends of a tunnel share no IPSec proposal',
    scope: 'tunnel',
    defaultSeverity: 'error',
    presets: ['recommended', 'strict'],
    tags: ['ipsec', 'phase2', 'two-end'],
    breaks: 'ipsec',
    messages: {
      fieldMismatch:
        'IPSec proposal "{{proposal}}" {{line}} "{{value}}" does not fit "{{otherValue}}" in proposal "{{otherProposal}}" on {{other}}, and no other proposal pair matches, so the IPSec SA is never established ("phase2 proposal or pfs mismatch"); use the same {{line}} on both ends.',
    },
    optionsSchema: NO_OPTIONS,
    reasons: ['phase2 proposal or pfs mismatch', 'encapsulation mode mismatch', 'proposal mismatch or use sm in ikev2'],
    since: '0.1.0',
  },
  check(context) {
    const [first, second] = context.tunnel.ends;
    if (first.entry.role === 'manual' || second.entry.role === 'manual') return;
    const result = negotiateIpsecProposals(first.entry.ipsecProposalSettings, second.entry.ipsecProposalSettings);
    if (result.verdict === 'match') return;
    if (result.verdict === 'unknown' || !result.closest) {
      const closest = result.closest;
      const detailed = closest
        ? unknownDefaultsNote(`IPSec proposals of ${context.tunnel.id}`, closest.differences, [unknownSide(first, closest.a), unknownSide(second, closest.b)], FIELD_LINES)
        : undefined;
      context.note(first.device.file, detailed ?? `cannot verify IPSec proposals of ${context.tunnel.id}: a proposal is missing or a value is unknown`);
      return;
    }
    const { a, b } = result.closest;
    const differences = compareIpsecProposals(a, b).filter((d) => d.verdict === 'mismatch');
    const chosen = new Map<TunnelEnd, IpsecProposalSettings>([
      [first, a],
      [second, b],
    ]);
    for (const [end, other] of endPairs(context.tunnel)) {
      const mine = chosen.get(end) as IpsecProposalSettings;
      const theirs = chosen.get(other) as IpsecProposalSettings;
      for (const { field } of differences) {
        context.report({
          file: end.device.file,
          range: fieldRange(mine, field),
          objectPath: mine.node.path,
          messageId: 'fieldMismatch',
          data: {
            proposal: mine.node.name.value,
            line: FIELD_LINES[field],
            value: describe(mine[field]),
            otherValue: describe(theirs[field]),
            otherProposal: theirs.node.name.value,
            other: other.device.name,
          },
          related: relatedAt(other, fieldRange(theirs, field), `${FIELD_LINES[field]} "${describe(theirs[field])}" of IPSec proposal "${theirs.node.name.value}" on ${other.device.name}`),
        });
      }
    }
  },
};

export default rule;
