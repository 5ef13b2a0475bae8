import aclOverlapInPolicyGroup from './acl-overlap-in-policy-group.js';
import aclRuleUsesAny from './acl-rule-uses-any.js';
import ahWithNatTraversal from './ah-with-nat-traversal.js';
import authenticationAddressMissing from './authentication-address-missing.js';
import destinationNatTranslatesProtectedFlow from './destination-nat-translates-protected-flow.js';
import dpdNotConfigured from './dpd-not-configured.js';
import duplicateDevice from './duplicate-device.js';
import dynamicAddressWithoutTunnelLocal from './dynamic-address-without-tunnel-local.js';
import ecmpRoutesWithoutTunnelLocal from './ecmp-routes-without-tunnel-local.js';
import espWithoutAuthentication from './esp-without-authentication.js';
import flowOverlapAcrossTunnels from './flow-overlap-across-tunnels.js';
import ikeHeartbeatMismatch from './ike-heartbeat-mismatch.js';
import ikeLocalIdMissing from './ike-local-id-missing.js';
import ikePeerMismatch from './ike-peer-mismatch.js';
import ikePeerVpnInstanceMismatch from './ike-peer-vpn-instance-mismatch.js';
import ikeProposalMismatch from './ike-proposal-mismatch.js';
import ikev1TemplateSaDependent from './ikev1-template-sa-dependent.js';
import ipsecPolicyDisabled from './ipsec-policy-disabled.js';
import ipsecPolicyUnapplied from './ipsec-policy-unapplied.js';
import ipsecProposalMismatch from './ipsec-proposal-mismatch.js';
import ipsecReferenceUndefined from './ipsec-reference-undefined.js';
import l2tpOverIpsecAclMismatch from './l2tp-over-ipsec-acl-mismatch.js';
import manualSaKeyMismatch from './manual-sa-key-mismatch.js';
import natNotExcludingProtectedFlow from './nat-not-excluding-protected-flow.js';
import natServerReverseTranslatesProtectedFlow from './nat-server-reverse-translates-protected-flow.js';
import natTranslatesIkePackets from './nat-translates-ike-packets.js';
import natTraversalMismatch from './nat-traversal-mismatch.js';
import pfsMismatch from './pfs-mismatch.js';
import preSharedKeyMismatch from './pre-shared-key-mismatch.js';
import remoteAddressMismatch from './remote-address-mismatch.js';
import remoteAddressUnreachable from './remote-address-unreachable.js';
import routeMissingToIkePeer from './route-missing-to-ike-peer.js';
import routeMissingToProtectedSubnet from './route-missing-to-protected-subnet.js';
import saTriggerTrafficBased from './sa-trigger-traffic-based.js';
import securityAclMismatch from './security-acl-mismatch.js';
import securityPolicyBlocksIke from './security-policy-blocks-ike.js';
import securityPolicyBlocksProtectedFlow from './security-policy-blocks-protected-flow.js';
import sha2CompatMismatch from './sha2-compat-mismatch.js';
import smAlgorithmWithIkev2 from './sm-algorithm-with-ikev2.js';
import subAddressWithoutTunnelLocal from './sub-address-without-tunnel-local.js';
import tcpMssExceedsTunnelMtu from './tcp-mss-exceeds-tunnel-mtu.js';
import tcpMssNotSet from './tcp-mss-not-set.js';
import templatePolicyInitiator from './template-policy-initiator.js';
import templatePolicyNameCollision from './template-policy-name-collision.js';
import tunnelLocalNotOnInterface from './tunnel-local-not-on-interface.js';
import weakCryptoAlgorithm from './weak-crypto-algorithm.js';
import type { Rule } from './types.js';

/**
 * Every rule, in alphabetical order of id. Add a rule by importing it and inserting it in order;
 * never reuse a retired id (leave a comment where it was instead).
 */
export const rules: Rule[] = [
  aclOverlapInPolicyGroup,
  aclRuleUsesAny,
  ahWithNatTraversal,
  authenticationAddressMissing,
  destinationNatTranslatesProtectedFlow,
  dpdNotConfigured,
  duplicateDevice,
  dynamicAddressWithoutTunnelLocal,
  ecmpRoutesWithoutTunnelLocal,
  espWithoutAuthentication,
  flowOverlapAcrossTunnels,
  ikeHeartbeatMismatch,
  ikeLocalIdMissing,
  ikePeerMismatch,
  ikePeerVpnInstanceMismatch,
  ikeProposalMismatch,
  ikev1TemplateSaDependent,
  ipsecPolicyDisabled,
  ipsecPolicyUnapplied,
  ipsecProposalMismatch,
  ipsecReferenceUndefined,
  l2tpOverIpsecAclMismatch,
  manualSaKeyMismatch,
  natNotExcludingProtectedFlow,
  natServerReverseTranslatesProtectedFlow,
  natTranslatesIkePackets,
  natTraversalMismatch,
  pfsMismatch,
  preSharedKeyMismatch,
  remoteAddressMismatch,
  remoteAddressUnreachable,
  routeMissingToIkePeer,
  routeMissingToProtectedSubnet,
  saTriggerTrafficBased,
  securityAclMismatch,
  securityPolicyBlocksIke,
  securityPolicyBlocksProtectedFlow,
  sha2CompatMismatch,
  smAlgorithmWithIkev2,
  subAddressWithoutTunnelLocal,
  tcpMssExceedsTunnelMtu,
  tcpMssNotSet,
  templatePolicyInitiator,
  templatePolicyNameCollision,
  tunnelLocalNotOnInterface,
  weakCryptoAlgorithm,
];
