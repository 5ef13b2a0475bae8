import { spanRanges, type Range, type Val } from '../../text/range.js';
import { type Address, parseAddress } from '../../flow/address.js';
import { canonicalIpv6, formatIpv6, parseIpv6, parseIpv6PrefixLength } from '../../flow/ipv6.js';
import type { FieldOf } from '../statement.js';
import type { AddressSpec } from '../types.js';
import { parseInteger, parseIpv4, parseMask, parseWildcard } from '../values.js';
import type { StatementOf } from './context.js';

/** Operands the statement handlers read, as AST values with the range they were written at. */

export function num(v: Val<string> | undefined): Val<number> | undefined {
  if (!v) return undefined;
  const n = parseInteger(v.value);
  return n === undefined ? undefined : { value: n, range: v.range };
}

export function ip(v: Val<string> | undefined): Val<number> | undefined {
  if (!v) return undefined;
  const n = parseIpv4(v.value);
  return n === undefined ? undefined : { value: n, range: v.range };
}

/** An IPv4 or IPv6 address (peer `remote-address [ipv6] A`, `local-address [ipv6] A`). */
export function anyFamilyIp(v: Val<string> | undefined): Val<Address> | undefined {
  if (!v) return undefined;
  const address = parseAddress(v.value);
  return address === undefined ? undefined : { value: address, range: v.range };
}

/**
 * An IPv6 operand: `A/LEN`, `A LEN` (`lengthText`), or a bare address (a /128 host). `address`
 * and `length` stay absent when the text is not a valid IPv6 prefix.
 */
export function ipv6Operand(text: string, lengthText: string | undefined, range: Range): AddressSpec {
  const written = lengthText === undefined ? text : `${text} ${lengthText}`;
  const slash = text.indexOf('/');
  const words = parseIpv6(slash >= 0 ? text.slice(0, slash) : text);
  const lengthWord = slash >= 0 ? (lengthText === undefined ? text.slice(slash + 1) : undefined) : lengthText ?? '128';
  const length = lengthWord === undefined ? undefined : parseIpv6PrefixLength(lengthWord);
  if (!words || length === undefined) return { form: 'ipv6', text: written, range };
  return { form: 'ipv6', text: written, address: formatIpv6(words), length, range };
}

/** The statements whose operand `address` reads. */
export type AddressStatement = 'RuleSourceAddress' | 'RuleDestinationAddress' | 'LegacySource' | 'LegacyDestination' | 'AddressSetMember';

/** Address operands of nat/security rules and address sets (`A mask M`, `A LEN`, `range`, `address-set`, `any`). */
export function address(st: StatementOf<AddressStatement>, wildcardForm: boolean): AddressSpec {
  const range = st.range;
  const sub = (field: FieldOf<AddressStatement>): Range => st.rangeOf(field) ?? range;
  if (st.has('any')) return { form: 'any', range: sub('any') };
  if (st.has('set')) return { form: 'address-set', name: st.text('set')!.value, range: sub('set') };
  if (st.has('domainSet')) return { form: 'unknown', text: `domain-set ${st.text('domainSet')!.value}`, range };
  if (st.has('first')) {
    const first = parseIpv4(st.text('first')!.value);
    const last = parseIpv4(st.text('last')!.value);
    if (first !== undefined && last !== undefined) return { form: 'range', first, last, range };
    const first6 = canonicalIpv6(st.text('first')!.value);
    const last6 = canonicalIpv6(st.text('last')!.value);
    if (first6 !== undefined && last6 !== undefined) return { form: 'ipv6', text: `range ${st.text('first')!.value} ${st.text('last')!.value}`, address: first6, last: last6, range };
    return { form: 'unknown', text: `range ${st.text('first')!.value} ${st.text('last')!.value}`, range };
  }
  const addrText = st.text('address')!;
  const maskVal = st.text('mask') ?? st.text('length');
  const wildcardVal = st.text('wildcard');
  const arange = spanRanges(addrText.range, (maskVal ?? wildcardVal)?.range ?? addrText.range);
  const slash = addrText.value.indexOf('/');
  const ipText = slash >= 0 ? addrText.value.slice(0, slash) : addrText.value;
  const address = parseIpv4(ipText);
  if (address === undefined) {
    // IPv6 takes a prefix length (`FC00:1::1 64`, `2001:db8::/64`), never a dotted mask
    if (ipText.includes(':')) return ipv6Operand(addrText.value, st.has('mask') ? `mask ${maskVal!.value}` : (maskVal ?? wildcardVal)?.value, arange);
    return { form: 'unknown', text: addrText.value, range: arange };
  }
  const maskText = maskVal?.value ?? (slash >= 0 ? addrText.value.slice(slash + 1) : undefined);
  if (wildcardForm && wildcardVal) {
    const w = parseWildcard(wildcardVal.value);
    if (w !== undefined) return { form: 'wildcard', address, wildcard: w, range: arange };
  }
  if (maskText === undefined) return { form: 'wildcard', address, wildcard: 0, range: arange };
  const mask = parseMask(maskText);
  if (mask === undefined) return { form: 'unknown', text: `${addrText.value} ${maskText}`, range: arange };
  return { form: 'wildcard', address, wildcard: ~mask >>> 0, range: arange };
}

/** The statements listing algorithms. */
export type AlgorithmStatement =
  | 'IkeEncryption' | 'IkeAuthentication' | 'IkeDh' | 'IkeIntegrity' | 'IkePrf' | 'ProposalEspAuth' | 'ProposalEspEncryption'
  | 'ProposalAhAuth';

/** Algorithm lists; NE's `aes-cbc 256` spelling is joined into `aes-cbc-256`. */
export function algorithms(st: StatementOf<AlgorithmStatement>): Val<string[]> | undefined {
  const v = st.list('value');
  if (!v) return undefined;
  const out: string[] = [];
  for (const word of v.value) {
    const lower = word.toLowerCase();
    if (/^\d+$/.test(lower) && out.length > 0) out[out.length - 1] += `-${lower}`;
    else out.push(lower);
  }
  return { value: out, range: v.range };
}
