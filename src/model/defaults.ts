import type { ConfigAst, Platform } from '../ast/types.js';

/**
 * Which column of the defaults table (huawei-syntax.md §6) applies to a device: one per software
 * family whose defaults the documentation confirms (each row below cites its source).
 * `usg-legacy` (USG2000/5000-era V100/V300 software, `policy interzone` syntax) and
 * `usg-v500r001` carry only the values common to every column: their defaults are not confirmed.
 * `unknown` means the version could not be detected: only values that are the same in every
 * column are known, and a verdict that depends on another default says "cannot verify".
 */
export type DefaultsProfileId = 'usg-v500r005' | 'usg-v500r001' | 'usg-legacy' | 'ar-v200r007' | 'ar' | 'unknown';

export interface IkeProposalDefaults {
  encryption?: string[];
  authentication?: string[];
  dh?: string[];
  authenticationMethod?: string;
  integrity?: string[];
  prf?: string[];
}

export interface DefaultsTable {
  id: DefaultsProfileId;
  /** How messages name the family: `AR V200R007`, `USG V500R005 and later, V600`. */
  label: string;
  /** Platform the family belongs to (`unknown` for the unknown column). */
  platform: Platform;
  /** Where the family's values come from (document, section); empty when none is confirmed. */
  sources: string[];
  /** Values of an absent line in a user `ike proposal` (V500R005+/AR print every line, so absent = default). */
  ikeProposal: IkeProposalDefaults;
  /** The built-in `default` IKE proposal, offered with the lowest priority (undefined = not known). */
  builtInIkeProposal?: IkeProposalDefaults;
  ikeVersions: (1 | 2)[];
  exchangeMode: 'main';
  natTraversal: boolean;
  localIdType: string;
  transform: 'esp';
  encapsulationMode: 'tunnel';
  espAuthentication?: string[];
  espEncryption?: string[];
  ahAuthentication?: string[];
  pfs: 'none';
  triggerMode: 'traffic-based';
  sha2Compatible: boolean;
  authenticationSha2Compatible: boolean;
  /** Payload order of IKEv1 DPD packets; the guide only says both ends must agree [believed default]. */
  dpdMsg: string;
  /** Security-policy default action when `default action` is absent (AR has no security-policy). */
  securityPolicyDefault: 'deny';
  routePreference: number;
}

/*
 * Sources (cited per row below):
 * [USG-ZR] USG6000E product documentation mirrored at https://usg.zrnko.cz/resources/: command
 *   "ike proposal" (resources/dc/ike_proposal.html, Table 1 "Default configurations of an IKE
 *   proposal": created proposal AES-256 / SHA2-256 / DH14 / pre-share, PRF and integrity SHA2-256;
 *   Default proposal AES-256 AES-192 AES-128 / SHA2-512 SHA2-384 SHA2-256), "Configuring an IPSec
 *   Proposal" (resources/dc/dc_cfg_ipsec_0006.html: transform ESP, ESP and AH authentication
 *   SHA2-256, ESP encryption AES-256, tunnel mode) and "esp authentication-algorithm"
 *   (resources/cli/esp_authentication-algorithm.html).
 * [AR-R007] Huawei "Command Reference, AR500, AR510, and AR530 V200R007" (EDOC1000097293), command
 *   "ike proposal", Table 10-37 "Default configuration of the created IKE proposal"
 *   (https://support.huawei.com/enterprise/en/doc/EDOC1000097293/473b26bc/ike-proposal): created
 *   proposal pre-share / SHA-256 / AES-CBC-256 / group2 / PRF HMAC-SHA-256; the proposal Default
 *   pre-share / SHA-1 / DES-CBC / group1 / PRF HMAC-SHA-1 (it cannot be changed).
 * [AR-R010] Huawei "CLI-based Configuration Guide - VPN, AR100…AR3600 V200R010" (EDOC1100033725),
 *   "Configuring an IPSec Proposal"
 *   (https://support.huawei.com/enterprise/en/doc/EDOC1100033725/317bfba8/configuring-an-ipsec-proposal):
 *   transform ESP by default; and the AR V300R019C00SPC300 dump in ../shared/corpus
 *   (ghidx9309639414-ar-border01-hq01.cfg), which prints the built-in `ike proposal default`
 *   (aes-256 aes-192 aes-128 / sha2-512 sha2-384 sha2-256 / group14) and every line of a created
 *   proposal (huawei-syntax.md §6 "seen ENSP, AR300").
 */

/** [USG-ZR] ike_proposal Table 1, "The created IKE proposal". */
const NEW_IKE_DEFAULTS: IkeProposalDefaults = {
  encryption: ['aes-256'],
  authentication: ['sha2-256'],
  dh: ['group14'],
  authenticationMethod: 'pre-share',
  integrity: ['hmac-sha2-256'],
  prf: ['hmac-sha2-256'],
};

/** [USG-ZR] ike_proposal Table 1, "Default"; [AR-R010] the V300R019 dump prints the same. */
const BUILT_IN_DEFAULT_PROPOSAL: IkeProposalDefaults = {
  encryption: ['aes-256', 'aes-192', 'aes-128'],
  authentication: ['sha2-512', 'sha2-384', 'sha2-256'],
  dh: ['group14'],
  authenticationMethod: 'pre-share',
  integrity: ['hmac-sha2-256'],
  prf: ['hmac-sha2-256'],
};

/**
 * [AR-R007] Table 10-37: a created proposal. The table names no IKEv2 integrity algorithm, so
 * that value stays unknown.
 */
const AR_R007_IKE_DEFAULTS: IkeProposalDefaults = {
  encryption: ['aes-256'],
  authentication: ['sha2-256'],
  dh: ['group2'],
  authenticationMethod: 'pre-share',
  prf: ['hmac-sha2-256'],
};

/** [AR-R007] the note under Table 10-37: "The IKE proposal Default uses …". */
const AR_R007_BUILT_IN: IkeProposalDefaults = {
  encryption: ['des'],
  authentication: ['sha1'],
  dh: ['group1'],
  authenticationMethod: 'pre-share',
  prf: ['hmac-sha1'],
};

const COMMON = {
  ikeVersions: [1, 2] as (1 | 2)[],
  exchangeMode: 'main' as const,
  natTraversal: true,
  localIdType: 'ip',
  transform: 'esp' as const,
  encapsulationMode: 'tunnel' as const,
  pfs: 'none' as const,
  triggerMode: 'traffic-based' as const,
  sha2Compatible: false,
  authenticationSha2Compatible: false,
  dpdMsg: 'seq-notify-hash',
  securityPolicyDefault: 'deny' as const,
  routePreference: 60,
};

/** V500R005+ and AR print every line of a proposal, so an absent line is the documented default. */
const PRINTS_EVERY_LINE = {
  ...COMMON,
  ikeProposal: NEW_IKE_DEFAULTS,
  builtInIkeProposal: BUILT_IN_DEFAULT_PROPOSAL,
  // [USG-ZR] dc_cfg_ipsec_0006 and esp_authentication-algorithm.
  espAuthentication: ['sha2-256'],
  espEncryption: ['aes-256'],
  ahAuthentication: ['sha2-256'],
};

/** Only values that are the same in every column are known. */
const ONLY_COMMON = {
  ...COMMON,
  ikeProposal: { authenticationMethod: 'pre-share' },
};

const USG_ZR = 'USG6000E product documentation (usg.zrnko.cz/resources): "ike proposal" Table 1; "Configuring an IPSec Proposal" (dc_cfg_ipsec_0006)';
const AR_R007 = 'Command Reference, AR500/AR510/AR530 V200R007 (EDOC1000097293), "ike proposal", Table 10-37';
const AR_R010 = 'CLI-based Configuration Guide - VPN, AR V200R010 (EDOC1100033725), "Configuring an IPSec Proposal"; AR V300R019 display of "ike proposal default"';

/** The one defaults table (huawei-syntax.md §6), one column per platform/version family. */
export const DEFAULTS: Record<DefaultsProfileId, DefaultsTable> = {
  'usg-v500r005': { id: 'usg-v500r005', label: 'USG V500R005 and later, V600', platform: 'usg', sources: [USG_ZR], ...PRINTS_EVERY_LINE },
  // V500R001 prints only non-default lines and its defaults are not confirmed: absent = unknown.
  'usg-v500r001': { id: 'usg-v500r001', label: 'USG V500R001', platform: 'usg', sources: [], ...ONLY_COMMON },
  // USG2000/5000-era software (V100/V300, `policy interzone`): no defaults confirmed.
  'usg-legacy': { id: 'usg-legacy', label: 'USG V100/V300 (legacy interzone syntax)', platform: 'usg', sources: [], ...ONLY_COMMON },
  // [AR-R007]: IKE values only; the IPSec proposal algorithms of this release are not confirmed.
  'ar-v200r007': {
    id: 'ar-v200r007',
    label: 'AR V200R007',
    platform: 'ar',
    sources: [AR_R007],
    ...ONLY_COMMON,
    ikeProposal: AR_R007_IKE_DEFAULTS,
    builtInIkeProposal: AR_R007_BUILT_IN,
  },
  ar: { id: 'ar', label: 'AR V200R010 and later, V300', platform: 'ar', sources: [AR_R010, USG_ZR], ...PRINTS_EVERY_LINE },
  unknown: { id: 'unknown', label: 'unknown version', platform: 'unknown', sources: [], ...ONLY_COMMON },
};

/** Families with documented values, per platform: the candidates when a device's version is unknown. */
const DOCUMENTED: Record<Platform, DefaultsProfileId[]> = {
  usg: ['usg-v500r005', 'usg-v500r001', 'usg-legacy'],
  ar: ['ar-v200r007', 'ar'],
  unknown: ['usg-v500r005', 'usg-v500r001', 'usg-legacy', 'ar-v200r007', 'ar'],
};

type Value = string | boolean | number | readonly (string | number)[] | undefined;

function sameValue(a: Value, b: Value): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => v === b[i]);
  return a === b;
}

/** The value every table gives, or undefined when one lacks it or two disagree. */
function agreed<T extends Value>(tables: readonly DefaultsTable[], pick: (table: DefaultsTable) => T): T | undefined {
  const first = pick(tables[0]);
  return tables.every((table) => sameValue(pick(table), first)) ? first : undefined;
}

function agreedIke(tables: readonly DefaultsTable[], pick: (table: DefaultsTable) => IkeProposalDefaults | undefined): IkeProposalDefaults {
  return {
    encryption: agreed(tables, (t) => pick(t)?.encryption),
    authentication: agreed(tables, (t) => pick(t)?.authentication),
    dh: agreed(tables, (t) => pick(t)?.dh),
    authenticationMethod: agreed(tables, (t) => pick(t)?.authenticationMethod),
    integrity: agreed(tables, (t) => pick(t)?.integrity),
    prf: agreed(tables, (t) => pick(t)?.prf),
  };
}

/**
 * The column of a device whose platform is known but not its version: the values every
 * documented family of that platform shares (AR: a created IKE proposal is AES-256 / SHA2-256 /
 * PRF HMAC-SHA2-256 in V200R007 and V200R010+ alike, but its DH group is group2 in one and group14
 * in the other, so `dh` stays unknown).
 */
function platformUnknownVersion(platform: 'usg' | 'ar', label: string): DefaultsTable {
  const tables = DOCUMENTED[platform].map((id) => DEFAULTS[id]);
  const builtIn = agreedIke(tables, (t) => t.builtInIkeProposal);
  return {
    ...DEFAULTS.unknown,
    label,
    platform,
    sources: [...new Set(tables.flatMap((t) => t.sources))],
    ikeProposal: agreedIke(tables, (t) => t.ikeProposal),
    builtInIkeProposal: Object.values(builtIn).some((v) => v !== undefined) ? builtIn : undefined,
    espAuthentication: agreed(tables, (t) => t.espAuthentication),
    espEncryption: agreed(tables, (t) => t.espEncryption),
    ahAuthentication: agreed(tables, (t) => t.ahAuthentication),
  };
}

const UNKNOWN_VERSION: Record<'usg' | 'ar', DefaultsTable> = {
  usg: platformUnknownVersion('usg', 'USG, version unknown'),
  ar: platformUnknownVersion('ar', 'AR, version unknown'),
};

/** The table a device uses: its family's, or for an unknown version what its platform's families agree on. */
export function defaultsFor(id: DefaultsProfileId, platform: Platform): DefaultsTable {
  if (id !== 'unknown' || platform === 'unknown') return DEFAULTS[id];
  return UNKNOWN_VERSION[platform];
}

export interface PossibleDefault {
  /** The value (`group2`, `aes-256 aes-192 aes-128`), or undefined where the family's value is not documented. */
  value?: string;
  /** Labels of the families that have this value. */
  families: string[];
}

/**
 * What an absent line may stand for on a device whose version is unknown: the values of every
 * family of its platform (`group2` on AR V200R007, `group14` on AR V200R010+), one entry per
 * distinct value, undocumented families grouped last. Families are few (a handful), so the cost is constant.
 */
export function possibleDefaults(
  platform: Platform,
  pick: (table: DefaultsTable) => string | readonly string[] | undefined,
): PossibleDefault[] {
  const byValue = new Map<string | undefined, string[]>();
  for (const id of DOCUMENTED[platform]) {
    const table = DEFAULTS[id];
    const raw = pick(table);
    const value = raw === undefined ? undefined : typeof raw === 'string' ? raw : raw.join(' ');
    const families = byValue.get(value);
    if (families) families.push(table.label);
    else byValue.set(value, [table.label]);
  }
  const known = [...byValue].filter(([value]) => value !== undefined).map(([value, families]) => ({ value, families }));
  const unknown = byValue.get(undefined);
  return unknown ? [...known, { families: unknown }] : known;
}

/** `group2 (AR V200R007) or group14 (AR V200R010 and later, V300)`; undocumented families last. */
export function describePossibleDefaults(possible: readonly PossibleDefault[]): string {
  return possible
    .map((p) => (p.value === undefined ? `not documented (${p.families.join(', ')})` : `${p.value} (${p.families.join(', ')})`))
    .join(' or ');
}

interface VersionNumber {
  major: number;
  release: number;
}

function parseVersion(text: string | undefined): VersionNumber | undefined {
  if (!text) return undefined;
  const match = /V(\d{3})R(\d{3})/i.exec(text);
  if (!match) return undefined;
  return { major: Number(match[1]), release: Number(match[2]) };
}

/** AR defaults by header version: only the releases the documentation confirms get a column. */
function arFamily(version: VersionNumber): DefaultsProfileId {
  if (version.major >= 300 || (version.major === 200 && version.release >= 10)) return 'ar';
  if (version.major === 200 && version.release === 7) return 'ar-v200r007';
  return 'unknown';
}

function usgFamily(version: VersionNumber): DefaultsProfileId {
  if (version.major >= 600 || (version.major === 500 && version.release >= 5)) return 'usg-v500r005';
  if (version.major === 500) return 'usg-v500r001';
  if (version.major === 100 || version.major === 300) return 'usg-legacy';
  return 'unknown';
}

/** `aes-cbc-256`, `des-cbc`: the older AR keyword forms of an IKE encryption algorithm. */
const CBC_KEYWORD = /-cbc(-|$)/i;
/** `aes-256`, `aes-128`: the forms AR V200R010+/V300 and USG V500R005+ print. */
const NEW_AES_KEYWORD = /^aes-(128|192|256)$/i;

/**
 * The AR command forms (huawei-syntax.md §8, corpus README): `ike peer X v1|v2` and `aes-cbc-256`
 * are the V200R007 command reference's syntax; ` version 1|2` lines in a peer, `aes-256` and
 * `integrity-algorithm` lines in an IKE proposal are the V200R010+/V300 one. Mixed or no evidence
 * decides nothing.
 */
function arFamilyFromForms(ast: ConfigAst): DefaultsProfileId {
  let old = false;
  let current = false;
  for (const peer of ast.ikePeers) {
    if (peer.headerVersion) old = true;
    if (peer.versions.length > 0) current = true;
  }
  for (const proposal of ast.ikeProposals) {
    for (const name of proposal.encryption?.value ?? []) {
      if (CBC_KEYWORD.test(name)) old = true;
      else if (NEW_AES_KEYWORD.test(name)) current = true;
    }
    if (proposal.integrity) current = true;
  }
  if (old === current) return 'unknown';
  return old ? 'ar-v200r007' : 'ar';
}

/**
 * Detects the defaults column from the version header, else from command forms (huawei-syntax.md
 * §8). `lineStartsWith` answers whether some line of the file starts (after indentation) with the
 * given words. The sysname is never evidence: it is free text.
 */
export function detectDefaultsProfile(ast: ConfigAst, lineStartsWith: (prefix: string) => boolean): DefaultsProfileId {
  const version = parseVersion(ast.version?.value);
  if (ast.platform === 'ar') return version ? arFamily(version) : arFamilyFromForms(ast);
  if (ast.platform === 'usg') {
    if (version) return usgFamily(version);
    if (
      lineStartsWith('tunnel local') ||
      lineStartsWith('sa trigger-mode') ||
      lineStartsWith('ike dpd type') ||
      lineStartsWith('action source-nat')
    ) {
      return 'usg-v500r005';
    }
    if (
      lineStartsWith('local-address applied-interface') ||
      lineStartsWith('action nat easy-ip') ||
      lineStartsWith('ike dpd interval')
    ) {
      return 'usg-v500r001';
    }
    if (lineStartsWith('policy interzone') || ast.natRules.some((rule) => rule.legacy)) return 'usg-legacy';
  }
  return 'unknown';
}

const ALGORITHM_ALIASES: Record<string, string> = {
  'des-cbc': 'des',
  '3des-cbc': '3des',
  'aes-cbc-128': 'aes-128',
  'aes-cbc-192': 'aes-192',
  'aes-cbc-256': 'aes-256',
  'aes-cbc 128': 'aes-128',
  'aes-cbc 192': 'aes-192',
  'aes-cbc 256': 'aes-256',
  'aes 128': 'aes-128',
  'aes 192': 'aes-192',
  'aes 256': 'aes-256',
  sha: 'sha1',
  'sha-1': 'sha1',
};

/** Normalises version-dependent spellings of one algorithm (`aes-cbc-256` = `aes-256`). */
export function normaliseAlgorithm(name: string): string {
  const lower = name.trim().toLowerCase();
  return ALGORITHM_ALIASES[lower] ?? lower;
}
