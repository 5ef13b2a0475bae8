import fc from 'fast-check';

/**
 * Configurations with random secrets in every position VRP prints one, and in lines fwlint does
 * not recognise. A secret is one to three random alphanumeric *cores* (12+ characters, so none
 * occurs by chance in a report, a hash or a range) with punctuation around them; the tests look
 * for the cores, case-insensitively, so an escaped or re-cased copy is found too.
 */

export interface Secret {
  /** The text as written in the configuration. */
  text: string;
  /** What must never appear in any output. */
  cores: string[];
}

const NBSP = '\u00a0';

const core = fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{11,17}$/);
const decoration = fc.constantFrom('', '', '@', '#1', '!', '$', '%', '"', "'", '\\', '{}', '&*', '=', '预', ':', '/', '-', '_x');
const separator = fc.constantFrom(' ', '  ', NBSP, ` ${NBSP}`);

export const secretArb: fc.Arbitrary<Secret> = fc
  .tuple(fc.array(core, { minLength: 1, maxLength: 3 }), fc.array(separator, { minLength: 3, maxLength: 3 }), decoration, decoration)
  .map(([cores, seps, pre, post]) => {
    let text = pre;
    cores.forEach((c, i) => {
      text += (i > 0 ? seps[i] : '') + c;
    });
    return { text: text + post, cores };
  });

/** A one-word secret (no separator inside), for positions where the value is a single word. */
export const wordSecretArb: fc.Arbitrary<Secret> = fc.tuple(core, decoration, decoration).map(([c, pre, post]) => ({ text: `${pre}${c}${post}`, cores: [c] }));

const MARKERS = ['%^%#', '%$%$', '%@%@'] as const;
export const markerArb = fc.constantFrom(...MARKERS);

/** VRP reversible ciphertext around a value (the value may hold spaces, `#` and quotes). */
export function cipher(secret: Secret, marker: string): string {
  return `${marker}${secret.text}${marker}`;
}

type Fill = (s: () => string, c: () => string, w: () => string) => string;

interface Block {
  /** Lines of the block; `s()` is a plaintext secret, `c()` a ciphertext one, `w()` a one-word secret. */
  lines: Fill;
  /** A plaintext key that rules compare through a digest (the cache skips such ASTs). */
  digest?: boolean;
}

/** Every place a VRP configuration holds a secret; each `s()`/`c()`/`w()` takes a fresh one. */
export const KNOWN_POSITIONS: Block[] = [
  { lines: (s) => `snmp-agent community read ${s()}` },
  { lines: (_s, c) => `snmp-agent community write cipher ${c()}` },
  { lines: (_s, c) => `snmp-agent community read ${c()} mib-view iso-view` },
  { lines: (_s, c) => `snmp-agent usm-user v3 admin authentication-mode md5 ${c()} privacy-mode des56 ${c()}` },
  { lines: (_s, _c, w) => `snmp-agent usm-user v3 ops authentication-mode sha2-256 ${w()} privacy-mode aes128 ${w()}` },
  { lines: (_s, _c, w) => `snmp-agent target-host trap address udp-domain 192.0.2.1 params securityname ${w()} v2c` },
  { lines: (_s, c) => `ntp-service authentication-keyid 1 authentication-mode md5 ${c()}` },
  { lines: (s) => `ntp-service authentication-keyid 2 authentication-mode hmac-sha256 cipher ${s()}` },
  { lines: (_s, c) => `radius-server shared-key cipher ${c()}` },
  { lines: (s) => `hwtacacs-server shared-key ${s()}` },
  { lines: (_s, c) => `super password level 3 cipher ${c()}` },
  { lines: (_s, c) => `info-center loghost 192.0.2.3 channel 2 ${c()}` },
  { lines: (_s, c) => `${c()}` },
  {
    lines: (s, c, w) =>
      [
        'aaa',
        ` local-user admin password irreversible-cipher $1a$${w()}$`,
        ` local-user ops password cipher ${c()}`,
        ` local-user u2 password ${s()}`,
        ` local-user u3 password${NBSP}${s()}`,
        ' manager-user audit',
        `  password cipher ${c()}`,
        ' local-aaa-user password policy administrator',
        `  password history ${w()}`,
      ].join('\n'),
  },
  {
    lines: (s, c) =>
      [
        'interface GigabitEthernet0/0/2',
        ' ip address 192.0.2.10 255.255.255.0',
        ` ospf authentication-mode md5 1 plain ${s()}`,
        ` ospf authentication-mode md5 2 cipher ${c()}`,
        ` isis authentication-mode md5 ${s()}`,
        ` rip authentication-mode simple ${s()}`,
        ` ppp chap password cipher ${s()}`,
        ` ppp pap local-user u password simple ${s()}`,
      ].join('\n'),
  },
  { lines: (_s, c) => ['ospf 1', ' area 0.0.0.0', `  authentication-mode md5 1 cipher ${c()}`].join('\n') },
  { lines: (_s, c) => ['bgp 65001', ` peer 192.0.2.9 password cipher ${c()}`].join('\n') },
  { lines: (s) => ['l2tp-group 1', ` tunnel password simple ${s()}`].join('\n') },
  { lines: (s) => ['ike peer psk-plain', ` pre-shared-key ${s()}`].join('\n'), digest: true },
  { lines: (s) => ['ike peer psk-simple', ` pre-shared-key simple ${s()}`].join('\n'), digest: true },
  { lines: (_s, c) => ['ike peer psk-cipher', ` pre-shared-key cipher ${c()}`].join('\n') },
  { lines: (_s, c) => ['ike peer psk-marker', ` pre-shared-key ${c()}`].join('\n') },
  { lines: (s) => ['ike peer psk-nbsp', ` pre-shared-key${NBSP}simple${NBSP}${s()}`].join('\n'), digest: true },
  { lines: (_s, _c, w) => ['ike peer psk-typo', ` pre-shared-ky simple ${w()}`, ` pre-shared-ky cipher ${w()}`].join('\n') },
  { lines: (_s, c) => ['ipsec efficient-vpn evpn mode client', ` pre-shared-key cipher ${c()}`].join('\n') },
  {
    lines: (s, c) =>
      [
        'ipsec policy manual-map 20 manual',
        ' sa spi inbound esp 1000',
        ' sa spi outbound esp 2000',
        ` sa string-key inbound esp ${s()}`,
        ` sa string-key outbound esp cipher ${c()}`,
        ` sa authentication-hex inbound esp ${s()}`,
        ` sa encryption-hex outbound esp cipher ${c()}`,
      ].join('\n'),
    digest: true,
  },
];

/** First words of commands fwlint does not model (none is a statement head of any view). */
const UNKNOWN_HEADS = ['lldp', 'stp', 'dhcp', 'info-center', 'http', 'ssh', 'telnet', 'qos', 'wlan', 'foo-service', 'user-interface', 'undo', 'sflow', 'arp'];
const FILLER = ['enable', 'server', 'source', '10', 'trap', 'mode', 'global', 'vlan', 'client', 'max', 'timer', '1/0/1'];
/** Words after which the rest of a line is secret, wherever they appear. */
const TRIGGERS = ['cipher', 'simple', 'plain', 'irreversible-cipher', 'password', 'key', 'community', 'securityname', 'authentication-mode md5', 'privacy-mode aes256'];

export interface UnknownLine {
  kind: 'tail' | 'trigger' | 'marker';
  head: string[];
  filler: string[];
  trigger: string;
  marker: string;
}

export const unknownLineArb: fc.Arbitrary<UnknownLine> = fc.record({
  kind: fc.constantFrom('tail', 'trigger', 'marker'),
  head: fc.array(fc.constantFrom(...UNKNOWN_HEADS), { minLength: 1, maxLength: 2 }),
  filler: fc.array(fc.constantFrom(...FILLER), { minLength: 0, maxLength: 3 }),
  trigger: fc.constantFrom(...TRIGGERS),
  marker: markerArb,
});

/** A line fwlint does not recognise carrying one secret: after 3+ words, after a secret keyword, or as ciphertext. */
export function unknownLine(line: UnknownLine, secret: Secret): string {
  const words = [...line.head, ...line.filler];
  if (line.kind === 'tail') {
    while (words.length < 3) words.push('enable');
    return [...words, secret.text].join(' ');
  }
  if (line.kind === 'trigger') return [...words, line.trigger, secret.text].join(' ');
  return [...words, cipher(secret, line.marker)].join(' ');
}

/** Views unknown lines are put in: top level, known views (typed and IPSec) and unknown ones. */
const UNKNOWN_VIEW = 'foo-view stp qos';
export const HOSTS = ['', 'interface GigabitEthernet0/0/1', 'ike peer hq', 'ipsec policy map1 10 isakmp', 'acl number 3000', 'aaa', 'ospf 1', 'firewall zone trust', UNKNOWN_VIEW] as const;

export interface SecretConfig {
  text: string;
  secrets: Secret[];
}

export interface ConfigPlan {
  /** Values that may hold spaces (the rest of the line is secret). */
  secrets: Secret[];
  /** One-word values (a word follows them on the line). */
  words: Secret[];
  markers: string[];
  unknown: { line: UnknownLine; host: number; secret: Secret }[];
  /** The unknown view header holds a secret after its third word too. */
  headerSecret: Secret;
}

export const planArb: fc.Arbitrary<ConfigPlan> = fc.record({
  secrets: fc.array(secretArb, { minLength: 40, maxLength: 40 }),
  words: fc.array(wordSecretArb, { minLength: 20, maxLength: 20 }),
  markers: fc.array(markerArb, { minLength: 40, maxLength: 40 }),
  unknown: fc.array(fc.record({ line: unknownLineArb, host: fc.nat({ max: HOSTS.length - 1 }), secret: secretArb }), { minLength: 1, maxLength: 12 }),
  headerSecret: wordSecretArb,
});

/**
 * A VRP configuration with a secret in every known position and the planned unknown lines.
 * `cacheable` leaves out the plaintext keys rules compare by digest (ASTs with those are never
 * cached), so the cache really stores this file's AST.
 */
export function buildConfig(plan: ConfigPlan, options: { sysname: string; cacheable?: boolean }): SecretConfig {
  const used: Secret[] = [];
  let nextSecret = 0;
  let nextWord = 0;
  let nextMarker = 0;
  const take = (list: Secret[], i: number): Secret => {
    const secret = list[i % list.length];
    used.push(secret);
    return secret;
  };
  const s = (): string => take(plan.secrets, nextSecret++).text;
  const c = (): string => cipher(take(plan.secrets, nextSecret++), plan.markers[nextMarker++ % plan.markers.length]);
  const w = (): string => take(plan.words, nextWord++).text;
  const blocks = KNOWN_POSITIONS.filter((b) => !(options.cacheable && b.digest)).map((b) => b.lines(s, c, w));
  const hosted = new Map<number, string[]>();
  for (const u of plan.unknown) {
    used.push(u.secret);
    const list = hosted.get(u.host) ?? [];
    list.push(unknownLine(u.line, u.secret));
    hosted.set(u.host, list);
  }
  used.push(plan.headerSecret);
  const hostBlocks = HOSTS.map((header, i) => {
    const lines = hosted.get(i) ?? [];
    if (header === '') return lines.join('\n');
    const head = header === UNKNOWN_VIEW ? `${header} ${plan.headerSecret.text}` : header;
    return [head, ...lines.map((l) => ` ${l}`)].join('\n');
  });
  const text = ['#', `sysname ${options.sysname}`, '#', ...[...blocks, ...hostBlocks].filter((b) => b.length > 0).flatMap((b) => [b, '#']), 'return', ''].join('\n');
  return { text, secrets: used };
}

/** The cores of `secrets` that occur in `output` (case-insensitive). */
export function leaked(output: string | Uint8Array, secrets: readonly Secret[]): string[] {
  const text = (typeof output === 'string' ? output : Buffer.from(output).toString('utf8')).toLowerCase();
  const found: string[] = [];
  for (const secret of secrets) for (const c of secret.cores) if (text.includes(c.toLowerCase())) found.push(c);
  return found;
}
