import type { ConfigLine } from '../text/lines.js';
import type { Platform } from './types.js';

export interface ForeignInput {
  vendor: string;
  line: number;
}

const CISCO = /^(hostname \S|crypto (isakmp|map|ipsec|ikev2)|ip access-list |access-list \d|router (ospf|bgp|eigrp)|line vty |enable secret |service timestamps|tunnel-group |object-group network |ASA Version |: Saved)/;
const H3C_STRONG = /^(ipsec apply policy|ike profile |ipsec transform-set |acl advanced |acl basic |port link-mode |ike keychain |ipsec policy-template \S+ \d+\s*$|ip route-static \S+ \d+ \S+ preference \d+ tag)/;
const H3C_VERSION = /^version \d+\.\d+/;

const FOREIGN_FIRST_WORDS: ReadonlySet<string> = new Set([
  '!', 'version', 'hostname', 'crypto', 'ip', 'access-list', 'router', 'line', 'enable', 'service', 'tunnel-group',
  'object-group', 'ASA', ':', 'ipsec', 'ike', 'acl', 'port',
]);

/** Finds a line that only another vendor's configuration contains (Cisco IOS/ASA, H3C Comware). */
export function detectForeign(lines: readonly ConfigLine[]): ForeignInput | undefined {
  let cisco: ForeignInput | undefined;
  let bangLines = 0;
  for (const l of lines) {
    // Every pattern starts with one of these words: other lines are skipped without slicing.
    if (l.tokenCount === 0 || !FOREIGN_FIRST_WORDS.has(l.word(0))) continue;
    const body = l.body;
    if (body === '!') bangLines++;
    if (l.indent <= 1 && H3C_VERSION.test(body) && l.line < 20) return { vendor: 'H3C Comware', line: l.line };
    if (H3C_STRONG.test(body) && !/^ipsec policy-template/.test(body)) return { vendor: 'H3C Comware', line: l.line };
    if (!cisco && l.indent === 0 && CISCO.test(body)) cisco = { vendor: 'Cisco IOS/ASA', line: l.line };
  }
  if (cisco) return cisco;
  if (bangLines >= 2 && lines.some((l) => l.indent === 0 && l.end - l.bodyStart === 3 && l.body === 'end')) return { vendor: 'Cisco IOS', line: 1 };
  return undefined;
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
    const t = l.indent > 0 ? l.table.text.slice(l.bodyStart - 1, l.end) : l.body;
    if (USG_HINTS.some((r) => r.test(t))) usg++;
    if (AR_HINTS.some((r) => r.test(t))) ar++;
  }
  if (usg === ar) return 'unknown';
  return usg > ar ? 'usg' : 'ar';
}
