import type { Protocol } from './types.js';

/** Dotted quad → unsigned 32-bit integer, or undefined for anything else (placeholders like `192.168.xxx.0`). */
export function parseIpv4(text: string): number | undefined {
  let value = 0;
  let part = 0;
  let digits = 0;
  let parts = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 46;
    if (c === 46 /* . */) {
      if (digits === 0 || part > 255 || parts === 4) return undefined;
      value = value * 256 + part;
      parts++;
      part = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57 && digits < 3) {
      part = part * 10 + (c - 48);
      digits++;
    } else {
      return undefined;
    }
  }
  return parts === 4 ? value >>> 0 : undefined;
}

export function maskFromLength(length: number): number {
  if (length <= 0) return 0;
  if (length >= 32) return 0xffffffff;
  return (0xffffffff << (32 - length)) >>> 0;
}

/** Dotted mask or prefix length (`255.255.255.0` / `24`) → mask integer. */
export function parseMask(text: string): number | undefined {
  if (/^\d{1,2}$/.test(text)) {
    const length = Number(text);
    return length <= 32 ? maskFromLength(length) : undefined;
  }
  return parseIpv4(text);
}

/** ACL wildcard: dotted inverse mask, `0` = host. */
export function parseWildcard(text: string): number | undefined {
  if (text === '0') return 0;
  return parseIpv4(text);
}

export function parseInteger(text: string): number | undefined {
  return /^\d{1,10}$/.test(text) ? Number(text) : undefined;
}

/** Well-known port names VRP accepts (and sometimes displays) instead of numbers. */
const PORT_NAMES: Record<string, number> = {
  echo: 7, discard: 9, daytime: 13, chargen: 19, 'ftp-data': 20, ftp: 21, ssh: 22, telnet: 23, smtp: 25,
  time: 37, nameserver: 42, whois: 43, tacacs: 49, domain: 53, dns: 53, bootps: 67, bootpc: 68, tftp: 69,
  gopher: 70, finger: 79, www: 80, http: 80, hostname: 101, pop2: 109, pop3: 110, sunrpc: 111, ident: 113,
  nntp: 119, ntp: 123, 'netbios-ns': 137, 'netbios-dgm': 138, 'netbios-ssn': 139, imap: 143, snmp: 161,
  snmptrap: 162, bgp: 179, irc: 194, https: 443, isakmp: 500, biff: 512, exec: 512, login: 513, who: 513,
  cmd: 514, syslog: 514, lpd: 515, talk: 517, rip: 520, uucp: 540, klogin: 543, kshell: 544, 'nat-t': 4500,
  sqlnet: 1521, pptp: 1723, 'mobilip-ag': 434, 'mobilip-mn': 435,
};

export function parsePort(text: string): number | undefined {
  const n = parseInteger(text);
  if (n !== undefined) return n <= 65535 ? n : undefined;
  return PORT_NAMES[text.toLowerCase()];
}

const PROTOCOLS: Record<string, Protocol> = {
  ip: null, icmp: 1, igmp: 2, ipinip: 4, tcp: 6, udp: 17, gre: 47, esp: 50, ah: 51, icmpv6: 58, ospf: 89, sctp: 132,
  ipv6: null,
};

/** `ip` (or `ipv6`) → null (all protocols); names and numbers → protocol number; undefined if unknown. */
export function parseProtocol(text: string): Protocol | undefined {
  const lower = text.toLowerCase();
  if (lower in PROTOCOLS) return PROTOCOLS[lower];
  const n = parseInteger(text);
  return n !== undefined && n <= 255 ? n : undefined;
}
