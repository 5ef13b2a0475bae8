/**
 * Features fwlint reads past without checking them (issue #17: "say so in a note instead of
 * silence that reads as all good"). Each is recognised from a statement's view and leading words —
 * the same at most three words a generic statement keeps, so no secret can reach a note.
 */
export type UnmodelledFeature =
  | 'efficient-vpn'
  | 'dsvpn'
  | 'smart-link'
  | 'remote-access'
  | 'l2tp'
  | 'pki'
  | 'unrecognised-command';

export const UNMODELLED_FEATURES: readonly UnmodelledFeature[] = [
  'efficient-vpn', 'dsvpn', 'smart-link', 'remote-access', 'l2tp', 'pki', 'unrecognised-command',
];

/** What a note says about a feature: what it is and what fwlint leaves unchecked. */
export const UNMODELLED_DESCRIPTIONS: Readonly<Record<UnmodelledFeature, string>> = {
  'efficient-vpn':
    'Efficient VPN (ipsec efficient-vpn) is not checked: the device builds its ACL, proposals and policy at run time from what the server pushes',
  dsvpn: 'DSVPN (NHRP, mGRE "tunnel-protocol gre p2mp") is not checked: spoke-to-spoke tunnels are set up at run time through NHRP',
  'smart-link': 'IPSec smart link (ipsec smart-link) is not checked: which link carries the tunnel is decided at run time by link detection',
  'remote-access':
    'remote access (service-scheme: addresses and attributes assigned through AAA) is not checked: the users, their pool and their authorisation are outside the configuration pair',
  l2tp: 'L2TP (l2tp-group) is checked only for the IPSec ACL carrying it: PPP, users, AAA and address pools are not checked',
  pki: 'certificate authentication (RSA signature / digital envelope, PKI) is not checked: certificates, their identities and revocation are outside the configuration text',
  'unrecognised-command': 'a command fwlint does not know inside an IPSec view is not checked: what it changes in the tunnel is unknown to fwlint',
};

/**
 * The feature a statement belongs to, from the header words of its enclosing views (outermost
 * first, as `GenericStatement.view`) and its own leading words, lower-cased.
 */
export function unmodelledFeatureOf(view: readonly string[], words: readonly string[]): UnmodelledFeature | undefined {
  const [w0, w1, w2] = words;
  const parent = view.length > 0 ? view[view.length - 1].split(' ', 2) : [];
  if (view.length === 0) {
    if (w0 === 'ipsec' && w1 === 'efficient-vpn') return 'efficient-vpn';
    if (w0 === 'ipsec' && w1 === 'smart-link') return 'smart-link';
    if (w0 === 'dsvpn') return 'dsvpn';
    if (w0 === 'l2tp-group') return 'l2tp';
    return undefined;
  }
  if (parent[0] === 'interface') {
    if (w0 === 'nhrp' || w0 === 'dsvpn') return 'dsvpn';
    if (w0 === 'tunnel-protocol' && w1 === 'gre' && w2 === 'p2mp') return 'dsvpn';
    return undefined;
  }
  if (parent[0] === 'ipsec' && (parent[1] === 'policy' || parent[1] === 'policy-template') && w0 === 'smart-link') return 'smart-link';
  if (w0 === 'service-scheme') return 'remote-access';
  if (parent[0] === 'ike' && parent[1] === 'proposal' && w0 === 'authentication-method' && w1 !== undefined && w1 !== 'pre-share') return 'pki';
  if (parent[0] === 'ike' && parent[1] === 'peer' && (w0 === 'certificate' || w0 === 'pki')) return 'pki';
  return undefined;
}
