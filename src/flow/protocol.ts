/** IP protocol numbers by the names VRP accepts in ACL rules and services. `ip` means any. */
const PROTOCOL_NUMBERS: ReadonlyMap<string, number> = new Map([
  ['icmp', 1],
  ['igmp', 2],
  ['ipinip', 4],
  ['tcp', 6],
  ['udp', 17],
  ['gre', 47],
  ['esp', 50],
  ['ah', 51],
  ['ospf', 89],
  ['sctp', 132],
]);

export const PROTOCOL_TCP = 6;
export const PROTOCOL_UDP = 17;
export const PROTOCOL_ICMP = 1;
export const PROTOCOL_GRE = 47;
export const PROTOCOL_ESP = 50;
export const PROTOCOL_AH = 51;

/**
 * `ip` → null (all protocols), a known name or a decimal 0..255 → its number,
 * anything else → undefined. Case-insensitive.
 */
export function lookupProtocol(text: string): number | null | undefined {
  const name = text.toLowerCase();
  if (name === 'ip') return null;
  const known = PROTOCOL_NUMBERS.get(name);
  if (known !== undefined) return known;
  if (/^\d{1,3}$/.test(name)) {
    const number = Number(name);
    return number <= 255 ? number : undefined;
  }
  return undefined;
}

export function protocolName(protocol: number | null): string {
  if (protocol === null) return 'ip';
  for (const [name, number] of PROTOCOL_NUMBERS) if (number === protocol) return name;
  return String(protocol);
}

/** Only TCP and UDP rules carry port clauses in VRP ACLs. */
export function protocolHasPorts(protocol: number | null): boolean {
  return protocol === PROTOCOL_TCP || protocol === PROTOCOL_UDP;
}

// VRP's ACL port keywords (`destination-port eq www`); a few are TCP-only or UDP-only.
const COMMON_PORTS: ReadonlyArray<readonly [string, number]> = [
  ['echo', 7],
  ['discard', 9],
  ['daytime', 13],
  ['chargen', 19],
  ['ftp-data', 20],
  ['ftp', 21],
  ['ssh', 22],
  ['telnet', 23],
  ['smtp', 25],
  ['time', 37],
  ['whois', 43],
  ['tacacs', 49],
  ['domain', 53],
  ['dns', 53],
  ['gopher', 70],
  ['finger', 79],
  ['www', 80],
  ['http', 80],
  ['hostname', 101],
  ['pop2', 109],
  ['pop3', 110],
  ['sunrpc', 111],
  ['nntp', 119],
  ['ntp', 123],
  ['imap', 143],
  ['snmp', 161],
  ['snmptrap', 162],
  ['bgp', 179],
  ['irc', 194],
  ['https', 443],
  ['isakmp', 500],
  ['ike', 500],
  ['rip', 520],
  ['uucp', 540],
  ['klogin', 543],
  ['kshell', 544],
  ['l2tp', 1701],
  ['pptp', 1723],
  ['radius', 1812],
  ['nat-t', 4500],
  ['ipsec-nat-t', 4500],
];

const TCP_ONLY_PORTS: ReadonlyArray<readonly [string, number]> = [
  ['exec', 512],
  ['login', 513],
  ['cmd', 514],
  ['lpd', 515],
  ['talk', 517],
];

const UDP_ONLY_PORTS: ReadonlyArray<readonly [string, number]> = [
  ['nameserver', 42],
  ['tacacs-ds', 65],
  ['bootps', 67],
  ['bootpc', 68],
  ['tftp', 69],
  ['dnsix', 90],
  ['netbios-ns', 137],
  ['netbios-dgm', 138],
  ['netbios-ssn', 139],
  ['xdmcp', 177],
  ['mobilip-ag', 434],
  ['mobilip-mn', 435],
  ['biff', 512],
  ['who', 513],
  ['syslog', 514],
  ['talk', 517],
];

const PORTS_BY_PROTOCOL = {
  tcp: new Map([...COMMON_PORTS, ...TCP_ONLY_PORTS]),
  udp: new Map([...COMMON_PORTS, ...UDP_ONLY_PORTS]),
  any: new Map([...COMMON_PORTS, ...TCP_ONLY_PORTS, ...UDP_ONLY_PORTS]),
};

/**
 * A port given as a decimal or as a VRP keyword (`www`, `bootps`, …), case-insensitive.
 * With a protocol, keywords that VRP defines only for the other protocol are refused
 * (e.g. `syslog` is UDP 514, `cmd` is TCP 514).
 */
export function lookupPort(text: string, protocol?: number | null): number | undefined {
  if (/^\d{1,5}$/.test(text)) {
    const number = Number(text);
    return number <= 65535 ? number : undefined;
  }
  const table =
    protocol === PROTOCOL_TCP ? PORTS_BY_PROTOCOL.tcp : protocol === PROTOCOL_UDP ? PORTS_BY_PROTOCOL.udp : PORTS_BY_PROTOCOL.any;
  return table.get(text.toLowerCase());
}

export interface ServiceDefinition {
  readonly protocol: number | null;
  readonly destinationPorts?: readonly [number, number];
}

/**
 * USG predefined services used by `security-policy … service NAME` (case-insensitive).
 * `ISAKMP` as the IKE service name follows the reference notes [unverified against a device's
 * `display predefined service` list]; `ike` and `isakmp` both map to UDP 500.
 */
const PREDEFINED_SERVICES: ReadonlyMap<string, ServiceDefinition> = new Map<string, ServiceDefinition>([
  ['any', { protocol: null }],
  ['icmp', { protocol: PROTOCOL_ICMP }],
  ['gre', { protocol: PROTOCOL_GRE }],
  ['esp', { protocol: PROTOCOL_ESP }],
  ['ah', { protocol: PROTOCOL_AH }],
  ['ospf', { protocol: 89 }],
  ['isakmp', { protocol: PROTOCOL_UDP, destinationPorts: [500, 500] }],
  ['ike', { protocol: PROTOCOL_UDP, destinationPorts: [500, 500] }],
  ['nat-t', { protocol: PROTOCOL_UDP, destinationPorts: [4500, 4500] }],
  ['http', { protocol: PROTOCOL_TCP, destinationPorts: [80, 80] }],
  ['https', { protocol: PROTOCOL_TCP, destinationPorts: [443, 443] }],
  ['ftp', { protocol: PROTOCOL_TCP, destinationPorts: [21, 21] }],
  ['ssh', { protocol: PROTOCOL_TCP, destinationPorts: [22, 22] }],
  ['telnet', { protocol: PROTOCOL_TCP, destinationPorts: [23, 23] }],
  ['smtp', { protocol: PROTOCOL_TCP, destinationPorts: [25, 25] }],
  ['pop3', { protocol: PROTOCOL_TCP, destinationPorts: [110, 110] }],
  ['imap', { protocol: PROTOCOL_TCP, destinationPorts: [143, 143] }],
  ['bgp', { protocol: PROTOCOL_TCP, destinationPorts: [179, 179] }],
  ['dns', { protocol: PROTOCOL_UDP, destinationPorts: [53, 53] }],
  ['ntp', { protocol: PROTOCOL_UDP, destinationPorts: [123, 123] }],
  ['snmp', { protocol: PROTOCOL_UDP, destinationPorts: [161, 161] }],
  ['snmptrap', { protocol: PROTOCOL_UDP, destinationPorts: [162, 162] }],
  ['tftp', { protocol: PROTOCOL_UDP, destinationPorts: [69, 69] }],
  ['syslog', { protocol: PROTOCOL_UDP, destinationPorts: [514, 514] }],
  ['radius', { protocol: PROTOCOL_UDP, destinationPorts: [1812, 1812] }],
  ['l2tp', { protocol: PROTOCOL_UDP, destinationPorts: [1701, 1701] }],
  ['rdp', { protocol: PROTOCOL_TCP, destinationPorts: [3389, 3389] }],
]);

export function lookupPredefinedService(name: string): ServiceDefinition | undefined {
  return PREDEFINED_SERVICES.get(name.toLowerCase());
}
