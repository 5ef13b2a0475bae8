import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/ast/parse.js';
import { applyFixes } from '../../src/fix/generate.js';
import { examplesDir, expectSilentOnFixedAndDocs, lineOf, lint, lintInputs, readConfigDir } from '../helpers/rule-harness.js';
import { siteA, siteB } from '../helpers/site-config.js';

const RULE = 'ike-heartbeat-mismatch';
const dir = path.join(examplesDir, RULE);

/** A standard site with global heartbeat lines, optionally negotiating IKEv2 only. */
function site(which: 'a' | 'b', lines: string[], ikev2 = false) {
  const input = which === 'a' ? siteA() : siteB();
  let text = input.text.replace(' ike dpd type periodic\n', ` ike dpd type periodic\n${lines.map((l) => `${l}\n`).join('')}`);
  if (ikev2) text = text.replace(' undo version 2\n', ' undo version 1\n');
  return { file: input.file, text };
}

describe(RULE, () => {
  it('parses both timer lines with the whole line as range', () => {
    const { ast } = parseConfig('#\nike heartbeat-timer interval 10\nike heartbeat-timer timeout 30\n#\nreturn\n', 'x.cfg');
    expect(ast.globals.ikeHeartbeatInterval).toMatchObject({ value: 10, range: { start: { line: 2, column: 1 } } });
    expect(ast.globals.ikeHeartbeatTimeout).toMatchObject({ value: 30, range: { start: { line: 3, column: 1 } } });
  });

  it('reports the timeout line of the flagged end whose peer sends no heartbeats', () => {
    const [a, b] = readConfigDir(path.join(dir, 'flagged'));
    const findings = lint([a, b], [RULE]);
    expect(findings).toEqual([
      expect.objectContaining({ file: a.file, line: lineOf(a.text, ' ike heartbeat-timer timeout 30'), severity: 'error', related: [expect.objectContaining({ file: b.file })] }),
    ]);
    expect(findings[0].message).toBe(
      'This device deletes the IKEv1 SAs of a peer from which no heartbeat arrives for 30 s ("ike heartbeat-timer timeout 30"), but heartbeat-flagged-B sends no heartbeats (it has no "ike heartbeat-timer interval"), so the tunnel to heartbeat-flagged-B is torn down about every 30 s ("heartbeat timeout"). Add "ike heartbeat-timer interval N" with N well below 30 (a third of it is recommended) on heartbeat-flagged-B, or delete this line and use DPD.',
    );
  });

  it('is quiet on the fixed example and the corpus documentation pairs', () => {
    expectSilentOnFixedAndDocs(RULE);
  });

  it('an interval not below the timeout is an error on both lines', () => {
    const a = site('a', ['ike heartbeat-timer timeout 20']);
    const b = site('b', ['ike heartbeat-timer interval 20']);
    const findings = lint([a, b], [RULE]);
    expect(findings.map((f) => [f.file, f.line, f.severity])).toEqual([
      ['a.cfg', lineOf(a.text, 'ike heartbeat-timer timeout 20'), 'error'],
      ['b.cfg', lineOf(b.text, 'ike heartbeat-timer interval 20'), 'error'],
    ]);
    expect(findings[0].message).toContain('"ike heartbeat-timer timeout 60"');
    expect(lint([a, site('b', ['ike heartbeat-timer interval 5'])], [RULE])).toEqual([]);
  });

  it('fixes a timeout not above the interval by raising it to three intervals (safe fix, device commands included)', () => {
    const a = site('a', ['ike heartbeat-timer timeout 20']);
    const b = site('b', ['ike heartbeat-timer interval 20']);
    const fix = lintInputs([a, b], [RULE]).findings.find((f) => f.file === 'a.cfg')?.fix;
    expect(fix?.commands).toEqual(['system-view', 'ike heartbeat-timer timeout 60', 'return']);
    const fixed = { file: 'a.cfg', text: applyFixes(a.text, [fix!]).text };
    expect(fixed.text).toContain('\nike heartbeat-timer timeout 60\n');
    expect(lint([fixed, b], [RULE])).toEqual([]);
  });

  it('an interval with no timeout on the other end is a warning on the interval line', () => {
    const a = site('a', ['ike heartbeat-timer interval 10']);
    expect(lint([a, site('b', [])], [RULE])).toEqual([
      expect.objectContaining({ file: 'a.cfg', line: lineOf(a.text, 'ike heartbeat-timer interval 10'), severity: 'warning' }),
    ]);
    // Both ends sending and expecting, written in the other order: quiet.
    const both = ['ike heartbeat-timer timeout 30', 'ike heartbeat-timer interval 10'];
    expect(lint([site('a', both), site('b', both)], [RULE])).toEqual([]);
  });

  it('says nothing on IKEv2 tunnels, nor without any heartbeat line', () => {
    expect(lint([site('a', ['ike heartbeat-timer timeout 30'], true), site('b', [], true)], [RULE])).toEqual([]);
    expect(lint([siteA(), siteB()], [RULE])).toEqual([]);
  });
});
