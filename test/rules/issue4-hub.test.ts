import { describe, expect, it } from 'vitest';
import { lint, type Input } from '../helpers/rule-harness.js';
import { siteConfig } from '../helpers/site-config.js';

const RULES = ['ah-with-nat-traversal', 'sub-address-without-tunnel-local', 'template-policy-initiator', 'template-policy-name-collision'];
const SPOKES = 60;
const HUB_WAN = '203.0.113.1';

const spokeWan = (i: number) => `198.18.${i}.1`;
const spokeLan = (i: number) => `10.100.${i}.0/24`;

function spoke(i: number, mode: 'isakmp' | 'template', natted: boolean): Input {
  const wan = natted ? `192.168.${i}.2/24` : `${spokeWan(i)}/24`;
  const gateway = natted ? `192.168.${i}.1` : `198.18.${i}.254`;
  return {
    file: `spoke-${i}.cfg`,
    text: siteConfig({ sysname: `SPOKE-${i}`, wan, gateway, lan: spokeLan(i), remoteLan: '10.0.0.0/16', remoteAddresses: mode === 'isakmp' ? [HUB_WAN] : [], mode, transform: 'esp' }),
  };
}

function isakmpHub(): Input {
  const blocks: string[] = ['#', ' sysname HUB', '#'];
  for (let i = 1; i <= SPOKES; i++) {
    blocks.push(`acl number ${3000 + i}`, ` rule 5 permit ip source 10.0.0.0 0.0.255.255 destination 10.100.${i}.0 0.0.0.255`, '#');
    blocks.push(`ike peer spoke${i}`, ` pre-shared-key %^%#hubKey${i}x%^%#`, ` remote-address ${spokeWan(i)}`, '#');
  }
  blocks.push('ipsec proposal p10', ' esp authentication-algorithm sha2-256', ' esp encryption-algorithm aes-256', '#');
  for (let i = 1; i <= SPOKES; i++) {
    blocks.push(`ipsec policy hub ${i} isakmp`, ` security acl ${3000 + i}`, ` ike-peer spoke${i}`, ' proposal p10', '#');
  }
  blocks.push('interface GigabitEthernet1/0/0', ` ip address ${HUB_WAN} 255.255.255.240`, ' ipsec policy hub', '#', 'return');
  return { file: 'hub.cfg', text: `${blocks.join('\n')}\n` };
}

describe('issue 4 rules on a hub with many spokes', () => {
  it('a template responder hub with 60 initiating spokes (half behind NAT) produces no error', () => {
    const hub = {
      file: 'hub.cfg',
      text: siteConfig({ sysname: 'HUB', wan: `${HUB_WAN}/28`, gateway: '203.0.113.14', lan: '10.0.0.0/16', remoteLan: '10.100.0.0/16', mode: 'template', remoteAddresses: [] }),
    };
    const inputs = [hub, ...Array.from({ length: SPOKES }, (_, i) => spoke(i + 1, 'isakmp', i % 2 === 0))];
    const findings = lint(inputs, RULES);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(findings).toEqual([]);
  });

  it('an ISAKMP hub initiating towards 60 template spokes produces no error', () => {
    const inputs = [isakmpHub(), ...Array.from({ length: SPOKES }, (_, i) => spoke(i + 1, 'template', false))];
    expect(inputs[0].text).toContain(`ipsec policy hub ${SPOKES} isakmp`);
    expect(lint(inputs, RULES)).toEqual([]);
  });

  it('turning every spoke into a template responder is flagged once per spoke and once at the hub', () => {
    const hub = {
      file: 'hub.cfg',
      text: siteConfig({ sysname: 'HUB', wan: `${HUB_WAN}/28`, gateway: '203.0.113.14', lan: '10.0.0.0/16', remoteLan: '10.100.0.0/16', mode: 'template', remoteAddresses: [] }),
    };
    const spokes = Array.from({ length: SPOKES }, (_, i) => spoke(i + 1, 'template', false)).map((s) => ({
      ...s,
      text: s.text.replace(' ike-proposal 10\n', ` ike-proposal 10\n remote-address ${HUB_WAN}\n`),
    }));
    const findings = lint([hub, ...spokes], ['template-policy-initiator']);
    expect(findings).toHaveLength(SPOKES + 1);
    expect(new Set(findings.map((f) => f.file)).size).toBe(SPOKES + 1);
    const atHub = findings.find((f) => f.file === 'hub.cfg');
    expect(atHub?.message).toContain('SPOKE-1, SPOKE-2, SPOKE-3 and 57 more devices');
    expect(atHub?.related).toHaveLength(10);
  });
});
