import aclOverlapInPolicyGroup from './acl-overlap-in-policy-group.js';
import ahWithNatTraversal from './ah-with-nat-traversal.js';
import ikePeerMismatch from './ike-peer-mismatch.js';
import ikeProposalMismatch from './ike-proposal-mismatch.js';
import ipsecPolicyDisabled from './ipsec-policy-disabled.js';
import ipsecPolicyUnapplied from './ipsec-policy-unapplied.js';
import ipsecProposalMismatch from './ipsec-proposal-mismatch.js';
import ipsecReferenceUndefined from './ipsec-reference-undefined.js';
import natTraversalMismatch from './nat-traversal-mismatch.js';
import pfsMismatch from './pfs-mismatch.js';
import preSharedKeyMismatch from './pre-shared-key-mismatch.js';
import remoteAddressMismatch from './remote-address-mismatch.js';
import subAddressWithoutTunnelLocal from './sub-address-without-tunnel-local.js';
import templatePolicyInitiator from './template-policy-initiator.js';
import templatePolicyNameCollision from './template-policy-name-collision.js';
import type { Rule } from './types.js';

/**
 * Every rule, in alphabetical order of id. Add a rule by importing it and inserting it in order;
 * never reuse a retired id (leave a comment where it was instead).
 */
export const rules: Rule[] = [
  aclOverlapInPolicyGroup,
  ahWithNatTraversal,
  ikePeerMismatch,
  ikeProposalMismatch,
  ipsecPolicyDisabled,
  ipsecPolicyUnapplied,
  ipsecProposalMismatch,
  ipsecReferenceUndefined,
  natTraversalMismatch,
  pfsMismatch,
  preSharedKeyMismatch,
  remoteAddressMismatch,
  subAddressWithoutTunnelLocal,
  templatePolicyInitiator,
  templatePolicyNameCollision,
];
