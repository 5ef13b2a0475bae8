import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/engine/config.js';
import type { Finding } from '../../src/engine/findings.js';
import { runFingerprint, runToStore, storedRunFor, type RunInputs } from '../../src/engine/run-cache.js';

const base = (): RunInputs => ({
  version: '1.0.0',
  config: defaultConfig('/repo'),
  ruleFlags: [],
  strictReports: false,
  inputs: [
    { file: 'a.cfg', absolutePath: '/repo/a.cfg', content: 'sysname A\n' },
    { file: 'b.cfg', absolutePath: '/repo/b.cfg', content: 'sysname B\n' },
  ],
});

const finding: Finding = {
  ruleId: 'x',
  severity: 'error',
  message: 'm',
  file: 'a.cfg',
  range: { line: 1, column: 1, offset: 0, endLine: 1, endColumn: 2, endOffset: 1 },
  objectPath: 'p',
  related: [],
};

describe('run fingerprint', () => {
  it('is stable and changes with every input the findings depend on', () => {
    const key = runFingerprint(base());
    expect(runFingerprint(base())).toBe(key);
    const variants: ((run: RunInputs) => RunInputs)[] = [
      (run) => ({ ...run, version: '1.0.1' }),
      (run) => ({ ...run, ruleFlags: ['dpd-not-configured:off'] }),
      (run) => ({ ...run, strictReports: true }),
      (run) => ({ ...run, targets: ['a.cfg'] }),
      (run) => ({ ...run, targets: [], deleted: [{ file: 'c.cfg', addresses: [1] }] }),
      (run) => ({ ...run, inputs: run.inputs.slice(1) }),
      (run) => ({ ...run, inputs: [{ ...run.inputs[0], content: 'sysname A2\n' }, run.inputs[1]] }),
      (run) => ({ ...run, inputs: [{ ...run.inputs[0], file: 'x/a.cfg' }, run.inputs[1]] }),
      (run) => ({ ...run, config: { ...run.config, rules: new Map([['dpd-not-configured', { severity: 'off' as const }]]) } }),
      (run) => ({ ...run, config: { ...run.config, topology: { tunnels: [{ ends: ['a.cfg', 'b.cfg'] as [string, string] }], natAddresses: [] } } }),
    ];
    const keys = variants.map((change) => runFingerprint(change(base())));
    expect(new Set([key, ...keys]).size).toBe(variants.length + 1);
  });

  it('does not depend on the order targets are named in', () => {
    expect(runFingerprint({ ...base(), targets: ['a.cfg', 'b.cfg'] })).toBe(runFingerprint({ ...base(), targets: ['b.cfg', 'a.cfg'] }));
  });
});

describe('stored run', () => {
  it('is kept only for a complete run and given back only for its own key', () => {
    const outcome = { findings: [finding], notes: [{ file: 'a.cfg', message: 'n' }], internalErrors: [] };
    const stored = runToStore('k1', outcome, ['w'], ['a.cfg']);
    expect(stored).toEqual({ key: 'k1', findings: [finding], notes: outcome.notes, warnings: ['w'], reported: ['a.cfg'] });
    expect(runToStore('k1', { ...outcome, internalErrors: ['boom'] }, [], [])).toBeUndefined();
    const roundTrip = JSON.parse(JSON.stringify(stored)) as unknown;
    expect(storedRunFor(roundTrip, 'k1')).toEqual(stored);
    expect(storedRunFor(roundTrip, 'k2')).toBeUndefined();
  });

  it('rejects malformed records', () => {
    const good = { key: 'k', findings: [finding], notes: [], warnings: [], reported: [] };
    const malformed = [
      null,
      'k',
      { ...good, findings: 'x' },
      { ...good, reported: undefined },
      { ...good, reported: [1] },
      { ...good, warnings: [null] },
      { ...good, notes: [{ file: 'a.cfg' }] },
      { ...good, findings: [null] },
      { ...good, findings: [{ ...finding, range: null }] },
      { ...good, findings: [{ ...finding, range: { line: 1, column: 1, endLine: 1, endColumn: 2, endOffset: 1 } }] },
      { ...good, findings: [{ ...finding, severity: 'fatal' }] },
      { ...good, findings: [{ ...finding, objectPath: 3 }] },
      { ...good, findings: [{ ...finding, fix: { file: 'a.cfg', applicability: 'safe', range: [5, 2], text: '', commands: [] } }] },
      { ...good, findings: [{ ...finding, fix: { file: 'a.cfg', applicability: 'always', range: [0, 0], text: '', commands: [] } }] },
      { ...good, findings: [{ ...finding, suggestions: [{ desc: 'd', fix: { file: 'a.cfg', applicability: 'safe', range: [0, 0], text: '', commands: [1] } }] }] },
      { ...good, findings: [{ ...finding, related: [null] }] },
      { ...good, findings: [{ ...finding, related: [{ file: 'b.cfg', message: 'm', range: {} }] }] },
    ];
    expect(storedRunFor(good, 'k')).toEqual(good);
    const withFix = { ...good, findings: [{ ...finding, fix: { file: 'a.cfg', applicability: 'safe', range: [0, 1], text: 'x', commands: ['system-view', 'return'] } }] };
    expect(storedRunFor(withFix, 'k')).toEqual(withFix);
    for (const bad of malformed) {
      expect(storedRunFor(bad, 'k')).toBeUndefined();
    }
  });
});
