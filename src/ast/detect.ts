import type { ConfigLine } from '../text/lines.js';
import type { Platform } from './types.js';

export interface ForeignInput {
  vendor: string;
  line: number;
  /** The finding's text: `this looks like a Juniper Junos configuration, not Huawei VRP`. */
  message: string;
}

type Vendor = 'cisco' | 'h3c' | 'juniper' | 'panos' | 'fortios' | 'mikrotik';
type Family = Vendor | 'huawei';

interface Evidence {
  family: Family;
  weight: number;
  line: number;
}

const CISCO = /^(hostname \S|crypto (isakmp|map|ipsec|ikev2)|ip access-list |access-list \d|router (ospf|bgp|eigrp)|line vty |enable secret |service timestamps|tunnel-group |object-group network |ASA Version |: Saved)/;
const H3C_STRONG = /^(ipsec apply policy|ike profile |ipsec transform-set |acl advanced |acl basic |port link-mode |ike keychain |ip route-static \S+ \d+ \S+ preference \d+ tag)/;
/** `version 15.2` / `version 12.4(24)T`: the IOS banner line, at the left margin and without a release. */
const CISCO_VERSION = /^version \d{1,2}\.\d{1,2}(\(\S+\))?\S*$/;
/** Comware prints ` version 7.1.064, Release 0821P11` (three-part number and/or a release). */
const H3C_VERSION_RELEASE = /^version \d+\.\d+(\.\d+)?, (Release|ESS|Alpha|Beta) /;
const H3C_VERSION_THREE = /^version \d+\.\d+\.\d+/;
const VERSION = /^version \d+\.\d+/;
/** Junos `version 20.4R3.8;` (curly syntax) and `set version 12.3X48-D105.4`: a release letter after the minor number. */
const JUNOS_VERSION = /^(set )?version \d{1,2}\.\d{1,2}[RXBDFIS]\d[\w.-]*;?$/;
/** Huawei VRP banners and commands that neither Cisco nor Comware print. */
const HUAWEI = /^(\[V\d{3}R\d{3}|!Software Version V\d{3}R|version V\d{3}R|firewall zone |security-policy$|nat-policy$|ike peer \S+ v[12]$|ipsec sha2 compatible)/;
/** FortiOS: `config firewall policy`, `config vpn ipsec phase1-interface`, `config system global`. */
const FORTIOS_CONFIG = /^config (system|firewall|vpn|router|user|log|antivirus|webfilter|ips|application|dnsfilter|switch-controller|wireless-controller|endpoint-control|certificate|alertemail|web-proxy|dlp|emailfilter|voip|waf|authentication|report|wanopt|icap|ftp-proxy|extender-controller|file-filter|videofilter|ssh-filter|spamfilter)( |$)/;
/** RouterOS menus: `/ip address`, `/interface bridge`, `/ip address add address=… interface=ether1`. */
const MIKROTIK_MENU = /^\/(ip|ipv6|interface|system|routing|tool|user|queue|snmp|certificate|ppp|caps-man|radius|port|mpls|disk|container|file|log|lcd|special-login|zerotier|iot|console|driver|partitions)( |$)/;
/** RouterOS items under a menu: `add name=bridge-lan`, `set [ find default-name=ether1 ] comment=WAN`. */
const MIKROTIK_ITEM = /^(add|set|remove) (\[ find |[\w-]+=)/;
/** PAN-OS XML export: `<config version="10.1.0" urldb="paloaltonetworks" …>`, and its top-level elements. */
const PANOS_XML = /^<config version="[\d.]+"( urldb="paloaltonetworks")?/;
const PANOS_XML_ELEMENT = /^<(deviceconfig|mgt-config|rulebase|vsys|shared)>$/;
/** Version banners are printed at the top: a `version` line further down is a value, not evidence. */
const VERSION_LINES = 30;
const MAX_BANG_EVIDENCE = 3;
/** Block markers (FortiOS `edit`/`next`, RouterOS `add …` items) are weak hints: only so many count. */
const MAX_WEAK_EVIDENCE = 3;

/** Junos top-level hierarchies: `set system host-name …`, `security {`. */
const JUNOS_HIERARCHIES: ReadonlySet<string> = new Set([
  'system', 'interfaces', 'security', 'protocols', 'routing-options', 'policy-options', 'firewall', 'snmp', 'vlans', 'chassis',
  'services', 'routing-instances', 'applications', 'groups', 'apply-groups', 'forwarding-options', 'class-of-service',
  'event-options', 'access', 'ethernet-switching-options', 'bridge-domains', 'poe', 'switch-options',
]);
/** PAN-OS top-level nodes: `set deviceconfig system hostname …`, `set network ike gateway …`, `set rulebase security rules …`. */
const PANOS_NODES: ReadonlySet<string> = new Set([
  'deviceconfig', 'network', 'rulebase', 'zone', 'vsys', 'shared', 'mgt-config', 'address', 'address-group', 'service',
  'service-group', 'application-group', 'profiles', 'profile-group', 'tag', 'import', 'readonly', 'log-settings',
]);
/** `set` lines only Junos prints (a VRP command never starts with `set` at the left margin, but a hint alone is weak). */
const JUNOS_SET = /^set (interfaces \S+ unit \d|system host-name |security (ike|ipsec|zones|policies|nat|address-book|flow|screen) |routing-options (static|router-id|autonomous-system) |protocols (ospf|ospf3|bgp|lldp|isis|mpls|ldp|rsvp) )/;
const PANOS_SET = /^set (deviceconfig system |network (interface ethernet|ike gateway|ike crypto-profiles|tunnel ipsec|virtual-router) |rulebase (security|nat|pbf|decryption) rules |zone \S+ network |vsys vsys\d|mgt-config users )/;

const FOREIGN_FIRST_WORDS: ReadonlySet<string> = new Set([
  '!', 'version', 'hostname', 'crypto', 'ip', 'access-list', 'router', 'line', 'enable', 'service', 'tunnel-group',
  'object-group', 'ASA', ':', 'ipsec', 'ike', 'acl', 'port', '!Software', 'firewall', 'security-policy', 'nat-policy',
]);

const VENDOR_NAMES: Record<Vendor, string> = {
  cisco: 'Cisco IOS/ASA',
  h3c: 'H3C Comware',
  juniper: 'Juniper Junos',
  panos: 'Palo Alto Networks PAN-OS',
  fortios: 'Fortinet FortiOS',
  mikrotik: 'MikroTik RouterOS',
};
/** Ties go to the vendor listed first (Cisco over Comware, as before). */
const VENDORS: readonly Vendor[] = ['cisco', 'h3c', 'juniper', 'panos', 'fortios', 'mikrotik'];

/** What one line says about the vendor, or undefined. Weights: 3 a banner or a vendor-only command, 2 a strong hint, 1 a weak one. */
function evidenceOf(l: ConfigLine, counts: { bangs: number; weak: number }): Evidence | undefined {
  const first = l.word(0);
  const c0 = first.charCodeAt(0);
  const line = l.line;
  // RouterOS menus, PAN-OS XML and header comments start with a sign rather than a word.
  if (c0 === 47 /* / */) return l.indent === 0 && MIKROTIK_MENU.test(l.body) ? { family: 'mikrotik', weight: 3, line } : undefined;
  if (c0 === 60 /* < */) {
    const body = l.body;
    if (PANOS_XML.test(body)) return { family: 'panos', weight: 3, line };
    return PANOS_XML_ELEMENT.test(body) ? { family: 'panos', weight: 2, line } : undefined;
  }
  if (c0 === 35 /* # */) {
    if (line > VERSION_LINES) return undefined;
    const body = l.body;
    if (body.startsWith('#config-version=')) return { family: 'fortios', weight: 3, line };
    if (body.startsWith('# ') && body.includes(' by RouterOS ')) return { family: 'mikrotik', weight: 3, line };
    if (body.startsWith('## Last commit: ') || body.startsWith('## Last changed: ')) return { family: 'juniper', weight: 3, line };
    return undefined;
  }
  if (l.indent === 0 && l.tokenCount === 2 && l.word(1) === '{') {
    // Curly syntax (`security {`): VRP never opens a block with a brace.
    if (JUNOS_HIERARCHIES.has(first)) return { family: 'juniper', weight: 2, line };
    return PANOS_NODES.has(first) ? { family: 'panos', weight: 2, line } : undefined;
  }
  switch (first) {
    case 'set':
      // Junos and PAN-OS name the hierarchy first; RouterOS sets an item of the menu above.
      if (l.indent > 0 || l.tokenCount < 3) return undefined;
      if (l.word(1) === 'version') return JUNOS_VERSION.test(l.body) ? { family: 'juniper', weight: 3, line } : undefined;
      if (JUNOS_SET.test(l.body)) return { family: 'juniper', weight: 3, line };
      if (PANOS_SET.test(l.body)) return { family: 'panos', weight: 3, line };
      if (JUNOS_HIERARCHIES.has(l.word(1))) return { family: 'juniper', weight: 1, line };
      if (PANOS_NODES.has(l.word(1))) return { family: 'panos', weight: 1, line };
      return weakHint(l, counts, 'mikrotik', MIKROTIK_ITEM.test(l.body));
    case 'add':
    case 'remove':
      return l.indent === 0 ? weakHint(l, counts, 'mikrotik', MIKROTIK_ITEM.test(l.body)) : undefined;
    case 'config':
      return l.indent === 0 && FORTIOS_CONFIG.test(l.body) ? { family: 'fortios', weight: 3, line } : undefined;
    case 'edit':
      return weakHint(l, counts, 'fortios', l.indent > 0 && l.tokenCount === 2);
    case 'next':
      return weakHint(l, counts, 'fortios', l.indent > 0 && l.tokenCount === 1);
  }
  // Every other pattern starts with one of these words (or `[`): other lines are skipped without slicing.
  if (!FOREIGN_FIRST_WORDS.has(first) && c0 !== 91 /* [ */) return undefined;
  const body = l.body;
  if (first === 'version') {
    if (line > VERSION_LINES || l.indent > 1) return undefined;
    if (JUNOS_VERSION.test(body)) return { family: 'juniper', weight: 3, line };
    if (H3C_VERSION_RELEASE.test(body) || H3C_VERSION_THREE.test(body)) return { family: 'h3c', weight: 3, line };
    if (l.indent === 0 && CISCO_VERSION.test(body)) return { family: 'cisco', weight: 3, line };
    // ` version 5.20` (indented, as Comware prints it) without a release: a hint only.
    if (VERSION.test(body)) return { family: 'h3c', weight: 2, line };
  }
  if (HUAWEI.test(body)) return { family: 'huawei', weight: 3, line };
  if (H3C_STRONG.test(body)) return { family: 'h3c', weight: 3, line };
  if (l.indent === 0 && CISCO.test(body)) return { family: 'cisco', weight: 2, line };
  if (body === '!' && counts.bangs < MAX_BANG_EVIDENCE) return { family: 'cisco', weight: 1, line };
  return undefined;
}

/** A weak hint (FortiOS `edit`/`next`, a RouterOS item): weight 1, and only the first few count. */
function weakHint(l: ConfigLine, counts: { weak: number }, family: Vendor, applies: boolean): Evidence | undefined {
  if (!applies || counts.weak >= MAX_WEAK_EVIDENCE) return undefined;
  counts.weak++;
  return { family, weight: 1, line: l.line };
}

type TextKind = 'yaml' | 'prose' | 'xml';

const TEXT_MESSAGES: Record<TextKind, string> = {
  yaml: 'this looks like YAML, not a Huawei VRP configuration',
  prose: 'this looks like prose (plain text), not a Huawei VRP configuration',
  xml: 'this looks like XML, not a Huawei VRP configuration',
};

/** `key:` / `key: value` / `"key":`: VRP commands never end their first word with a colon. */
const YAML_KEY = /^["']?[\w./-]+["']?:$/;
/** A word of running text: letters (any case), an apostrophe or hyphen inside, quotes or brackets around, punctuation after. */
const PLAIN_WORD = /^[("'“‘]?[A-Za-z][A-Za-z'’-]*[)"'”’]?[,.;:!?]?$/;
/** `.` `,` `;` `:` `!` `?` `)`: how a line of running text ends. */
const PROSE_END: ReadonlySet<number> = new Set([46, 44, 59, 58, 33, 63, 41]);
const PROSE_MIN_WORDS = 4;
/** Lines of text (YAML, prose, XML) must be at least this share of the file's command lines. */
const TEXT_SHARE = 0.6;

/** What kind of non-configuration text one line is, or undefined (a command, or neutral). */
function textKindOf(l: ConfigLine): TextKind | undefined {
  const first = l.word(0);
  const c0 = first.charCodeAt(0);
  if (c0 === 60 /* < */) {
    const body = l.body;
    return body.charCodeAt(body.length - 1) === 62 /* > */ ? 'xml' : undefined;
  }
  const isKey = first.charCodeAt(first.length - 1) === 58 /* : */ && YAML_KEY.test(first);
  if (isKey || first === '-' || first === '---' || first === '...' || first === '%YAML') {
    // A list item or key: YAML, unless the line reads as a sentence (a Markdown bullet).
    return isProse(l, 1) ? 'prose' : 'yaml';
  }
  return isProse(l, 0) ? 'prose' : undefined;
}

/** At least four words, three in four of them plain, starting with a capital or ending with punctuation. */
function isProse(l: ConfigLine, from: number): boolean {
  const count = l.tokenCount;
  if (count - from < PROSE_MIN_WORDS) return false;
  // Checked on the characters first: most command lines have four words or more.
  const text = l.table.text;
  const initial = text.charCodeAt(l.tokenStart(from));
  const capital = initial >= 65 && initial <= 90;
  if (!capital && !PROSE_END.has(text.charCodeAt(l.tokenEnd(count - 1) - 1))) return false;
  let plain = 0;
  for (let i = from; i < count; i++) if (PLAIN_WORD.test(l.word(i))) plain++;
  return plain * 4 >= (count - from) * 3;
}

/**
 * Finds another vendor's configuration (Cisco IOS/ASA, H3C Comware, Juniper Junos in set or
 * curly syntax, PAN-OS set or XML, FortiOS, MikroTik RouterOS) and files that are no
 * configuration at all (YAML, prose, XML). Every distinctive line adds evidence for its vendor;
 * the best-scoring foreign vendor is reported only when it has at least one strong hint's worth
 * and outscores the Huawei-only evidence (a tie stays Huawei). The order of the lines and of the
 * checks does not decide: `version 15.2` (IOS) and ` version 7.1.064, Release` (Comware) are told
 * apart by their form, not by which test runs first. Without a foreign vendor, a file most of
 * whose lines are YAML, sentences or XML elements is reported as such.
 */
export function detectForeign(lines: readonly ConfigLine[]): ForeignInput | undefined {
  const score: Record<Family, number> = { cisco: 0, h3c: 0, huawei: 0, juniper: 0, panos: 0, fortios: 0, mikrotik: 0 };
  const firstStrong: Partial<Record<Family, number>> = {};
  const firstAny: Partial<Record<Family, number>> = {};
  const counts = { bangs: 0, weak: 0 };
  let end = false;
  let content = 0;
  const text: Record<TextKind, number> = { yaml: 0, prose: 0, xml: 0 };
  const firstText: Partial<Record<TextKind, number>> = {};
  for (const l of lines) {
    if (l.tokenCount === 0) continue;
    const first = l.word(0);
    if (first === '#' || first === '!') {
      // Separators and comments: neither a command nor text.
    } else {
      content++;
      const kind = textKindOf(l);
      if (kind) {
        text[kind]++;
        firstText[kind] ??= l.line;
      }
    }
    if (l.indent === 0 && l.tokenCount === 1 && first === 'end') {
      // IOS ends with one `end`; FortiOS closes every block with one: one `end` is all the evidence it gives.
      if (!end) {
        end = true;
        score.cisco += 1;
        firstAny.cisco ??= l.line;
      }
      continue;
    }
    const evidence = evidenceOf(l, counts);
    if (!evidence) continue;
    if (evidence.weight === 1 && l.body === '!') counts.bangs++;
    score[evidence.family] += evidence.weight;
    firstAny[evidence.family] ??= evidence.line;
    if (evidence.weight >= 2) firstStrong[evidence.family] ??= evidence.line;
  }
  let foreign: Vendor = VENDORS[0];
  for (const vendor of VENDORS) if (score[vendor] > score[foreign]) foreign = vendor;
  // Weak hints alone do not decide: Cisco with only `!` separators and an `end` (no command fwlint
  // knows as Cisco's) needs both; any other vendor needs one strong line (a FortiOS `config`, a
  // RouterOS `/menu`, a Junos `set security ike …`).
  const onlyWeak = firstStrong[foreign] === undefined && (foreign !== 'cisco' || counts.bangs < 2 || !end);
  if (score[foreign] >= 2 && score[foreign] > score.huawei && !onlyWeak) {
    const vendor = VENDOR_NAMES[foreign];
    return { vendor, line: firstStrong[foreign] ?? firstAny[foreign] ?? 1, message: `this looks like a ${vendor} configuration, not Huawei VRP` };
  }
  return detectText(text, firstText, content, score.huawei);
}

/** YAML, prose or XML: the kind with most lines, when text makes up most of the file and no VRP banner says otherwise. */
function detectText(text: Record<TextKind, number>, firstText: Partial<Record<TextKind, number>>, content: number, huawei: number): ForeignInput | undefined {
  if (huawei >= 3 || content === 0) return undefined;
  if (text.yaml + text.prose + text.xml < content * TEXT_SHARE) return undefined;
  const kind: TextKind = text.prose >= text.yaml && text.prose >= text.xml ? 'prose' : text.yaml >= text.xml ? 'yaml' : 'xml';
  // One sentence is prose; a single `key: value` or element could be anything.
  if (text[kind] < (kind === 'prose' ? 1 : 2)) return undefined;
  return { vendor: kind === 'yaml' ? 'YAML' : kind === 'xml' ? 'XML' : 'prose', line: firstText[kind] ?? 1, message: TEXT_MESSAGES[kind] };
}

export function looksLikeJson(text: string): boolean {
  const t = text.trimStart();
  if (!(t.startsWith('{') || (t.startsWith('[') && !/^\[V\d{3}R/.test(t)))) return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return /^\{\s*"/.test(t);
  }
}

const USG_HINTS = [
  /^security-policy$/, /^nat-policy$/, /^ tunnel local /, /^ sa trigger-mode /, /^ service-manage /, /^ undo version [12]$/,
  /^ pre-shared-key %\$%\$/, /^ipsec sha2 compatible/, /^ ?ike dpd /, /^ set priority /, /^ local-address applied-interface/,
  /^ action (source-)?nat /, /^ ?firewall tcp-mss/, /^ ?nat server /, /^nat-policy interzone /, /^ tunnel local /,
];
const AR_HINTS = [
  /^ nat outbound /, /^ike peer \S+ v[12]$/, /^ version [12]$/, /^ipsec efficient-vpn /, /^ipsec authentication sha2/,
  /^ local-user /, /^ dialer /, /^firewall zone Local$/, /^ pre-shared-key cipher %\^%#/, /^ rsa signature-padding/,
];

const HINT_FIRST_WORDS: ReadonlySet<string> = new Set(
  [...USG_HINTS, ...AR_HINTS].map((r) => /^\^(?: \?)? ?([a-z0-9-]+)/i.exec(r.source)![1]),
);

/** First words of the hints that only exist inside a view (never a system-view command). */
const VIEW_ONLY_FIRST_WORDS: ReadonlySet<string> = new Set([
  'tunnel', 'sa', 'service-manage', 'undo', 'pre-shared-key', 'set', 'local-address', 'action', 'version', 'local-user',
  'dialer', 'rsa', 'nat',
]);

/** `usg` / `ar` from the version banner (§8), otherwise from syntax fingerprints. */
export function detectPlatform(version: string | undefined, bannerBracket: boolean, lines: readonly ConfigLine[]): Platform {
  if (version) {
    if (bannerBracket && /^V[23]00R/.test(version)) return 'ar';
    if (/^V[56]00R/.test(version)) return 'usg';
  }
  let usg = 0;
  let ar = 0;
  for (const l of lines) {
    // Every hint starts with one of these words: the regexes run on a few lines, not on all.
    if (l.tokenCount === 0 || !HINT_FIRST_WORDS.has(l.word(0))) continue;
    // The hints read ` cmd` as "inside a view"; flat text (indentation lost in a copy) says so by the command.
    const t = l.indent > 0 || VIEW_ONLY_FIRST_WORDS.has(l.word(0)) ? ` ${l.body}` : l.body;
    if (USG_HINTS.some((r) => r.test(t))) usg++;
    if (AR_HINTS.some((r) => r.test(t))) ar++;
  }
  if (usg === ar) return 'unknown';
  return usg > ar ? 'usg' : 'ar';
}
