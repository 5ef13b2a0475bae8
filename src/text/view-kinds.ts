import type { WordSource } from './lines.js';

/** First two words of a line, lower-cased once, with its word count and the words themselves. */
export interface LineHead {
  w0: string | undefined;
  w1: string | undefined;
  count: number;
  words: WordSource;
}

/** Kinds of views the structure pass distinguishes (everything else is `other`). */
export type ViewKind =
  | 'interface'
  | 'zone'
  | 'acl'
  | 'ike-proposal'
  | 'ike-peer'
  | 'ipsec-proposal'
  | 'ipsec-policy'
  | 'policy-template'
  | 'ipsec-profile'
  | 'efficient-vpn'
  | 'nat-policy'
  | 'nat-rule'
  | 'nat-interzone'
  | 'nat-legacy-policy'
  | 'security-policy'
  | 'security-rule'
  | 'address-set'
  | 'service-set'
  | 'nat-address-group'
  | 'l2tp-group'
  | 'other';

/** Views whose unrecognised lines are counted: they decide whether a tunnel comes up. */
export const IPSEC_VIEWS: ReadonlySet<ViewKind> = new Set<ViewKind>([
  'acl',
  'ike-proposal',
  'ike-peer',
  'ipsec-proposal',
  'ipsec-policy',
  'policy-template',
  'ipsec-profile',
  'efficient-vpn',
]);

const isInt = (w: string | undefined): boolean => w !== undefined && /^\d{1,10}$/.test(w);

/** Kind of the view a header line opens, given the kind of its parent (undefined = top level). */
export function viewKindOf(head: LineHead, parent: ViewKind | undefined): ViewKind {
  const { w0, w1 } = head;
  if (parent === undefined) {
    switch (w0) {
      case 'interface':
        return 'interface';
      case 'firewall':
        return w1 === 'zone' ? 'zone' : 'other';
      case 'acl':
        return w1 === 'number' || w1 === 'name' || w1 === 'ipv6' || isInt(w1) ? 'acl' : 'other';
      case 'ike':
        return w1 === 'proposal' ? 'ike-proposal' : w1 === 'peer' ? 'ike-peer' : 'other';
      case 'ipsec':
        if (w1 === 'proposal') return 'ipsec-proposal';
        if (w1 === 'policy') return 'ipsec-policy';
        if (w1 === 'policy-template') return 'policy-template';
        if (w1 === 'profile') return 'ipsec-profile';
        if (w1 === 'efficient-vpn') return 'efficient-vpn';
        return 'other';
      case 'nat-policy':
        return w1 === 'interzone' || w1 === 'zone' ? 'nat-interzone' : head.count === 1 ? 'nat-policy' : 'other';
      case 'security-policy':
        return 'security-policy';
      case 'ip':
        return w1 === 'address-set' ? 'address-set' : w1 === 'service-set' ? 'service-set' : 'other';
      case 'nat':
        return w1 === 'address-group' ? 'nat-address-group' : 'other';
      case 'l2tp-group':
        return 'l2tp-group';
      default:
        return 'other';
    }
  }
  if (parent === 'nat-policy' && w0 === 'rule' && w1 === 'name') return 'nat-rule';
  if (parent === 'security-policy' && w0 === 'rule' && w1 === 'name') return 'security-rule';
  if (parent === 'nat-interzone' && w0 === 'policy' && isInt(w1)) return 'nat-legacy-policy';
  return 'other';
}

/**
 * Commands that always start a top-level statement, whatever their indentation, so flattened
 * snippets and one-space globals (` sysname`, ` nat server`, ` ip route-static`) land at the root.
 * `parent` is the view the indentation alone would attach the line to.
 */
export function isTopLevelCommand(head: LineHead, parent: ViewKind | undefined): boolean {
  const { w0, w1 } = head;
  const count = head.count;
  switch (w0) {
    case 'sysname':
    case 'l2tp-group':
    case 'security-policy':
    case 'user-interface':
      return true;
    case 'aaa':
      return count === 1;
    case 'interface':
      return count >= 2;
    case 'acl':
      return w1 === 'number' || w1 === 'name' || w1 === 'ipv6' || (isInt(w1) && count === 2 && parent !== 'interface');
    case 'bgp':
    case 'ospf':
      return count === 1 || isInt(w1);
    case 'nat-policy':
      return true;
    case 'firewall':
      return w1 === 'zone' || w1 === 'tcp-mss';
    case 'ike':
      return w1 === 'proposal' || w1 === 'peer' || w1 === 'dpd' || w1 === 'local-name';
    case 'ikev1':
      return true;
    case 'ipsec':
      if (w1 === 'proposal' || w1 === 'policy-template' || w1 === 'sha2' || w1 === 'authentication') return true;
      // ` ipsec policy NAME` / ` ipsec profile NAME` are also interface bindings.
      if (w1 === 'policy') return (count >= 4 && isInt(head.words.word(3))) || parent !== 'interface';
      if (w1 === 'profile') return parent !== 'interface';
      if (w1 === 'efficient-vpn') return count >= 4 || parent !== 'interface';
      return false;
    case 'ip':
      return w1 === 'address-set' || w1 === 'service-set' || w1 === 'route-static' || w1 === 'route';
    case 'nat':
      return w1 === 'address-group' || (w1 === 'server' && parent !== 'interface');
    case 'l2tp':
      return w1 === 'enable' || w1 === 'domain';
    case 'snmp-agent':
      return true;
    default:
      return false;
  }
}

const CHILD_WORDS: Partial<Record<ViewKind, ReadonlySet<string>>> = {
  interface: new Set([
    'ip', 'ipsec', 'tcp', 'mtu', 'tunnel-protocol', 'source', 'destination', 'vrrp', 'nat', 'shutdown', 'undo',
    'description', 'link-protocol', 'ppp', 'dialer', 'dialer-group', 'service-manage', 'gateway',
    'redirect-reverse', 'reverse-route', 'ipv6', 'ospf', 'remote', 'port', 'speed', 'duplex', 'negotiation',
    'mac-address', 'dhcp', 'pppoe-client', 'qos', 'alias',
  ]),
  zone: new Set(['set', 'add']),
  acl: new Set(['rule', 'description', 'step']),
  'ike-proposal': new Set([
    'encryption-algorithm', 'authentication-algorithm', 'dh', 'authentication-method', 'integrity-algorithm', 'prf', 'sa',
  ]),
  'ike-peer': new Set([
    'pre-shared-key', 'ike-proposal', 'remote-address', 'local-address', 'exchange-mode', 'version', 'undo',
    'local-id-type', 'local-id', 'remote-id-type', 'remote-id', 'nat', 'dpd', 'rsa', 'ikev2', 'sm4', 'ike',
    'service-scheme', 'certificate', 'sa', 'aaa', 'description',
  ]),
  'ipsec-proposal': new Set(['transform', 'encapsulation-mode', 'esp', 'ah', 'undo']),
  'ipsec-policy': new Set([
    'security', 'ike-peer', 'proposal', 'pfs', 'tunnel', 'local-address', 'sa', 'alias', 'undo', 'policy', 'route',
    'qos', 'anti-replay', 'description',
  ]),
  'efficient-vpn': new Set(['remote-address', 'pre-shared-key', 'dh', 'service-scheme', 'interface', 'ike-proposal']),
  'nat-policy': new Set(['rule']),
  'nat-rule': new Set([
    'source-zone', 'destination-zone', 'egress-interface', 'source-address', 'destination-address', 'service',
    'action', 'disable', 'description', 'time-range',
  ]),
  'security-policy': new Set(['default', 'rule']),
  'security-rule': new Set([
    'source-zone', 'destination-zone', 'source-address', 'destination-address', 'service', 'action', 'disable',
    'description', 'time-range', 'application', 'policy', 'session', 'profile', 'user',
  ]),
  'address-set': new Set(['address', 'description']),
  'service-set': new Set(['service', 'description']),
  'nat-address-group': new Set(['mode', 'section', 'route', 'description']),
  'l2tp-group': new Set(['allow', 'undo', 'tunnel', 'start', 'lns-ip', 'mandatory-lcp', 'mandatory-chap']),
};
CHILD_WORDS['policy-template'] = CHILD_WORDS['ipsec-policy'];
CHILD_WORDS['ipsec-profile'] = CHILD_WORDS['ipsec-policy'];

/** True when `words` is a command known to live directly inside a view of `kind`. */
export function isKnownChild(kind: ViewKind, head: LineHead): boolean {
  const { w0, w1 } = head;
  if (w0 === undefined) return false;
  if (kind === 'nat-interzone') return w0 === 'policy' && isInt(w1);
  if (kind === 'nat-legacy-policy') {
    if (w0 === 'policy') return w1 === 'source' || w1 === 'destination' || w1 === 'service';
    return w0 === 'action' || w0 === 'easy-ip' || w0 === 'address-group';
  }
  return CHILD_WORDS[kind]?.has(w0) ?? false;
}
