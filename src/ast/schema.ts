import { writeFileSync } from 'node:fs';
import { UNMODELLED_FEATURES } from './unmodelled.js';

/*
 * JSON Schema (draft 2020-12) of `ConfigAst` as serialised by `astToJson`, written by hand to
 * mirror src/ast/types.ts field by field. Every node is closed (`additionalProperties: false`)
 * so a field added to the types without being added here fails the schema test.
 */

type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/$defs/${name}` });
const str: Schema = { type: 'string' };
const int: Schema = { type: 'integer' };
const bool: Schema = { type: 'boolean' };
const uint32: Schema = { type: 'integer', minimum: 0, maximum: 4294967295 };
const arrayOf = (items: Schema): Schema => ({ type: 'array', items });
const oneOfValues = (...values: unknown[]): Schema => ({ enum: values });

function closed(properties: Record<string, Schema>, required: string[]): Schema {
  return { type: 'object', properties, required, additionalProperties: false };
}

/** `Val<T>`: the value and where it was written. */
const val = (value: Schema): Schema => closed({ value, range: ref('Range') }, ['value', 'range']);

const valString = ref('ValString');
const valNumber = ref('ValNumber');
const valUint32 = ref('ValUint32');
const valStrings = ref('ValStringArray');
/** An address of either family (src/flow/address.ts): IPv4 as its 32-bit number, IPv6 as canonical text. */
const valAddress = val({ oneOf: [uint32, { type: 'string', pattern: '^[0-9a-f:.]+$' }] });
const valVersion = val(oneOfValues(1, 2));
const range = ref('Range');

const nodeBase = { range, path: str };
const viewBase = { ...nodeBase, blockRange: range };
const nodeRequired = ['range', 'path'];
const viewRequired = [...nodeRequired, 'blockRange'];

const addressSpec: Schema = {
  oneOf: [
    closed({ form: { const: 'any' }, range }, ['form', 'range']),
    closed({ form: { const: 'wildcard' }, address: uint32, wildcard: uint32, range }, ['form', 'address', 'wildcard', 'range']),
    closed({ form: { const: 'range' }, first: uint32, last: uint32, range }, ['form', 'first', 'last', 'range']),
    closed({ form: { const: 'address-set' }, name: str, range }, ['form', 'name', 'range']),
    closed({ form: { const: 'ipv6' }, text: str, address: str, length: { type: 'integer', minimum: 0, maximum: 128 }, last: str, range }, ['form', 'text', 'range']),
    closed({ form: { const: 'unknown' }, text: str, range }, ['form', 'text', 'range']),
  ],
};

const port: Schema = { type: 'integer', minimum: 0, maximum: 65535 };
const protocol: Schema = { type: ['integer', 'null'], minimum: 0, maximum: 255 };

const policySettings: Record<string, Schema> = {
  acl: valString,
  aclIpv6: valString,
  ikePeer: valString,
  proposals: arrayOf(valString),
  pfs: valString,
  tunnelLocal: valString,
  tunnelRemote: valString,
  triggerMode: val(oneOfValues('auto', 'traffic-based')),
  disabled: range,
  alias: valString,
  routeInject: valString,
  routeInjectPreference: valNumber,
  manual: ref('ManualSaSettings'),
};
const policyRequired = ['proposals', 'manual'];

const ruleLists = {
  name: valString,
  sourceZones: arrayOf(valString),
  destinationZones: arrayOf(valString),
  sourceAddresses: arrayOf(ref('AddressSpec')),
  destinationAddresses: arrayOf(ref('AddressSpec')),
  services: arrayOf(valString),
  disabled: range,
};
const ruleRequired = ['name', 'sourceZones', 'destinationZones', 'sourceAddresses', 'destinationAddresses', 'services'];

const defs: Record<string, Schema> = {
  Position: closed({ line: { type: 'integer', minimum: 1 }, column: { type: 'integer', minimum: 1 }, offset: { type: 'integer', minimum: 0 } }, ['line', 'column', 'offset']),
  Range: closed({ start: ref('Position'), end: ref('Position') }, ['start', 'end']),
  ValString: val(str),
  ValNumber: val(int),
  ValUint32: val(uint32),
  ValStringArray: val(arrayOf(str)),
  AddressSpec: addressSpec,
  PortSpec: closed({ op: oneOfValues('eq', 'lt', 'gt', 'range'), first: port, last: port, range }, ['op', 'first', 'last', 'range']),
  SecretValue: closed(
    {
      secret: { const: true },
      form: oneOfValues('cipher', 'simple', 'plain', 'irreversible-cipher'),
      encrypted: bool,
      digest: { type: 'string', pattern: '^[0-9a-f]{64}$' },
      range,
    },
    ['secret', 'form', 'encrypted', 'range'],
  ),
  Ipv6InterfaceAddress: closed(
    { ...nodeBase, form: oneOfValues('global', 'eui-64', 'link-local', 'auto'), address: valString, length: valNumber },
    [...nodeRequired, 'form'],
  ),
  InterfaceAddress: closed({ ...nodeBase, address: valUint32, mask: valUint32, sub: bool }, [...nodeRequired, 'address', 'mask', 'sub']),
  InterfaceNode: closed(
    {
      kind: { const: 'interface' },
      ...viewBase,
      name: valString,
      key: str,
      addresses: arrayOf(ref('InterfaceAddress')),
      dynamicAddress: val(oneOfValues('unnumbered', 'ppp-negotiate', 'dhcp-alloc')),
      unnumberedFrom: valString,
      ipsecPolicy: closed({ name: valString, option: valString, range }, ['name', 'range']),
      ipsecProfile: valString,
      ipsecEfficientVpn: valString,
      tcpAdjustMss: valNumber,
      mtu: valNumber,
      tunnelProtocol: valString,
      tunnelSource: valString,
      tunnelDestination: valUint32,
      vrrpVirtualIps: arrayOf(valUint32),
      vrrpStandbyIps: arrayOf(valUint32),
      natOutbound: arrayOf(
        closed({ acl: valString, addressGroup: valString, interface: valString, range }, ['acl', 'range']),
      ),
      shutdown: range,
      ipv6Enabled: range,
      ipv6Addresses: arrayOf(ref('Ipv6InterfaceAddress')),
      vpnBinding: closed({ name: valString, range }, ['name', 'range']),
    },
    ['kind', ...viewRequired, 'name', 'key', 'addresses', 'vrrpVirtualIps', 'natOutbound'],
  ),
  ZoneNode: closed(
    { kind: { const: 'zone' }, ...viewBase, name: valString, priority: valNumber, interfaces: arrayOf(valString) },
    ['kind', ...viewRequired, 'name', 'interfaces'],
  ),
  AclRuleNode: closed(
    {
      kind: { const: 'acl-rule' },
      ...nodeBase,
      id: valNumber,
      action: val(oneOfValues('permit', 'deny')),
      protocol: val(protocol),
      source: ref('AddressSpec'),
      destination: ref('AddressSpec'),
      sourcePort: ref('PortSpec'),
      destinationPort: ref('PortSpec'),
      options: arrayOf(valString),
    },
    ['kind', ...nodeRequired, 'id', 'action', 'options'],
  ),
  AclNode: closed(
    {
      kind: { const: 'acl' },
      ...viewBase,
      key: valString,
      number: int,
      type: oneOfValues('basic', 'advanced', 'layer2', 'user', 'ipv6', 'unknown'),
      rules: arrayOf(ref('AclRuleNode')),
    },
    ['kind', ...viewRequired, 'key', 'type', 'rules'],
  ),
  IkeProposalNode: closed(
    {
      kind: { const: 'ike-proposal' },
      ...viewBase,
      id: valString,
      encryption: valStrings,
      authentication: valStrings,
      dh: valStrings,
      authenticationMethod: valString,
      integrity: valStrings,
      prf: valStrings,
      lifetime: valNumber,
    },
    ['kind', ...viewRequired, 'id'],
  ),
  RemoteAddress: closed(
    {
      ...nodeBase,
      kind: oneOfValues('address', 'range', 'host-name', 'authentication-address'),
      address: valAddress,
      high: valAddress,
      hostName: valString,
      vpnInstance: valString,
    },
    [...nodeRequired, 'kind'],
  ),
  IkePeerNode: closed(
    {
      kind: { const: 'ike-peer' },
      ...viewBase,
      name: valString,
      headerVersion: valVersion,
      versions: arrayOf(valVersion),
      undoVersions: arrayOf(valVersion),
      preSharedKey: ref('SecretValue'),
      ikeProposals: arrayOf(valString),
      remoteAddresses: arrayOf(ref('RemoteAddress')),
      localAddress: valAddress,
      saBindingVpnInstance: valString,
      exchangeMode: val(oneOfValues('main', 'aggressive', 'auto')),
      localIdType: valString,
      localId: valString,
      remoteIdType: valString,
      remoteId: valString,
      natTraversal: val(bool),
      dpdType: valString,
      dpdIdleTime: valNumber,
      dpdRetransmitInterval: valNumber,
      dpdMsg: valString,
      rsaEncryptionPadding: valString,
      rsaSignaturePadding: valString,
      sm4Version: valString,
      negotiateCompatible: range,
    },
    ['kind', ...viewRequired, 'name', 'versions', 'undoVersions', 'ikeProposals', 'remoteAddresses'],
  ),
  IpsecProposalNode: closed(
    {
      kind: { const: 'ipsec-proposal' },
      ...viewBase,
      name: valString,
      transform: val(oneOfValues('esp', 'ah', 'ah-esp')),
      encapsulationMode: val(oneOfValues('tunnel', 'transport', 'auto')),
      espAuthentication: valStrings,
      espAuthenticationRemoved: range,
      espEncryption: valStrings,
      ahAuthentication: valStrings,
    },
    ['kind', ...viewRequired, 'name'],
  ),
  ManualSaSettings: closed(
    {
      spi: arrayOf(
        closed(
          { direction: oneOfValues('inbound', 'outbound'), protocol: oneOfValues('esp', 'ah'), value: valNumber },
          ['direction', 'protocol', 'value'],
        ),
      ),
      keys: arrayOf(
        closed(
          {
            direction: oneOfValues('inbound', 'outbound'),
            protocol: oneOfValues('esp', 'ah'),
            kind: oneOfValues('string-key', 'authentication-hex', 'encryption-hex'),
            value: ref('SecretValue'),
          },
          ['direction', 'protocol', 'kind', 'value'],
        ),
      ),
    },
    ['spi', 'keys'],
  ),
  IpsecPolicyNode: closed(
    {
      kind: { const: 'ipsec-policy' },
      ...viewBase,
      ...policySettings,
      name: valString,
      seq: valNumber,
      mode: val(oneOfValues('isakmp', 'manual', 'template')),
      template: valString,
    },
    ['kind', ...viewRequired, ...policyRequired, 'name', 'seq', 'mode'],
  ),
  PolicyTemplateNode: closed(
    { kind: { const: 'policy-template' }, ...viewBase, ...policySettings, name: valString, seq: valNumber },
    ['kind', ...viewRequired, ...policyRequired, 'name', 'seq'],
  ),
  IpsecProfileNode: closed(
    { kind: { const: 'ipsec-profile' }, ...viewBase, ...policySettings, name: valString },
    ['kind', ...viewRequired, ...policyRequired, 'name'],
  ),
  NatRuleNode: closed(
    {
      kind: { const: 'nat-rule' },
      ...viewBase,
      ...ruleLists,
      legacy: bool,
      egressInterfaces: arrayOf(valString),
      action: val(oneOfValues('no-nat', 'source-nat-easy-ip', 'source-nat-address-group', 'destination-nat', 'other')),
      addressGroup: valString,
    },
    ['kind', ...viewRequired, ...ruleRequired, 'legacy', 'egressInterfaces'],
  ),
  NatServerNode: closed(
    {
      kind: { const: 'nat-server' },
      ...nodeBase,
      name: valString,
      protocol: val(protocol),
      global: valUint32,
      globalPort: valNumber,
      inside: valUint32,
      insidePort: valNumber,
      zone: valString,
      noReverse: range,
      interface: valString,
    },
    ['kind', ...nodeRequired, 'global', 'inside'],
  ),
  NatAddressGroupNode: closed(
    {
      kind: { const: 'nat-address-group' },
      ...viewBase,
      name: valString,
      sections: arrayOf(closed({ first: valUint32, last: valUint32 }, ['first', 'last'])),
      mode: valString,
    },
    ['kind', ...viewRequired, 'name', 'sections'],
  ),
  SecurityRuleNode: closed(
    { kind: { const: 'security-rule' }, ...viewBase, ...ruleLists, action: val(oneOfValues('permit', 'deny')) },
    ['kind', ...viewRequired, ...ruleRequired],
  ),
  SecurityPolicyNode: closed(
    {
      kind: { const: 'security-policy' },
      ...viewBase,
      defaultAction: val(oneOfValues('permit', 'deny')),
      rules: arrayOf(ref('SecurityRuleNode')),
    },
    ['kind', ...viewRequired, 'rules'],
  ),
  AddressSetNode: closed(
    {
      kind: { const: 'address-set' },
      ...viewBase,
      name: valString,
      type: oneOfValues('object', 'group'),
      members: arrayOf(ref('AddressSpec')),
    },
    ['kind', ...viewRequired, 'name', 'type', 'members'],
  ),
  ServiceSpec: closed(
    {
      protocol,
      sourcePorts: { type: 'array', prefixItems: [port, port], items: false, minItems: 2 },
      destinationPorts: { type: 'array', prefixItems: [port, port], items: false, minItems: 2 },
      range,
    },
    ['protocol', 'range'],
  ),
  ServiceSetNode: closed(
    {
      kind: { const: 'service-set' },
      ...viewBase,
      name: valString,
      members: arrayOf(ref('ServiceSpec')),
      includes: arrayOf(valString),
    },
    ['kind', ...viewRequired, 'name', 'members', 'includes'],
  ),
  RouteNode: closed(
    {
      kind: { const: 'route' },
      ...nodeBase,
      vpnInstance: valString,
      destination: valUint32,
      mask: valUint32,
      interface: valString,
      nextHop: valUint32,
      toPublic: bool,
      preference: valNumber,
    },
    ['kind', ...nodeRequired, 'destination', 'mask'],
  ),
  Ipv6RouteNode: closed(
    {
      kind: { const: 'ipv6-route' },
      ...nodeBase,
      vpnInstance: valString,
      destination: valString,
      length: valNumber,
      interface: valString,
      nextHop: valString,
      preference: valNumber,
    },
    ['kind', ...nodeRequired, 'destination', 'length'],
  ),
  L2tpGroupNode: closed(
    {
      kind: { const: 'l2tp-group' },
      ...viewBase,
      name: valString,
      virtualTemplate: valString,
      lnsAddresses: arrayOf(valUint32),
    },
    ['kind', ...viewRequired, 'name', 'lnsAddresses'],
  ),
  GlobalSettings: closed(
    {
      sysname: valString,
      ikeDpdType: valString,
      ikeDpdIdleTime: valNumber,
      ikeDpdRetransmitInterval: valNumber,
      ikeDpdRetryLimit: valNumber,
      ikeDpdInterval: val(arrayOf(int)),
      ikeDpdMsg: valString,
      ipsecSha2Compatible: range,
      ipsecAuthenticationSha2Compatible: range,
      firewallTcpMss: valNumber,
      ikev1Phase1Phase2SaDependent: val(bool),
      ikeLocalName: valString,
      ikeHeartbeatInterval: valNumber,
      ikeHeartbeatTimeout: valNumber,
      l2tpEnable: range,
      hrpEnable: range,
      hrpRemote: valUint32,
      hrpStandbyDevice: range,
      dnsResolve: range,
      dnsServer: range,
      ipHosts: arrayOf(closed({ name: valString, address: valUint32, range }, ['name', 'address', 'range'])),
    },
    [],
  ),
  UnmodelledNode: closed(
    { kind: { const: 'unmodelled' }, feature: oneOfValues(...UNMODELLED_FEATURES), command: str, view: str, range },
    ['kind', 'feature', 'command', 'range'],
  ),
  GenericStatement: closed(
    { kind: { const: 'generic' }, view: arrayOf(str), tokens: arrayOf(valString), range, redacted: bool },
    ['kind', 'view', 'tokens', 'range'],
  ),
  ParseDiagnostic: closed(
    {
      code: oneOfValues('statement-syntax', 'not-huawei-config', 'binary-input', 'empty-input', 'non-vrp-syntax', 'input-too-large'),
      severity: oneOfValues('error', 'warning'),
      message: str,
      range,
    },
    ['code', 'severity', 'message', 'range'],
  ),
};

const configProperties: Record<string, Schema> = {
  kind: { const: 'config' },
  file: str,
  version: valString,
  platform: oneOfValues('usg', 'ar', 'unknown'),
  globals: ref('GlobalSettings'),
  interfaces: arrayOf(ref('InterfaceNode')),
  zones: arrayOf(ref('ZoneNode')),
  acls: arrayOf(ref('AclNode')),
  ikeProposals: arrayOf(ref('IkeProposalNode')),
  ikePeers: arrayOf(ref('IkePeerNode')),
  ipsecProposals: arrayOf(ref('IpsecProposalNode')),
  ipsecPolicies: arrayOf(ref('IpsecPolicyNode')),
  policyTemplates: arrayOf(ref('PolicyTemplateNode')),
  ipsecProfiles: arrayOf(ref('IpsecProfileNode')),
  natRules: arrayOf(ref('NatRuleNode')),
  natServers: arrayOf(ref('NatServerNode')),
  natAddressGroups: arrayOf(ref('NatAddressGroupNode')),
  securityPolicy: ref('SecurityPolicyNode'),
  addressSets: arrayOf(ref('AddressSetNode')),
  serviceSets: arrayOf(ref('ServiceSetNode')),
  routes: arrayOf(ref('RouteNode')),
  ipv6Routes: arrayOf(ref('Ipv6RouteNode')),
  l2tpGroups: arrayOf(ref('L2tpGroupNode')),
  generic: arrayOf(ref('GenericStatement')),
  unmodelled: arrayOf(ref('UnmodelledNode')),
  diagnostics: arrayOf(ref('ParseDiagnostic')),
  unrecognised: arrayOf(range),
  lineCount: { type: 'integer', minimum: 0 },
};

export const AST_SCHEMA_ID = 'https://fwlint.invalid/schemas/ast.schema.json';

/** The JSON Schema of `ConfigAst` (the output of `fwlint parse --json`). */
export const astSchema: Schema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: AST_SCHEMA_ID,
  title: 'fwlint configuration AST',
  description: 'Typed AST of one Huawei USG/VRP configuration file (src/ast/types.ts). Positions are 1-based, end exclusive, UTF-16 columns. Secret values are never present.',
  ...closed(configProperties, Object.keys(configProperties).filter((k) => k !== 'version' && k !== 'securityPolicy')),
  $defs: defs,
};

export function astSchemaText(): string {
  return `${JSON.stringify(astSchema, null, 2)}\n`;
}

export function writeAstSchema(file: string): void {
  writeFileSync(file, astSchemaText());
}
