import type { ConfigAst } from '../ast/types.js';

/**
 * Which column of the defaults table (huawei-syntax.md §6) applies to a device.
 * `unknown` means the platform/version could not be detected: only values that are the same in
 * every column are known.
 */
export type DefaultsProfileId = 'usg-v500r005' | 'usg-v500r001' | 'ar' | 'unknown';

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

const NEW_IKE_DEFAULTS: IkeProposalDefaults = {
  encryption: ['aes-256'],
  authentication: ['sha2-256'],
  dh: ['group14'],
  authenticationMethod: 'pre-share',
  integrity: ['hmac-sha2-256'],
  prf: ['hmac-sha2-256'],
};

const BUILT_IN_DEFAULT_PROPOSAL: IkeProposalDefaults = {
  encryption: ['aes-256', 'aes-192', 'aes-128'],
  authentication: ['sha2-512', 'sha2-384', 'sha2-256'],
  dh: ['group14'],
  authenticationMethod: 'pre-share',
  integrity: ['hmac-sha2-256'],
  prf: ['hmac-sha2-256'],
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
  espAuthentication: ['sha2-256'],
  espEncryption: ['aes-256'],
  ahAuthentication: ['sha2-256'],
};

/** Only values that are the same in every column are known. */
const ONLY_COMMON = {
  ...COMMON,
  ikeProposal: { authenticationMethod: 'pre-share' },
};

/** The one defaults table (huawei-syntax.md §6), one column per platform/version. */
export const DEFAULTS: Record<DefaultsProfileId, DefaultsTable> = {
  'usg-v500r005': { id: 'usg-v500r005', ...PRINTS_EVERY_LINE },
  // V500R001 prints only non-default lines and its defaults are not confirmed: absent = unknown.
  'usg-v500r001': { id: 'usg-v500r001', ...ONLY_COMMON },
  ar: { id: 'ar', ...PRINTS_EVERY_LINE },
  unknown: { id: 'unknown', ...ONLY_COMMON },
};

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

/**
 * Detects the defaults column from the version header, else from syntax fingerprints
 * (huawei-syntax.md §8). `lineStartsWith` answers whether some line of the file starts (after
 * indentation) with the given words.
 */
export function detectDefaultsProfile(ast: ConfigAst, lineStartsWith: (prefix: string) => boolean): DefaultsProfileId {
  const version = parseVersion(ast.version?.value);
  if (ast.platform === 'ar') {
    if (!version) return 'ar';
    if (version.major >= 300 || (version.major === 200 && version.release >= 10)) return 'ar';
    return 'unknown';
  }
  if (ast.platform === 'usg') {
    if (version) {
      if (version.major >= 600 || (version.major === 500 && version.release >= 5)) return 'usg-v500r005';
      if (version.major === 500) return 'usg-v500r001';
      return 'unknown';
    }
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
