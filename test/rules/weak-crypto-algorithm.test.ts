import { describe, expect, it } from 'vitest';
import { corpus, lint, lineOf, lintInputs, readConfigDir } from '../helpers/rule-harness.js';

const ID = 'weak-crypto-algorithm';

describe(ID, () => {
  it('flags every weak value of the flagged pair at its line, on both ends', () => {
    const inputs = readConfigDir(`configs-examples/${ID}/flagged`);
    const findings = lint(inputs, [ID]);
    for (const input of inputs) {
      const mine = findings.filter((f) => f.file === input.file);
      expect(mine.map((f) => [f.line, f.column])).toEqual([
        [lineOf(input.text, ' encryption-algorithm 3des'), 23],
        [lineOf(input.text, ' dh group2'), 5],
        [lineOf(input.text, ' authentication-algorithm sha1'), 27],
        [lineOf(input.text, ' esp authentication-algorithm sha1'), 31],
        [lineOf(input.text, ' esp encryption-algorithm 3des'), 27],
        [lineOf(input.text, ' pfs dh-group2'), 6],
      ]);
    }
    expect(findings[0].message).toContain('"3des"');
    expect(findings.every((f) => f.severity === 'warning')).toBe(true);
  });

  it('is silent on strong proposals: the fixed pair and the corpus documentation pairs', () => {
    expect(lint(readConfigDir(`configs-examples/${ID}/fixed`), [ID])).toEqual([]);
    const docs = corpus('hwdoc-ar-natt-routera.cfg', 'hwdoc-ar-natt-routerb.cfg', 'ghidx9309639414-ar-border01-hq01.cfg');
    expect(lint(docs, [ID])).toEqual([]);
  });

  it('lists only the weak members of a multi-valued line and honours the allow option', () => {
    const text = '#\nike proposal 5\n encryption-algorithm aes-256 3des-cbc des\n dh group5\n#\nreturn\n';
    const findings = lint([{ file: 'r.cfg', text }], [ID]);
    expect(findings.map((f) => [f.line, f.column, f.objectPath])).toEqual([
      [3, 23, 'ike-proposal:5/encryption'],
      [4, 5, 'ike-proposal:5/dh'],
    ]);
    expect(findings[0].message).toContain('"3des-cbc", "des"');
    expect(findings[0].message).not.toMatch(/offers.*"aes-256".*which/);
    expect(lint([{ file: 'r.cfg', text }], [ID], { options: { [ID]: { allow: ['group5'] } } })).toHaveLength(1);
  });

  it('reports MD5 and SHA-1 in IKEv2 integrity and PRF lines', () => {
    const text = '#\nike proposal 7\n integrity-algorithm hmac-sha1-96\n prf hmac-md5\n#\nreturn\n';
    expect(lint([{ file: 'r.cfg', text }], [ID]).map((f) => f.line)).toEqual([3, 4]);
  });

  it('fixes each weak value (unsafe) with the stronger one, keeping the strong members of a list', () => {
    const text = '#\nike proposal 5\n encryption-algorithm aes-256 3des-cbc des\n dh group5\n#\nike proposal 6\n encryption-algorithm 3des-cbc\n#\nreturn\n';
    const findings = lintInputs([{ file: 'r.cfg', text }], [ID]).findings;
    expect(findings.map((f) => f.fix?.applicability)).toEqual(['unsafe', 'unsafe', 'unsafe']);
    expect(findings.map((f) => f.fix?.commands)).toEqual([
      ['system-view', 'ike proposal 5', 'encryption-algorithm aes-256', 'return'],
      ['system-view', 'ike proposal 5', 'dh group14', 'return'],
      ['system-view', 'ike proposal 6', 'encryption-algorithm aes-cbc-256', 'return'],
    ]);
    const pair = lintInputs(readConfigDir(`configs-examples/${ID}/flagged`), [ID]).findings;
    const commands = (file: string) => pair.filter((f) => f.file === file).map((f) => f.fix?.commands.slice(1));
    const [a, b] = [...new Set(pair.map((f) => f.file))];
    expect(commands(a)).toEqual(commands(b));
    expect(commands(a)).toContainEqual(['ipsec policy map1 10 isakmp', 'pfs dh-group14', 'return']);
  });
});
