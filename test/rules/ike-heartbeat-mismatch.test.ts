import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/ast/parse.js';
import { applyFixes } from '../../src/fix/generate.js';
import { examplesDir, lint, lintInputs, readConfigDir } from '../helpers/rule-harness.js';
import { at, ruleTester } from '../helpers/rule-tester.js';
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
    expect(ast.globals.ikeHeartbeatInterval).toMatchObject({ value: 10, range: { line: 2, column: 1 } });
    expect(ast.globals.ikeHeartbeatTimeout).toMatchObject({ value: 30, range: { line: 3, column: 1 } });
  });

  ruleTester(RULE, {
    fixedExample: true,
    documentationSets: true,
    valid: [
      { name: 'an interval below the timeout', inputs: () => [site('a', ['ike heartbeat-timer timeout 20']), site('b', ['ike heartbeat-timer interval 5'])] },
      {
        // Both ends sending and expecting, written in the other order: quiet.
        name: 'both ends sending and expecting, timeout written first',
        inputs: () => [site('a', ['ike heartbeat-timer timeout 30', 'ike heartbeat-timer interval 10']), site('b', ['ike heartbeat-timer timeout 30', 'ike heartbeat-timer interval 10'])],
      },
      { name: 'says nothing on IKEv2 tunnels', inputs: () => [site('a', ['ike heartbeat-timer timeout 30'], true), site('b', [], true)] },
      { name: 'says nothing without any heartbeat line', inputs: () => [siteA(), siteB()] },
    ],
    invalid: [
      {
        name: 'reports the timeout line of the flagged end whose peer sends no heartbeats',
        inputs: () => readConfigDir(path.join(dir, 'flagged')),
        findings: ([a, b]) => [{ ...at(a, ' ike heartbeat-timer timeout 30'), severity: 'error', related: [{ ...at(b, 'ipsec policy map1 10 isakmp'), message: 'sends no IKE heartbeats' }] }],
      },
      {
        name: 'an interval not below the timeout is an error on both lines',
        inputs: () => [site('a', ['ike heartbeat-timer timeout 20']), site('b', ['ike heartbeat-timer interval 20'])],
        findings: ([a, b]) => [
          { ...at(a, 'ike heartbeat-timer timeout 20'), severity: 'error', message: '"ike heartbeat-timer timeout 60"' },
          { ...at(b, 'ike heartbeat-timer interval 20'), severity: 'error' },
        ],
      },
      {
        name: 'an interval with no timeout on the other end is a warning on the interval line',
        inputs: () => [site('a', ['ike heartbeat-timer interval 10']), site('b', [])],
        findings: ([a]) => [{ ...at(a, 'ike heartbeat-timer interval 10'), severity: 'warning' }],
      },
    ],
  });

  it('says which end sends no heartbeats and what to add', () => {
    const findings = lint(readConfigDir(path.join(dir, 'flagged')), [RULE]);
    expect(findings[0].message).toBe(
      'This device deletes the IKEv1 SAs of a peer from which no heartbeat arrives for 30 s ("ike heartbeat-timer timeout 30"), but heartbeat-flagged-B sends no heartbeats (it has no "ike heartbeat-timer interval"), so the tunnel to heartbeat-flagged-B is torn down about every 30 s ("heartbeat timeout"). Add "ike heartbeat-timer interval N" with N well below 30 (a third of it is recommended) on heartbeat-flagged-B, or delete this line and use DPD.',
    );
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

});
