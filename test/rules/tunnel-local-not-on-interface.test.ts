import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allCorpusFiles, corpus, examplesDir, expectSilentOnFixedAndDocs, lineOf, lint, lintInputs, readConfigDir } from '../helpers/rule-harness.js';
import { siteA, siteB } from '../helpers/site-config.js';

const RULE = 'tunnel-local-not-on-interface';
const dir = path.join(examplesDir, RULE);

/** Replace text in an input. */
const edit = (input: { file: string; text: string }, from: string, to: string) => {
  if (!input.text.includes(from)) throw new Error(`not in ${input.file}: ${from}`);
  return { file: input.file, text: input.text.replace(from, to) };
};

describe(RULE, () => {
  it('reports the tunnel local line of the flagged end, suggesting the bound interface address', () => {
    const [a, b] = readConfigDir(path.join(dir, 'flagged'));
    const findings = lint([a, b], [RULE]);
    expect(findings).toEqual([
      expect.objectContaining({ file: a.file, line: lineOf(a.text, ' tunnel local 203.0.62.71'), severity: 'error', objectPath: 'ipsec-policy:map1/10/tunnel-local' }),
    ]);
    expect(findings[0].message).toBe(
      'IPSec policy "map1 10" has "tunnel local 203.0.62.71", but 203.0.62.71 is not an address of any interface of this device (interface, sub, loopback or VRRP virtual address), so its IKE and IPSec packets cannot be sent from that source, or leave with a source the peer does not expect, and negotiation fails ("local address mismatch"). Change it to "tunnel local 203.0.62.17" (the address of GigabitEthernet1/0/0), or "tunnel local applied-interface".',
    );
  });

  it('is quiet on the fixed example, the corpus documentation pairs and every corpus file', () => {
    expectSilentOnFixedAndDocs(RULE);
    expect(lint(corpus(...allCorpusFiles()), [RULE])).toEqual([]);
  });

  it('flags a template and a manual policy written differently', () => {
    const template = siteA({ mode: 'template', remoteAddresses: [], tunnelLocal: '192.0.2.9' });
    expect(lint([template], [RULE])).toEqual([
      expect.objectContaining({ line: lineOf(template.text, ' tunnel local 192.0.2.9'), message: expect.stringContaining('IPSec policy template "tpl1 10"') }),
    ]);
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
    expect(lint([manual], [RULE])).toEqual([expect.objectContaining({ line: lineOf(manual.text, ' tunnel local 192.168.1.11') })]);
  });

  it('accepts sub, loopback and VRRP virtual addresses and applied-interface', () => {
    expect(lint([siteA({ subAddresses: ['203.0.113.5'], tunnelLocal: '203.0.113.5' }), siteB({ remoteAddresses: ['203.0.113.5'] })], [RULE])).toEqual([]);
    expect(lint([siteA({ tunnelLocal: 'applied-interface' })], [RULE])).toEqual([]);
    const loopback = edit(siteA({ tunnelLocal: '192.0.2.1' }), 'interface GigabitEthernet1/0/1', 'interface LoopBack0\n ip address 192.0.2.1 255.255.255.255\n#\ninterface GigabitEthernet1/0/1');
    expect(lint([loopback], [RULE])).toEqual([]);
    const vrrp = edit(siteA({ tunnelLocal: '203.0.113.10' }), ' ipsec policy map1\n', ' vrrp vrid 1 virtual-ip 203.0.113.10 active\n ipsec policy map1\n');
    expect(lint([vrrp], [RULE])).toEqual([]);
  });

  it('flags an address of an interface that does not face the peer (the LAN interface), quiet when the route to the peer uses it', () => {
    const lan = siteA({ tunnelLocal: '10.1.1.1' });
    const findings = lint([lan, siteB()], [RULE]);
    expect(findings).toEqual([expect.objectContaining({ file: 'a.cfg', line: lineOf(lan.text, ' tunnel local 10.1.1.1'), severity: 'error' })]);
    expect(findings[0].message).toContain(
      '"tunnel local 10.1.1.1", an address of GigabitEthernet1/0/1, but the policy is applied to GigabitEthernet1/0/0 and the route to the peer leaves through GigabitEthernet1/0/0',
    );
    // A route to the peer through the owning interface: it can send towards the peer.
    const routed = edit(lan, ' ip route-static 0.0.0.0 0.0.0.0 203.0.113.14', ' ip route-static 198.51.100.0 255.255.255.240 10.1.1.254\n ip route-static 0.0.0.0 0.0.0.0 203.0.113.14');
    expect(lint([routed], [RULE])).toEqual([]);
    // A template responder has no peer address to route to: not judged.
    expect(lint([siteA({ mode: 'template', remoteAddresses: [], tunnelLocal: '10.1.1.1' })], [RULE])).toEqual([]);
  });

  it('does not check when an interface gets its address at runtime, and says so', () => {
    const dialer = edit(siteA({ tunnelLocal: '192.0.2.77' }), 'interface GigabitEthernet1/0/1', 'interface Dialer1\n ip address ppp-negotiate\n#\ninterface GigabitEthernet1/0/1');
    const outcome = lintInputs([dialer], [RULE]);
    expect(outcome.findings).toEqual([]);
    expect(outcome.notes.map((n) => n.message)).toContainEqual(expect.stringContaining('Dialer1 gets its address by ppp-negotiate'));
  });
});
