import { describe, expect, it } from 'vitest';
import { expectSilentOnFixedAndDocs, lineOf, lint, lintDir, readConfigDir } from '../helpers/rule-harness.js';
import { patchedPair } from '../helpers/tunnel-pair.js';

const ID = 'remote-address-mismatch';
const dir = `configs-examples/${ID}`;
const fixed = `${dir}/fixed`;

describe(ID, () => {
  it('flags a remote-address pointing at a neighbouring address, with the other end\'s tunnel local as related', () => {
    const [a, b] = readConfigDir(`${dir}/flagged`);
    const findings = lintDir(`${dir}/flagged`, [ID]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: ID, file: a.file, line: lineOf(a.text, 'remote-address 198.51.14.18'), column: 2, objectPath: 'ike-peer:branch' });
    expect(findings[0].related).toEqual([expect.objectContaining({ file: b.file, line: lineOf(b.text, 'tunnel local 198.51.14.17'), column: 15 })]);
    expect(findings[0].message).toContain('"198.51.14.17"');
  });

  it('is quiet on the fixed pair and the documentation pairs', () => {
    expectSilentOnFixedAndDocs(ID);
  });

  it('flags a remote-address at the other end\'s sub address when its tunnel local is the primary one', () => {
    const subAddress: [string, string] = [
      ' ip address 198.51.14.33 255.255.255.240\n',
      ' ip address 198.51.14.33 255.255.255.240\n ip address 198.51.14.34 255.255.255.240 sub\n',
    ];
    const inputs = patchedPair(fixed, { a: [[' remote-address 198.51.14.33', ' remote-address 198.51.14.34']], b: [subAddress] });
    const findings = lint(inputs, [ID]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ file: inputs[0].file, line: lineOf(inputs[0].text, 'remote-address 198.51.14.34') });
    expect(findings[0].related[0]).toMatchObject({ file: inputs[1].file, line: lineOf(inputs[1].text, 'tunnel local 198.51.14.33') });

    const withoutTunnelLocal = patchedPair(fixed, {
      a: [[' remote-address 198.51.14.33', ' remote-address 198.51.14.34']],
      b: [[' tunnel local 198.51.14.33\n', ''], subAddress],
    });
    expect(lint(withoutTunnelLocal, [ID])).toEqual([]);
    expect(lint(withoutTunnelLocal, ['sub-address-without-tunnel-local'])).not.toEqual([]);
  });

  it('relates to the interface address line when the other end has no tunnel local', () => {
    const inputs = patchedPair(fixed, {
      a: [[' remote-address 198.51.14.33', ' remote-address 198.51.14.35']],
      b: [[' tunnel local 198.51.14.33\n', '']],
    });
    const findings = lint(inputs, [ID]);
    expect(findings).toHaveLength(1);
    expect(findings[0].related[0]).toMatchObject({ file: inputs[1].file, line: lineOf(inputs[1].text, 'ip address 198.51.14.33') });
    expect(findings[0].message).toContain('primary address');
  });

  it('uses declared topology pairs when neither end points at the other', () => {
    const inputs = patchedPair(fixed, {
      a: [[' remote-address 198.51.14.33', ' remote-address 198.51.14.40']],
      b: [[' remote-address 203.0.14.33', ' remote-address 203.0.14.40']],
    });
    expect(lint(inputs, [ID])).toEqual([]);
    const findings = lint(inputs, [ID], { topology: { tunnels: [{ ends: ['remaddr-A-fixed', 'remaddr-B-fixed'] }] } });
    expect(findings.map((f) => [f.file, f.line])).toEqual([
      [inputs[0].file, lineOf(inputs[0].text, 'remote-address 198.51.14.40')],
      [inputs[1].file, lineOf(inputs[1].text, 'remote-address 203.0.14.40')],
    ]);
  });

  it('stays quiet when a NAT is between the ends', () => {
    const inputs = patchedPair(`${dir}/flagged`);
    expect(lint(inputs, [ID], { topology: { tunnels: [{ ends: ['remaddr-A-flagged', 'remaddr-B-flagged'], nat: true }] } })).toEqual([]);
  });
});
