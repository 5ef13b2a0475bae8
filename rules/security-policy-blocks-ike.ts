import { filtersWithSecurityPolicy } from '../src/model/firewall.js';
import { controlTrafficBetween, controlTrafficZone, ipsecProtocols } from '../src/model/ipsec-control-traffic.js';
import type { Device, PolicyEntry } from '../src/model/types.js';
import { endsOfEntry, type EntryEnd } from '../src/network/entry-tunnels.js';
import { type Address, formatAddress } from '../src/flow/address.js';
import type { Range } from '../src/text/range.js';
import { packetsOf } from './_lib/ipsec-packets.js';
import type { DeviceRule, DeviceRuleContext, RelatedLocation } from './types.js';
import { NO_OPTIONS } from './_lib/options.js';
import { securityPermitFix } from './_lib/security-fix.js';
import { singleTargetAddress } from '../src/model/remote-target.js';

/** One peer this entry exchanges IKE and ESP/AH with. */
interface Exchange {
  peer: Address;
  /** This end's address in the tunnel (a dual-stack responder answers on the family the peer uses). */
  local?: Address;
  natTraversal: boolean;
  /** The line here naming the peer (remote-address), if any. */
  here?: Range;
  /** The other device's line pointing at this device. */
  there?: RelatedLocation;
}

function exchangesOf(entry: PolicyEntry, ends: readonly EntryEnd[]): Exchange[] {
  const byPeer = new Map<Address, Exchange>();
  const natAllowed = entry.peerSettings?.natTraversal.source === 'unknown' || entry.peerSettings?.natTraversal.value !== false;
  for (const { mine, other, tunnel } of ends) {
    const nat = tunnel.nat.present;
    const peer = nat || other.localAddress.source === 'unknown' ? mine.remoteTarget?.address : other.localAddress.value;
    if (peer === undefined) continue;
    byPeer.set(peer, {
      peer,
      ...(mine.localAddress.source === 'unknown' ? {} : { local: mine.localAddress.value }),
      natTraversal: nat && natAllowed,
      here: mine.remoteTarget?.range,
      there: other.remoteTarget ? { file: other.device.file, range: other.remoteTarget.range, message: `${other.device.name} negotiates with this device here.` } : undefined,
    });
  }
  for (const target of entry.remoteTargets) {
    if (singleTargetAddress(target) === undefined || byPeer.has(target.address)) continue;
    byPeer.set(target.address, { peer: target.address, natTraversal: false, here: target.range });
  }
  return [...byPeer.values()];
}

function defaultActionLocation(device: Device): RelatedLocation[] {
  const action = device.securityDefaultAction;
  return action.source === 'explicit' ? [{ file: device.file, range: action.range, message: 'The default action "deny" is set here.' }] : [];
}

function checkEntry(context: DeviceRuleContext, entry: PolicyEntry, zone: string, entryLocal: Address, seen: Set<string>, exchanges: Exchange[]): void {
  const { device } = context;
  if (exchanges.length === 0) context.note(device.file, `not checked: ${entry.id} has no known peer address to check IKE and ESP against`);
  const protocols = ipsecProtocols(entry.ipsecProposalSettings);
  for (const exchange of exchanges) {
    const local = exchange.local ?? entryLocal;
    // A manual policy uses no IKE: only its ESP/AH packets must pass, and the message says so.
    const manual = entry.role === 'manual';
    const traffic = controlTrafficBetween(local, exchange.peer, { natTraversal: exchange.natTraversal && !manual, protocols, ike: !manual });
    const directions = [
      { direction: 'outbound', flow: traffic.outbound, from: 'local', to: zone },
      { direction: 'inbound', flow: traffic.inbound, from: zone, to: 'local' },
    ] as const;
    for (const { direction, flow, from, to } of directions) {
      for (const part of device.evaluateSecurityPolicy(flow, from, to)) {
        if (part.action !== 'deny') continue;
        if (part.uncertain || part.approximate) {
          const why = part.uncertain ? 'the deciding security rule uses names the model cannot resolve' : 'the flow left by the rules above it splits into more pieces than fwlint follows (4,096), so which rule takes which part is not exact';
          context.note(device.file, `cannot verify IKE/ESP ${direction} for ${entry.id}: ${why}`);
          continue;
        }
        const data = { packets: packetsOf(part.part), local: formatAddress(local), peer: formatAddress(exchange.peer), direction, from, to };
        const related = exchange.there ? [exchange.there] : [];
        // The permitting rule, just above the denying rule (or last for the default action); unsafe, see securityPermitFix.
        const name = `ipsec-${direction === 'outbound' ? 'out' : 'in'}-${data.peer.replace(/[.:]/g, '-')}`;
        const fix = securityPermitFix(device, { flow: part.part, from, to, deny: part.rule, name });
        const range = part.rule?.range ?? exchange.here ?? entry.settingsNode.ikePeer?.range ?? entry.node.range;
        const key = `${range.offset}|${data.peer}|${direction}`;
        if (seen.has(key)) continue;
        seen.add(key);
        if (part.rule) {
          context.report({
            range: part.rule.range,
            messageId: manual ? 'deniedByRuleManual' : 'deniedByRule',
            data: { ...data, rule: part.rule.name.value },
            objectPath: `${part.rule.path}/ike:${data.peer}/${direction}`,
            related,
            ...(fix ? { fix } : {}),
          });
        } else {
          context.report({
            range,
            messageId: manual ? 'deniedByDefaultManual' : 'deniedByDefault',
            data,
            objectPath: `${entry.id}/ike:${data.peer}/${direction}`,
            related: [...related, ...defaultActionLocation(device)],
            ...(fix ? { fix } : {}),
          });
        }
      }
    }
  }
}

const rule: DeviceRule = {
  meta: {
    id: 'security-policy-blocks-ike',
    description: 'The security policy denies IKE or ESP/AH between the firewall and its IPSec peer',
    scope: 'device',
    relatesOtherDevices: true,
    defaultSeverity: 'error',
    presets: ['recommended'],
    tags: ['security-policy', 'firewall', 'ike-negotiation'],
    breaks: 'ike',
    messages: {
      deniedByRule:
        'Security rule "{{rule}}" denies {{packets}} {{direction}} between {{local}} and the IKE peer {{peer}} (zone "{{from}}" to "{{to}}"), so the tunnel cannot be negotiated or carry traffic; permit these packets between "local" and the peer in a rule above it.',
      deniedByDefault:
        'No security rule permits {{packets}} {{direction}} between {{local}} and the IKE peer {{peer}} (zone "{{from}}" to "{{to}}") and the default action "deny" drops them, so the tunnel cannot be negotiated or carry traffic; add a rule permitting them.',
      deniedByRuleManual:
        'Security rule "{{rule}}" denies {{packets}} {{direction}} between {{local}} and the manual IPSec peer {{peer}} (zone "{{from}}" to "{{to}}"), so the manually keyed tunnel carries no traffic; permit these packets between "local" and the peer in a rule above it.',
      deniedByDefaultManual:
        'No security rule permits {{packets}} {{direction}} between {{local}} and the manual IPSec peer {{peer}} (zone "{{from}}" to "{{to}}") and the default action "deny" drops them, so the manually keyed tunnel carries no traffic; add a rule permitting them.',
    },
    fixable: true,
    optionsSchema: NO_OPTIONS,
    reasons: ['max transmit reached'],
    since: '0.1.0',
  },
  check(context: DeviceRuleContext) {
    const { device } = context;
    if (!filtersWithSecurityPolicy(device.ast)) return;
    const seen = new Set<string>();
    for (const entry of context.entries) {
      if (entry.disabled || entry.interfaces.length === 0) continue;
      const zone = controlTrafficZone(device, entry);
      const local = entry.localAddress.value;
      if (zone === undefined || local.source === 'unknown') {
        context.note(device.file, `cannot verify IKE/ESP for ${entry.id}: its interface zone or local address is unknown`);
        continue;
      }
      checkEntry(context, entry, zone, local.value, seen, exchangesOf(entry, endsOfEntry(context.network, entry)));
    }
  },
};

export default rule;
