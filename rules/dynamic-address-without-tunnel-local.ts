import type { InterfaceNode, Val } from '../src/ast/types.js';
import { lookupsOf } from '../src/model/lookups.js';
import type { Device, PolicyEntry } from '../src/model/types.js';
import { formatIpv4 } from '../src/flow/ipv4.js';
import type { Range } from '../src/text/range.js';
import type { ChangeEdit, ChangeSpec, DeviceRule, DeviceRuleContext } from './types.js';
import { tunnelLocalInsert } from './_lib/tunnel-local-fix.js';

// A type alias (not an interface) so it is assignable to the registry's Record<string, unknown> options.
type Options = { negotiatedAddresses: boolean };

function negotiatesWithIke(entry: PolicyEntry): boolean {
  if (entry.kind === 'profile' || entry.role === 'manual' || entry.role === 'profile') return false;
  // A template policy whose template is undefined has no settings to check (ipsec-reference-undefined).
  return entry.role !== 'template' || entry.template !== undefined;
}

/** The primary address of the interface an unnumbered interface borrows from, when the configuration shows it. */
function borrowedAddress(device: Device, iface: InterfaceNode): { address: string; from: string } | undefined {
  const source = iface.unnumberedFrom && lookupsOf(device.ast).interface(iface.unnumberedFrom.value);
  const primary = source ? source.addresses.find((address) => !address.sub) : undefined;
  return source && primary ? { address: formatIpv4(primary.address.value), from: source.name.value } : undefined;
}

/** The `tunnel local` line to add: with the borrowed interface's address when the configuration shows it. */
function tunnelLocalFix(borrowed: { address: string; from: string } | undefined): string {
  if (!borrowed) return '"tunnel local" with the address of the interface it borrows from (e.g. a loopback)';
  return `"tunnel local ${borrowed.address}" (the address of ${borrowed.from})`;
}

/**
 * `tunnel local <borrowed address>` in the policy (or template) view, replacing `tunnel local
 * applied-interface`. Unsafe: the IKE source changes, and the peer's remote-address must name it.
 */
function tunnelLocalChange(entry: PolicyEntry, tunnelLocal: Val<string> | undefined, address: string): ChangeSpec {
  const text = `tunnel local ${address}`;
  const edit: ChangeEdit = tunnelLocal
    ? { kind: 'line', line: tunnelLocal.range.line, text }
    : tunnelLocalInsert(entry, address);
  return { applicability: 'unsafe', edits: [edit] };
}

function isAppliedInterface(tunnelLocal: Val<string>): boolean {
  return tunnelLocal.value.trim().toLowerCase() === 'applied-interface';
}

const rule: DeviceRule<Options> = {
  meta: {
    id: 'dynamic-address-without-tunnel-local',
    description: 'An IPSec policy applied to an interface without a fixed address ("ip address unnumbered", PPP or DHCP) but without "tunnel local"',
    scope: 'device',
    defaultSeverity: 'warning',
    presets: ['recommended'],
    tags: ['ike-negotiation', 'addressing'],
    breaks: 'ike',
    messages: {
      unnumbered:
        'IPSec policy "{{policy}}" is applied to "{{interface}}", which borrows its address with "ip address unnumbered", and has no "tunnel local", so IKE is sourced from an address the peer does not expect and negotiation fails; add {{fix}} and point the peer\'s "remote-address" at it.',
      appliedInterface:
        'IPSec policy "{{policy}}" has "tunnel local applied-interface", but "{{interface}}" borrows its address with "ip address unnumbered", so IKE is still sourced from an address the peer does not expect and negotiation fails; replace it with {{fix}}, and point the peer\'s "remote-address" at it.',
      negotiated:
        'IPSec policy "{{policy}}" is applied to "{{interface}}", which gets its address by "{{how}}", and has no "tunnel local", so IKE is sourced from an address the peer cannot know in advance and negotiation fails once it changes; add "tunnel local" with the address of a stable interface (e.g. a loopback) and point the peer\'s "remote-address" at it.',
    },
    optionsSchema: {
      type: 'object',
      properties: {
        negotiatedAddresses: {
          type: 'boolean',
          default: false,
          description:
            'Also flag policies on interfaces whose address is negotiated ("ip address ppp-negotiate") or leased ("ip address dhcp-alloc"), where "tunnel local applied-interface" is accepted too.',
        },
      },
      additionalProperties: false,
    },
    reasons: ['peer address mismatch'],
    fixable: true,
    since: '0.1.0',
  },
  check(context: DeviceRuleContext<Options>) {
    const { device, options } = context;
    for (const entry of context.entries) {
      if (entry.disabled || entry.interfaces.length === 0 || !negotiatesWithIke(entry)) continue;
      const iface = entry.interfaces[0];
      const dynamic = iface.dynamicAddress;
      if (!dynamic) continue;
      const unnumbered = dynamic.value === 'unnumbered';
      if (!unnumbered && !options.negotiatedAddresses) continue;
      // An explicit `tunnel local` address, a peer `local-address` or a primary address of the interface fixes the IKE source.
      if (entry.localAddress.value.source === 'explicit') continue;
      const tunnelLocal = entry.settingsNode.tunnelLocal;
      // A `tunnel local` value the model cannot read is not claimed to be missing.
      if (tunnelLocal && !isAppliedInterface(tunnelLocal)) continue;
      // Guide: for a variable address, "tunnel local applied-interface" is the alternative; unnumbered has none.
      if (tunnelLocal && !unnumbered) continue;
      let range: Range = entry.settingsNode.range;
      let messageId = unnumbered ? 'unnumbered' : 'negotiated';
      if (tunnelLocal) {
        range = tunnelLocal.range;
        messageId = 'appliedInterface';
      }
      const borrowed = unnumbered ? borrowedAddress(device, iface) : undefined;
      context.report({
        range,
        messageId,
        data: { policy: `${entry.group} ${entry.seq}`, interface: iface.name.value, how: dynamic.value, fix: tunnelLocalFix(borrowed) },
        ...(borrowed ? { fix: tunnelLocalChange(entry, tunnelLocal, borrowed.address) } : {}),
        objectPath: `${entry.id}/tunnel-local`,
        related: [
          { file: device.file, range: dynamic.range, message: `${iface.name.value} gets its address by "${dynamic.value}" here.` },
        ],
      });
    }
  },
};

export default rule;
