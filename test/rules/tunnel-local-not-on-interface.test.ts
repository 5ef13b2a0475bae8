import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allCorpusFiles, corpus, examplesDir, lint, lintInputs, readConfigDir } from '../helpers/rule-harness.js';
import { at, ruleTester } from '../helpers/rule-tester.js';
import { siteA, siteB } from '../helpers/site-config.js';

const RULE = 'tunnel-local-not-on-interface';
const dir = path.join(examplesDir, RULE);

/** Replace text in an input. */
const edit = (input: { file: string; text: string }, from: string, to: string) => {
  if (!input.text.includes(from)) throw new Error(`not in ${input.file}: ${from}`);
  return { file: input.file, text: input.text.replace(from, to) };
};

describe(RULE, () => {
  const manual = {
    file: 'm.cfg',
    text: [
      '#', ' sysname RouterA', '#',
      'acl number 3101', ' rule 5 permit ip source 10.1.1.0 0.0.0.255 destination 10.1.2.0 0.0.0.255', '#',
      'ipsec proposal tran1', ' esp authentication-algorithm sha2-256', ' esp encryption-algorithm aes-128', '#',
      'ipsec policy map1 10 manual', ' security acl 3101', ' proposal tran1', ' tunnel remote 192.168.1.2', ' tunnel local 192.168.1.11',
      ' sa spi outbound esp 12345', ' sa spi inbound esp 54321', '#',
      'interface GigabitEthernet1/0/0', ' ip address 192.168.1.1 255.255.255.0', ' ipsec policy map1', '#', 'return', '',
    ].join('\n'),
  };
  const lan = () => siteA({ tunnelLocal: '10.1.1.1' });

  ruleTester(RULE, {
    fixedExample: true,
    documentationSets: true,
    valid: [
      { name: 'is quiet on every corpus file', inputs: () => corpus(...allCorpusFiles()) },
      { name: 'accepts a sub address', inputs: () => [siteA({ subAddresses: ['203.0.113.5'], tunnelLocal: '203.0.113.5' }), siteB({ remoteAddresses: ['203.0.113.5'] })] },
      { name: 'accepts applied-interface', inputs: () => [siteA({ tunnelLocal: 'applied-interface' })] },
      {
        name: 'accepts a loopback address',
        inputs: () => [edit(siteA({ tunnelLocal: '192.0.2.1' }), 'interface GigabitEthernet1/0/1', 'interface LoopBack0\n ip address 192.0.2.1 255.255.255.255\n#\ninterface GigabitEthernet1/0/1')],
      },
      {
        name: 'accepts a VRRP virtual address',
        inputs: () => [edit(siteA({ tunnelLocal: '203.0.113.10' }), ' ipsec policy map1\n', ' vrrp vrid 1 virtual-ip 203.0.113.10 active\n ipsec policy map1\n')],
      },
      {
        // A route to the peer through the owning interface: it can send towards the peer.
        name: 'is quiet on a LAN address when the route to the peer uses its interface',
        inputs: () => [edit(lan(), ' ip route-static 0.0.0.0 0.0.0.0 203.0.113.14', ' ip route-static 198.51.100.0 255.255.255.240 10.1.1.254\n ip route-static 0.0.0.0 0.0.0.0 203.0.113.14')],
      },
      // A template responder has no peer address to route to: not judged.
      { name: 'does not judge the interface of a template responder', inputs: () => [siteA({ mode: 'template', remoteAddresses: [], tunnelLocal: '10.1.1.1' })] },
    ],
    invalid: [
      {
        name: 'reports the tunnel local line of the flagged end, suggesting the bound interface address',
        inputs: () => readConfigDir(path.join(dir, 'flagged')),
        findings: ([a]) => [{ ...at(a, ' tunnel local 203.0.62.71'), severity: 'error', objectPath: 'ipsec-policy:map1/10/tunnel-local' }],
      },
      {
        name: 'flags a template policy',
        inputs: () => [siteA({ mode: 'template', remoteAddresses: [], tunnelLocal: '192.0.2.9' })],
        findings: ([t]) => [{ ...at(t, ' tunnel local 192.0.2.9'), message: 'IPSec policy template "tpl1 10"' }],
      },
      { name: 'flags a manual policy', inputs: [manual], findings: [at(manual, ' tunnel local 192.168.1.11')] },
      {
        name: 'flags an address of an interface that does not face the peer (the LAN interface)',
        inputs: () => [lan(), siteB()],
        findings: ([a]) => [
          {
            ...at(a, ' tunnel local 10.1.1.1'),
            severity: 'error',
            message: '"tunnel local 10.1.1.1", an address of GigabitEthernet1/0/1, but the policy is applied to GigabitEthernet1/0/0 and the route to the peer leaves through GigabitEthernet1/0/0',
          },
        ],
      },
    ],
  });

  it('names the bound interface address in the message', () => {
    const findings = lint(readConfigDir(path.join(dir, 'flagged')), [RULE]);
    expect(findings[0].message).toBe(
      'IPSec policy "map1 10" has "tunnel local 203.0.62.71", but 203.0.62.71 is not an address of any interface of this device (interface, sub, loopback or VRRP virtual address), so its IKE and IPSec packets cannot be sent from that source, or leave with a source the peer does not expect, and negotiation fails ("local address mismatch"). Change it to "tunnel local 203.0.62.17" (the address of GigabitEthernet1/0/0), or "tunnel local applied-interface".',
    );
  });

  it('does not check when an interface gets its address at runtime, and says so', () => {
    const dialer = edit(siteA({ tunnelLocal: '192.0.2.77' }), 'interface GigabitEthernet1/0/1', 'interface Dialer1\n ip address ppp-negotiate\n#\ninterface GigabitEthernet1/0/1');
    const outcome = lintInputs([dialer], [RULE]);
    expect(outcome.findings).toEqual([]);
    expect(outcome.notes.map((n) => n.message)).toContainEqual(expect.stringContaining('Dialer1 gets its address by ppp-negotiate'));
  });
});
