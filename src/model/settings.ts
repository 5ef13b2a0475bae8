import type {
  GlobalSettings,
  IkePeerNode,
  IkeProposalNode,
  IpsecProposalNode,
  PolicySettings,
  Range,
  Val,
} from '../ast/types.js';
import { normaliseAlgorithm, type DefaultsTable, type IkeProposalDefaults } from './defaults.js';
import type {
  DpdSettings,
  Effective,
  IkeProposalSettings,
  IpsecProposalSettings,
  PeerSettings,
} from './types.js';

export function explicit<T>(value: T, range: Range): Effective<T> {
  return { source: 'explicit', value, range };
}

export function fallback<T>(value: T | undefined): Effective<T> {
  return value === undefined ? { source: 'unknown' } : { source: 'default', value };
}

/** Explicit line → default → unknown. */
export function effective<T>(line: Val<T> | undefined, defaultValue: T | undefined): Effective<T> {
  return line ? explicit(line.value, line.range) : fallback(defaultValue);
}

function algorithms(line: Val<string[]> | undefined, defaultValue: string[] | undefined): Effective<string[]> {
  if (line) return explicit(line.value.map(normaliseAlgorithm), line.range);
  return fallback(defaultValue);
}

/**
 * IKE version set. USG: both unless `undo version N`; AR: `version N` lines select; older AR:
 * header `ike peer X v1|v2`.
 */
function peerVersions(peer: IkePeerNode, defaults: DefaultsTable): Effective<(1 | 2)[]> {
  if (peer.headerVersion) return explicit([peer.headerVersion.value], peer.headerVersion.range);
  if (peer.versions.length > 0) {
    const values = [...new Set(peer.versions.map((v) => v.value))].sort();
    return explicit(values, peer.versions[0].range);
  }
  if (peer.undoVersions.length > 0) {
    const removed = new Set(peer.undoVersions.map((v) => v.value));
    const values = defaults.ikeVersions.filter((v) => !removed.has(v));
    return explicit(values, peer.undoVersions[0].range);
  }
  return fallback([...defaults.ikeVersions]);
}

function dpdSettings(peer: IkePeerNode, globals: GlobalSettings, defaults: DefaultsTable): DpdSettings {
  const peerType = peer.dpdType;
  const globalType = globals.ikeDpdType;
  const legacyInterval = globals.ikeDpdInterval;
  let type: Effective<string> = { source: 'unknown' };
  let scope: DpdSettings['scope'];
  if (peerType) {
    type = explicit(peerType.value, peerType.range);
    scope = 'peer';
  } else if (globalType) {
    type = explicit(globalType.value, globalType.range);
    scope = 'global';
  } else if (legacyInterval) {
    type = explicit('periodic', legacyInterval.range);
    scope = 'global';
  }
  const configured = type.source === 'explicit' && type.value !== 'none';
  const idle = peer.dpdIdleTime ?? globals.ikeDpdIdleTime;
  const retransmit = peer.dpdRetransmitInterval ?? globals.ikeDpdRetransmitInterval;
  const msg = peer.dpdMsg ?? globals.ikeDpdMsg;
  return {
    configured,
    type,
    scope,
    idleTime: idle
      ? explicit(idle.value, idle.range)
      : legacyInterval && legacyInterval.value.length > 0
        ? explicit(legacyInterval.value[0], legacyInterval.range)
        : { source: 'unknown' },
    retransmitInterval: retransmit
      ? explicit(retransmit.value, retransmit.range)
      : legacyInterval && legacyInterval.value.length > 1
        ? explicit(legacyInterval.value[1], legacyInterval.range)
        : { source: 'unknown' },
    msg: effective(msg, defaults.dpdMsg),
  };
}

export function peerSettings(peer: IkePeerNode, globals: GlobalSettings, defaults: DefaultsTable): PeerSettings {
  return {
    versions: peerVersions(peer, defaults),
    exchangeMode: effective(peer.exchangeMode, defaults.exchangeMode),
    natTraversal: effective(peer.natTraversal, defaults.natTraversal),
    localIdType: peer.localIdType
      ? explicit(peer.localIdType.value.toLowerCase(), peer.localIdType.range)
      : fallback(defaults.localIdType),
    dpd: dpdSettings(peer, globals, defaults),
  };
}

export function ikeProposalSettings(node: IkeProposalNode, defaults: DefaultsTable): IkeProposalSettings {
  // AR V300 prints `ike proposal default` as a user-visible block: it stands for the built-in one.
  const isDefault = node.id.value.toLowerCase() === 'default';
  const base: IkeProposalDefaults = isDefault ? (defaults.builtInIkeProposal ?? {}) : defaults.ikeProposal;
  return {
    node,
    id: node.id.value,
    builtIn: false,
    encryption: algorithms(node.encryption, base.encryption),
    authentication: algorithms(node.authentication, base.authentication),
    dh: algorithms(node.dh, base.dh),
    authenticationMethod: node.authenticationMethod
      ? explicit(node.authenticationMethod.value.toLowerCase(), node.authenticationMethod.range)
      : fallback(base.authenticationMethod),
    integrity: algorithms(node.integrity, base.integrity),
    prf: algorithms(node.prf, base.prf),
  };
}

/** The built-in `default` proposal every device offers with the lowest priority (guide FAQ). */
export function builtInIkeProposal(defaults: DefaultsTable): IkeProposalSettings {
  const base = defaults.builtInIkeProposal ?? { authenticationMethod: 'pre-share' };
  return {
    id: 'default',
    builtIn: true,
    encryption: fallback(base.encryption),
    authentication: fallback(base.authentication),
    dh: fallback(base.dh),
    authenticationMethod: fallback(base.authenticationMethod),
    integrity: fallback(base.integrity),
    prf: fallback(base.prf),
  };
}

export function ipsecProposalSettings(node: IpsecProposalNode, defaults: DefaultsTable): IpsecProposalSettings {
  return {
    node,
    transform: effective(node.transform, defaults.transform),
    encapsulationMode: effective(node.encapsulationMode, defaults.encapsulationMode),
    espAuthentication: node.espAuthenticationRemoved
      ? explicit([], node.espAuthenticationRemoved)
      : algorithms(node.espAuthentication, defaults.espAuthentication),
    espEncryption: algorithms(node.espEncryption, defaults.espEncryption),
    ahAuthentication: algorithms(node.ahAuthentication, defaults.ahAuthentication),
  };
}

/** `pfs dh-groupN` normalised to `groupN`; default `none`. */
export function pfsSetting(settings: PolicySettings, defaults: DefaultsTable): Effective<string> {
  if (settings.pfs) {
    const value = settings.pfs.value.toLowerCase().replace(/^dh-?/, '');
    return explicit(value, settings.pfs.range);
  }
  return fallback<string>(defaults.pfs);
}

export function triggerModeSetting(
  settings: PolicySettings,
  defaults: DefaultsTable,
): Effective<'auto' | 'traffic-based'> {
  return effective(settings.triggerMode, defaults.triggerMode);
}

export function flagSetting(line: Range | undefined, defaultValue: boolean): Effective<boolean> {
  return line ? explicit(true, line) : fallback(defaultValue);
}
