import type { Effective, IpsecProposalSettings, PolicyEntry } from './types.js';

/** Bytes an IPv4 header (20) and a TCP header (20) add to an MSS-sized segment. */
export const TCP_IP_HEADER_BYTES = 40;

const OUTER_IPV4_HEADER = 20;
const ESP_HEADER = 8;
/** ESP trailer: pad length and next header bytes. */
const ESP_TRAILER = 2;
const AH_HEADER = 12;
const NAT_TRAVERSAL_UDP_HEADER = 8;

/** ICV lengths of the truncated HMACs (RFC 2404, RFC 4868); an unknown algorithm counts as the longest. */
const AUTHENTICATION_ICV: Record<string, number> = {
  md5: 12,
  sha1: 12,
  'sha2-256': 16,
  'sha2-384': 24,
  'sha2-512': 32,
};
const LONGEST_ICV = 32;
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
/** The largest IV and padding of any cipher, for names the model does not know. */
const UNKNOWN_CIPHER: Cipher = { iv: 16, maxPadding: 15, aead: false };

function cipherOf(algorithm: string): Cipher {
  if (/gcm|gmac/.test(algorithm)) return COUNTER_AEAD;
  if (algorithm === 'des' || algorithm === '3des') return DES_CBC;
  if (/^(aes-(128|192|256)|sm4)$/.test(algorithm)) return AES_CBC;
  return UNKNOWN_CIPHER;
}

function icvOf(algorithm: string): number {
  return AUTHENTICATION_ICV[algorithm] ?? LONGEST_ICV;
}

/** The longest ICV of the algorithms; none when authentication is removed; the longest of all when unknown. */
function longestIcv(algorithms: Effective<string[]>): number {
  if (algorithms.source === 'unknown') return LONGEST_ICV;
  return Math.max(0, ...algorithms.value.map(icvOf));
}

function espOverhead(proposal: IpsecProposalSettings): number {
  const encryption = proposal.espEncryption;
  const ciphers = encryption.source === 'unknown' || encryption.value.length === 0 ? [UNKNOWN_CIPHER] : encryption.value.map(cipherOf);
  const hmacIcv = longestIcv(proposal.espAuthentication);
  return Math.max(...ciphers.map((cipher) => ESP_HEADER + cipher.iv + cipher.maxPadding + ESP_TRAILER + (cipher.aead ? AEAD_ICV : hmacIcv)));
}

function ahOverhead(proposal: IpsecProposalSettings): number {
  return AH_HEADER + longestIcv(proposal.ahAuthentication);
}

/**
 * An upper bound of the bytes IPSec adds to one packet with this proposal: outer IPv4 header in
 * tunnel mode (also `auto` and unknown modes), ESP header, IV, longest padding, trailer and ICV,
 * AH header and ICV, and the UDP header of NAT traversal. Unknown algorithms count as the largest.
 */
export function ipsecOverheadBound(proposal: IpsecProposalSettings, natTraversal: boolean): number {
  const transform = proposal.transform.source === 'unknown' ? 'ah-esp' : proposal.transform.value;
  const transport = proposal.encapsulationMode.source !== 'unknown' && proposal.encapsulationMode.value === 'transport';
  let bytes = transport ? 0 : OUTER_IPV4_HEADER;
  if (transform !== 'ah') bytes += espOverhead(proposal);
  if (transform !== 'esp') bytes += ahOverhead(proposal);
  if (natTraversal) bytes += NAT_TRAVERSAL_UDP_HEADER;
  return bytes;
}

export interface EntryOverhead {
  bytes: number;
  /** The proposal with the largest overhead. */
  proposal: IpsecProposalSettings;
}

/** The largest overhead of any proposal the entry may negotiate; `undefined` when it has no resolved proposal. */
export function entryIpsecOverheadBound(entry: PolicyEntry, natTraversal: boolean): EntryOverhead | undefined {
  let largest: EntryOverhead | undefined;
  for (const proposal of entry.ipsecProposalSettings) {
    const bytes = ipsecOverheadBound(proposal, natTraversal);
    if (!largest || bytes > largest.bytes) largest = { bytes, proposal };
  }
  return largest;
}
