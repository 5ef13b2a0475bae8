import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readLimited, type CliIo } from '../../src/cli/io.js';
import { run } from '../../src/cli/main.js';
import { siteConfig } from '../helpers/site-config.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixtures = 'test/fixtures/explain';

function fakeIo(stdin = ''): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    cwd: root,
    env: {},
    stdout: { write: (text: string) => out.push(text), isTTY: false },
    stderr: { write: (text: string) => err.push(text), isTTY: false },
    readStdin: (limit) => readLimited([new TextEncoder().encode(stdin)], limit),
    out,
    err,
  };
}

interface Explained {
  line: number;
  reason: string;
  peer: string;
  version: string | null;
  device: string | null;
  tunnel: { ends: { filePath: string; line: number }[] } | null;
  causes: { ruleId: string; filePath: string; line: number; column: number; message: string; related: { filePath: string; line: number }[] }[];
  runtimeOnly: boolean;
  advice: string;
}

async function explain(args: string[], stdin?: string): Promise<{ code: number; out: string; err: string }> {
  const io = fakeIo(stdin);
  const code = await run(['explain', '--no-config', '--no-context', ...args], io);
  return { code, out: io.out.join(''), err: io.err.join('') };
}

async function explainJson(runtime: string, configs: string): Promise<{ code: number; records: Explained[] }> {
  const { code, out, err } = await explain(['-f', 'json', `${fixtures}/runtime/${runtime}`, `${fixtures}/${configs}/fw1.cfg`, `${fixtures}/${configs}/fw2.cfg`]);
  expect(err).not.toMatch(/internal error/);
  return { code, records: JSON.parse(out) as Explained[] };
}

const fw1 = (configs: string): string => `${fixtures}/${configs}/fw1.cfg`;
const fw2 = (configs: string): string => `${fixtures}/${configs}/fw2.cfg`;

describe('fwlint explain on the guide\'s outputs', () => {
  it('phase1 proposal mismatch (guide l.1010-1019, on FW1): ike-proposal-mismatch with the lines of both ends; fixed, the causes hold', async () => {
    const flagged = await explainJson('error-info-phase1.txt', 'phase1-proposal/flagged');
    expect(flagged.code).toBe(0);
    expect(flagged.records).toHaveLength(2);
    const [first] = flagged.records;
    expect(first).toMatchObject({ line: 8, reason: 'phase1 proposal mismatch', peer: '2.1.1.1', version: 'v2', device: fw1('phase1-proposal/flagged'), runtimeOnly: false });
    expect(first.tunnel?.ends.map((end) => end.filePath)).toEqual([fw1('phase1-proposal/flagged'), fw2('phase1-proposal/flagged')]);
    expect(first.causes.map((c) => c.ruleId)).toContain('fwlint/ike-proposal-mismatch');
    const cause = first.causes.find((c) => c.ruleId === 'fwlint/ike-proposal-mismatch');
    const files = new Set([cause?.filePath, ...(cause?.related ?? []).map((r) => r.filePath)]);
    expect(files).toEqual(new Set([fw1('phase1-proposal/flagged'), fw2('phase1-proposal/flagged')]));

    const fixed = await explainJson('error-info-phase1.txt', 'phase1-proposal/fixed');
    expect(fixed.code).toBe(0);
    expect(fixed.records[0]).toMatchObject({ causes: [], runtimeOnly: true, device: fw1('phase1-proposal/fixed') });
    expect(fixed.records[0].tunnel).not.toBeNull();
    expect(fixed.records[0].advice).toMatch(/configurable causes fwlint checks \(fwlint\/ike-proposal-mismatch.*\) hold on this tunnel/);
  });

  it('flow or peer mismatch (guide l.1615-1624): security-acl-mismatch; fixed, the causes hold', async () => {
    const flagged = await explainJson('error-info-flow-or-peer.txt', 'acl-mismatch/flagged');
    expect(flagged.records[0].causes.map((c) => c.ruleId)).toContain('fwlint/security-acl-mismatch');
    expect(flagged.records[0].runtimeOnly).toBe(false);
    const fixed = await explainJson('error-info-flow-or-peer.txt', 'acl-mismatch/fixed');
    expect(fixed.records[0]).toMatchObject({ causes: [], runtimeOnly: true });
    expect(fixed.records[0].advice).toMatch(/fwlint\/remote-address-mismatch, fwlint\/security-acl-mismatch\) hold/);
  });

  it('the IPSECNEGOFAIL log (guide l.2842): host "sysname" is no device, so the device is the one candidate with a tunnel to 1.1.1.1', async () => {
    const flagged = await explainJson('log-negofail.txt', 'acl-mismatch/flagged');
    expect(flagged.code).toBe(0);
    expect(flagged.records[0]).toMatchObject({ line: 1, reason: 'acl configuration mismatch', peer: '1.1.1.1', version: null, device: fw2('acl-mismatch/flagged') });
    expect(flagged.records[0].causes.map((c) => c.ruleId)).toContain('fwlint/security-acl-mismatch');
    const text = await explain([`${fixtures}/runtime/log-negofail.txt`, fw1('acl-mismatch/flagged'), fw2('acl-mismatch/flagged')]);
    expect(text.out).toContain('= "flow or peer mismatch"');
    expect(text.out).toContain('the log host "sysname" is the sysname of no configuration in this run');
    expect(text.out).toContain(`the only candidate with a tunnel towards the peer (RUNTIME does not name a device; the devices owning no address 1.1.1.1: ${fw2("acl-mismatch/flagged")})`);
  });

  it('port mismatch after inbound sa miss (guide l.2606-2612, on FW2): nat-translates-ike-packets; fixed, the causes hold', async () => {
    const flagged = await explainJson('offline-info-port.txt', 'nat-port/flagged');
    expect(flagged.records[0]).toMatchObject({ reason: 'port mismatch after inbound sa miss', peer: '1.1.1.1', version: 'v1', device: fw2('nat-port/flagged') });
    expect(flagged.records[0].causes.map((c) => c.ruleId)).toContain('fwlint/nat-translates-ike-packets');
    expect(new Set(flagged.records[0].causes.map((c) => c.filePath))).toEqual(new Set([fw1('nat-port/flagged'), fw2('nat-port/flagged')]));
    const fixed = await explainJson('offline-info-port.txt', 'nat-port/fixed');
    expect(fixed.records[0]).toMatchObject({ causes: [], runtimeOnly: true });
  });

  it('peer address mismatch from a sub address (guide l.1184-1192, on FW2): sub-address-without-tunnel-local on FW1', async () => {
    const flagged = await explainJson('error-info-peer-address.txt', 'sub-address/flagged');
    expect(flagged.records[0]).toMatchObject({ peer: '1.1.1.5', device: fw2('sub-address/flagged') });
    expect(flagged.records[0].tunnel?.ends.map((e) => e.filePath)).toEqual([fw2('sub-address/flagged'), fw1('sub-address/flagged')]);
    expect(flagged.records[0].causes.map((c) => [c.ruleId, c.filePath])).toContainEqual(['fwlint/sub-address-without-tunnel-local', fw1('sub-address/flagged')]);
    const fixed = await explainJson('error-info-peer-address.txt', 'sub-address/fixed');
    expect(fixed.records[0]).toMatchObject({ causes: [], runtimeOnly: true });
  });

  it('phase1 hardware expire (guide l.2739-2746): the peer (a non-Huawei device) is not in the run, so no tunnel and exit 1', async () => {
    const { code, out } = await explain(['-f', 'json', `${fixtures}/runtime/offline-info-phase1-expire.txt`, fw2('acl-mismatch/flagged')]);
    expect(code).toBe(1);
    const records = JSON.parse(out) as Explained[];
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({ reason: 'phase1 hardware expire', peer: '1.1.1.1', version: 'v1', tunnel: null, causes: [], runtimeOnly: true });
    expect(records[0].advice).toContain('undo ikev1 phase1-phase2 sa dependent');
  });

  it('an empty display ike offline-info (guide l.2503) is read: no records, exit 0', async () => {
    const { code, out } = await explain([`${fixtures}/runtime/offline-info-empty.txt`, fw1('acl-mismatch/fixed'), fw2('acl-mismatch/fixed')]);
    expect(code).toBe(0);
    expect(out).toMatch(/no records/);
  });
});

describe('fwlint explain on reasons and bad input', () => {
  it('a bare reason prints its row and rules, exit 0; an unknown one is reported, exit 2', async () => {
    const known = await explain(['flow or peer mismatch']);
    expect(known.code).toBe(0);
    expect(known.out).toContain('fwlint/remote-address-mismatch, fwlint/security-acl-mismatch detect its configurable causes');
    const variant = await explain(['Malformed-Message']);
    expect(variant.out).toMatch(/^malformed message/);
    const unknown = await explain(['phase1 proposal mismatches']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toBe('fwlint: "phase1 proposal mismatches" is neither a readable file nor a reason Huawei documents (did you mean "phase1 proposal mismatch"?); "fwlint explain --list" prints the reasons\n');
  });

  it('--list prints every reason with its rules or "runtime only"', async () => {
    const { code, out } = await explain(['--list']);
    expect(code).toBe(0);
    expect(out).toMatch(/^ {2}cookie mismatch +runtime only$/m);
    expect(out).toMatch(/^ {2}phase1 proposal mismatch +ike-proposal-mismatch$/m);
    const json = JSON.parse((await explain(['--list', '-f', 'json'])).out) as { reason: string }[];
    expect(json.length).toBeGreaterThanOrEqual(70);
  });

  it('foreign or binary RUNTIME gives one line and exit 2; an unknown reason in a record is not guessed', async () => {
    const foreign = await explain(['-', fw1('acl-mismatch/fixed')], 'hello\nworld\n');
    expect(foreign.code).toBe(2);
    expect(foreign.err).toBe('fwlint: RUNTIME <stdin> holds no display ike error-info or display ike offline-info table and no IPSECNEGOFAIL, IPSEC_TUNNEL_TEARED_DOWN or IPSECTUNNELSTOP log line\n');
    const binary = await explain(['-', fw1('acl-mismatch/fixed')], 'a\0b\0c');
    expect(binary.code).toBe(2);
    expect(binary.err.split('\n')).toHaveLength(2);
    const odd = '<FW1> display ike error-info\n  peer  port  error-reason  version error-time\n  2.1.1.1  500  \x1b]52;c;aGk=\x07 lunar eclipse  v2  2017-09-05 15:22:32\n';
    const unknown = await explain(['-f', 'json', '-', fw1('acl-mismatch/fixed'), fw2('acl-mismatch/fixed')], odd);
    const [record] = JSON.parse(unknown.out) as Explained[];
    expect(record).toMatchObject({ causes: [], runtimeOnly: true });
    expect(record.advice).toMatch(/is not a reason in Huawei's fault cause reference/);
    const text = await explain(['-', fw1('acl-mismatch/fixed'), fw2('acl-mismatch/fixed')], odd);
    expect(text.out.includes('\x1b') || text.out.includes('\x07')).toBe(false);
    expect(text.out).toContain('\\x1b]52;c;aGk=\\x07');
  });

  it('reads records among pager remnants, prompts in views and log lines with an AR module name', async () => {
    const mixed = [
      '[FW1-ike-peer-b] quit',
      '<FW1> display ike error-info',
      '  ---- More ----\x1b[16D                \x1b[16D  2.1.1.1           500     flow or peer mismatch            v2      2017-09-05 15:22:32 ',
      '2024-05-01 10:00:00.123 FW1 %%01IPSEC-VPN/5/IPSEC_TUNNEL_TEARED_DOWN(l)[3]:An IPSec tunnel is teared down. (PolicyName=map1, IfIndex=5, SeqNum=10, RuleNum=5, SrcIP=1.1.1.1, DstIP=2.1.1.1, InboundSPI=1234, Slot=0, CpuID=0, OfflineReason=dpd timeout, State=Normal)',
    ].join('\n');
    const { records } = { records: JSON.parse((await explain(['-f', 'json', '-', fw1('acl-mismatch/flagged'), fw2('acl-mismatch/flagged')], mixed)).out) as Explained[] };
    expect(records.map((r) => [r.line, r.reason, r.device])).toEqual([
      [3, 'flow or peer mismatch', fw1('acl-mismatch/flagged')],
      [4, 'dpd timeout', fw1('acl-mismatch/flagged')],
    ]);
    expect(records[0].causes.map((c) => c.ruleId)).toContain('fwlint/security-acl-mismatch');
  });
});

describe('fwlint explain behind NAT (guide l.1711-1721)', () => {
  it('FW2\'s three records (1.1.1.1:2049 after NAT, the private 10.4.1.1 the ID carries) all name authentication-address-missing; with "remote-address authentication-address 10.4.1.1" they hold', async () => {
    const flagged = await explainJson('error-info-nat.txt', 'nat-id/flagged');
    expect(flagged.code).toBe(0);
    expect(flagged.records.map((r) => [r.reason, r.peer, r.device])).toEqual([
      ['authentication fail', '1.1.1.1', fw2('nat-id/flagged')],
      ['config ID mismatch', '1.1.1.1', fw2('nat-id/flagged')],
      ['peer address mismatch', '10.4.1.1', fw2('nat-id/flagged')],
    ]);
    for (const record of flagged.records) {
      expect(record.tunnel?.ends.map((e) => e.filePath)).toEqual([fw2('nat-id/flagged'), fw1('nat-id/flagged')]);
      expect(record.causes.map((c) => c.ruleId)).toContain('fwlint/authentication-address-missing');
    }
    const fixed = await explainJson('error-info-nat.txt', 'nat-id/fixed');
    for (const record of fixed.records) expect(record).toMatchObject({ causes: [], runtimeOnly: true });
  });
});

describe('which device printed it', () => {
  const log = 'Mar 8 2017 11:10:47 sysname IPSEC/4/IPSECNEGOFAIL:1.3.6.1.4.1.2011.6.122.26.6.14 IPSec tunnel negotiation fails. (Ifindex=12, SeqNum=0, Reason="flow mismatch", ReasonCode=4, PeerAddress=9.9.9.9, PeerPort=500)\n';

  it('two devices aim at the peer and RUNTIME names neither: both listed, no guess, exit 1; --device picks one', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fwlint-explain-'));
    const fw3 = path.join(dir, 'fw3.cfg');
    const fw4 = path.join(dir, 'fw4.cfg');
    writeFileSync(fw3, siteConfig({ sysname: 'FW3', wan: '3.1.1.1/24', gateway: '3.1.1.254', lan: '10.3.1.0/24', remoteLan: '10.9.1.0/24', remoteAddresses: ['9.9.9.9'] }));
    writeFileSync(fw4, siteConfig({ sysname: 'FW4', wan: '4.1.1.1/24', gateway: '4.1.1.254', lan: '10.4.1.0/24', remoteLan: '10.9.1.0/24', remoteAddresses: ['9.9.9.9'] }));
    const ambiguous = await explain(['-f', 'json', '-', fw3, fw4], log);
    expect(ambiguous.code).toBe(1);
    const [record] = JSON.parse(ambiguous.out) as (Explained & { candidates: string[]; noTunnel: string })[];
    expect(record.device).toBeNull();
    expect(record.tunnel).toBeNull();
    expect(record.candidates.map((file) => path.basename(file))).toEqual(['fw3.cfg', 'fw4.cfg']);
    expect(record.noTunnel).toMatch(/^RUNTIME does not say which device printed it, and 2 devices have a tunnel towards 9\.9\.9\.9 \(.*fw3\.cfg, .*fw4\.cfg\): name it with --device FILE$/);

    const chosen = await explain(['-f', 'json', '--device', path.relative(root, fw4), '-', fw3, fw4], log);
    const [picked] = JSON.parse(chosen.out) as (Explained & { noTunnel: string })[];
    expect(path.basename(picked.device ?? '')).toBe('fw4.cfg');
    expect(picked.noTunnel).toMatch(/ipsec policy map1 10 \(.*fw4\.cfg:\d+\) negotiates with 9\.9\.9\.9, but no configuration in this run owns that address/);
    const wrong = await explain(['--device', 'nowhere.cfg', '-', fw3, fw4], log);
    expect(wrong.code).toBe(2);
    expect(wrong.err).toMatch(/^fwlint: --device nowhere\.cfg is not one of the configurations read \(/);
  });

  it('--device wins over the prompt', async () => {
    const runtime = `${fixtures}/runtime/error-info-flow-or-peer.txt`;
    const { out } = await explain(['-f', 'json', '--device', fw2('acl-mismatch/flagged'), runtime, fw1('acl-mismatch/flagged'), fw2('acl-mismatch/flagged')]);
    const [record] = JSON.parse(out) as (Explained & { noTunnel: string })[];
    // FW2 owns 2.1.1.1 itself: no tunnel of FW2 goes to its own address.
    expect(record.device).toBe(fw2('acl-mismatch/flagged'));
    expect(record.tunnel).toBeNull();
    expect(record.noTunnel).toBe('2.1.1.1 is an address of FW2 itself, so another device printed this record (check --device and the prompt)');
  });
});

describe('phase 2 (guide l.1278-1287)', () => {
  it('phase2 proposal or pfs mismatch names ipsec-proposal-mismatch with both ends; fixed, the causes hold', async () => {
    const flagged = await explainJson('error-info-phase2.txt', 'phase2-proposal/flagged');
    expect(flagged.records[0]).toMatchObject({ reason: 'phase2 proposal or pfs mismatch', peer: '2.1.1.1', version: 'v2', device: fw1('phase2-proposal/flagged'), runtimeOnly: false });
    const cause = flagged.records[0].causes.find((c) => c.ruleId === 'fwlint/ipsec-proposal-mismatch');
    expect(new Set([cause?.filePath, ...(cause?.related ?? []).map((r) => r.filePath)])).toEqual(new Set([fw1('phase2-proposal/flagged'), fw2('phase2-proposal/flagged')]));
    const fixed = await explainJson('error-info-phase2.txt', 'phase2-proposal/fixed');
    expect(fixed.records[0]).toMatchObject({ causes: [], runtimeOnly: true });
    expect(fixed.records[0].advice).toMatch(/\(fwlint\/ipsec-proposal-mismatch, fwlint\/pfs-mismatch, fwlint\/security-acl-mismatch\) hold on this tunnel/);
  });
});
