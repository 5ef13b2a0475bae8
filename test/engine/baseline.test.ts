import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyBaseline, readBaseline, writeBaseline } from '../../src/engine/baseline.js';
import type { Finding } from '../../src/engine/findings.js';
import { rangeFrom } from '../../src/text/range.js';

function finding(file: string, ruleId: string, objectPath: string, line: number): Finding {
  const position = { line, column: 1, offset: 0 };
  return { ruleId, severity: 'error', message: 'm', file, range: rangeFrom(position, position), objectPath, related: [] };
}

describe('baseline', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'fwlint-baseline-'));

  it('is keyed by rule, file and object path with counts, never lines, and written atomically', () => {
    const file = path.join(dir, 'fwlint-baseline.json');
    writeBaseline([finding('configs/a.cfg', 'r1', 'acl:3000/rule:5', 10), finding('configs/a.cfg', 'r1', 'acl:3000/rule:5', 20)], file, dir);
    const text = readFileSync(file, 'utf8');
    expect(JSON.parse(text)).toEqual({ version: 1, entries: [{ rule: 'r1', file: 'configs/a.cfg', objectPath: 'acl:3000/rule:5', count: 2 }] });
    expect(text).not.toMatch(/line/);
  });

  it('suppresses up to the count after lines moved, and reports stale entries only for linted files', () => {
    const file = path.join(dir, 'b.json');
    writeBaseline(
      [finding('a.cfg', 'r1', 'p1', 1), finding('a.cfg', 'r1', 'p1', 2), finding('a.cfg', 'r2', 'gone', 3), finding('other.cfg', 'r3', 'p', 1)],
      file,
      dir,
    );
    const baseline = readBaseline(file, dir);
    const current = [finding('a.cfg', 'r1', 'p1', 50), finding('a.cfg', 'r1', 'p1', 60), finding('a.cfg', 'r1', 'p1', 70), finding('a.cfg', 'r1', 'new', 1)];
    const outcome = applyBaseline(current, baseline, file, dir, ['a.cfg']);
    expect(outcome.suppressed).toHaveLength(2);
    expect(outcome.kept.map((f) => `${f.objectPath}:${f.range.line}`)).toEqual(['p1:70', 'new:1']);
    expect(outcome.stale).toEqual([{ entry: { rule: 'r2', file: 'a.cfg', objectPath: 'gone', count: 1 }, unmatched: 1 }]);
  });

  it('refuses files that are not baselines', () => {
    const file = path.join(dir, 'bad.json');
    writeFileSync(file, '{"entries": 3}');
    expect(() => readBaseline(file, dir)).toThrow(/is not an fwlint baseline/);
    writeFileSync(file, '{');
    expect(() => readBaseline(file, dir)).toThrow(/is not valid JSON/);
  });
});
