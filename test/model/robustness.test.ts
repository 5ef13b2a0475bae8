import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deviceFrom, ip } from './helpers.js';

const LINES = [
  '#',
  'ipsec policy m 10 isakmp',
  'ipsec policy m 20 isakmp template t',
  'ipsec policy m 30 manual',
  'ipsec policy-template t 1',
  ' ike-peer p',
  ' ike-peer q',
  ' security acl 3000',
  ' proposal x',
  ' tunnel local applied-interface',
  ' tunnel local 1.1.1.1',
  ' tunnel remote 2.2.2.2',
  'ike peer p',
  ' remote-address 2.2.2.2',
  ' ike-proposal 99',
  'acl number 3000',
  ' rule 5 permit ip source 10.0.0.0 0.255.0.255 destination any',
  ' rule 10 deny ip',
  'interface GigabitEthernet0/0/1',
  ' ip address 1.1.1.1 255.255.255.0',
  ' ip address ppp-negotiate',
  ' ipsec policy m',
  ' nat outbound 3000',
  'ip address-set a type group',
  ' address 0 address-set a',
  'nat-policy',
  ' rule name r',
  '  source-address address-set a',
  '  service nothing',
  '  action source-nat easy-ip',
  'ip route-static 0.0.0.0 0.0.0.0 1.1.1.254',
  'return',
];

describe('buildDevice robustness', () => {
  it('never throws on arbitrary mixes of statements', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...LINES), { maxLength: 40 }), (lines) => {
        const device = deviceFrom(lines.join('\n') + '\n');
        for (const entry of device.entries) {
          device.evaluateSourceNat(entry.protectedFlows, {});
          device.evaluateSecurityPolicy(entry.protectedFlows, 'trust', 'untrust');
          for (const target of entry.remoteTargets) device.routeFor(target.address);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('explains an unknown local address (ppp-negotiate) and keeps the bind option', () => {
    const device = deviceFrom(`#
ike peer p
 remote-address 2.2.2.2
#
ipsec policy m 10 isakmp
 ike-peer p
#
interface Dialer1
 ip address ppp-negotiate
 ipsec policy m auto-neg
#
return
`);
    const entry = device.policyGroup('m')!.entries[0];
    expect(entry.localAddress.value).toEqual({ source: 'unknown' });
    expect(entry.localAddress.reason).toContain('ppp-negotiate');
    expect(entry.bindOption?.value).toBe('auto-neg');
  });

  it('applied-interface resolves to the bound interface and VRRP addresses are local', () => {
    const device = deviceFrom(`!Software Version V500R005C10
#
ipsec policy m 10 isakmp
 tunnel local applied-interface
#
interface GigabitEthernet1/0/0
 ip address 1.1.1.2 255.255.255.0
 vrrp vrid 1 virtual-ip 1.1.1.1 255.255.255.0 active
 ipsec policy m
#
return
`);
    expect(device.policyGroup('m')!.entries[0].localAddress.value).toMatchObject({ value: ip('1.1.1.2') });
    expect(device.ownerFacts(ip('1.1.1.1')).map((f) => f.kind)).toEqual(['vrrp']);
    expect(device.ownerFacts(ip('1.1.1.1'))[0].private).toBe(false);
  });
});

describe('address-set expansion limits', () => {
  it('expands a diamond-shaped nesting once per set and a deep chain without recursion', () => {
    let text = '!Software Version V500R005C10\n#\n';
    for (let i = 0; i < 40; i++) {
      text += `ip address-set s${i} type group\n address 0 address-set s${i + 1}\n address 1 address-set s${i + 1}\n#\n`;
    }
    text += 'ip address-set s40 type object\n address 0 10.0.0.0 mask 24\n#\nreturn\n';
    const device = deviceFrom(text);
    expect(device.expandAddressSet('s0')).toEqual({ members: [expect.objectContaining({ form: 'wildcard' })], unresolved: [] });
  });
});
