import { emptyAst } from '../ast/empty.js';
import type { ConfigAst, IkePeerNode, IkeProposalNode, IpsecProposalNode, Val } from '../ast/types.js';
import type { FlowSet } from '../flow/flow.js';
import { LineIndex } from '../text/range.js';
import { collectLocalAddresses, indexFacts } from './addresses.js';
import { defaultsFor, detectDefaultsProfile } from './defaults.js';
import { buildEntries } from './entries.js';
import { interfaceKey, lookupsOf, zoneKey } from './lookups.js';
import { evaluateSourceNat, natServerHits } from './nat.js';
import { collectReferenceProblems } from './references.js';
import { RoutingTable } from './routing.js';
import type { Address } from '../flow/address.js';
import { type EntryZones, entryZones, ikeTrafficOf, natContextOf } from './traffic.js';
import { evaluateSecurityPolicy, securityDefaultAction } from './security.js';
import {
  builtInIkeProposal,
  flagSetting,
  ikeProposalSettings,
  ipsecProposalSettings,
  peerSettings,
} from './settings.js';
import type {
  BrokenReference,
  Device,
  IkeProposalSettings,
  IpsecProposalSettings,
  NatContext,
  PeerSettings,
  PolicyEntry,
  PolicyGroup,
} from './types.js';

export interface DeviceInput {
  file: string;
  text: string;
  ast: ConfigAst;
  index: number;
}

function memo<K, V>(compute: (key: K) => V): (key: K) => V {
  const cache = new Map<K, V>();
  return (key: K) => {
    let value = cache.get(key);
    if (value === undefined) {
      value = compute(key);
      cache.set(key, value);
    }
    return value;
  };
}

/** Whether some line of `text` starts (after indentation) with the given words; the lower-cased copy is made on the first question. */
export function lineStartsWithFactory(text: string): (prefix: string) => boolean {
  let lower: string | undefined;
  return (prefix: string) => {
    const needle = prefix.toLowerCase();
    let start = 0;
    lower ??= text.toLowerCase();
    while (start < lower.length) {
      const found = lower.indexOf(needle, start);
      if (found < 0) return false;
      let i = found - 1;
      while (i >= 0 && (lower[i] === ' ' || lower[i] === '\t')) i--;
      if (i < 0 || lower[i] === '\n' || lower[i] === '\r') return true;
      start = found + needle.length;
    }
    return false;
  };
}

/** Builds the model of one device. Never throws: a malformed AST gives an empty-but-valid model. */
export function buildDevice(input: DeviceInput): Device {
  try {
    return createDevice(input);
  } catch {
    return createDevice({ ...input, ast: withoutStatements(input.ast) });
  }
}

/** Keeps what the engine reports from (file, platform, version, diagnostics, line count) and drops every statement. */
function withoutStatements(ast: ConfigAst): ConfigAst {
  return {
    ...emptyAst(ast?.file ?? ''),
    platform: ast?.platform ?? 'unknown',
    version: ast?.version,
    diagnostics: ast?.diagnostics ?? [],
    lineCount: ast?.lineCount ?? 0,
  };
}

function createDevice({ file, text, ast, index }: DeviceInput): Device {
  const lookups = lookupsOf(ast);
  const defaultsProfile = detectDefaultsProfile(ast, lineStartsWithFactory(text));
  const defaults = defaultsFor(defaultsProfile, ast.platform);
  const broken: BrokenReference[] = [];
  const peerSettingsOf = memo<IkePeerNode, PeerSettings>((peer) => peerSettings(peer, ast.globals, defaults));
  const ikeSettingsOf = memo<IkeProposalNode, IkeProposalSettings>((p) => ikeProposalSettings(p, defaults));
  const ipsecSettingsOf = memo<IpsecProposalNode, IpsecProposalSettings>((p) => ipsecProposalSettings(p, defaults));
  const { groups, profiles } = buildEntries({ ast, lookups, defaults, broken, peerSettings: peerSettingsOf });
  collectReferenceProblems(ast, lookups, broken);
  const groupByName = new Map<string, PolicyGroup>(groups.map((g) => [g.name, g]));
  const entries = [...groups.flatMap((g) => g.entries), ...profiles];
  const localAddresses = collectLocalAddresses(ast, entries);
  const factsByAddress = indexFacts(localAddresses);
  const routing = new RoutingTable(ast, lookups, defaults);
  const sysname: Val<string> | undefined = ast.globals.sysname;
  const builtIn = defaults.builtInIkeProposal ? builtInIkeProposal(defaults) : undefined;

  // Rules ask per ACL rule and per box: one routing look-up per address, one zone walk per entry.
  const zoneByAddress = new Map<Address, string | undefined>();
  const zonesByEntry = new WeakMap<PolicyEntry, EntryZones>();
  const zoneForAddress = (address: Address): string | undefined => {
    if (factsByAddress.has(address)) return 'local';
    const route = routing.lookup(address);
    const egress = route.direct ?? route.interfaces[0];
    if (egress === undefined) return undefined;
    return lookups.zoneOfInterface.get(typeof egress === 'string' ? interfaceKey(egress) : egress.key);
  };

  const device: Device = {
    file,
    text,
    lines: new LineIndex(text),
    ast,
    index,
    name: sysname?.value ?? file,
    sysname: sysname?.value,
    defaultsProfile,
    defaults,

    acl: (key) => lookups.acl(key),
    ikeProposal: (id) => lookups.ikeProposal(id),
    ikePeer: (name) => lookups.ikePeers.get(name),
    ipsecProposal: (name) => lookups.ipsecProposals.get(name),
    templates: (name) => lookups.templates.get(name) ?? [],
    ipsecProfile: (name) => lookups.profiles.get(name),
    interface: (name) => lookups.interface(name),
    zoneOf: (name) => lookups.zoneOfInterface.get(interfaceKey(name)),
    interfacesOfZone: (zone) => lookups.interfacesOfZone.get(zoneKey(zone)) ?? [],
    addressSet: (name) => lookups.addressSets.get(name),
    expandAddressSet: (name) => lookups.expandAddressSet(name),
    serviceSet: (name) => lookups.serviceSets.get(name),
    expandService: (name) => lookups.expandService(name),

    policyGroups: groups,
    policyGroup: (name) => groupByName.get(name),
    profileEntries: profiles,
    entries,
    brokenReferences: broken,

    peerSettings: peerSettingsOf,
    ikeProposalSettings: ikeSettingsOf,
    builtInIkeProposal: builtIn,
    ipsecProposalSettings: ipsecSettingsOf,
    sha2Compatible: flagSetting(ast.globals.ipsecSha2Compatible, defaults.sha2Compatible),
    authenticationSha2Compatible: flagSetting(
      ast.globals.ipsecAuthenticationSha2Compatible,
      defaults.authenticationSha2Compatible,
    ),

    routeFor: (address) => routing.lookup(address),
    evaluateSourceNat: (flow: FlowSet, ctx: NatContext) => evaluateSourceNat(ast, lookups, flow, ctx),
    natServers: ast.natServers,
    natServerHits: (flow: FlowSet) => natServerHits(ast.natServers, flow),
    securityDefaultAction: securityDefaultAction(ast, defaults),
    evaluateSecurityPolicy: (flow, sourceZone, destinationZone) =>
      evaluateSecurityPolicy(ast, lookups, defaults, flow, sourceZone, destinationZone),
    zoneForAddress: (address) => {
      if (zoneByAddress.has(address)) return zoneByAddress.get(address);
      const zone = zoneForAddress(address);
      zoneByAddress.set(address, zone);
      return zone;
    },

    entryZones: (entry) => {
      let zones = zonesByEntry.get(entry);
      if (!zones) zonesByEntry.set(entry, (zones = entryZones(entry, device.zoneOf, device.zoneForAddress)));
      return zones;
    },
    natContextFor: (entry, kind) => natContextOf(entry, device.entryZones(entry), kind),
    ikeTrafficFor: (entry) => ikeTrafficOf(entry, entry.peerSettings),

    localAddresses,
    ownerFacts: (address) => factsByAddress.get(typeof address === 'number' ? address >>> 0 : address) ?? [],
  };
  return device;
}
