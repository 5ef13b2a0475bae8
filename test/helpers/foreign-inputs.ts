/**
 * Realistic files that are not Huawei VRP configurations, as they reach fwlint in a repository:
 * other vendors' exports (each with the IPSec tunnel fwlint would otherwise look for), an Ansible
 * inventory and playbook, and notes. Kept as strings, not as files, so that no walk of this
 * repository (fwlint ., the pre-commit hook) ever picks them up. Addresses are documentation ranges;
 * secrets are placeholders.
 */

/** Junos `show configuration | display set` on an SRX branch. */
export const JUNIPER_SET = `set version 20.4R3.8
set system host-name srx-branch1
set system root-authentication encrypted-password "$6$placeholder"
set system services ssh
set interfaces ge-0/0/0 unit 0 family inet address 198.51.100.2/30
set interfaces ge-0/0/1 unit 0 family inet address 10.20.0.1/24
set interfaces st0 unit 0 family inet
set routing-options static route 0.0.0.0/0 next-hop 198.51.100.1
set routing-options static route 10.10.0.0/24 next-hop st0.0
set security ike proposal IKE-AES256 authentication-method pre-shared-keys
set security ike proposal IKE-AES256 dh-group group14
set security ike proposal IKE-AES256 encryption-algorithm aes-256-cbc
set security ike policy IKE-POL mode main
set security ike policy IKE-POL proposals IKE-AES256
set security ike policy IKE-POL pre-shared-key ascii-text "$9$placeholder"
set security ike gateway HQ ike-policy IKE-POL
set security ike gateway HQ address 203.0.113.1
set security ike gateway HQ external-interface ge-0/0/0.0
set security ipsec proposal ESP-AES256 protocol esp
set security ipsec policy IPSEC-POL proposals ESP-AES256
set security ipsec vpn TO-HQ bind-interface st0.0
set security ipsec vpn TO-HQ ike gateway HQ
set security ipsec vpn TO-HQ ike ipsec-policy IPSEC-POL
set security ipsec vpn TO-HQ establish-tunnels immediately
set security zones security-zone untrust interfaces ge-0/0/0.0 host-inbound-traffic system-services ike
set security zones security-zone vpn interfaces st0.0
`;

/** The same SRX in Junos curly-brace syntax (`show configuration`). */
export const JUNIPER_CURLY = `## Last commit: 2024-05-10 14:02:11 UTC by admin
version 20.4R3.8;
system {
    host-name srx-branch1;
    services {
        ssh;
    }
}
interfaces {
    ge-0/0/0 {
        unit 0 {
            family inet {
                address 198.51.100.2/30;
            }
        }
    }
    st0 {
        unit 0 {
            family inet;
        }
    }
}
security {
    ike {
        proposal IKE-AES256 {
            authentication-method pre-shared-keys;
            dh-group group14;
            encryption-algorithm aes-256-cbc;
        }
        policy IKE-POL {
            mode main;
            proposals IKE-AES256;
            pre-shared-key ascii-text "$9$placeholder"; ## SECRET-DATA
        }
        gateway HQ {
            ike-policy IKE-POL;
            address 203.0.113.1;
            external-interface ge-0/0/0.0;
        }
    }
    ipsec {
        vpn TO-HQ {
            bind-interface st0.0;
            ike {
                gateway HQ;
                ipsec-policy IPSEC-POL;
            }
        }
    }
}
`;

/** PAN-OS `show config running` in set format (`set cli config-output-format set`). */
export const PANOS_SET = `set deviceconfig system hostname PA-BRANCH1
set deviceconfig system ip-address 192.0.2.10
set network interface ethernet ethernet1/1 layer3 ip 198.51.100.2/30
set network interface ethernet ethernet1/2 layer3 ip 10.20.0.1/24
set network interface tunnel units tunnel.1
set network ike crypto-profiles ike-crypto-profiles IKE-AES256 encryption aes-256-cbc
set network ike crypto-profiles ike-crypto-profiles IKE-AES256 dh-group group14
set network ike gateway GW-HQ authentication pre-shared-key key placeholder
set network ike gateway GW-HQ local-address interface ethernet1/1
set network ike gateway GW-HQ peer-address ip 203.0.113.1
set network tunnel ipsec TUN-HQ auto-key ike-gateway GW-HQ
set network tunnel ipsec TUN-HQ tunnel-interface tunnel.1
set network virtual-router default routing-table ip static-route to-hq destination 10.10.0.0/24 interface tunnel.1
set zone untrust network layer3 ethernet1/1
set zone vpn network layer3 tunnel.1
set rulebase security rules allow-vpn from vpn to trust source any destination any application any service any action allow
`;

/** A PAN-OS running-config.xml export. */
export const PANOS_XML = `<?xml version="1.0"?>
<config version="10.1.0" urldb="paloaltonetworks" detail-version="10.1.6">
  <mgt-config>
    <users>
      <entry name="admin">
        <phash>placeholder</phash>
      </entry>
    </users>
  </mgt-config>
  <devices>
    <entry name="localhost.localdomain">
      <network>
        <ike>
          <gateway>
            <entry name="GW-HQ">
              <peer-address>
                <ip>203.0.113.1</ip>
              </peer-address>
            </entry>
          </gateway>
        </ike>
      </network>
      <deviceconfig>
        <system>
          <hostname>PA-BRANCH1</hostname>
        </system>
      </deviceconfig>
    </entry>
  </devices>
</config>
`;

/** A FortiGate `show full-configuration` backup (excerpt). */
export const FORTIOS = `#config-version=FGT60F-7.0.12-FW-build0523-230508:opmode=0:vdom=0:user=admin
#conf_file_ver=42
#buildno=0523
#global_vdom=1
config system global
    set hostname "FGT-BRANCH1"
    set timezone 04
end
config system interface
    edit "wan1"
        set vdom "root"
        set ip 198.51.100.2 255.255.255.252
        set allowaccess ping https ssh
        set type physical
    next
    edit "to-hq"
        set vdom "root"
        set type tunnel
        set interface "wan1"
    next
end
config vpn ipsec phase1-interface
    edit "to-hq"
        set interface "wan1"
        set peertype any
        set proposal aes256-sha256
        set dhgrp 14
        set remote-gw 203.0.113.1
        set psksecret ENC placeholder
    next
end
config vpn ipsec phase2-interface
    edit "to-hq"
        set phase1name "to-hq"
        set proposal aes256-sha256
        set src-subnet 10.20.0.0 255.255.255.0
        set dst-subnet 10.10.0.0 255.255.255.0
    next
end
config firewall policy
    edit 1
        set name "lan-to-hq"
        set srcintf "internal"
        set dstintf "to-hq"
        set srcaddr "all"
        set dstaddr "all"
        set action accept
        set schedule "always"
        set service "ALL"
    next
end
config router static
    edit 1
        set dst 10.10.0.0 255.255.255.0
        set device "to-hq"
    next
end
`;

/** Only a policy block, without the backup header: what someone pastes into a ticket or a repository. */
export const FORTIOS_POLICY_ONLY = `config firewall policy
    edit 1
        set srcintf "port1"
        set dstintf "port2"
        set srcaddr "all"
        set dstaddr "all"
        set action accept
        set service "ALL"
    next
end
`;

/** MikroTik RouterOS `/export`. */
export const MIKROTIK = `# jan/02/2024 10:15:42 by RouterOS 7.12.1
# software id = ABCD-1234
#
# model = RB4011iGS+
# serial number = HCT08ABCDEF
/interface bridge
add name=bridge-lan
/interface ethernet
set [ find default-name=ether1 ] comment=WAN
/ip address
add address=198.51.100.2/30 interface=ether1 network=198.51.100.0
add address=10.20.0.1/24 interface=bridge-lan network=10.20.0.0
/ip ipsec profile
add dh-group=modp2048 enc-algorithm=aes-256 hash-algorithm=sha256 name=to-hq
/ip ipsec peer
add address=203.0.113.1/32 name=hq profile=to-hq
/ip ipsec proposal
set [ find default=yes ] enc-algorithms=aes-256-cbc pfs-group=modp2048
/ip ipsec identity
add peer=hq secret=placeholder
/ip ipsec policy
add dst-address=10.10.0.0/24 peer=hq src-address=10.20.0.0/24 tunnel=yes
/ip firewall nat
add action=accept chain=srcnat dst-address=10.10.0.0/24 src-address=10.20.0.0/24
add action=masquerade chain=srcnat out-interface=ether1
/ip route
add distance=1 gateway=198.51.100.1
/system identity
set name=MT-BRANCH1
`;

/** The one-line form: a command per line, with its menu. */
export const MIKROTIK_ONE_LINE = `/ip address add address=10.20.0.1/24 interface=ether2
/ip ipsec peer add address=203.0.113.1/32 name=hq
/ip route add dst-address=0.0.0.0/0 gateway=198.51.100.1
`;

/** An Ansible inventory next to the configurations. */
export const YAML_INVENTORY = `---
all:
  children:
    firewalls:
      hosts:
        fw-hq:
          ansible_host: 203.0.113.1
          ansible_network_os: ce
        fw-branch1:
          ansible_host: 198.51.100.2
          ansible_network_os: ce
      vars:
        ansible_connection: network_cli
        ansible_user: netops
`;

/** An Ansible playbook pushing VRP commands: YAML, even though VRP lines appear in it. */
export const YAML_PLAYBOOK = `- name: Configure IPSec on the Huawei firewalls
  hosts: firewalls
  gather_facts: false
  tasks:
    - name: Push the IKE peer
      community.network.ce_config:
        lines:
          - ike peer hq
          - pre-shared-key cipher placeholder
          - remote-address 203.0.113.1
        parents: system-view
`;

/** Notes kept as notes.txt beside the configurations (a *.txt file the default globs pick up). */
export const PROSE_NOTES = `Branch office VPN rollout notes

The tunnel between the headquarters and branch 1 was moved to the new
firewall on Monday. Both ends now use IKEv2 with AES-256 and SHA-256.
If the tunnel goes down, check the pre-shared key on both devices first,
then the security policy between the untrust and local zones.

Open items:
1. Replace the old router in branch 2 before the end of the quarter.
2. Ask the provider for a second public address.

Contact the network team (netops@example.com) with any questions.
`;

/** A Markdown README saved as .txt. */
export const PROSE_MARKDOWN = `# Firewall configurations

This directory holds the running configurations of every site, exported each night.

- Do not edit these files by hand: the export overwrites them.
- Changes go through the change board first.

See the wiki for the addressing plan.
`;

export const FOREIGN_INPUTS: { name: string; text: string; message: string }[] = [
  { name: 'Juniper Junos, set syntax', text: JUNIPER_SET, message: 'this looks like a Juniper Junos configuration, not Huawei VRP' },
  { name: 'Juniper Junos, curly syntax', text: JUNIPER_CURLY, message: 'this looks like a Juniper Junos configuration, not Huawei VRP' },
  { name: 'PAN-OS, set format', text: PANOS_SET, message: 'this looks like a Palo Alto Networks PAN-OS configuration, not Huawei VRP' },
  { name: 'PAN-OS, XML export', text: PANOS_XML, message: 'this looks like a Palo Alto Networks PAN-OS configuration, not Huawei VRP' },
  { name: 'FortiOS backup', text: FORTIOS, message: 'this looks like a Fortinet FortiOS configuration, not Huawei VRP' },
  { name: 'FortiOS policy block', text: FORTIOS_POLICY_ONLY, message: 'this looks like a Fortinet FortiOS configuration, not Huawei VRP' },
  { name: 'MikroTik /export', text: MIKROTIK, message: 'this looks like a MikroTik RouterOS configuration, not Huawei VRP' },
  { name: 'MikroTik one-line commands', text: MIKROTIK_ONE_LINE, message: 'this looks like a MikroTik RouterOS configuration, not Huawei VRP' },
  { name: 'YAML inventory', text: YAML_INVENTORY, message: 'this looks like YAML, not a Huawei VRP configuration' },
  { name: 'YAML playbook', text: YAML_PLAYBOOK, message: 'this looks like YAML, not a Huawei VRP configuration' },
  { name: 'prose notes', text: PROSE_NOTES, message: 'this looks like prose (plain text), not a Huawei VRP configuration' },
  { name: 'Markdown notes', text: PROSE_MARKDOWN, message: 'this looks like prose (plain text), not a Huawei VRP configuration' },
];
