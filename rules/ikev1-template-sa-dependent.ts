import type { Device, PolicyEntry, RemoteTarget } from '../src/model/types.js';
import { MemoSlot } from '../src/model/memo.js';
import { type Address, addressInRange, formatAddress } from '../src/flow/address.js';
import { tunnelsOfEntry } from '../src/network/entry-tunnels.js';
import { canStartNegotiation } from '../src/network/initiators.js';
import type { Network } from '../src/network/types.js';
import type { ChangeEdit, DeviceRule, DeviceRuleContext, RelatedLocation } from './types.js';
import { NO_OPTIONS } from './_lib/options.js';

const UNDO = 'undo ikev1 phase1-phase2 sa dependent';

/** Devices of the run that start the negotiation with this template entry (paired tunnels). */
function initiatorsInRun(network: Network, device: Device, entry: PolicyEntry): { device: Device; entry: PolicyEntry; local?: Address }[] {
  const found: { device: Device; entry: PolicyEntry; local?: Address }[] = [];
  for (const tunnel of tunnelsOfEntry(network, entry)) {
    const other = tunnel.ends.find((end) => end.entry !== entry) ?? tunnel.ends[1];
    if (other.device === device || !canStartNegotiation(other.entry)) continue;
    found.push({ device: other.device, entry: other.entry, ...(other.localAddress.source !== 'unknown' ? { local: other.localAddress.value } : {}) });
  }
  return found;
}

/**
 * The template peer's remote-address lines no Huawei device of the run stands behind: no device of
 * the run owns the address, and no initiator of the run negotiates from inside the range.
 */
function targetsOutsideRun(network: Network, device: Device, targets: readonly RemoteTarget[], initiators: readonly { local?: Address }[]): RemoteTarget[] {
  return targets.filter((target) => {
    if (initiators.some((i) => i.local !== undefined && addressInRange(i.local, target.address, target.high))) return false;
    if (target.high === undefined && network.owners(target.address).some((owner) => owner.device !== device)) return false;
    return true;
  });
}

const EFFICIENT_VPN_CLIENTS = new MemoSlot<Network, Device[]>('efficient vpn clients');

/** Devices of the run with an Efficient VPN client bound to an interface (indexed once per run). */
function efficientVpnClients(network: Network): Device[] {
  return network.memo.get(EFFICIENT_VPN_CLIENTS, network, () => network.devices.filter((d) => d.ast.interfaces.some((iface) => iface.ipsecEfficientVpn)));
}

/** The change: the positive line becomes its undo form, or the undo line is added in the system view (after sysname, else after the policy). */
function undoEdit(device: Device, entry: PolicyEntry): ChangeEdit {
  const positive = device.ast.globals.ikev1Phase1Phase2SaDependent;
  if (positive?.value === true) return { kind: 'line', line: positive.range.line, text: UNDO };
  const sysname = device.ast.globals.sysname;
  return { kind: 'insert', line: sysname ? sysname.range.line : entry.node.range.line, lines: [UNDO] };
}

const rule: DeviceRule = {
  meta: {
    id: 'ikev1-template-sa-dependent',
    description: 'An IKEv1 template responder deletes its IPSec SAs with the IKE SA, and its initiator is not a Huawei device of the run that re-keys phase 1',
    scope: 'device',
    defaultSeverity: 'warning',
    presets: ['recommended'],
    tags: ['policy-template', 'ike', 'sa-lifetime'],
    breaks: 'traffic',
    messages: {
      dependent:
        'Policy "{{policy}}" is built from IPSec policy template "{{template}}" and accepts IKEv1 ({{versions}}), but {{who}}. A template responder never re-negotiates phase 1, and with "ikev1 phase1-phase2 sa dependent" in effect ({{where}}) it deletes the IPSec SAs together with the IKE SA when that ages out; an initiator that does not re-key phase 1 (the troubleshooting guide\'s case is a non-Huawei device) then cannot read the deletion and keeps sending into SAs that are gone, so the tunnel drops about once per IKE SA lifetime ("phase1 hard expiry", "ikev1 phase1-phase2 sa dependent offline"). Run "undo ikev1 phase1-phase2 sa dependent" in the system view, or lint the initiator\'s configuration with this one if it is a Huawei device.',
    },
    fixable: true,
    optionsSchema: NO_OPTIONS,
    reasons: ['ikev1 phase1-phase2 sa dependent offline', 'phase1 hard expiry'],
    since: '0.1.0',
  },
  check(context: DeviceRuleContext) {
    const { device, network } = context;
    const setting = device.ast.globals.ikev1Phase1Phase2SaDependent;
    if (setting?.value === false) return;
    for (const entry of context.entries) {
      if (entry.role !== 'template' || entry.disabled || entry.interfaces.length === 0) continue;
      const versions = entry.peerSettings?.versions;
      if (!versions || versions.source === 'unknown') {
        if (entry.ikePeer) context.note(device.file, `cannot verify the IKEv1 SA dependency of template policy "${entry.group} ${entry.seq}": the IKE version of its peer is unknown`);
        continue;
      }
      if (!versions.value.includes(1)) continue;
      const initiators = initiatorsInRun(network, device, entry);
      const targets = entry.remoteTargets.filter((target) => target.via === 'remote-address');
      let who: string;
      const related: RelatedLocation[] = [];
      if (targets.length > 0) {
        const outside = targetsOutsideRun(network, device, targets, initiators);
        if (outside.length === 0) continue;
        const names = outside.map((t) => (t.high === undefined ? formatAddress(t.address) : `${formatAddress(t.address)}-${formatAddress(t.high)}`));
        who = `no Huawei device of this run negotiates from ${names.length === 1 ? `its peer's remote-address "${names[0]}"` : `its peer's remote-addresses ${names.map((n) => `"${n}"`).join(', ')}`}`;
        for (const target of outside) related.push({ file: device.file, range: target.line?.range ?? target.range, message: 'an initiator whose configuration is not in this run' });
      } else {
        // Without remote-address the template accepts any initiator: only when none of the run starts it are all of them unknown.
        if (initiators.length > 0) continue;
        // An Efficient VPN client of the run (a Huawei initiator fwlint does not pair) may be the one it answers.
        if (efficientVpnClients(network).some((other) => other !== device)) {
          context.note(device.file, `cannot verify the initiators of template policy "${entry.group} ${entry.seq}": Efficient VPN clients of this run are not paired with it`);
          continue;
        }
        who = 'no Huawei device of this run initiates towards it, so every initiator it answers is a device whose configuration is not in this run';
      }
      const where = setting ? `line ${setting.range.line}` : 'the default';
      context.report({
        range: setting?.range ?? entry.node.range,
        messageId: 'dependent',
        data: {
          policy: `${entry.group} ${entry.seq}`,
          template: entry.template?.name.value ?? '',
          versions: versions.value.map((v) => `IKEv${v}`).join(', '),
          who,
          where,
        },
        objectPath: `${entry.node.path}/ikev1-sa-dependent`,
        related,
        // Unsafe: the setting is device-wide (every IKEv1 tunnel keeps its IPSec SAs past their IKE SA), and
        // whether the initiator re-keys phase 1 is not in the configurations.
        fix: { applicability: 'unsafe', edits: [undoEdit(device, entry)] },
      });
    }
  },
};

export default rule;
