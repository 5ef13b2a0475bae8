import type {
  ConfigAst,
  IkePeerNode,
  InterfaceNode,
  IpsecPolicyNode,
  PolicySettings,
  Val,
} from '../ast/types.js';
import { type Address, isIpv6Address, parseAddress } from '../flow/address.js';
import type { FlowSet } from '../flow/flow.js';
import type { DefaultsTable } from './defaults.js';
import { type MirroredRules, mirroredRulesOf } from './acl-fit.js';
import { type AclFlows, protectedFlowsOf } from './flows.js';
import type { Lookups } from './lookups.js';
import {
  builtInIkeProposal,
  ikeProposalSettings,
  ipsecProposalSettings,
  pfsSetting,
  triggerModeSetting,
} from './settings.js';
import { MemoSlot } from './memo.js';
import { ipHostEntry } from './remote-target.js';
import type {
  BrokenReference,
  IkeProposalSettings,
  LocalAddressResolution,
  PeerSettings,
  PolicyEntry,
  PolicyGroup,
  RemoteTarget,
} from './types.js';

const MIRRORED_FLOWS = new MemoSlot<AclFlows, FlowSet>('mirrored protected flows');
const MIRRORED_RULES = new MemoSlot<AclFlows, MirroredRules>('mirrored rules');

export interface EntryContext {
  ast: ConfigAst;
  lookups: Lookups;
  defaults: DefaultsTable;
  broken: BrokenReference[];
  peerSettings: (peer: IkePeerNode) => PeerSettings;
}

const EMPTY_SETTINGS: PolicySettings = { proposals: [], manual: { spi: [], keys: [] } };

/**
 * The first global IPv6 address of an interface (` ipv6 address A/LEN`), with its line: what the
 * device sends IKE from towards an IPv6 peer. `eui-64`, link-local and `auto` addresses do not
 * count: the first is not known at lint time, the others are never an IKE source across a network.
 */
export function primaryIpv6Address(iface: InterfaceNode): LocalAddressResolution {
  const global = iface.ipv6Addresses?.find((a) => a.form === 'global' && a.address);
  if (global?.address) return { value: { source: 'explicit', value: global.address.value, range: global.range }, via: 'interface', interface: iface };
  const eui = iface.ipv6Addresses?.some((a) => a.form === 'eui-64' || a.form === 'auto');
  const reason = eui ? `${iface.name.value} gets its IPv6 address from eui-64 or autoconfiguration` : `${iface.name.value} has no global IPv6 address`;
  return { value: { source: 'unknown' }, via: 'unresolved', interface: iface, reason };
}

/** Primary (non-sub) address of an interface, with the line that sets it; the IPv6 one for an IPv6 tunnel. */
export function primaryAddress(iface: InterfaceNode, ipv6 = false): LocalAddressResolution {
  if (ipv6) return primaryIpv6Address(iface);
  const primary = iface.addresses.find((a) => !a.sub);
  if (primary) {
    return {
      value: { source: 'explicit', value: primary.address.value, range: primary.range },
      via: 'interface',
      interface: iface,
    };
  }
  const reason = iface.dynamicAddress
    ? `${iface.name.value} gets its address by ${iface.dynamicAddress.value}`
    : `${iface.name.value} has no IPv4 address`;
  return { value: { source: 'unknown' }, via: 'unresolved', interface: iface, reason };
}

function fromAddressText(
  line: Val<string>,
  via: LocalAddressResolution['via'],
  appliedInterface: InterfaceNode | undefined,
  ipv6: boolean,
): LocalAddressResolution {
  const text = line.value.trim();
  if (text.toLowerCase() === 'applied-interface') {
    if (!appliedInterface) return { value: { source: 'unknown' }, via: 'unresolved', reason: 'the policy is not applied to an interface' };
    return primaryAddress(appliedInterface, ipv6);
  }
  // `tunnel local 2001:db8::1` and `tunnel local ipv6 2001:db8::1` (the keyword is not in the value)
  const address = parseAddress(text);
  if (address === undefined) return { value: { source: 'unknown' }, via: 'unresolved', reason: `"${text}" is not an IPv4 or IPv6 address` };
  return { value: { source: 'explicit', value: address, range: line.range }, via };
}

/**
 * True when the entry negotiates over IPv6: its peer's remote addresses (or `tunnel remote`) are
 * IPv6, else its `tunnel local` / peer `local-address` is, else (a responder with no remote
 * address) its security ACL is an IPv6 one and the bound interface has no IPv4 address.
 */
export function negotiatesOverIpv6(settings: PolicySettings, peer: IkePeerNode | undefined, interfaces: InterfaceNode[]): boolean {
  const remote = peer?.remoteAddresses.find((line) => line.address)?.address?.value ?? (settings.tunnelRemote ? parseAddress(settings.tunnelRemote.value.trim()) : undefined);
  if (remote !== undefined) return isIpv6Address(remote);
  const local: Address | undefined = (settings.tunnelLocal ? parseAddress(settings.tunnelLocal.value.trim()) : undefined) ?? peer?.localAddress?.value;
  if (local !== undefined) return isIpv6Address(local);
  const iface = interfaces[0];
  return settings.aclIpv6 !== undefined && settings.acl === undefined && iface !== undefined && iface.addresses.length === 0 && (iface.ipv6Addresses?.length ?? 0) > 0;
}

function resolveLocalAddress(
  settings: PolicySettings,
  peer: IkePeerNode | undefined,
  interfaces: InterfaceNode[],
): LocalAddressResolution {
  const ipv6 = negotiatesOverIpv6(settings, peer, interfaces);
  if (settings.tunnelLocal) return fromAddressText(settings.tunnelLocal, 'tunnel-local', interfaces[0], ipv6);
  if (peer?.localAddress) {
    return {
      value: { source: 'explicit', value: peer.localAddress.value, range: peer.localAddress.range },
      via: 'peer-local-address',
    };
  }
  if (interfaces.length === 0) return { value: { source: 'unknown' }, via: 'unresolved', reason: 'the policy is not applied to an interface' };
  return primaryAddress(interfaces[0], ipv6);
}

function remoteTargetsOf(peer: IkePeerNode | undefined, settings: PolicySettings, ast: ConfigAst): RemoteTarget[] {
  const targets: RemoteTarget[] = [];
  for (const line of peer?.remoteAddresses ?? []) {
    if (line.kind === 'host-name' && line.hostName) {
      // 'ip host NAME A' resolves the name on the device itself; a name left to DNS is not known at lint time
      const host = ipHostEntry(ast, line.hostName.value);
      if (host) targets.push({ address: host.address.value, line, range: line.range, via: 'ip-host' });
    } else if (line.kind === 'address' && line.address) {
      targets.push({ address: line.address.value, line, range: line.range, via: 'remote-address' });
    } else if (line.kind === 'range' && line.address) {
      targets.push({ address: line.address.value, high: line.high?.value, line, range: line.range, via: 'remote-address' });
    }
  }
  if (settings.tunnelRemote) {
    const address = parseAddress(settings.tunnelRemote.value.trim());
    if (address !== undefined) targets.push({ address, range: settings.tunnelRemote.range, via: 'tunnel-remote' });
  }
  return targets;
}

function offeredIkeProposals(
  peer: IkePeerNode | undefined,
  ctx: EntryContext,
): IkeProposalSettings[] {
  if (!peer) return [];
  const builtIn = builtInIkeProposal(ctx.defaults);
  if (peer.ikeProposals.length > 0) {
    const offered: IkeProposalSettings[] = [];
    for (const ref of peer.ikeProposals) {
      const node = ctx.lookups.ikeProposal(ref.value);
      if (node) offered.push(ikeProposalSettings(node, ctx.defaults));
      else if (ref.value.toLowerCase() === 'default') offered.push(builtIn);
    }
    return offered;
  }
  // Guide FAQ: a peer without `ike-proposal` may use every local proposal, the built-in default last.
  const all = ctx.ast.ikeProposals.map((node) => ikeProposalSettings(node, ctx.defaults));
  if (!all.some((p) => p.id.toLowerCase() === 'default')) all.push(builtIn);
  return all;
}

/** What the policy and profile walks know of an entry before its references are resolved. */
type EntrySource = Pick<
  PolicyEntry,
  'id' | 'kind' | 'role' | 'node' | 'group' | 'seq' | 'template' | 'templates' | 'settingsNode' | 'interfaces' | 'bindOption' | 'disabled'
>;

function resolveEntry(source: EntrySource, ctx: EntryContext): PolicyEntry {
  const settings = source.settingsNode;
  const from = source.settingsNode.path;
  const { lookups, defaults, broken } = ctx;

  // `security acl ipv6 3000` names the IPv6 ACL 3000 (`acl ipv6 number 3000`), not the IPv4 one
  const aclIpv6 = !settings.acl && settings.aclIpv6 ? settings.aclIpv6 : undefined;
  const acl = settings.acl
    ? lookups.acl(settings.acl.value)
    : aclIpv6
      ? ctx.ast.acls.find((candidate) => candidate.type === 'ipv6' && candidate.key.value.toLowerCase() === aclIpv6.value.toLowerCase())
      : undefined;
  if (settings.acl && !acl) broken.push({ from, kind: 'acl', name: settings.acl });
  if (aclIpv6 && !acl) broken.push({ from, kind: 'acl', name: aclIpv6 });
  const ikePeer = settings.ikePeer ? lookups.ikePeers.get(settings.ikePeer.value) : undefined;
  if (settings.ikePeer && !ikePeer) broken.push({ from, kind: 'ike-peer', name: settings.ikePeer });
  const ipsecProposals = [];
  for (const ref of settings.proposals) {
    const proposal = lookups.ipsecProposals.get(ref.value);
    if (proposal) ipsecProposals.push(proposal);
    else broken.push({ from, kind: 'ipsec-proposal', name: ref });
  }

  let localAddress: LocalAddressResolution;
  if (source.kind === 'profile') {
    localAddress = resolveProfileLocal(source.interfaces, ikePeer, lookups);
  } else {
    localAddress = resolveLocalAddress(settings, ikePeer, source.interfaces);
  }
  const remoteTargets = remoteTargetsOf(ikePeer, settings, ctx.ast);
  if (source.kind === 'profile') {
    for (const tunnel of source.interfaces) {
      const destination = tunnel.tunnelDestination;
      if (destination && !remoteTargets.some((t) => t.address === destination.value)) {
        remoteTargets.push({ address: destination.value, range: destination.range, via: 'tunnel-destination' });
      }
    }
  }
  const flows = protectedFlowsOf(acl, lookups);

  return {
    ...source,
    acl,
    ikePeer,
    peerSettings: ikePeer ? ctx.peerSettings(ikePeer) : undefined,
    ipsecProposals,
    ipsecProposalSettings: ipsecProposals.map((p) => ipsecProposalSettings(p, defaults)),
    ikeProposals: offeredIkeProposals(ikePeer, ctx),
    pfs: pfsSetting(settings, defaults),
    triggerMode: triggerModeSetting(settings, defaults),
    localAddress,
    remoteAddresses: ikePeer?.remoteAddresses ?? [],
    remoteTargets,
    // computed on first read: many entries are never compared, and big ACLs cost the most
    get protectedFlows() {
      return flows.protectedFlows;
    },
    get ruleFlows() {
      return flows.ruleFlows;
    },
    get flowsExact() {
      return flows.exact;
    },
    // per ACL, not per entry: entries sharing an ACL share its mirror and the mirror's index
    get mirroredProtectedFlows() {
      return lookups.memo.get(MIRRORED_FLOWS, flows, (acl) => acl.protectedFlows.mirror());
    },
    get mirroredRules() {
      return lookups.memo.get(MIRRORED_RULES, flows, (acl) => mirroredRulesOf(acl.ruleFlows));
    },
  };
}

function resolveProfileLocal(
  tunnels: InterfaceNode[],
  peer: IkePeerNode | undefined,
  lookups: Lookups,
): LocalAddressResolution {
  const source = tunnels.find((t) => t.tunnelSource)?.tunnelSource;
  if (source) {
    const address = parseAddress(source.value.trim());
    if (address !== undefined) return { value: { source: 'explicit', value: address, range: source.range }, via: 'tunnel-source' };
    const iface = lookups.interface(source.value);
    if (iface) {
      const resolved = primaryAddress(iface);
      return resolved.value.source === 'unknown' ? resolved : { ...resolved, via: 'tunnel-source' };
    }
    if (!peer?.localAddress) {
      return { value: { source: 'unknown' }, via: 'unresolved', reason: `the tunnel source ${source.value} is not configured on this device` };
    }
  }
  if (peer?.localAddress) {
    return {
      value: { source: 'explicit', value: peer.localAddress.value, range: peer.localAddress.range },
      via: 'peer-local-address',
    };
  }
  return { value: { source: 'unknown' }, via: 'unresolved', reason: 'the tunnel interface has no literal source address' };
}

/** Builds policy groups (entries sorted by seq) and profile entries, recording broken references. */
export function buildEntries(ctx: EntryContext): { groups: PolicyGroup[]; profiles: PolicyEntry[] } {
  const { ast, lookups } = ctx;
  const bound = new Map<string, { interfaces: InterfaceNode[]; option?: Val<string> }>();
  const profileBound = new Map<string, InterfaceNode[]>();
  for (const iface of ast.interfaces) {
    if (iface.ipsecPolicy) {
      const name = iface.ipsecPolicy.name.value;
      const binding = bound.get(name) ?? { interfaces: [] };
      binding.interfaces.push(iface);
      binding.option ??= iface.ipsecPolicy.option;
      bound.set(name, binding);
    }
    if (iface.ipsecProfile) {
      const list = profileBound.get(iface.ipsecProfile.value) ?? [];
      list.push(iface);
      profileBound.set(iface.ipsecProfile.value, list);
    }
  }

  const byName = new Map<string, IpsecPolicyNode[]>();
  for (const policy of ast.ipsecPolicies) {
    const list = byName.get(policy.name.value) ?? [];
    list.push(policy);
    byName.set(policy.name.value, list);
  }

  const groups: PolicyGroup[] = [];
  for (const [name, policies] of byName) {
    policies.sort((a, b) => a.seq.value - b.seq.value);
    const binding = bound.get(name) ?? { interfaces: [] };
    const entries: PolicyEntry[] = [];
    for (const policy of policies) {
      const base = {
        kind: 'policy' as const,
        node: policy,
        group: name,
        seq: policy.seq.value,
        interfaces: binding.interfaces,
        bindOption: binding.option,
      };
      if (policy.mode.value === 'template') {
        const templateName = policy.template;
        const templates = templateName ? lookups.templates.get(templateName.value) ?? [] : [];
        if (templateName && templates.length === 0) ctx.broken.push({ from: policy.path, kind: 'template', name: templateName });
        if (templates.length === 0) {
          entries.push(
            resolveEntry(
              { ...base, id: policy.path, role: 'template', templates, settingsNode: { ...EMPTY_SETTINGS, path: policy.path, range: policy.range }, disabled: policy.disabled !== undefined },
              ctx,
            ),
          );
        }
        for (const template of templates) {
          entries.push(
            resolveEntry(
              {
                ...base,
                id: templates.length > 1 ? `${policy.path}/${template.path}` : policy.path,
                role: 'template',
                template,
                templates,
                settingsNode: template,
                disabled: policy.disabled !== undefined || template.disabled !== undefined,
              },
              ctx,
            ),
          );
        }
      } else {
        entries.push(
          resolveEntry(
            {
              ...base,
              id: policy.path,
              role: policy.mode.value === 'manual' ? 'manual' : 'isakmp',
              templates: [],
              settingsNode: policy,
              disabled: policy.disabled !== undefined,
            },
            ctx,
          ),
        );
      }
    }
    groups.push({ name, entries, interfaces: binding.interfaces });
  }

  for (const iface of ast.interfaces) {
    if (iface.ipsecPolicy && !byName.has(iface.ipsecPolicy.name.value)) {
      ctx.broken.push({ from: iface.path, kind: 'policy-group', name: iface.ipsecPolicy.name });
    }
    if (iface.ipsecProfile && !lookups.profiles.has(iface.ipsecProfile.value)) {
      ctx.broken.push({ from: iface.path, kind: 'ipsec-profile', name: iface.ipsecProfile });
    }
  }

  const profiles = ast.ipsecProfiles.map((profile) =>
    resolveEntry(
      {
        id: profile.path,
        kind: 'profile',
        role: 'profile',
        node: profile,
        group: profile.name.value,
        seq: 0,
        templates: [],
        settingsNode: profile,
        interfaces: profileBound.get(profile.name.value) ?? [],
        disabled: profile.disabled !== undefined,
      },
      ctx,
    ),
  );
  return { groups, profiles };
}
