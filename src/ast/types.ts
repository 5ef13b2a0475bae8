import type { Range, Val } from '../text/range.js';
import type { UnmodelledFeature } from './unmodelled.js';
import type { Address } from '../flow/address.js';

export type { Position, Range, Val } from '../text/range.js';

/**
 * Typed AST of one Huawei configuration file. Every node carries the range of its own line
 * (`range`, trimmed, header line for views) and, for views, `blockRange` (header to last child).
 * `path` is a stable object path (`acl:3000/rule:10`, `ipsec-policy:map1/10`) used by baselines
 * and SARIF fingerprints: it never contains a line number.
 */
export interface NodeBase {
  range: Range;
  path: string;
}

export interface ViewNode extends NodeBase {
  blockRange: Range;
}

/**
 * An IPv4 address or mask: its unsigned 32-bit number (`>>> 0`).
 * @minimum 0
 * @maximum 4294967295
 */
export type Ipv4 = number;

/**
 * A TCP/UDP port.
 * @minimum 0
 * @maximum 65535
 */
export type Port = number;

/** IPv4 addresses are unsigned 32-bit integers (`>>> 0`). */
export type AddressSpec =
  | { form: 'any'; range: Range }
  /** `A W` in ACLs (wildcard, may be non-contiguous; `0` = host) and `A mask M` / `A LEN` elsewhere (stored inverted). */
  | { form: 'wildcard'; address: Ipv4; wildcard: Ipv4; range: Range }
  | { form: 'range'; first: Ipv4; last: Ipv4; range: Range }
  | { form: 'address-set'; name: string; range: Range }
  /**
   * An IPv6 operand as written (`text`): `address` (canonical RFC 5952 text) with `length` for a
   * prefix (`2001:db8::/64`, `2001:db8:: 64`; a bare address is a /128 host), or `address` to
   * `last` for `range A B`. Both absent when the text is not a valid IPv6 operand.
   */
  | {
      form: 'ipv6';
      text: string;
      address?: string;
      /**
       * @minimum 0
       * @maximum 128
       */
      length?: number;
      last?: string;
      range: Range;
    }
  /** Placeholders and anything else that is not an address (`192.168.xxx.0`, `domain-set X`). */
  | { form: 'unknown'; text: string; range: Range };

/** Ports as an inclusive interval; `eq 80` is [80, 80], `gt 1023` is [1024, 65535]. */
export interface PortSpec {
  op: 'eq' | 'lt' | 'gt' | 'range';
  first: Port;
  last: Port;
  range: Range;
}

/**
 * IP protocol number, or `null` for `ip` (every protocol).
 * @minimum 0
 * @maximum 255
 */
export type Protocol = number | null;

/** Pre-shared keys, passwords, communities, manual SA keys: the text itself is never kept. */
export interface SecretValue {
  secret: true;
  /** Keyword written before the value, if any. */
  form: 'cipher' | 'simple' | 'plain' | 'irreversible-cipher';
  /** True when the value is VRP ciphertext (`%^%#…`, `%$%$…`, `%@%@…`, `@%@%…`, `%#%#…`, `$1a$…`). */
  encrypted: boolean;
  /**
   * SHA-256 of a plaintext value (salted per run), so two plaintext keys can be compared; absent for ciphertext.
   * @pattern ^[0-9a-f]{64}$
   */
  digest?: string;
  range: Range;
}

export interface InterfaceAddress extends NodeBase {
  address: Val<Ipv4>;
  mask: Val<Ipv4>;
  sub: boolean;
}

/**
 * ` ipv6 address A/LEN` / ` ipv6 address A LEN` (`global`), ` … eui-64` (the interface id comes
 * from the MAC address: only the prefix is known), ` ipv6 address A link-local`, ` ipv6 address
 * auto link-local` / ` ipv6 address auto global|dhcp` (`auto`: no address written).
 */
export interface Ipv6InterfaceAddress extends NodeBase {
  form: 'global' | 'eui-64' | 'link-local' | 'auto';
  /** Canonical text; for `eui-64` the prefix (host bits as written). Absent for `auto`. */
  address?: Val<string>;
  /** Prefix length; 128 for a host, 10 for a link-local address written without one. */
  length?: Val<number>;
}

export interface InterfaceNode extends ViewNode {
  kind: 'interface';
  name: Val<string>;
  /** Lower-cased, spaces removed: the key used for look-ups (`GigabitEthernet 1/0/0` = `gigabitethernet1/0/0`). */
  key: string;
  addresses: InterfaceAddress[];
  /** `ip address unnumbered …`, `ppp-negotiate`, `dhcp-alloc`: the address is not known at lint time. */
  dynamicAddress?: Val<'unnumbered' | 'ppp-negotiate' | 'dhcp-alloc'>;
  /** `ip address unnumbered interface NAME`: the interface whose address is borrowed. */
  unnumberedFrom?: Val<string>;
  ipsecPolicy?: { name: Val<string>; option?: Val<string>; range: Range };
  ipsecProfile?: Val<string>;
  ipsecEfficientVpn?: Val<string>;
  tcpAdjustMss?: Val<number>;
  mtu?: Val<number>;
  tunnelProtocol?: Val<string>;
  tunnelSource?: Val<string>;
  tunnelDestination?: Val<Ipv4>;
  vrrpVirtualIps: Val<Ipv4>[];
  /** Virtual addresses of VRRP groups this member holds as `standby` (USG hot standby: `vrrp vrid N virtual-ip A … standby`). */
  vrrpStandbyIps?: Val<Ipv4>[];
  natOutbound: { acl: Val<string>; addressGroup?: Val<string>; interface?: Val<string>; range: Range }[];
  shutdown?: Range;
  /** ` ipv6 enable`. */
  ipv6Enabled?: Range;
  /** ` ipv6 address …` lines, in order. */
  ipv6Addresses?: Ipv6InterfaceAddress[];
  /** ` ip binding vpn-instance V`: the interface forwards in VPN instance V (absent: the public network); `range` is the whole line. */
  vpnBinding?: { name: Val<string>; range: Range };
}

export interface ZoneNode extends ViewNode {
  kind: 'zone';
  /** Lower-cased zone name (`Local` on AR is `local`). */
  name: Val<string>;
  priority?: Val<number>;
  interfaces: Val<string>[];
}

export interface AclRuleNode extends NodeBase {
  kind: 'acl-rule';
  id: Val<number>;
  action: Val<'permit' | 'deny'>;
  /** Absent on basic ACLs (every protocol). */
  protocol?: Val<Protocol>;
  /** Absent means any. */
  source?: AddressSpec;
  destination?: AddressSpec;
  sourcePort?: PortSpec;
  destinationPort?: PortSpec;
  /** Other options kept as written (`logging`, `time-range X`, `vpn-instance V`, `fragment`). */
  options: Val<string>[];
}

export interface AclNode extends ViewNode {
  kind: 'acl';
  /** The name policies use to reference it: the number (`3000`) or the name. */
  key: Val<string>;
  number?: number;
  type: 'basic' | 'advanced' | 'layer2' | 'user' | 'ipv6' | 'unknown';
  rules: AclRuleNode[];
}

export interface IkeProposalNode extends ViewNode {
  kind: 'ike-proposal';
  id: Val<string>;
  encryption?: Val<string[]>;
  authentication?: Val<string[]>;
  dh?: Val<string[]>;
  authenticationMethod?: Val<string>;
  integrity?: Val<string[]>;
  prf?: Val<string[]>;
  lifetime?: Val<number>;
}

export interface RemoteAddress extends NodeBase {
  /** `A`, or `low high` ranges, `host-name N`, `authentication-address A [B]` (`high` set for the range form). */
  kind: 'address' | 'range' | 'host-name' | 'authentication-address';
  /** IPv4 as its number, IPv6 as canonical text (`remote-address ipv6 2001:db8::1`). */
  address?: Val<Address>;
  high?: Val<Address>;
  hostName?: Val<string>;
  vpnInstance?: Val<string>;
}

export interface IkePeerNode extends ViewNode {
  kind: 'ike-peer';
  name: Val<string>;
  /** Older AR header `ike peer NAME v1|v2`. */
  headerVersion?: Val<1 | 2>;
  /** AR ` version N` lines. */
  versions: Val<1 | 2>[];
  /** USG `undo version N` lines. */
  undoVersions: Val<1 | 2>[];
  preSharedKey?: SecretValue;
  ikeProposals: Val<string>[];
  remoteAddresses: RemoteAddress[];
  localAddress?: Val<Address>;
  /** ` sa binding vpn-instance V`: the VPN instance the SAs of this peer are bound to (the protected, private side). */
  saBindingVpnInstance?: Val<string>;
  exchangeMode?: Val<'main' | 'aggressive' | 'auto'>;
  localIdType?: Val<string>;
  localId?: Val<string>;
  remoteIdType?: Val<string>;
  remoteId?: Val<string>;
  /** `nat traversal` (true) or `undo nat traversal` (false). */
  natTraversal?: Val<boolean>;
  dpdType?: Val<string>;
  dpdIdleTime?: Val<number>;
  dpdRetransmitInterval?: Val<number>;
  dpdMsg?: Val<string>;
  rsaEncryptionPadding?: Val<string>;
  rsaSignaturePadding?: Val<string>;
  sm4Version?: Val<string>;
  negotiateCompatible?: Range;
}

export interface IpsecProposalNode extends ViewNode {
  kind: 'ipsec-proposal';
  name: Val<string>;
  transform?: Val<'esp' | 'ah' | 'ah-esp'>;
  encapsulationMode?: Val<'tunnel' | 'transport' | 'auto'>;
  espAuthentication?: Val<string[]>;
  /** `undo esp authentication-algorithm`: ESP without authentication. */
  espAuthenticationRemoved?: Range;
  espEncryption?: Val<string[]>;
  ahAuthentication?: Val<string[]>;
}

export interface ManualSaSettings {
  spi: { direction: 'inbound' | 'outbound'; protocol: 'esp' | 'ah'; value: Val<number> }[];
  keys: {
    direction: 'inbound' | 'outbound';
    protocol: 'esp' | 'ah';
    kind: 'string-key' | 'authentication-hex' | 'encryption-hex';
    value: SecretValue;
  }[];
}

/** Settings shared by `ipsec policy`, `ipsec policy-template` and `ipsec profile` views. */
export interface PolicySettings {
  acl?: Val<string>;
  aclIpv6?: Val<string>;
  ikePeer?: Val<string>;
  proposals: Val<string>[];
  pfs?: Val<string>;
  /** `tunnel local A` / `local-address A` (address text) or `applied-interface`. */
  tunnelLocal?: Val<string>;
  tunnelRemote?: Val<string>;
  triggerMode?: Val<'auto' | 'traffic-based'>;
  /** `undo policy enable`. */
  disabled?: Range;
  alias?: Val<string>;
  /**
   * `route inject dynamic [preference N]`: the device installs routes to the peer's protected
   * subnets once the SA is up. The value is the mode word (`dynamic`), the range the whole line.
   */
  routeInject?: Val<string>;
  /** `preference N` of `route inject`. */
  routeInjectPreference?: Val<number>;
  manual: ManualSaSettings;
}

export interface IpsecPolicyNode extends ViewNode, PolicySettings {
  kind: 'ipsec-policy';
  name: Val<string>;
  seq: Val<number>;
  mode: Val<'isakmp' | 'manual' | 'template'>;
  /** For `ipsec policy NAME SEQ isakmp template T`. */
  template?: Val<string>;
}

export interface PolicyTemplateNode extends ViewNode, PolicySettings {
  kind: 'policy-template';
  name: Val<string>;
  seq: Val<number>;
}

export interface IpsecProfileNode extends ViewNode, PolicySettings {
  kind: 'ipsec-profile';
  name: Val<string>;
}

export type NatAction =
  | 'no-nat'
  | 'source-nat-easy-ip'
  | 'source-nat-address-group'
  | 'destination-nat'
  | 'other';

/** A nat-policy rule; legacy `nat-policy interzone A B outbound` / ` policy N` is mapped onto the same shape. */
export interface NatRuleNode extends ViewNode {
  kind: 'nat-rule';
  name: Val<string>;
  legacy: boolean;
  sourceZones: Val<string>[];
  destinationZones: Val<string>[];
  egressInterfaces: Val<string>[];
  sourceAddresses: AddressSpec[];
  destinationAddresses: AddressSpec[];
  services: Val<string>[];
  action?: Val<NatAction>;
  addressGroup?: Val<string>;
  disabled?: Range;
}

export interface NatServerNode extends NodeBase {
  kind: 'nat-server';
  name?: Val<string>;
  protocol?: Val<Protocol>;
  global: Val<Ipv4>;
  globalPort?: Val<number>;
  inside: Val<Ipv4>;
  insidePort?: Val<number>;
  zone?: Val<string>;
  noReverse?: Range;
  /** AR interface-level `nat server` (written inside `interface X`): the interface it applies to. */
  interface?: Val<string>;
}

export interface NatAddressGroupNode extends ViewNode {
  kind: 'nat-address-group';
  name: Val<string>;
  sections: { first: Val<Ipv4>; last: Val<Ipv4> }[];
  mode?: Val<string>;
}

export interface SecurityRuleNode extends ViewNode {
  kind: 'security-rule';
  name: Val<string>;
  sourceZones: Val<string>[];
  destinationZones: Val<string>[];
  sourceAddresses: AddressSpec[];
  destinationAddresses: AddressSpec[];
  services: Val<string>[];
  action?: Val<'permit' | 'deny'>;
  disabled?: Range;
}

export interface SecurityPolicyNode extends ViewNode {
  kind: 'security-policy';
  defaultAction?: Val<'permit' | 'deny'>;
  rules: SecurityRuleNode[];
}

export interface AddressSetNode extends ViewNode {
  kind: 'address-set';
  name: Val<string>;
  type: 'object' | 'group';
  members: AddressSpec[];
}

/** One service: protocol plus inclusive port intervals (absent = all ports). */
export interface ServiceSpec {
  protocol: Protocol;
  sourcePorts?: [Port, Port];
  destinationPorts?: [Port, Port];
  range: Range;
}

export interface ServiceSetNode extends ViewNode {
  kind: 'service-set';
  name: Val<string>;
  members: ServiceSpec[];
  /** Member service-set names (`service 0 service-set X`). */
  includes: Val<string>[];
}

export interface RouteNode extends NodeBase {
  kind: 'route';
  vpnInstance?: Val<string>;
  destination: Val<Ipv4>;
  mask: Val<Ipv4>;
  interface?: Val<string>;
  nextHop?: Val<Ipv4>;
  /** `public` next hop on USG virtual systems. */
  toPublic?: boolean;
  preference?: Val<number>;
}

/** ` ipv6 route-static [vpn-instance V] DEST LEN [IFNAME] [NEXTHOP] [preference N]`. */
export interface Ipv6RouteNode extends NodeBase {
  kind: 'ipv6-route';
  vpnInstance?: Val<string>;
  /** Canonical text of the destination network (host bits cleared). */
  destination: Val<string>;
  length: Val<number>;
  interface?: Val<string>;
  /** Canonical text. */
  nextHop?: Val<string>;
  preference?: Val<number>;
}

export interface L2tpGroupNode extends ViewNode {
  kind: 'l2tp-group';
  name: Val<string>;
  /** `allow l2tp virtual-template N` */
  virtualTemplate?: Val<string>;
  /** LAC side: `start l2tp ip A …` / `lns-ip A` addresses. */
  lnsAddresses: Val<Ipv4>[];
}

export interface GlobalSettings {
  sysname?: Val<string>;
  ikeDpdType?: Val<string>;
  ikeDpdIdleTime?: Val<number>;
  ikeDpdRetransmitInterval?: Val<number>;
  ikeDpdRetryLimit?: Val<number>;
  /** Legacy `ike dpd interval A B`. */
  ikeDpdInterval?: Val<number[]>;
  ikeDpdMsg?: Val<string>;
  ipsecSha2Compatible?: Range;
  ipsecAuthenticationSha2Compatible?: Range;
  firewallTcpMss?: Val<number>;
  /**
   * `ikev1 phase1-phase2 sa dependent` (value true) or `undo ikev1 phase1-phase2 sa dependent` (false),
   * system view: whether IPSec SAs are deleted with their IKEv1 SA (the default when neither line is there).
   */
  ikev1Phase1Phase2SaDependent?: Val<boolean>;
  ikeLocalName?: Val<string>;
  /** `ike heartbeat-timer interval N` (IKEv1 heartbeats sent every N s); the range is the whole line. */
  ikeHeartbeatInterval?: Val<number>;
  /** `ike heartbeat-timer timeout N` (IKEv1: the SA is deleted when no heartbeat arrives for N s); the range is the whole line. */
  ikeHeartbeatTimeout?: Val<number>;
  l2tpEnable?: Range;
  /** `hrp enable`: the device is a member of a hot-standby (HRP) pair. */
  hrpEnable?: Range;
  /** `hrp interface X remote A`: the heartbeat address of the other member. */
  hrpRemote?: Val<Ipv4>;
  /** `hrp standby-device`: this member is the standby one. */
  hrpStandbyDevice?: Range;
  /** `dns resolve`: dynamic domain name resolution is enabled. */
  dnsResolve?: Range;
  /** The first `dns server …` line (a DNS server address, possibly in a VPN instance). */
  dnsServer?: Range;
  /** `ip host NAME A`: static domain name resolution entries. */
  ipHosts?: { name: Val<string>; address: Val<Ipv4>; range: Range }[];
}

/**
 * Any statement the typed AST does not model: where it is and what command it is, not what it
 * says. Its words are not kept, as they may hold a value fwlint does not know to be secret.
 */
export interface GenericStatement {
  kind: 'generic';
  /**
   * Header words of the enclosing views, outermost first (`['aaa', 'manager-user admin']`): a
   * recognised header whole, another one as its `tokens` would be.
   */
  view: string[];
  /**
   * The leading words only: at most three, each a keyword, name or number, none after a secret
   * keyword (`ospf authentication-mode md5 1 cipher …` keeps `ospf authentication-mode md5`).
   * Empty, as `view` is, in a file not taken for VRP.
   */
  tokens: Val<string>[];
  /** The whole line. */
  range: Range;
  /** True when a secret was redacted from the line. */
  redacted?: boolean;
}

/** A statement of a feature fwlint does not check: which feature, its leading words, where. */
export interface UnmodelledNode {
  kind: 'unmodelled';
  feature: UnmodelledFeature;
  /** The leading keyword-like words (as a generic statement keeps them: never a secret). */
  command: string;
  /** Header of the enclosing view, when there is one. */
  view?: string;
  range: Range;
}

export type ParseDiagnosticCode =
  | 'statement-syntax'
  | 'not-huawei-config'
  | 'binary-input'
  | 'empty-input'
  | 'non-vrp-syntax'
  | 'input-too-large';

export interface ParseDiagnostic {
  code: ParseDiagnosticCode;
  severity: 'error' | 'warning';
  message: string;
  range: Range;
}

export type Platform = 'usg' | 'ar' | 'unknown';

export interface ConfigAst {
  kind: 'config';
  file: string;
  /** `!Software Version V500R005C10` / `[V300R019C00SPC300]` value. */
  version?: Val<string>;
  platform: Platform;
  globals: GlobalSettings;
  interfaces: InterfaceNode[];
  zones: ZoneNode[];
  acls: AclNode[];
  ikeProposals: IkeProposalNode[];
  ikePeers: IkePeerNode[];
  ipsecProposals: IpsecProposalNode[];
  ipsecPolicies: IpsecPolicyNode[];
  policyTemplates: PolicyTemplateNode[];
  ipsecProfiles: IpsecProfileNode[];
  natRules: NatRuleNode[];
  natServers: NatServerNode[];
  natAddressGroups: NatAddressGroupNode[];
  securityPolicy?: SecurityPolicyNode;
  addressSets: AddressSetNode[];
  serviceSets: ServiceSetNode[];
  routes: RouteNode[];
  ipv6Routes: Ipv6RouteNode[];
  l2tpGroups: L2tpGroupNode[];
  generic: GenericStatement[];
  /** Statements of features fwlint reads past without checking them (see unmodelled.ts). */
  unmodelled: UnmodelledNode[];
  diagnostics: ParseDiagnostic[];
  /** Lines inside IPSec-relevant views that no typed statement recognised (for the corpus test). */
  unrecognised: Range[];
  /** @minimum 0 */
  lineCount: number;
}
