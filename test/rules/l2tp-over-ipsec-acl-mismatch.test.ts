import { describe, expect, it } from 'vitest';
import { lint, lineOf, readConfigDir } from '../helpers/rule-harness.js';

const ID = 'l2tp-over-ipsec-acl-mismatch';

describe(ID, () => {
  it('flags the security ACL of the LAC and of the LNS when they protect the PC subnets', () => {
    const inputs = readConfigDir(`configs-examples/${ID}/flagged`);
    const lac = inputs.find((i) => i.file.endsWith('lac.cfg'))!;
    const lns = inputs.find((i) => i.file.endsWith('lns.cfg'))!;
    const findings = lint(inputs, [ID]);
    expect(findings.map((f) => [f.file, f.line, f.column, f.endColumn])).toEqual([
      [lac.file, lineOf(lac.text, ' security acl 3000'), 15, 19],
      [lns.file, lineOf(lns.text, ' security acl 3000'), 15, 19],
    ]);
    expect(findings[0].message).toContain('198.51.28.17');
    expect(findings[0].related).toEqual([expect.objectContaining({ file: lac.file, line: lineOf(lac.text, 'start l2tp ip') })]);
    expect(findings[1].related).toEqual([expect.objectContaining({ file: lac.file, line: lineOf(lac.text, 'start l2tp ip') })]);
  });

  it('is silent when the ACLs protect the L2TP tunnel addresses', () => {
    expect(lint(readConfigDir(`configs-examples/${ID}/fixed`), [ID])).toEqual([]);
  });

  it('ignores devices without L2TP', () => {
    expect(lint(readConfigDir('configs-examples/site-to-site'), [ID])).toEqual([]);
  });
});
