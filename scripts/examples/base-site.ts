/**
 * The one base site every example network is built from (configs-examples/<id>/example.jsonc):
 * a USG policy-based IPSec site with one peer — LAN behind GigabitEthernet1/0/1, the Internet on
 * GigabitEthernet1/0/0, IKEv1 main mode, DPD, security and NAT policies that let the protected flow
 * and IKE/ESP through. An example states only what its fault (and its fix) changes.
 *
 * Addresses are allocated, never written in an example: example block N gives side a
 * LAN 10.N.11.0/24 and WAN 203.0.N.16/28, side b LAN 10.N.21.0/24 and WAN 198.51.N.16/28; the fixed
 * network sits in slot 1 of the same block (LAN third octet +1, WAN +16) or in another block, so
 * that every example linted together as one network (`fwlint configs-examples/`) never collides.
 */

export type Side = 'a' | 'b';

/** Where one example network lives: its block and, within it, its slot (0 flagged, 1 fixed). */
export interface Allocation {
  block: number;
  slot: number;
}

export interface SiteAddresses {
  /** First three octets of the site's LAN /24 (its gateway is .1). */
  lan: string;
  /** The site's WAN address (first host of its /28). */
  wan: string;
  /** The next hop towards the Internet (the /28's last host). */
  gateway: string;
}

const WAN_PREFIX: Record<Side, string> = { a: '203.0', b: '198.51' };
const LAN_OCTET: Record<Side, number> = { a: 11, b: 21 };

export function siteAddresses(side: Side, at: Allocation): SiteAddresses {
  const base = 16 * (1 + at.slot);
  return {
    lan: `10.${at.block}.${LAN_OCTET[side] + at.slot}`,
    wan: `${WAN_PREFIX[side]}.${at.block}.${base + 1}`,
    gateway: `${WAN_PREFIX[side]}.${at.block}.${base + 14}`,
  };
}

export interface SiteParams {
  side: Side;
  sysname: string;
  /** The IKE peer's pre-shared key as stored (cipher text); never a real key. */
  key: string;
  /** The name of the IKE peer (and of the security-policy rules towards it). */
  peer: string;
}

export const DEFAULT_PEER: Record<Side, string> = { a: 'branch', b: 'hq' };

/** The base site's configuration text (LF, one trailing newline). */
export function baseSite(params: SiteParams, at: Allocation): string {
  const other: Side = params.side === 'a' ? 'b' : 'a';
  const self = siteAddresses(params.side, at);
  const peer = siteAddresses(other, at);
  const { peer: name } = params;
  return `!Software Version V500R005C10SPC300
#
 sysname ${params.sysname}
#
 ike dpd type periodic
 ike dpd idle-time 10
 ike dpd retransmit-interval 5
#
 firewall tcp-mss 1350
#
acl number 3000
 rule 5 permit ip source ${self.lan}.0 0.0.0.255 destination ${peer.lan}.0 0.0.0.255
#
ike proposal 10
 encryption-algorithm aes-256
 dh group14
 authentication-algorithm sha2-256
 authentication-method pre-share
 integrity-algorithm hmac-sha2-256
 prf hmac-sha2-256
#
ike peer ${name}
 undo version 2
 exchange-mode main
 pre-shared-key ${params.key}
 ike-proposal 10
 remote-address ${peer.wan}
 dpd type periodic
#
ipsec proposal p10
 encapsulation-mode tunnel
 esp authentication-algorithm sha2-256
 esp encryption-algorithm aes-256
#
ipsec policy map1 10 isakmp
 security acl 3000
 ike-peer ${name}
 proposal p10
 pfs dh-group14
 tunnel local ${self.wan}
 sa trigger-mode auto
 sa duration time-based 3600
#
interface GigabitEthernet1/0/0
 ip address ${self.wan} 255.255.255.240
 service-manage ping permit
 ipsec policy map1
#
interface GigabitEthernet1/0/1
 ip address ${self.lan}.1 255.255.255.0
#
firewall zone local
 set priority 100
#
firewall zone trust
 set priority 85
 add interface GigabitEthernet1/0/1
#
firewall zone untrust
 set priority 5
 add interface GigabitEthernet1/0/0
#
 ip route-static 0.0.0.0 0.0.0.0 ${self.gateway}
 ip route-static ${peer.lan}.0 255.255.255.0 ${self.gateway}
#
security-policy
 rule name trust-to-${name}
  source-zone trust
  destination-zone untrust
  source-address ${self.lan}.0 mask 255.255.255.0
  destination-address ${peer.lan}.0 mask 255.255.255.0
  action permit
 rule name ${name}-to-trust
  source-zone untrust
  destination-zone trust
  source-address ${peer.lan}.0 mask 255.255.255.0
  destination-address ${self.lan}.0 mask 255.255.255.0
  action permit
 rule name ike-esp-out
  source-zone local
  destination-zone untrust
  source-address ${self.wan} mask 255.255.255.255
  destination-address ${peer.wan} mask 255.255.255.255
  action permit
 rule name ike-esp-in
  source-zone untrust
  destination-zone local
  source-address ${peer.wan} mask 255.255.255.255
  destination-address ${self.wan} mask 255.255.255.255
  action permit
#
nat-policy
 rule name no-nat-vpn
  source-zone trust
  destination-zone untrust
  source-address ${self.lan}.0 mask 255.255.255.0
  destination-address ${peer.lan}.0 mask 255.255.255.0
  action no-nat
 rule name internet
  source-zone trust
  egress-interface GigabitEthernet1/0/0
  source-address ${self.lan}.0 mask 255.255.255.0
  action source-nat easy-ip
#
return
`;
}

/**
 * The same text moved from one allocation to another: every address of the `from` block's slot
 * (10.N.x1.h LANs, the /28 WANs of 203.0, 198.51, 192.168 and 192.0) to the matching address of
 * `to`, and "flagged" to "fixed" in names. Addresses outside the allocation are left alone.
 */
export function relocate(text: string, from: Allocation, to: Allocation): string {
  const lan = new RegExp(`\\b10\\.${from.block}\\.(\\d{1,3})\\.(\\d{1,3})\\b`, 'g');
  const wan = new RegExp(`\\b(203\\.0|198\\.51|192\\.168|192\\.0)\\.${from.block}\\.(\\d{1,3})\\b`, 'g');
  const low = 16 * (1 + from.slot);
  return text
    .replace(lan, (whole, third: string, host: string) => {
      const octet = Number(third);
      if (octet % 10 !== 1 + from.slot) return `10.${to.block}.${octet}.${host}`;
      return `10.${to.block}.${octet - from.slot + to.slot}.${host}`;
    })
    .replace(wan, (whole, prefix: string, fourth: string) => {
      const host = Number(fourth);
      if (host < low || host >= low + 16) return `${prefix}.${to.block}.${host}`;
      return `${prefix}.${to.block}.${host + 16 * (to.slot - from.slot)}`;
    })
    .replace(/flagged/g, 'fixed');
}
