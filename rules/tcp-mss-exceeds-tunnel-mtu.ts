import type { InterfaceNode } from '../src/ast/types.js';
import { entryIpsecOverheadBound, TCP_IP_HEADER_BYTES, type EntryOverhead } from '../src/model/ipsec-overhead.js';
import type { Device } from '../src/model/types.js';
import { tunnelsOfEntry } from '../src/network/entry-tunnels.js';
import type { DeviceRule, DeviceRuleContext, RelatedLocation } from './types.js';

// A type alias (not an interface) so it is assignable to the registry's Record<string, unknown> options.
type Options = { assumedMtu: number };

/** The MSS the guide recommends for IPSec (guide: "An Incorrect TCP MSS Results in Temporary IPSec Service Interruptions"). */
const USUAL_MSS = 1350;

/** The largest overhead of the enabled entries bound to each interface. */
function overheadByInterface(context: DeviceRuleContext<Options>): Map<InterfaceNode, EntryOverhead> {
  const byInterface = new Map<InterfaceNode, EntryOverhead>();
  for (const entry of context.entries) {
    if (entry.disabled || entry.interfaces.length === 0) continue;
    // A tunnel that crosses NAT carries the UDP header of NAT traversal.
    const overhead = entryIpsecOverheadBound(entry, tunnelsOfEntry(context.network, entry).some((tunnel) => tunnel.nat.present));
    if (!overhead) {
      context.note(context.device.file, `cannot verify the TCP MSS against the MTU for ${entry.id}: its IPSec proposal has values or algorithms fwlint does not know`);
      continue;
    }
    for (const iface of entry.interfaces) {
      const known = byInterface.get(iface);
      if (!known || overhead.bytes > known.bytes) byInterface.set(iface, overhead);
    }
  }
  return byInterface;
}

function relatedOf(device: Device, iface: InterfaceNode): RelatedLocation[] {
  const name = iface.name.value;
  const related: RelatedLocation[] = [];
  if (iface.mtu) related.push({ file: device.file, range: iface.mtu.range, message: `${name} has MTU ${iface.mtu.value} here.` });
  if (iface.ipsecPolicy) {
    related.push({ file: device.file, range: iface.ipsecPolicy.range, message: `${name} carries IPSec policy "${iface.ipsecPolicy.name.value}" here.` });
  } else if (iface.ipsecProfile) {
    related.push({ file: device.file, range: iface.ipsecProfile.range, message: `${name} carries IPSec profile "${iface.ipsecProfile.value}" here.` });
  }
  return related;
}

const rule: DeviceRule<Options> = {
  meta: {
    id: 'tcp-mss-exceeds-tunnel-mtu',
    description: 'The TCP MSS limit of an interface carrying IPSec leaves no room for the IPSec overhead within the interface MTU',
    scope: 'device',
    defaultSeverity: 'warning',
    presets: ['recommended'],
    tags: ['ipsec', 'mtu'],
    messages: {
      exceedsMtu:
        'TCP MSS "{{mss}}" plus 40 bytes of TCP/IP headers and up to {{overhead}} bytes of IPSec overhead (proposal "{{proposal}}") makes packets of up to {{total}} bytes, more than the MTU "{{mtu}}" of "{{interface}}", so large TCP segments are fragmented after encryption or dropped when DF is set; lower the MSS to at most {{maxMss}} (e.g. "{{fix}}").',
      exceedsAssumedMtu:
        'TCP MSS "{{mss}}" plus 40 bytes of TCP/IP headers and up to {{overhead}} bytes of IPSec overhead (proposal "{{proposal}}") makes packets of up to {{total}} bytes, more than the MTU {{mtu}} assumed for "{{interface}}" (it has no "mtu" line), so large TCP segments are fragmented after encryption or dropped when DF is set; lower the MSS to at most {{maxMss}} (e.g. "{{fix}}").',
    },
    optionsSchema: {
      type: 'object',
      properties: {
        assumedMtu: {
          type: 'integer',
          minimum: 576,
          maximum: 9600,
          default: 1500,
          description: 'MTU assumed for interfaces without an "mtu" line.',
        },
      },
      additionalProperties: false,
    },
    fixable: true,
    since: '0.1.0',
  },
  check(context: DeviceRuleContext<Options>) {
    const { device, options } = context;
    const globalMss = device.ast.globals.firewallTcpMss;
    for (const [iface, overhead] of overheadByInterface(context)) {
      // No MSS limit at all is tcp-mss-not-set's finding; the interface's own limit overrides the global one.
      const mss = iface.tcpAdjustMss ?? globalMss;
      if (!mss) continue;
      const mtu = iface.mtu?.value ?? options.assumedMtu;
      const total = mss.value + TCP_IP_HEADER_BYTES + overhead.bytes;
      if (total <= mtu) continue;
      const maxMss = mtu - TCP_IP_HEADER_BYTES - overhead.bytes;
      if (maxMss < 1) {
        context.note(device.file, `cannot suggest a TCP MSS for ${iface.name.value}: its MTU ${mtu} leaves no room for ${overhead.bytes} bytes of IPSec overhead`);
        continue;
      }
      const command = iface.tcpAdjustMss ? 'tcp adjust-mss' : 'firewall tcp-mss';
      const newMss = Math.min(USUAL_MSS, maxMss);
      context.report({
        range: mss.range,
        messageId: iface.mtu ? 'exceedsMtu' : 'exceedsAssumedMtu',
        data: {
          mss: mss.value,
          overhead: overhead.bytes,
          proposal: overhead.proposal.node.name.value,
          total,
          mtu,
          interface: iface.name.value,
          maxMss,
          fix: `${command} ${newMss}`,
        },
        objectPath: `${iface.path}/tcp-mss-mtu`,
        related: relatedOf(device, iface),
        // Lowering the MSS only shortens TCP segments; the interface's own limit touches that
        // interface alone (safe), the global "firewall tcp-mss" every TCP flow of the device (unsafe).
        fix: {
          applicability: iface.tcpAdjustMss ? 'safe' : 'unsafe',
          edits: [{ kind: 'replace', range: mss.range, text: String(newMss) }],
        },
      });
    }
  },
};

export default rule;
