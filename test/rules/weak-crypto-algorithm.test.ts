import { describe, expect, it } from 'vitest';
import { corpus, lint, lintInputs, readConfigDir } from '../helpers/rule-harness.js';
import { at, ruleTester } from '../helpers/rule-tester.js';

const ID = 'weak-crypto-algorithm';

const multi = '#\nike proposal 5\n encryption-algorithm aes-256 3des-cbc des\n dh group5\n#\nreturn\n';

describe(ID, () => {
  ruleTester(ID, {
    fixedExample: true,
    valid: [
      {
        name: 'is silent on strong proposals: the corpus documentation pairs',
        inputs: () => corpus('hwdoc-ar-natt-routera.cfg', 'hwdoc-ar-natt-routerb.cfg', 'ghidx9309639414-ar-border01-hq01.cfg'),
      },
    ],
    invalid: [
      {
        name: 'flags every weak value of the flagged pair at its line, on both ends',
        inputs: () => readConfigDir(`configs-examples/${ID}/flagged`),
        findings: (inputs) =>
          inputs.flatMap((input, i) => [
            { ...at(input, ' encryption-algorithm 3des'), column: 23, severity: 'warning' as const, ...(i === 0 ? { message: '"3des"' } : {}) },
            { ...at(input, ' dh group2'), column: 5, severity: 'warning' as const },
            { ...at(input, ' authentication-algorithm sha1'), column: 27, severity: 'warning' as const },
            { ...at(input, ' esp authentication-algorithm sha1'), column: 31, severity: 'warning' as const },
            { ...at(input, ' esp encryption-algorithm 3des'), column: 27, severity: 'warning' as const },
            { ...at(input, ' pfs dh-group2'), column: 6, severity: 'warning' as const },
          ]),
      },
      {
        name: 'lists only the weak members of a multi-valued line',
        inputs: [{ file: 'r.cfg', text: multi }],
        findings: [
          { file: 'r.cfg', line: 3, column: 23, objectPath: 'ike-proposal:5/encryption', message: '"3des-cbc", "des"' },
          { file: 'r.cfg', line: 4, column: 5, objectPath: 'ike-proposal:5/dh' },
        ],
      },
      {
        name: 'honours the allow option',
        inputs: [{ file: 'r.cfg', text: multi }],
        options: { allow: ['group5'] },
        findings: [{ file: 'r.cfg', line: 3, column: 23, objectPath: 'ike-proposal:5/encryption' }],
      },
      {
        name: 'reports MD5 and SHA-1 in IKEv2 integrity and PRF lines',
        inputs: [{ file: 'r.cfg', text: '#\nike proposal 7\n integrity-algorithm hmac-sha1-96\n prf hmac-md5\n#\nreturn\n' }],
        findings: [
          { file: 'r.cfg', line: 3 },
          { file: 'r.cfg', line: 4 },
        ],
      },
    ],
  });

  it('does not name the strong member of a multi-valued line as weak', () => {
    const findings = lint([{ file: 'r.cfg', text: multi }], [ID]);
    expect(findings[0].message).not.toMatch(/offers.*"aes-256".*which/);
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
