import type {
  AclNode,
  AclRuleNode,
  AddressSetNode,
  AddressSpec,
  ConfigAst,
  IkePeerNode,
  IkeProposalNode,
  InterfaceNode,
  IpsecPolicyNode,
  IpsecProfileNode,
  IpsecProposalNode,
  NatAction,
  NatRuleNode,
  NatServerNode,
  NodeBase,
  PolicySettings,
  PolicyTemplateNode,
  RemoteAddress,
  RouteNode,
  Ipv6RouteNode,
  SecurityRuleNode,
  ServiceSetNode,
  Protocol,
  Val,
} from '../ast/types.js';
import type { FlowSet } from '../flow/index.js';
import type { Address } from '../flow/address.js';
import type { LineIndex, Range } from '../text/range.js';
import type { DefaultsProfileId, DefaultsTable } from './defaults.js';
import type { MirroredRules } from './acl-fit.js';

/**
 * An effective setting: the explicit line if there is one, else the default for the detected
 * platform/version (huawei-syntax.md §6), else unknown. Rules never claim a mismatch on `unknown`.
 */
export type Effective<T> =
  | { source: 'explicit'; value: T; range: Range }
  | { source: 'default'; value: T }
  | { source: 'unknown' };

/**
 * One device (one configuration file). The model helper fleshes this out with resolved
 * references, effective values and flow evaluation; the fields below are the contract the
 * engine relies on.
 */
export interface DeviceBase {
  /** Path as shown in reports (relative to the working directory, forward slashes). */
  file: string;
  text: string;
  lines: LineIndex;
  ast: ConfigAst;
}

export type ReferenceKind =
  | 'acl'
  | 'ike-peer'
  | 'ipsec-proposal'
  | 'ike-proposal'
  | 'template'
  | 'policy-group'
  | 'address-set'
  | 'service-set'
  | 'nat-address-group'
  | 'ipsec-profile';

/** One service a rule matches: protocol (null = any) and optional port intervals. */
export interface ServiceMatch {
  protocol: Protocol;
  sourcePorts?: readonly [number, number];
  destinationPorts?: readonly [number, number];
}

/** A name written somewhere that matches no definition on the device. */
export interface BrokenReference {
  /** Object path of the node holding the reference (`ipsec-policy:map1/10`). */
  from: string;
  kind: ReferenceKind;
  name: Val<string>;
}

/** Effective IKE peer settings (explicit line → platform default → unknown). */
export interface PeerSettings {
  /** IKE versions the peer negotiates; explicit range = the deciding line. */
  versions: Effective<(1 | 2)[]>;
  exchangeMode: Effective<'main' | 'aggressive' | 'auto'>;
  natTraversal: Effective<boolean>;
  localIdType: Effective<string>;
  dpd: DpdSettings;
}

/** DPD: the peer's lines override the global `ike dpd …` lines (guide: "DPD can be configured globally or on an IKE peer"). */
export interface DpdSettings {
  /** True when a DPD type is set on the peer or globally (legacy `ike dpd interval` counts). */
  configured: boolean;
  type: Effective<string>;
  /** Where the deciding type line is: on the peer or global. */
  scope?: 'peer' | 'global';
  idleTime: Effective<number>;
  retransmitInterval: Effective<number>;
  msg: Effective<string>;
}

/** Effective IKE proposal values (algorithm names normalised: `aes-cbc-256` = `aes-256`). */
export interface IkeProposalSettings {
  /** `undefined` for the built-in default proposal. */
  node?: IkeProposalNode;
  id: string;
  builtIn: boolean;
  encryption: Effective<string[]>;
  authentication: Effective<string[]>;
  dh: Effective<string[]>;
  authenticationMethod: Effective<string>;
  integrity: Effective<string[]>;
  prf: Effective<string[]>;
}

export interface IpsecProposalSettings {
  node: IpsecProposalNode;
  transform: Effective<'esp' | 'ah' | 'ah-esp'>;
  encapsulationMode: Effective<'tunnel' | 'transport' | 'auto'>;
  /** Empty array (explicit) after `undo esp authentication-algorithm`. */
  espAuthentication: Effective<string[]>;
  espEncryption: Effective<string[]>;
  ahAuthentication: Effective<string[]>;
}

/** How the local IKE/tunnel address of an entry was found. */
export interface LocalAddressResolution {
  /** IPv4 as its number, IPv6 as canonical text (src/flow/address.ts). */
  value: Effective<Address>;
  via: 'tunnel-local' | 'peer-local-address' | 'tunnel-source' | 'interface' | 'unresolved';
  /** The interface whose address is used (bound interface, `applied-interface`, tunnel source interface). */
  interface?: InterfaceNode;
  /** Why it is unknown (`ppp-negotiate`, `no bound interface`, …). */
  reason?: string;
}

/** One address an entry sends IKE to: a peer `remote-address` line, a manual `tunnel remote`, a tunnel `destination`. */
export interface RemoteTarget {
  address: Address;
  /** Last address for `remote-address low high` (same family as `address`). */
  high?: Address;
  line?: RemoteAddress;
  range: Range;
  /** `ip-host`: a `remote-address host-name N` resolved by the device's own `ip host N A`. */
  via: 'remote-address' | 'authentication-address' | 'tunnel-remote' | 'tunnel-destination' | 'ip-host';
}

/** One permit rule of the security ACL and the flows it really protects (earlier denies carved out). */
export interface RuleFlow {
  rule: AclRuleNode;
  /** The rule's own flows (source = local side, destination = remote side). */
  flows: FlowSet;
  /** What this rule decides: its flows minus everything an earlier rule already matched. */
  effective: FlowSet;
}

/** One IPSec policy (or template policy × template seq, or profile) with every reference resolved. */
export interface PolicyEntry {
  /** Stable id: the object path (`ipsec-policy:map1/10`, `ipsec-profile:P`). */
  id: string;
  kind: 'policy' | 'profile';
  role: 'isakmp' | 'template' | 'manual' | 'profile';
  /** The `ipsec policy` (or `ipsec profile`) node. */
  node: IpsecPolicyNode | IpsecProfileNode;
  /** Group name (policy NAME or profile name) and sequence (0 for profiles). */
  group: string;
  seq: number;
  /** For `isakmp template T`: the template seq this entry stands for. */
  template?: PolicyTemplateNode;
  /** Every seq of template T. */
  templates: PolicyTemplateNode[];
  /** The node whose settings apply (template's for template policies). */
  settingsNode: PolicySettings & NodeBase;
  disabled: boolean;
  acl?: AclNode;
  ikePeer?: IkePeerNode;
  peerSettings?: PeerSettings;
  ipsecProposals: IpsecProposalNode[];
  ipsecProposalSettings: IpsecProposalSettings[];
  /** IKE proposals the peer offers: its `ike-proposal` list, or every configured proposal + the built-in default when it has none. */
  ikeProposals: IkeProposalSettings[];
  pfs: Effective<string>;
  triggerMode: Effective<'auto' | 'traffic-based'>;
  /** Interfaces the group (or profile) is bound to. */
  interfaces: InterfaceNode[];
  /** `auto-neg`, `alone`, `master`, … from the interface binding. */
  bindOption?: Val<string>;
  localAddress: LocalAddressResolution;
  /** Peer `remote-address` lines (several = redundant peers). */
  remoteAddresses: RemoteAddress[];
  /** Addresses this entry negotiates with (remote-address lines, tunnel remote, tunnel destination). */
  remoteTargets: RemoteTarget[];
  /** Protected flows: permit rules as source = local side, destination = remote side, earlier denies carved out. */
  protectedFlows: FlowSet;
  ruleFlows: RuleFlow[];
  /** False when flows could not be computed exactly (no ACL, address forms the model cannot read). */
  flowsExact: boolean;
  /** `protectedFlows` in the other end's orientation (source and destination swapped), computed once per ACL. */
  readonly mirroredProtectedFlows: FlowSet;
  /** Each permit rule mirrored and indexed, for judging what an initiator proposes to this end (acl-fit.ts). */
  readonly mirroredRules: MirroredRules;
}

/** All entries of one policy name, sorted by seq (first match wins). */
export interface PolicyGroup {
  name: string;
  entries: PolicyEntry[];
  interfaces: InterfaceNode[];
}

export interface LocalAddressFact {
  address: Address;
  kind: 'interface' | 'interface-sub' | 'vrrp' | 'tunnel-local' | 'peer-local-address' | 'tunnel-source';
  /** The node that defines it (interface, policy, peer). */
  node: NodeBase;
  range: Range;
  interface?: InterfaceNode;
  /** RFC 1918 / RFC 6598 address: peers reach it only through NAT. */
  private: boolean;
}

export interface RouteLookup {
  /** Matching routes with the longest prefix and best (lowest) preference. */
  routes: (RouteNode | Ipv6RouteNode)[];
  /** Egress interfaces (route interface, or the interface whose subnet holds the next hop). */
  interfaces: (InterfaceNode | string)[];
  /** Set when the address is in a connected subnet (longer or equal prefix than every route). */
  direct?: InterfaceNode;
  /** Several equal routes through different interfaces. */
  ecmp: boolean;
}

export interface NatContext {
  sourceZone?: string;
  destinationZone?: string;
  egressInterface?: string;
}

export interface NatPart {
  part: FlowSet;
  rule?: NatRuleNode;
  /** For AR `nat outbound ACL` on an interface. */
  interfaceNat?: { interface: InterfaceNode; acl: Val<string>; rule?: AclRuleNode };
  action: NatAction | 'none';
  /** The deciding rule had elements the model could not resolve (unknown service, address-set). */
  uncertain?: boolean;
  /**
   * The flow left by the rules above had split into more pieces than the model follows (it was
   * kept as a superset): this part may hold flows an earlier rule takes.
   */
  approximate?: boolean;
}

export interface NatServerHit {
  server: NatServerNode;
  /** `reverse`: server-originated traffic gets its source translated; `forward`: destination is the global address. */
  direction: 'reverse' | 'forward';
  part: FlowSet;
}

export interface SecurityPart {
  part: FlowSet;
  rule?: SecurityRuleNode;
  action: 'permit' | 'deny';
  /** The default action decided; explicit when `default action` is written. */
  defaultAction?: Effective<'permit' | 'deny'>;
  uncertain?: boolean;
  /** As `NatPart.approximate`. */
  approximate?: boolean;
}

/** One device with resolved references, effective values and flow evaluation. */
export interface Device extends DeviceBase {
  /** Index in the network's device list. */
  index: number;
  /** Sysname, else the file path. */
  name: string;
  sysname?: string;
  defaultsProfile: DefaultsProfileId;
  defaults: DefaultsTable;

  acl(key: string): AclNode | undefined;
  ikeProposal(id: string): IkeProposalNode | undefined;
  ikePeer(name: string): IkePeerNode | undefined;
  ipsecProposal(name: string): IpsecProposalNode | undefined;
  /** Every seq of `ipsec policy-template NAME`, sorted by seq. */
  templates(name: string): PolicyTemplateNode[];
  ipsecProfile(name: string): IpsecProfileNode | undefined;
  /** Look-up by name in any spelling (`GigabitEthernet 1/0/0` = `gigabitethernet1/0/0`). */
  interface(name: string): InterfaceNode | undefined;
  /** Zone name (lower case) of an interface, if it is in one. */
  zoneOf(interfaceName: string): string | undefined;
  interfacesOfZone(zone: string): InterfaceNode[];
  addressSet(name: string): AddressSetNode | undefined;
  /** Literal members of an address-set, nested groups expanded (cycles and unknown names in `unresolved`). */
  expandAddressSet(name: string): { members: AddressSpec[]; unresolved: string[] };
  serviceSet(name: string): ServiceSetNode | undefined;
  /** Services of a service-set or predefined service name, nested sets expanded; `undefined` when unknown. */
  expandService(name: string): ServiceMatch[] | undefined;

  policyGroups: PolicyGroup[];
  policyGroup(name: string): PolicyGroup | undefined;
  /** Route-based entries (one per `ipsec profile`). */
  profileEntries: PolicyEntry[];
  /** Every policy-group entry and profile entry. */
  entries: PolicyEntry[];
  brokenReferences: BrokenReference[];

  peerSettings(peer: IkePeerNode): PeerSettings;
  ikeProposalSettings(proposal: IkeProposalNode): IkeProposalSettings;
  /** The built-in `default` IKE proposal where its values are known. */
  builtInIkeProposal?: IkeProposalSettings;
  ipsecProposalSettings(proposal: IpsecProposalNode): IpsecProposalSettings;
  /** Firewall `ipsec sha2 compatible enable`. */
  sha2Compatible: Effective<boolean>;
  /** AR `ipsec authentication sha2 compatible enable`. */
  authenticationSha2Compatible: Effective<boolean>;

  /** Longest-prefix match in the routing table of the address's family. */
  routeFor(address: Address): RouteLookup;
  evaluateSourceNat(flow: FlowSet, ctx: NatContext): NatPart[];
  natServers: NatServerNode[];
  /** NAT server mappings that translate part of `flow` before the IPSec ACL sees it (reverse map without `no-reverse`, or global destination). */
  natServerHits(flow: FlowSet): NatServerHit[];
  /** `default action` of the security-policy, else deny on firewalls, else unknown (AR). */
  securityDefaultAction: Effective<'permit' | 'deny'>;
  evaluateSecurityPolicy(flow: FlowSet, sourceZone: string, destinationZone: string): SecurityPart[];
  /** Zone of the interface that holds or routes an address (`local` for the device's own addresses). */
  zoneForAddress(address: Address): string | undefined;

  /** Zones an entry's traffic crosses: `local` = zone of the protected local subnets, `remote` = zone of the bound interface. */
  entryZones(entry: PolicyEntry): { local?: string; remote?: string };
  /** NAT context for the protected traffic of an entry, or for the device's own IKE packets (`sourceZone: 'local'`). */
  natContextFor(entry: PolicyEntry, kind: 'protected' | 'ike'): NatContext;
  /** IKE (UDP 500, 4500 with NAT traversal) and ESP/AH packets between the entry's local address and its remote targets. */
  ikeTrafficFor(entry: PolicyEntry): { outbound: FlowSet; inbound: FlowSet };

  localAddresses: LocalAddressFact[];
  /** Facts for one address (empty when the device does not own it). */
  ownerFacts(address: Address): LocalAddressFact[];
}
