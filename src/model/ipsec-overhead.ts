import type { Effective, IpsecProposalSettings, PolicyEntry } from './types.js';

/** Bytes an IPv4 header (20) and a TCP header (20) add to an MSS-sized segment. */
export const TCP_IP_HEADER_BYTES = 40;

const OUTER_IPV4_HEADER = 20;
const ESP_HEADER = 8;
/** ESP trailer: pad length and next header bytes. */
const ESP_TRAILER = 2;
const AH_HEADER = 12;
const NAT_TRAVERSAL_UDP_HEADER = 8;

/** ICV lengths of the truncated HMACs (RFC 2404, RFC 4868). */
const AUTHENTICATION_ICV: Record<string, number> = {
  md5: 12,
  sha1: 12,
  'sha2-256': 16,
  'sha2-384': 24,
  'sha2-512': 32,
};
const AEAD_ICV = 16;

interface Cipher {
  iv: number;
  /** Longest padding: block size − 1, or 3 for counter modes (ESP aligns the trailer to 4 bytes). */
  maxPadding: number;
  /** GCM and GMAC carry their own 16-byte ICV instead of an HMAC. */
  aead: boolean;
}

const AES_CBC: Cipher = { iv: 16, maxPadding: 15, aead: false };
const DES_CBC: Cipher = { iv: 8, maxPadding: 7, aead: false };
const COUNTER_AEAD: Cipher = { iv: 8, maxPadding: 3, aead: true };

/** Known ciphers only: a name fwlint does not know gives no size (the rule then claims nothing). */
function cipherOf(algorithm: string): Cipher | undefined {
  if (/gcm|gmac/.test(algorithm)) return COUNTER_AEAD;
  if (algorithm === 'des' || algorithm === '3des') return DES_CBC;
  if (/^(aes-(128|192|256)|sm4)$/.test(algorithm)) return AES_CBC;
  return undefined;
}

/** The longest ICV of the algorithms (0 when authentication is removed); undefined when a value or name is unknown. */
function longestIcv(algorithms: Effective<string[]>): number | undefined {
  if (algorithms.source === 'unknown') return undefined;
  const icvs = algorithms.value.map((algorithm) => AUTHENTICATION_ICV[algorithm]);
  return icvs.some((icv) => icv === undefined) ? undefined : Math.max(0, ...(icvs as number[]));
}

function espOverhead(proposal: IpsecProposalSettings): number | undefined {
  const encryption = proposal.espEncryption;
  if (encryption.source === 'unknown' || encryption.value.length === 0) return undefined;
  const ciphers = encryption.value.map(cipherOf);
  const hmacIcv = longestIcv(proposal.espAuthentication);
  if (ciphers.some((cipher) => cipher === undefined || (!cipher.aead && hmacIcv === undefined))) return undefined;
  return Math.max(...(ciphers as Cipher[]).map((cipher) => ESP_HEADER + cipher.iv + cipher.maxPadding + ESP_TRAILER + (cipher.aead ? AEAD_ICV : (hmacIcv as number))));
}

function ahOverhead(proposal: IpsecProposalSettings): number | undefined {
  const icv = longestIcv(proposal.ahAuthentication);
  return icv === undefined ? undefined : AH_HEADER + icv;
}

/**
 * The most bytes IPSec adds to one packet with this proposal: outer IPv4 header in tunnel mode
 * (also `auto`), ESP header, IV, longest padding, trailer and ICV, AH header and ICV, and the UDP
 * header of NAT traversal. Undefined when a value it depends on is unknown for the platform or an
 * algorithm name is not one fwlint knows: the size is then not claimed.
 */
export function ipsecOverheadBound(proposal: IpsecProposalSettings, natTraversal: boolean): number | undefined {
  if (proposal.transform.source === 'unknown' || proposal.encapsulationMode.source === 'unknown') return undefined;
  const transform = proposal.transform.value;
  let bytes = proposal.encapsulationMode.value === 'transport' ? 0 : OUTER_IPV4_HEADER;
  if (transform !== 'ah') {
    const esp = espOverhead(proposal);
    if (esp === undefined) return undefined;
    bytes += esp;
  }
  if (transform !== 'esp') {
    const ah = ahOverhead(proposal);
    if (ah === undefined) return undefined;
    bytes += ah;
  }
  if (natTraversal) bytes += NAT_TRAVERSAL_UDP_HEADER;
  return bytes;
}

export interface EntryOverhead {
  bytes: number;
  /** The proposal with the largest overhead. */
  proposal: IpsecProposalSettings;
}

/** The largest overhead of any proposal the entry may negotiate; undefined when it has no proposal or one of them is not known. */
export function entryIpsecOverheadBound(entry: PolicyEntry, natTraversal: boolean): EntryOverhead | undefined {
  let largest: EntryOverhead | undefined;
  for (const proposal of entry.ipsecProposalSettings) {
    const bytes = ipsecOverheadBound(proposal, natTraversal);
    if (bytes === undefined) return undefined;
    if (!largest || bytes > largest.bytes) largest = { bytes, proposal };
  }
  return largest;
}
