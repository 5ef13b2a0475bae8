// Synthetic Huawei USG configurations for benchmarks: a hub with many IPSec policies, filler ACL
// and security-policy rules, and matching spokes.

const ip = (n) => `${(n >>> 24) & 255}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
const subnet = (i) => ip((10 << 24) + (i << 8));
const remoteSubnet = (i) => ip((172 << 24) + (16 << 16) + (i << 8));

/** A hub with `policies` IPSec policies (one ACL, IKE peer and policy entry each) plus filler rules. */
export function generateHub({ policies = 10, aclRules = 0, securityRules = 0 } = {}) {
  const out = ['#', ' sysname HUB', '#', 'ike proposal 10', ' encryption-algorithm aes-256', ' dh group14',
    ' authentication-algorithm sha2-256', ' authentication-method pre-share', ' integrity-algorithm hmac-sha2-256',
    ' prf hmac-sha2-256', '#', 'ipsec proposal p10', ' esp authentication-algorithm sha2-256', ' esp encryption-algorithm aes-256', '#'];
  for (let i = 0; i < policies; i++) {
    out.push(`acl number ${3000 + (i % 999)}${i >= 999 ? '' : ''}`.replace(/^acl number (\d+)$/, `acl name SPOKE-${i} advance`));
    out.push(` rule 5 permit ip source ${subnet(1)} 0.0.0.255 destination ${remoteSubnet(i)} 0.0.0.255`, '#');
    out.push(`ike peer spoke${i}`, ` pre-shared-key %^%#${'x'.repeat(40)}%^%#`, ' ike-proposal 10', ` remote-address ${ip((100 << 24) + i + 1)}`, '#');
    out.push(`ipsec policy map1 ${i + 1} isakmp`, ` security acl SPOKE-${i}`, ` ike-peer spoke${i}`, ' proposal p10', ' sa trigger-mode auto', '#');
  }
  out.push('acl number 3999');
  for (let i = 0; i < aclRules; i++) {
    out.push(` rule ${(i + 1) * 5} permit tcp source ${subnet(i % 250)} 0.0.0.255 destination ${remoteSubnet(i % 250)} 0.0.0.255 destination-port eq ${1024 + (i % 5000)}`);
  }
  out.push('#', 'security-policy');
  for (let i = 0; i < securityRules; i++) {
    out.push(` rule name r${i}`, '  source-zone trust', '  destination-zone untrust', `  source-address ${subnet(i % 250)} mask 255.255.255.0`,
      `  destination-address ${remoteSubnet(i % 250)} mask 255.255.255.0`, '  service http', '  action permit');
  }
  out.push('#', 'interface GigabitEthernet1/0/0', ' ip address 100.0.0.1 255.255.255.0', ' ipsec policy map1', '#', 'return');
  return out.join('\n') + '\n';
}

/** Spoke `i` of `generateHub`. */
export function generateSpoke(i) {
  return ['#', ` sysname SPOKE${i}`, '#', 'acl number 3000',
    ` rule 5 permit ip source ${remoteSubnet(i)} 0.0.0.255 destination ${subnet(1)} 0.0.0.255`, '#',
    'ike peer hub', ` pre-shared-key %^%#${'y'.repeat(40)}%^%#`, ' remote-address 100.0.0.1', '#',
    'ipsec proposal p10', ' esp authentication-algorithm sha2-256', ' esp encryption-algorithm aes-256', '#',
    'ipsec policy map1 10 isakmp', ' security acl 3000', ' ike-peer hub', ' proposal p10', '#',
    'interface GigabitEthernet1/0/0', ` ip address ${ip((100 << 24) + i + 1)} 255.255.255.0`, ' ipsec policy map1', '#', 'return', ''].join('\n');
}
