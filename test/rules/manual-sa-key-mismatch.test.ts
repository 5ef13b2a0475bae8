import { describe, expect, it } from 'vitest';
import { lint, lintDir, lintInputs, lineOf, readConfigDir } from '../helpers/rule-harness.js';
import { patchedPair } from '../helpers/tunnel-pair.js';

const ID = 'manual-sa-key-mismatch';
const dir = `configs-examples/${ID}`;
const fixed = `${dir}/fixed`;
const A_OUT = 'sa string-key outbound esp cipher %^%#Mk20A2out!Zr8e@W2xLk9pV3%^%#';
const B_IN = 'sa string-key inbound esp cipher %^%#Mk20B2in!Xc4d@Q7yMn2bR6%^%#';

describe(ID, () => {
  it('flags an outbound SPI that is not the other end\'s inbound SPI, at both lines', () => {
    const [a, b] = readConfigDir(`${dir}/flagged`);
    const findings = lintDir(`${dir}/flagged`, [ID]);
    expect(findings).toHaveLength(2);
    expect(findings[0]).toMatchObject({ ruleId: ID, severity: 'error', file: a.file, line: lineOf(a.text, 'sa spi outbound esp'), column: 22, endColumn: 27 });
    expect(findings[0].message).toContain('"12345"');
    expect(findings[0].message).toContain('"12354"');
    expect(findings[0].related).toEqual([expect.objectContaining({ file: b.file, line: lineOf(b.text, 'sa spi inbound esp'), column: 21 })]);
    expect(findings[1]).toMatchObject({ file: b.file, line: lineOf(b.text, 'sa spi inbound esp'), objectPath: 'ipsec-policy:map1/10' });
  });

  it('is quiet on the fixed pair and notes that encrypted keys cannot be compared', () => {
    expect(lintDir(fixed, [ID])).toEqual([]);
    const notes = lintInputs(readConfigDir(fixed), [ID]).notes.filter((n) => n.message.includes('cannot verify'));
    expect(notes.length).toBeGreaterThan(0);
    expect(notes[0].message).toContain('encrypted');
  });

  it('compares plaintext keys by digest and never prints them', () => {
    const differ = patchedPair(fixed, {
      a: [[A_OUT, 'sa string-key outbound esp simple Secret-One']],
      b: [[B_IN, 'sa string-key inbound esp simple Secret-Two']],
    });
    const findings = lint(differ, [ID]);
    expect(findings.map((f) => [f.file, f.line, f.column])).toEqual([
      [differ[0].file, lineOf(differ[0].text, 'sa string-key outbound'), 36],
      [differ[1].file, lineOf(differ[1].text, 'sa string-key inbound'), 35],
    ]);
    for (const f of findings) expect(f.message).not.toMatch(/Secret/);
    const same = patchedPair(fixed, {
      a: [[A_OUT, 'sa string-key outbound esp simple Secret-One']],
      b: [[B_IN, 'sa string-key inbound esp simple Secret-One']],
    });
    expect(lint(same, [ID])).toEqual([]);
  });

  it('flags a string key at one end and a hexadecimal key at the other', () => {
    const inputs = patchedPair(fixed, { b: [[B_IN, 'sa authentication-hex inbound esp simple 00112233445566778899aabbccddeeff']] });
    const findings = lint(inputs, [ID]);
    expect(findings).toHaveLength(2);
    expect(findings[0]).toMatchObject({ file: inputs[0].file, line: lineOf(inputs[0].text, 'sa string-key outbound') });
    expect(findings[0].message).toContain('"sa authentication-hex"');
    expect(findings[1]).toMatchObject({ file: inputs[1].file, line: lineOf(inputs[1].text, 'sa authentication-hex inbound') });
    expect(findings[1].message).not.toContain('0011');
  });

  it('ignores IKE tunnels', () => {
    expect(lintDir('configs-examples/pfs-mismatch/fixed', [ID])).toEqual([]);
  });
});
