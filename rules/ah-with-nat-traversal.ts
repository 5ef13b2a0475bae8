import type { IpsecProposalNode } from '../src/ast/types.js';
import type { Device, PolicyEntry } from '../src/model/types.js';
import type { Range } from '../src/text/range.js';
import { natCrossingOf, type NatCrossing } from '../src/network/nat-crossing.js';
import { formatIpv4 } from '../src/flow/ipv4.js';
import type { ChangeEdit, DeviceRule, RelatedLocation, Report } from './types.js';
import { NO_OPTIONS } from './_lib/options.js';

const NAT_EVIDENCE: Record<NatCrossing['reason'], string> = {
  declared: 'the topology declares a NAT between the ends',
  'private-address': 'one end has a private address and the other a public one',
  'authentication-address': 'the peer uses "remote-address authentication-address"',
  'private-local-public-remote': 'the local address is private and the remote address is public',
};

interface Finding {
  entry: PolicyEntry;
  crossing?: NatCrossing;
  traversalRange?: Range;
}

function relatedOf(device: Device, entry: PolicyEntry, crossing: NatCrossing): RelatedLocation[] {
  if (crossing.tunnel) {
    const other = crossing.tunnel.ends.find((end) => end.entry !== entry) ?? crossing.tunnel.ends[1];
    return [{ file: other.device.file, range: other.entry.node.range, message: `the other end of the tunnel (${other.device.name})` }];
  }
  if (crossing.target) {
    return [{ file: device.file, range: crossing.target.range, message: `public remote address ${formatIpv4(crossing.target.address)}` }];
  }
  return [];
}

/**
 * `transform esp` with ESP algorithms: AH's authentication algorithm becomes ESP's (kept when
 * ESP already authenticates), and ESP encrypts with the proposal's algorithm or aes-256. Unsafe:
 * the other end's proposal must change the same way (its own finding carries that fix).
 */
function toEsp(node: IpsecProposalNode): Report['fix'] {
  const transform = node.transform;
  if (!transform) return undefined;
  const edits: ChangeEdit[] = [{ kind: 'line', line: transform.range.line, text: 'transform esp' }];
  const ah = node.ahAuthentication;
  const added: string[] = [];
  if (ah && !node.espAuthentication) added.push(`esp authentication-algorithm ${ah.value.join(' ')}`);
  if (!node.espEncryption) added.push('esp encryption-algorithm aes-256');
  if (added.length > 0) edits.push({ kind: 'insert', line: transform.range.line, lines: added });
  // The AH line stays in a device's configuration after "transform esp" unless it is undone.
  if (ah) edits.push({ kind: 'delete', line: ah.range.line, undo: 'undo ah authentication-algorithm' });
  return { applicability: 'unsafe', edits };
}

const rule: DeviceRule = {
  meta: {
    id: 'ah-with-nat-traversal',
    description: 'An IPSec proposal using AH on a tunnel that crosses a NAT device',
    scope: 'device',
    relatesOtherDevices: true,
    defaultSeverity: 'error',
    presets: ['recommended', 'strict'],
    tags: ['ipsec-proposal', 'nat'],
    breaks: { ahAcrossNat: 'traffic' },
    messages: {
      ahAcrossNat:
        'IPSec proposal "{{proposal}}" uses transform "{{transform}}" on policy "{{policy}}", whose tunnel crosses a NAT ({{evidence}}); AH authenticates the IP header that NAT rewrites, so packets fail the check. Use "transform esp".',
      ahWithNatTraversal:
        'IPSec proposal "{{proposal}}" uses transform "{{transform}}" while IKE peer "{{peer}}" enables "nat traversal"; AH cannot cross a NAT, so the tunnel breaks if a NAT sits between the ends. Use "transform esp".',
    },
    fixable: true,
    optionsSchema: NO_OPTIONS,
    since: '0.1.0',
  },
  check(context) {
    const { device, network } = context;
    const findings = new Map<IpsecProposalNode, Finding>();
    for (const entry of device.entries) {
      const proposals = entry.ipsecProposalSettings.filter((s) => s.transform.source === 'explicit' && s.transform.value !== 'esp');
      if (proposals.length === 0) continue;
      const crossing = natCrossingOf(network, device, entry);
      const traversal = entry.peerSettings?.natTraversal;
      const traversalRange = traversal?.source === 'explicit' && traversal.value ? traversal.range : undefined;
      if (!crossing && !traversalRange) continue;
      for (const settings of proposals) {
        const previous = findings.get(settings.node);
        if (!previous || (!previous.crossing && crossing)) findings.set(settings.node, { entry, crossing, traversalRange });
      }
    }
    for (const [node, { entry, crossing, traversalRange }] of findings) {
      const transform = node.transform;
      if (!transform) continue;
      const data = { proposal: node.name.value, transform: transform.value, policy: `${entry.group} ${entry.seq}` };
      if (crossing) {
        context.report({
          range: transform.range,
          messageId: 'ahAcrossNat',
          data: { ...data, evidence: NAT_EVIDENCE[crossing.reason] },
          objectPath: node.path,
          related: relatedOf(device, entry, crossing),
          fix: toEsp(node),
        });
      } else if (traversalRange) {
        context.report({
          range: transform.range,
          messageId: 'ahWithNatTraversal',
          data: { ...data, peer: entry.ikePeer?.name.value ?? '' },
          objectPath: node.path,
          severity: 'warning',
          related: [{ file: device.file, range: traversalRange, message: 'NAT traversal enabled here' }],
          fix: toEsp(node),
        });
      }
    }
  },
};

export default rule;
