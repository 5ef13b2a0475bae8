import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MAX_LINE_LENGTH, MAX_RECORDS, promptName, readRuntime } from '../../src/engine/runtime-records.js';

const runtime = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/explain/runtime');
const fixture = (name: string): string => readFileSync(path.join(runtime, name), 'utf8');

describe('reading device output (test/fixtures/explain/runtime, copied from the guide)', () => {
  it('error-info rows, the reason filling its column ("phase2 proposal or pfs mismatch v2", guide l.1285)', () => {
    const { records, recognised } = readRuntime(fixture('error-info-phase2.txt'));
    expect(recognised).toBe(true);
    expect(records).toEqual([
      { line: 8, source: 'error-info', peer: '2.1.1.1', port: 500, reason: 'phase2 proposal or pfs mismatch', version: 'v2', time: '2017-09-05 15:22:32', host: 'FW1', hostFrom: 'prompt' },
      { line: 9, source: 'error-info', peer: '2.1.1.1', port: 500, reason: 'phase2 proposal or pfs mismatch', version: 'v2', time: '2017-09-05 15:22:32', host: 'FW1', hostFrom: 'prompt' },
    ]);
  });

  it('offline-info without a port column (guide l.2612) and with one, slashed dates and two spaces (l.2744)', () => {
    expect(readRuntime(fixture('offline-info-port.txt')).records).toEqual([
      { line: 7, source: 'offline-info', peer: '1.1.1.1', reason: 'port mismatch after inbound sa miss', version: 'v1', time: '2018-03-23 17:30:17', host: 'FW2', hostFrom: 'prompt' },
    ]);
    const [first] = readRuntime(fixture('offline-info-phase1-expire.txt')).records;
    expect(first).toMatchObject({ line: 6, peer: '1.1.1.1', port: 500, reason: 'phase1 hardware expire', version: 'v1', time: '2018/04/01 16:05:55', host: 'FW2' });
  });

  it('the IPSECNEGOFAIL log line (guide l.2842): reason, peer and port from its parameters, host "sysname"', () => {
    expect(readRuntime(fixture('log-negofail.txt')).records).toEqual([
      { line: 1, source: 'IPSECNEGOFAIL', reason: 'acl configuration mismatch', peer: '1.1.1.1', port: 500, time: 'Mar 8 2017 11:10:47', host: 'sysname', hostFrom: 'log' },
    ]);
  });

  it('an empty offline-info (guide l.2503) is recognised with no records; other text is not', () => {
    expect(readRuntime(fixture('offline-info-empty.txt'))).toEqual({ records: [], recognised: true, truncated: false });
    expect(readRuntime('display ike sa\n  Conn-ID  Peer  VPN  Flag(s)  Phase\n')).toEqual({ records: [], recognised: false, truncated: false });
    expect(readRuntime(new Uint8Array([0, 1, 2, 0, 5])).unreadable).toMatch(/binary/);
  });

  it('the teardown logs as Huawei documents them: IPSEC_TUNNEL_TEARED_DOWN (AR module IPSEC-VPN) and IPSECTUNNELSTOP', () => {
    const text = [
      'Jan 10 2024 08:00:01 AR1 %%01IPSEC-VPN/5/IPSEC_TUNNEL_TEARED_DOWN(l)[12]:An IPSec tunnel is teared down. (PolicyName=map1, IfIndex=6, SeqNum=10, RuleNum=5, SrcIP=2.1.1.1, DstIP=1.1.1.1, InboundSPI=3000, Slot=0, CpuID=0, OfflineReason=dpd timeout, State=Normal)',
      '2024-01-10 08:00:02 FW2 IPSEC/4/IPSECTUNNELSTOP: OID 1.3.6.1.4.1.2011.6.122.26.6.12 The IPSec tunnel is deleted. (Ifindex=6, SeqNum=10,TunnelIndex=1, RuleNum=5, DstIP=2001:db8::1, InsideIP=0.0.0.0, RemotePort=4500, CpuID=0, SrcIP=2001:db8::2, FlowInfo=n/a, OfflineReason=heartbeat timeout, VsysName=public, InterfaceName=GigabitEthernet0/0/1, SlotID=0)',
    ].join('\r\n');
    expect(readRuntime(text).records).toEqual([
      { line: 1, source: 'IPSEC_TUNNEL_TEARED_DOWN', reason: 'dpd timeout', peer: '1.1.1.1', time: 'Jan 10 2024 08:00:01', host: 'AR1', hostFrom: 'log', policy: { name: 'map1', seq: 10 } },
      { line: 2, source: 'IPSECTUNNELSTOP', reason: 'heartbeat timeout', peer: '2001:db8::1', port: 4500, time: '2024-01-10 08:00:02', host: 'FW2', hostFrom: 'log' },
    ]);
  });

  it('prompts: <FW1>, [FW1], [~FW1-ike-peer-b], HRP_M<FW1>; a version banner is not one', () => {
    expect(['<FW1> display ike error-info', '[FW1]', '  [~FW1-ike-peer-b] quit', 'HRP_M<FW1> dis ike offline-info', '[V300R019C00SPC300]'].map(promptName)).toEqual(['FW1', 'FW1', 'FW1-ike-peer-b', 'FW1', undefined]);
    const pasted = 'HRP_M<FW1> dis ike error-info\n  peer port error-reason version error-time\n  ---- More ----\x1b[42D  2.1.1.1  500  flow mismatch  v2  2017-09-05 15:22:32\n<FW1>\n';
    expect(readRuntime(pasted).records).toMatchObject([{ line: 3, reason: 'flow mismatch', host: 'FW1' }]);
  });

  it('rows are read only under a table (a row-shaped line elsewhere is other output)', () => {
    expect(readRuntime('<FW1> display ike sa\n  2.1.1.1  500  flow mismatch  v2  2017-09-05 15:22:32\n').records).toEqual([]);
  });

  it('is bounded: over-long lines are skipped, records stop at the limit', () => {
    const header = '<FW1> display ike error-info\n  peer  port  error-reason  version error-time\n';
    const long = `  2.1.1.1  500  ${'x '.repeat(MAX_LINE_LENGTH)} v2  2017-09-05 15:22:32\n`;
    expect(readRuntime(header + long).records).toEqual([]);
    const many = header + '  2.1.1.1  500  flow mismatch  v2  2017-09-05 15:22:32\n'.repeat(MAX_RECORDS + 5);
    const reading = readRuntime(many);
    expect(reading.records).toHaveLength(MAX_RECORDS);
    expect(reading.truncated).toBe(true);
  });
});
