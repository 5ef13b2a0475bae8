import type { IkePeerNode } from '../src/ast/types.js';
import { localIdentity } from '../src/model/identity.js';
import type { PolicyEntry } from '../src/model/types.js';
import type { DeviceRule, DeviceRuleContext } from './types.js';
import { NO_OPTIONS } from './_lib/options.js';

/** Identity types whose value is not the tunnel address: the device must have a value configured. */
const VALUE_TYPES = new Set(['fqdn', 'user-fqdn', 'key-id', 'dn']);

/** What the device would send for `dn`: the local certificate's DN, which only certificate authentication has. */
function dnWithoutCertificate(entry: PolicyEntry): boolean {
  if (entry.ikePeer?.localId) return false;
  const methods = entry.ikeProposals.map((p) => p.authenticationMethod);
  return methods.length > 0 && methods.every((m) => m.source !== 'unknown' && m.value.toLowerCase() === 'pre-share');
}

function missingWhat(type: string): { where: string; add: string } {
  switch (type) {
    case 'fqdn':
      return { where: 'no "local-id" in the peer, no global "ike local-name" and no "sysname"', add: 'add "local-id NAME" to the peer or "ike local-name NAME" in the system view' };
    case 'user-fqdn':
      return { where: 'no "local-id" in the peer and no global "ike local-name"', add: 'add "local-id user@domain" to the peer or "ike local-name user@domain" in the system view' };
    case 'key-id':
      return { where: 'no "local-id" in the peer', add: 'add "local-id KEY-ID" to the peer' };
    default:
      return {
        where: 'no "local-id" in the peer, and its IKE proposals authenticate with pre-shared keys, so there is no local certificate whose DN it could send',
        add: 'use "authentication-method rsa-signature" with a local certificate, or another "local-id-type"',
      };
  }
}

const rule: DeviceRule = {
  meta: {
    id: 'ike-local-id-missing',
    description: 'An IKE peer\'s "local-id-type" needs a value (FQDN, user FQDN, key ID, DN) that the device does not have',
    scope: 'device',
    defaultSeverity: 'error',
    presets: ['recommended', 'strict'],
    tags: ['ike-peer', 'identity', 'ike-negotiation'],
    breaks: 'ike',
    messages: {
      missing:
        'IKE peer "{{peer}}" identifies this device by {{type}} ("local-id-type {{type}}"), but the device has no value to send: {{where}}. It cannot build its local ID, so IKE negotiation fails ("construct local ID fail"); {{add}}.',
    },
    hasSuggestions: true,
    optionsSchema: NO_OPTIONS,
    reasons: ['construct local ID fail'],
    since: '0.1.0',
  },
  check(context: DeviceRuleContext) {
    const reported = new Set<IkePeerNode>();
    for (const entry of context.entries) {
      const peer = entry.ikePeer;
      if (!peer || entry.role === 'manual' || reported.has(peer)) continue;
      const identity = localIdentity(context.device, entry);
      if (!identity?.typeRange || !VALUE_TYPES.has(identity.type)) continue;
      const missing = identity.type === 'dn' ? dnWithoutCertificate(entry) : identity.value === undefined;
      if (!missing) continue;
      reported.add(peer);
      context.report({
        range: identity.typeRange,
        messageId: 'missing',
        data: { peer: peer.name.value, type: identity.type, ...missingWhat(identity.type) },
        objectPath: `${peer.path}/local-id`,
        // The missing value is the user's to choose; the one change fwlint can write is the address identity (unsafe: the other end's remote-id-type / remote-id must accept it).
        suggestions: [
          {
            desc: 'Identify this device by its tunnel address: "local-id-type ip" (the other end\'s remote-id-type must accept an IP identity)',
            change: { applicability: 'unsafe', edits: [{ kind: 'replace', range: identity.typeRange, text: 'ip' }] },
          },
        ],
      });
    }
  },
};

export default rule;
