/**
 * The reasons Huawei devices print when IKE/IPSec negotiation fails (`display ike error-info`,
 * IPSEC/4/IPSECNEGOFAIL) and when a tunnel is torn down (`display ike offline-info`,
 * IPSEC_TUNNEL_TEARED_DOWN / IPSECTUNNELSTOP): the 43 + 27 causes of Huawei's "IPSec Fault Cause
 * Reference" (EDOC1100086053) in its spelling (typo "flow confict" included), and the other strings
 * seen in Huawei output (the troubleshooting guide, alarm references, the cloud VPN table). Which
 * rules detect a reason's configurable causes is not written here: it is every rule whose
 * `meta.reasons` names the reason (or one of its aliases). Sources: ../shared/reference/huawei-fault-causes.md.
 */

export type ReasonKind = 'negotiation' | 'teardown';

export interface HuaweiReason {
  /** The reason as Huawei's fault cause reference spells it. */
  reason: string;
  /** Other spellings of the same reason seen in device output and alarms. */
  aliases?: readonly string[];
  kind: ReasonKind;
  /** What it means (condensed from Huawei's texts; "inferred" where Huawei gives no explanation). */
  meaning: string;
  /** Which end prints it. */
  shownOn: string;
  /** Where the meaning comes from (keys of huawei-fault-causes.md §1; S7 = the troubleshooting guide, with its line numbers). */
  source: string;
  /** No configuration of either end can cause it (packets, state, capacity, operators): the configurable causes are none. */
  runtimeOnly: boolean;
  /** What to check on the device when the configurations hold (or always, for runtime-only reasons). */
  check: string;
  /** A rule proposed for its configurable cause that fwlint does not have yet (#16). */
  proposed?: string;
}

const EITHER = 'the end that detects it (either end)';
const RESPONDER = 'the responder';
const LOCAL = 'the end whose tunnel went down';

export const HUAWEI_REASONS: readonly HuaweiReason[] = [
  // IKE negotiation failure causes (EDOC1100086053, in its order).
  { reason: 'authentication fail', kind: 'negotiation', meaning: 'Identity authentication failed: under IKEv2 usually different pre-shared keys; behind NAT also an ID carrying the private address', shownOn: RESPONDER, source: 'S2, S6, S7 l.1114, l.1718-1725', runtimeOnly: false, check: 'If both configurations agree, compare the keys on the devices themselves (ciphertext keys cannot be compared here), and check certificate validity and revocation for rsa-signature.' },
  { reason: 'config ID mismatch', kind: 'negotiation', meaning: 'No IKE peer matches the identity received', shownOn: RESPONDER, source: 'S2, S7 l.1719-1723', runtimeOnly: false, check: 'Check the ID the peer really sends (display ike sa verbose): a NAT device in the path changes the address an IP-address ID carries.' },
  { reason: 'construct local ID fail', kind: 'negotiation', meaning: 'The local identity could not be built (a local-id-type whose value is not configured)', shownOn: 'the end building its ID', source: 'S2', runtimeOnly: false, proposed: 'ike-local-id-missing', check: 'Check that the value the local-id-type needs exists (local-id, ike local-name, a local certificate for dn).' },
  { reason: 'cookie mismatch', kind: 'negotiation', meaning: 'The cookies do not match: stale or foreign packets', shownOn: EITHER, source: 'S2', runtimeOnly: true, check: 'Stale packets after a restart or a foreign sender: reset the IKE SA on both ends and capture the exchange.' },
  { reason: 'critical drop', kind: 'negotiation', meaning: 'A payload marked critical was not recognised', shownOn: EITHER, source: 'S2', runtimeOnly: true, check: 'An interoperability problem with a non-Huawei peer: capture the exchange and compare the payloads it sends.' },
  { reason: 'dynamic peers number reaches limitation', kind: 'negotiation', meaning: 'The number of IKE peers reached the device limit', shownOn: RESPONDER, source: 'S2', runtimeOnly: true, check: 'A capacity limit: display ike sa to count the peers, remove stale ones or raise the limit (licence).' },
  { reason: 'eap authentication fail', kind: 'negotiation', meaning: 'EAP authentication failed', shownOn: RESPONDER, source: 'S2', runtimeOnly: true, check: 'Check the user on the AAA/RADIUS server.' },
  { reason: 'eap authentication timeout', kind: 'negotiation', meaning: 'EAP authentication timed out', shownOn: RESPONDER, source: 'S2', runtimeOnly: true, check: 'Check that the RADIUS server answers and is reachable.' },
  { reason: 'encapsulation mode mismatch', kind: 'negotiation', meaning: 'The encapsulation modes (tunnel, transport) of the two ends do not match', shownOn: EITHER, source: 'S2, S3', runtimeOnly: false, check: 'If the configurations agree, compare display ipsec proposal on both devices: a change not yet applied to the SA.' },
  { reason: 'first packet limited', kind: 'negotiation', meaning: 'First packets are rate-limited', shownOn: EITHER, source: 'S2', runtimeOnly: true, check: 'Too many negotiations at once (rate limit): check for a flood of peers or packets.' },
  { reason: 'flow confict', aliases: ['flow conflict'], kind: 'negotiation', meaning: 'A data-flow conflict: the new flow overlaps a flow already protected by another SA (inferred)', shownOn: RESPONDER, source: 'S2, S3 (code 46)', runtimeOnly: false, check: 'Check display ipsec sa for an SA with an overlapping flow towards another peer.' },
  { reason: 'flow or peer mismatch', aliases: ['acl configuration mismatch'], kind: 'negotiation', meaning: 'The security ACLs or the IKE peer addresses of the two ends do not match; mirror the ACL rules of the two ends', shownOn: EITHER, source: 'S3, S7 l.1614-1623, l.2842', runtimeOnly: false, check: 'If the configurations agree, check display acl on both devices (hit counts, a rule changed after the SA was built) and the address the peer really uses.' },
  { reason: 'fragment packet limit', kind: 'negotiation', meaning: 'Too many fragments', shownOn: EITHER, source: 'S2', runtimeOnly: true, check: 'Large IKE messages (certificates) fragmented in the path: check the path MTU.' },
  { reason: 'fragment packet reassemble timeout', kind: 'negotiation', meaning: 'Fragment reassembly timed out', shownOn: EITHER, source: 'S2', runtimeOnly: true, check: 'Fragments are lost in the path: check the path MTU and devices dropping fragments.' },
  { reason: 'ikev2 not support sm in ipsec proposal', kind: 'negotiation', meaning: 'IKEv2 does not support the SM (Chinese national) algorithms used in the IPsec proposal', shownOn: EITHER, source: 'S2 (code 47)', runtimeOnly: false, proposed: 'sm-algorithm-with-ikev2', check: 'Use IKEv1 for SM proposals, or non-SM algorithms with IKEv2.' },
  { reason: 'in disconnect state', kind: 'negotiation', meaning: 'No Huawei explanation found; inferred: the policy is held down by connect track / disconnect track (an NQA, BFD or VRRP state)', shownOn: 'the end with the track', source: 'S3 (code 44), S11', runtimeOnly: true, check: 'Check the state of the NQA test, BFD session or VRRP group the policy tracks.' },
  { reason: 'initiator dh mismatch', kind: 'negotiation', meaning: "The initiator's DH group does not match", shownOn: EITHER, source: 'S2, S3', runtimeOnly: false, check: 'If the configurations agree, compare display ike proposal and the PFS group on both devices.' },
  { reason: 'invalid cookie', kind: 'negotiation', meaning: 'The cookie is invalid', shownOn: EITHER, source: 'S2', runtimeOnly: true, check: 'Stale or corrupted packets: reset the IKE SA and capture the exchange.' },
  { reason: 'invalid length', kind: 'negotiation', meaning: 'The packet length is invalid', shownOn: EITHER, source: 'S2', runtimeOnly: true, check: 'Packets are truncated or corrupted in the path: capture them on both ends.' },
  { reason: 'ip assigned fail', kind: 'negotiation', meaning: 'Address assignment to the remote user failed', shownOn: RESPONDER, source: 'S2 (code 10)', runtimeOnly: false, proposed: 'an ipsec-reference-undefined extension (address pool, service-scheme, AAA domain)', check: 'Check that the address pool exists and has free addresses.' },
  { reason: 'ipsec tunnel number reaches limitation', kind: 'negotiation', meaning: 'The number of IPSec tunnels reached the device limit', shownOn: EITHER, source: 'S2', runtimeOnly: true, check: 'A capacity limit: count the tunnels (display ipsec sa brief) and check the licence.' },
  { reason: 'license or specification limited', kind: 'negotiation', meaning: 'Licence control', shownOn: EITHER, source: 'S2', runtimeOnly: true, check: 'Check the licence (display license) for IPSec.' },
  { reason: 'local address mismatch', kind: 'negotiation', meaning: 'The local address used by IKE is not an address of the interface', shownOn: 'the end whose tunnel local is wrong', source: 'S2 (code 39)', runtimeOnly: false, proposed: 'tunnel-local-not-on-interface', check: 'Check that tunnel local is an address of the interface the policy is applied to.' },
  { reason: 'malformed message', kind: 'negotiation', meaning: 'A malformed message: with IKEv1, different pre-shared keys give this reason (the encrypted message cannot be read)', shownOn: RESPONDER, source: 'S2, S7 l.1127', runtimeOnly: false, check: 'If the keys agree, packets are corrupted in the path: capture them on both ends.' },
  { reason: 'malformed payload', kind: 'negotiation', meaning: 'A malformed payload', shownOn: EITHER, source: 'S2', runtimeOnly: true, check: 'Corrupted packets or an interoperability problem: capture the exchange.' },
  { reason: 'nat detection fail', kind: 'negotiation', meaning: 'NAT detection failed: a peer with NAT traversal off drops the NAT-D payloads; enable or disable NAT traversal on both ends together', shownOn: EITHER, source: 'S2 (code 40), S7 l.2655-2727', runtimeOnly: false, check: 'If the configurations agree, a middlebox drops or alters NAT-D payloads: capture the IKE packets on both sides of it.' },
  { reason: 'netmask mismatch', kind: 'negotiation', meaning: "The peer's flow masks are shorter than IPSec mask filtering allows (template responders only)", shownOn: RESPONDER, source: 'S2 (code 48), S6, S10', runtimeOnly: false, proposed: 'ipsec-mask-filter-mismatch', check: "Compare the responder's mask filtering with the initiator's ACL masks." },
  { reason: 'no policy applied on interface', kind: 'negotiation', meaning: 'No IPSec policy is applied to the interface the negotiation arrives on (a group goes on one interface, the outbound one)', shownOn: RESPONDER, source: 'S2 (code 49), S12', runtimeOnly: false, check: 'Check on which interface the packets arrive (the route back to the peer) and that the policy is applied there.' },
  { reason: "none of user's interface is selected", kind: 'negotiation', meaning: 'No Huawei explanation found; inferred: intelligent link selection found no usable local interface', shownOn: 'the end selecting links', source: 'S3 (code 43), S13', runtimeOnly: true, check: 'Check the state of the links of the smart-link profile.' },
  { reason: 'peer address mismatch', kind: 'negotiation', meaning: 'The IKE peer addresses do not match, or the VPN instance differs; the printed peer is the address the packets came from (behind NAT, the private address the ID carries)', shownOn: RESPONDER, source: 'S3, S7 l.1183-1191, l.1720-1725', runtimeOnly: false, check: 'Compare the printed peer with the remote-address: a NAT device or a sub address in the path changes the source the responder sees.' },
  {
    reason: 'phase1 proposal mismatch',
    aliases: [
      'phase1 proposal encryption algorithm mismatch',
      'phase1 proposal authentication method mismatch',
      'phase1 proposal authentication algorithm mismatch',
      'phase1 proposal dh mismatch',
      'phase1 proposal integrity algorithm mismatch',
    ],
    kind: 'negotiation',
    meaning: 'No IKE proposal of the two ends matches (encryption, authentication, DH group, integrity); the responder names the field instead',
    shownOn: 'the initiator (the responder shows "phase1 proposal <field> mismatch")',
    source: 'S4, S7 l.1009',
    runtimeOnly: false,
    check: 'If the configurations agree, compare display ike proposal on both devices: a built-in default that differs between software versions.',
  },
  { reason: 'phase2 proposal or pfs mismatch', kind: 'negotiation', meaning: 'The IPSec proposals, the PFS groups or the security ACLs of the two ends do not match', shownOn: EITHER, source: 'S2, S3, S7 l.1277', runtimeOnly: false, check: 'If the configurations agree, compare display ipsec proposal and display ipsec policy on both devices.' },
  { reason: 'proposal mismatch or use sm in ikev2', kind: 'negotiation', meaning: 'The IPSec proposals do not match, or IKEv2 is used with an SM algorithm', shownOn: EITHER, source: 'S2 (code 45)', runtimeOnly: false, check: 'If the configurations agree, compare display ipsec proposal on both devices.' },
  { reason: 'rekey fail', kind: 'negotiation', meaning: 'The old SA went offline during renegotiation', shownOn: EITHER, source: 'S2', runtimeOnly: true, check: 'A rekey raced with the SA expiring: check for packet loss at rekey time.' },
  { reason: 'rekey no find old sa', kind: 'negotiation', meaning: 'The old SA was not found during renegotiation', shownOn: EITHER, source: 'S2', runtimeOnly: true, check: 'The ends disagree on their SAs (one restarted): reset the SAs; DPD lets an end notice it.' },
  { reason: 'responder dh mismatch', kind: 'negotiation', meaning: "The responder's DH group does not match", shownOn: RESPONDER, source: 'S2, S3', runtimeOnly: false, check: 'If the configurations agree, compare display ike proposal and the PFS group on both devices.' },
  { reason: 'role mismatch', kind: 'negotiation', meaning: 'No Huawei explanation found (an IKEv2 counter names the exchange type or role check)', shownOn: EITHER, source: 'S6', runtimeOnly: true, check: 'Capture the exchange: both ends may believe they are the initiator or the responder.' },
  { reason: 'route limit', kind: 'negotiation', meaning: 'The number of injected routes reached its limit', shownOn: EITHER, source: 'S2 (code 36)', runtimeOnly: true, check: 'A capacity limit of route inject: count the injected routes.' },
  { reason: 'unknown exchange type', kind: 'negotiation', meaning: 'Unknown negotiation (exchange) mode', shownOn: EITHER, source: 'S2', runtimeOnly: true, check: 'A malformed header or an interoperability problem (a configured main/aggressive difference reads "exchange mode mismatch").' },
  { reason: 'unsupported version', kind: 'negotiation', meaning: 'The IKE version is not supported: no common IKE version, or a malformed header', shownOn: RESPONDER, source: 'S2', runtimeOnly: false, check: 'If the configurations agree, capture the exchange for a malformed header.' },
  { reason: 'version mismatch', kind: 'negotiation', meaning: 'The IKE versions of the two ends do not match', shownOn: EITHER, source: 'S2, S3', runtimeOnly: false, check: 'If the configurations agree, compare display ike peer on both devices.' },
  { reason: 'xauth authentication fail', kind: 'negotiation', meaning: 'XAUTH authentication failed', shownOn: RESPONDER, source: 'S2', runtimeOnly: true, check: 'Check the user and password on the AAA server.' },
  { reason: 'xauth authentication timeout', kind: 'negotiation', meaning: 'XAUTH authentication timed out', shownOn: RESPONDER, source: 'S2', runtimeOnly: true, check: 'Check that the AAA server answers.' },
  // Other negotiation strings seen in Huawei output.
  { reason: 'flow mismatch', kind: 'negotiation', meaning: 'The security ACLs of the two ends do not match (also in L2TP over IPSec, where the ACL must match the L2TP packets)', shownOn: EITHER, source: 'S2, S6, S7 l.1434, l.1614', runtimeOnly: false, check: 'If the configurations agree, check display acl on both devices and the addresses the traffic really uses.' },
  { reason: 'exchange mode mismatch', kind: 'negotiation', meaning: 'The IKEv1 exchange modes (main, aggressive) of the two ends do not match', shownOn: EITHER, source: 'S2, S3 (code 32)', runtimeOnly: false, check: 'If the configurations agree, compare display ike peer on both devices.' },
  { reason: 'max transmit reached', kind: 'negotiation', meaning: 'The negotiation packet was retransmitted the maximum number of times without an answer', shownOn: 'the initiator', source: 'S2 (code 53)', runtimeOnly: false, check: 'Check that UDP 500/4500 reaches the peer (ping -a from the tunnel local address, a firewall or NAT device in the path) and that the peer is up.' },
  { reason: 'uncritical drop', kind: 'negotiation', meaning: 'A non-critical payload was dropped', shownOn: EITHER, source: 'S2 (code 35)', runtimeOnly: true, check: 'An interoperability detail; usually harmless.' },
  { reason: 'short packet', kind: 'negotiation', meaning: 'A packet was too short', shownOn: EITHER, source: 'S2', runtimeOnly: true, check: 'Truncated packets in the path: capture them on both ends.' },
  { reason: 'form cert payload fail', aliases: ['no valid local cert'], kind: 'negotiation', meaning: 'No valid local certificate could be sent (rsa-signature without a local certificate)', shownOn: 'the end sending its certificate', source: 'S3 (codes 52, 54)', runtimeOnly: false, proposed: 'an ipsec-reference-undefined extension (local certificate)', check: 'Check display pki certificate local: a certificate must be imported and valid.' },
  { reason: 'peer cert is expired', kind: 'negotiation', meaning: "The peer's certificate has expired", shownOn: EITHER, source: 'S2', runtimeOnly: true, check: "Renew the peer's certificate; check the clocks of both devices." },
  { reason: 'peer cert is revoked by CRL', kind: 'negotiation', meaning: "The peer's certificate is revoked by the CRL", shownOn: EITHER, source: 'S2', runtimeOnly: true, check: "Issue a new certificate for the peer; check the CRL." },
  { reason: 'sa with same user exists', kind: 'negotiation', meaning: 'An SA of the same user already exists', shownOn: RESPONDER, source: 'S2', runtimeOnly: true, check: 'The user reconnected before the old SA was removed: reset the old SA.' },
  // IPSec tunnel teardown causes (EDOC1100086053, in its order).
  { reason: 'aaa cut user', kind: 'teardown', meaning: 'The AAA module forced the user offline', shownOn: LOCAL, source: 'S2, S5', runtimeOnly: true, check: 'Check the AAA server log for why the user was cut.' },
  { reason: 'config modify or manual offline', aliases: ['manual offline'], kind: 'teardown', meaning: 'The SA was deleted by a configuration change or by hand', shownOn: LOCAL, source: 'S2, S5', runtimeOnly: true, check: 'Check the operation log for the configuration change or reset command.' },
  { reason: 'cpu table updated', kind: 'teardown', meaning: 'An SPU was removed or inserted, and SAs on the other CPUs were deleted', shownOn: LOCAL, source: 'S2', runtimeOnly: true, check: 'Check the board events at that time.' },
  { reason: 'disconnect track nqa/bfd/vrrp', kind: 'teardown', meaning: 'No Huawei explanation found; inferred: the tracked NQA test, BFD session or VRRP group went down', shownOn: LOCAL, source: 'S9, S11', runtimeOnly: true, check: 'Check the state history of the tracked NQA test, BFD session or VRRP group.' },
  { reason: 'dns resolution status change', kind: 'teardown', meaning: 'The resolution of the peer domain name changed', shownOn: LOCAL, source: 'S2', runtimeOnly: true, check: "Check the DNS answers for the peer's name." },
  { reason: 'dpd timeout', kind: 'teardown', meaning: 'Dead peer detection timed out: the peer did not answer, or (AR) the two ends use a different DPD payload order', shownOn: LOCAL, source: 'S2, S5, S9', runtimeOnly: false, check: 'Check that the peer is up and the path does not lose UDP 500/4500; on AR, set the same dpd msg order on both ends.' },
  { reason: 'eap delete old sa', kind: 'teardown', meaning: 'The old SA was deleted when the peer re-ran EAP', shownOn: LOCAL, source: 'S2', runtimeOnly: true, check: 'Normal when a user re-authenticates.' },
  { reason: 'exchange timeout', kind: 'teardown', meaning: 'A packet exchange timed out', shownOn: LOCAL, source: 'S2', runtimeOnly: true, check: 'Check for packet loss between the ends.' },
  { reason: 'flow overlap', kind: 'teardown', meaning: 'An address of the protected flow conflicts with the peer address, or (flow-overlap check enabled) the new tunnel overlaps an existing one', shownOn: LOCAL, source: 'S2, S8', runtimeOnly: false, check: 'Check display ipsec sa for SAs with overlapping flows.' },
  { reason: 'hard expiry triggered by port mismatch', aliases: ['port mismatch after inbound sa miss'], kind: 'teardown', meaning: 'The UDP port of received packets differs from that of the inbound SA: NAT changed the IKE port (2049 instead of 500)', shownOn: LOCAL, source: 'S2, S7 l.2557-2653', runtimeOnly: false, check: 'Check the NAT sessions (display firewall session table) for IKE packets translated by a device in the path.' },
  { reason: 'hash gene adjusted', kind: 'teardown', meaning: 'A hash-factor change deleted the tunnel', shownOn: LOCAL, source: 'S2', runtimeOnly: true, check: 'Check the operation log at that time.' },
  { reason: 'heartbeat timeout', kind: 'teardown', meaning: 'Heartbeat detection timed out (IKEv1): one end expects heartbeats the other does not send, or they are lost', shownOn: LOCAL, source: 'S2, S5, S15', runtimeOnly: false, proposed: 'ike-heartbeat-mismatch', check: 'Compare ike heartbeat-timer interval and timeout on both ends; check for loss.' },
  { reason: 'ikev1 phase1-phase2 sa dependent offline', kind: 'teardown', meaning: 'The IPSec SA was deleted with its IKEv1 SA (phase1-phase2 sa dependent, the default)', shownOn: LOCAL, source: 'S2, S7 l.2729-2766', runtimeOnly: false, check: 'If the responder is a template policy and the initiator does not rekey phase 1, run undo ikev1 phase1-phase2 sa dependent on the responder.' },
  { reason: 'ip address syn failed', kind: 'teardown', meaning: 'IP addresses failed to synchronise', shownOn: LOCAL, source: 'S2', runtimeOnly: true, check: 'Check the HRP synchronisation state.' },
  { reason: 'kick old sa with same flow', kind: 'teardown', meaning: 'The old SA was deleted when the same flow was negotiated again (two peers protecting one flow, or a peer reconnecting)', shownOn: LOCAL, source: 'S2', runtimeOnly: false, check: 'Check whether another peer (or the same branch from a new address) negotiated the same flow.' },
  { reason: 'modecfg address soft expiry', kind: 'teardown', meaning: 'The address lease the remote end got from the server expired', shownOn: LOCAL, source: 'S5', runtimeOnly: true, check: 'Check the lease time of the address pool.' },
  { reason: 'nhrp notify', kind: 'teardown', meaning: 'NHRP told the device to delete the SA (DSVPN)', shownOn: LOCAL, source: 'S2', runtimeOnly: true, check: 'Check the NHRP peers (display nhrp peer).' },
  { reason: 'peer address switch', kind: 'teardown', meaning: 'The peer address changed', shownOn: LOCAL, source: 'S2', runtimeOnly: true, check: 'The peer got a new address (dynamic address): normal if it reconnects.' },
  { reason: 'peer request', kind: 'teardown', meaning: 'The remote end asked for the teardown', shownOn: 'the end that received the delete', source: 'S2, S5', runtimeOnly: true, check: "The cause is in the peer's own display ike offline-info." },
  { reason: 'phase1 hard expiry', aliases: ['phase1 hardware expire', 'hardware-timeout'], kind: 'teardown', meaning: 'The IKE SA reached its hard lifetime and no new one was negotiated: a template responder never re-initiates, and the initiator did not rekey phase 1', shownOn: LOCAL, source: 'S2, S5, S7 l.2735-2760', runtimeOnly: false, check: 'Check whether the initiator (often a non-Huawei device) rekeys phase 1; on a template responder run undo ikev1 phase1-phase2 sa dependent.' },
  { reason: 'phase1 sa replace', kind: 'teardown', meaning: 'A new IKE SA replaced the old one', shownOn: LOCAL, source: 'S2', runtimeOnly: true, check: 'Normal rekeying.' },
  { reason: 'phase2 hard expiry', kind: 'teardown', meaning: 'The IPSec SA reached its hard lifetime', shownOn: LOCAL, source: 'S2, S5', runtimeOnly: true, check: 'Check for loss at rekey time if no new SA followed.' },
  { reason: 'phase2 sa replace', kind: 'teardown', meaning: 'A new IPSec SA replaced the old one', shownOn: LOCAL, source: 'S2', runtimeOnly: true, check: 'Normal rekeying.' },
  { reason: 're-auth timeout', kind: 'teardown', meaning: 'Re-authentication timed out', shownOn: LOCAL, source: 'S2', runtimeOnly: true, check: 'Check that the peer and the AAA server answer re-authentication.' },
  { reason: 'receive backup delete info', kind: 'teardown', meaning: 'The standby received an SA-delete backup message from the active device (HRP)', shownOn: 'the HRP standby', source: 'S2', runtimeOnly: true, check: "The cause is in the active member's offline information." },
  { reason: 'receive invalid spi notify', kind: 'teardown', meaning: 'An INVALID_SPI notification was received: the peer lost its SAs', shownOn: LOCAL, source: 'S2', runtimeOnly: true, check: 'The peer restarted or reset its SAs; DPD lets the ends notice it sooner.' },
  { reason: 'spi conflict', kind: 'teardown', meaning: 'An SPI conflict occurred', shownOn: LOCAL, source: 'S2', runtimeOnly: true, check: 'For manual SAs, check that inbound SPIs are unique.' },
  // Other teardown strings seen in Huawei output.
  { reason: 'admin down', kind: 'teardown', meaning: 'The interface or tunnel was shut down by an operator', shownOn: LOCAL, source: 'S2', runtimeOnly: true, check: 'Check the operation log.' },
  { reason: 'forward down', kind: 'teardown', meaning: 'The forwarding path went down', shownOn: LOCAL, source: 'S2', runtimeOnly: true, check: 'Check the interface and link state at that time.' },
  { reason: 'reset sa by ike user', kind: 'teardown', meaning: 'An operator reset the SA', shownOn: LOCAL, source: 'S2', runtimeOnly: true, check: 'Check the operation log.' },
];

/** Case, hyphens, underscores and runs of spaces do not matter ("malformed-message" = "malformed message"). */
export function normaliseReason(text: string): string {
  return text.toLowerCase().replace(/[-_\s]+/g, ' ').trim();
}

const BY_NAME = new Map<string, HuaweiReason>();
for (const row of HUAWEI_REASONS) for (const name of [row.reason, ...(row.aliases ?? [])]) BY_NAME.set(normaliseReason(name), row);

/** The table row of a reason as printed by a device, or undefined: an unknown reason is never guessed. */
export function findReason(text: string): HuaweiReason | undefined {
  return BY_NAME.get(normaliseReason(text));
}

/** Every spelling the table accepts, normalised (for tests and the did-you-mean of the CLI). */
export function reasonNames(): string[] {
  return [...BY_NAME.keys()];
}

interface MetaWithReasons {
  id: string;
  reasons?: readonly string[];
}

/** The rules whose meta names this reason (any of its spellings), by id. */
export function rulesForReason(row: HuaweiReason, metas: Iterable<MetaWithReasons>): string[] {
  const ids: string[] = [];
  for (const meta of metas) if ((meta.reasons ?? []).some((name) => findReason(name) === row)) ids.push(meta.id);
  return ids.sort();
}
