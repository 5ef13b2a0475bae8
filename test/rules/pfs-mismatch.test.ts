import { describe, expect, it } from 'vitest';
import { expectSilentOnDocs, lineOf, lint, lintDir, readConfigDir } from '../helpers/rule-harness.js';
import { patchedPair } from '../helpers/tunnel-pair.js';

const ID = 'pfs-mismatch';
const dir = `configs-examples/${ID}`;
const fixed = `${dir}/fixed`;

describe(ID, () => {
  it('flags PFS set on one end only: the pfs line here, the policy header there', () => {
    const [a, b] = readConfigDir(`${dir}/flagged`);
    const findings = lintDir(`${dir}/flagged`, [ID]);
    expect(findings).toHaveLength(2);
    expect(findings[0]).toMatchObject({ ruleId: ID, file: a.file, line: lineOf(a.text, ' pfs dh-group14'), column: 6, endColumn: 16 });
    expect(findings[0].related).toEqual([expect.objectContaining({ file: b.file, line: lineOf(b.text, 'ipsec policy map1 10'), column: 1 })]);
    expect(findings[0].message).toContain('IKEv1');
    expect(findings[1]).toMatchObject({ file: b.file, line: lineOf(b.text, 'ipsec policy map1 10'), objectPath: 'ipsec-policy:map1/10' });
    expect(findings[1].message).toContain('"none"');
  });

  it('is quiet on the fixed pair, on no PFS at either end and on the documentation pairs', () => {
    expect(lintDir(fixed, [ID])).toEqual([]);
    expect(lint(patchedPair(fixed, { a: [[' pfs dh-group14\n', '']], b: [[' pfs dh-group14\n', '']] }), [ID])).toEqual([]);
    expectSilentOnDocs(ID);
  });

  it('flags different groups at both pfs lines and says IKEv2 fails at the first rekey', () => {
    const inputs = patchedPair(fixed, {
      a: [[' undo version 2\n', '']],
      b: [[' undo version 2\n', ''], [' pfs dh-group14', ' pfs dh-group15']],
    });
    const findings = lint(inputs, [ID]);
    expect(findings.map((f) => [f.file, f.line, f.column])).toEqual([
      [inputs[0].file, lineOf(inputs[0].text, ' pfs dh-group14'), 6],
      [inputs[1].file, lineOf(inputs[1].text, ' pfs dh-group15'), 6],
    ]);
    expect(findings[0].message).toContain('rekey');
    expect(findings[0].message).toContain('"group15"');
  });
});
