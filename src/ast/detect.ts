import type { ConfigLine } from '../text/lines.js';
import type { Platform } from './types.js';

export interface ForeignInput {
  vendor: string;
  line: number;
}

type Family = 'cisco' | 'h3c' | 'huawei';

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
/** Huawei VRP banners and commands that neither Cisco nor Comware print. */
const HUAWEI = /^(\[V\d{3}R\d{3}|!Software Version V\d{3}R|version V\d{3}R|firewall zone |security-policy$|nat-policy$|ike peer \S+ v[12]$|ipsec sha2 compatible)/;
/** Version banners are printed at the top: a `version` line further down is a value, not evidence. */
const VERSION_LINES = 30;
const MAX_BANG_EVIDENCE = 3;

const FOREIGN_FIRST_WORDS: ReadonlySet<string> = new Set([
  '!', 'version', 'hostname', 'crypto', 'ip', 'access-list', 'router', 'line', 'enable', 'service', 'tunnel-group',
  'object-group', 'ASA', ':', 'ipsec', 'ike', 'acl', 'port', 'end', '!Software', 'firewall', 'security-policy', 'nat-policy',
]);

const VENDOR_NAMES: Record<Exclude<Family, 'huawei'>, string> = { cisco: 'Cisco IOS/ASA', h3c: 'H3C Comware' };

/** What one line says about the vendor, or undefined. Weights: 3 a banner or a vendor-only command, 2 a strong hint, 1 a weak one. */
function evidenceOf(l: ConfigLine, bangs: number): Evidence | undefined {
  const first = l.word(0);
  // Every pattern starts with one of these words (or `[`): other lines are skipped without slicing.
  if (!FOREIGN_FIRST_WORDS.has(first) && first.charCodeAt(0) !== 91 /* [ */) return undefined;
  const body = l.body;
  const line = l.line;
  if (first === 'version') {
    if (line > VERSION_LINES || l.indent > 1) return undefined;
    if (H3C_VERSION_RELEASE.test(body) || H3C_VERSION_THREE.test(body)) return { family: 'h3c', weight: 3, line };
    if (l.indent === 0 && CISCO_VERSION.test(body)) return { family: 'cisco', weight: 3, line };
    // ` version 5.20` (indented, as Comware prints it) without a release: a hint only.
    if (VERSION.test(body)) return { family: 'h3c', weight: 2, line };
  }
  if (HUAWEI.test(body)) return { family: 'huawei', weight: 3, line };
  if (H3C_STRONG.test(body)) return { family: 'h3c', weight: 3, line };
  if (l.indent === 0 && CISCO.test(body)) return { family: 'cisco', weight: 2, line };
  if (body === '!' && bangs < MAX_BANG_EVIDENCE) return { family: 'cisco', weight: 1, line };
  if (l.indent === 0 && body === 'end') return { family: 'cisco', weight: 1, line };
  return undefined;
}

/**
 * Finds another vendor's configuration (Cisco IOS/ASA, H3C Comware). Every distinctive line adds
 * evidence for its vendor; the best-scoring foreign vendor is reported only when it has at least
 * one strong hint's worth and outscores the Huawei-only evidence (a tie stays Huawei). The order of
 * the lines and of the checks does not decide: `version 15.2` (IOS) and ` version 7.1.064,
 * Release` (Comware) are told apart by their form, not by which test runs first.
 */
export function detectForeign(lines: readonly ConfigLine[]): ForeignInput | undefined {
  const score: Record<Family, number> = { cisco: 0, h3c: 0, huawei: 0 };
  const firstStrong: Partial<Record<Family, number>> = {};
  const firstAny: Partial<Record<Family, number>> = {};
  let bangs = 0;
  let end = false;
  for (const l of lines) {
    if (l.tokenCount === 0) continue;
    const evidence = evidenceOf(l, bangs);
    if (!evidence) continue;
    if (evidence.weight === 1) {
      if (l.body === '!') bangs++;
      else end = true;
    }
    score[evidence.family] += evidence.weight;
    firstAny[evidence.family] ??= evidence.line;
    if (evidence.weight >= 2) firstStrong[evidence.family] ??= evidence.line;
  }
  const foreign = score.cisco >= score.h3c ? 'cisco' : 'h3c';
  if (score[foreign] < 2 || score[foreign] <= score.huawei) return undefined;
  // Cisco with only `!` separators and an `end` (no command fwlint knows as Cisco's) needs both.
  if (foreign === 'cisco' && firstStrong.cisco === undefined && (bangs < 2 || !end)) return undefined;
  return { vendor: VENDOR_NAMES[foreign], line: firstStrong[foreign] ?? firstAny[foreign] ?? 1 };
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
