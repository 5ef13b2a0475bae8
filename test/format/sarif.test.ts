import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatSarif, relativeUri, toSarif } from '../../src/format/sarif.js';
import { formatInput } from './input.js';

const multitool = path.resolve('node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool');

describe('sarif format', () => {
  it('describes the tool, every rule and each result with repository-relative regions', () => {
    const log = toSarif(formatInput({ cwd: '/repo/sub', repositoryRoot: '/repo', files: [], findings: formatInput().findings.map((f) => ({ ...f, file: `../${f.file}`, related: f.related.map((r) => ({ ...r, file: `../${r.file}` })) })) }));
    const run = log.runs[0];
    expect(run.tool.driver).toMatchObject({ name: 'fwlint', semanticVersion: '0.1.0' });
    const ruleIds = run.tool.driver.rules?.map((r) => r.id) ?? [];
    expect(ruleIds).toEqual([...ruleIds].sort());
    expect(ruleIds).toEqual(expect.arrayContaining(['fwlint/ike-dh-mismatch', 'fwlint/io-error', 'fwlint/parse-error']));
    expect(run.tool.driver.rules?.[0]).toMatchObject({
      name: 'ike-dh-mismatch',
      shortDescription: { text: 'IKE proposals of the two ends share no DH group' },
      helpUri: 'https://github.com/fwlint/fwlint/blob/main/docs/rules/ike-dh-mismatch.md',
      defaultConfiguration: { level: 'error' },
      properties: { tags: ['ike', 'interop'] },
    });
    const [parseError, copy, first] = run.results ?? [];
    expect(copy).toMatchObject({ ruleId: 'fwlint/ike-dh-mismatch', locations: [{ physicalLocation: { artifactLocation: { uri: 'configs/br.cfg' } } }] });
    expect(first).toMatchObject({
      ruleId: 'fwlint/ike-dh-mismatch',
      ruleIndex: 0,
      level: 'error',
      message: { text: expect.stringMatching(/\(other end: configs\/br\.cfg:3:2\)$/) },
      locations: [{ physicalLocation: { artifactLocation: { uri: 'configs/hq.cfg' }, region: { startLine: 3, startColumn: 2, endLine: 3, endColumn: 11 } } }],
      relatedLocations: [{ id: 1, message: { text: 'other end' }, physicalLocation: { artifactLocation: { uri: 'configs/br.cfg' } } }],
      partialFingerprints: { 'fwlint/objectPath/v1': 'ike-dh-mismatch|ike-proposal:1' },
    });
    expect(parseError).toMatchObject({ ruleId: 'fwlint/parse-error', ruleIndex: ruleIds.indexOf('fwlint/parse-error'), level: 'warning' });
  });

  it('percent-encodes file names so #, ? and : stay part of the path', () => {
    expect(relativeUri('configs/a#1?x:y %.cfg')).toBe('configs/a%231%3Fx%3Ay%20%25.cfg');
    expect(relativeUri('../up/ü.cfg')).toBe('../up/%C3%BC.cfg');
    const resolved = new URL(relativeUri('dir/c:#?.cfg'), 'file:///repo/');
    expect(decodeURIComponent(resolved.pathname)).toBe('/repo/dir/c:#?.cfg');
  });

  it('reports warnings about the run (a stale baseline entry) as tool execution notifications', () => {
    expect(toSarif(formatInput()).runs[0].invocations).toBeUndefined();
    const [invocation] = toSarif({ ...formatInput(), runWarnings: ['baseline-stale: b.json: 1 of 1 …'] }).runs[0].invocations ?? [];
    expect(invocation).toEqual({ executionSuccessful: true, toolExecutionNotifications: [{ level: 'warning', message: { text: 'baseline-stale: b.json: 1 of 1 …' } }] });
  });

  it('passes the SARIF multitool validator', () => {
    if ((statSync(multitool).mode & 0o111) === 0) chmodSync(multitool, 0o755);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'fwlint-sarif-')), 'out.sarif');
    writeFileSync(file, formatSarif({ ...formatInput(), runWarnings: ['baseline-stale: fwlint-baseline.json: 1 of 1 accepted findings no longer occur'] }));
    const output = execFileSync(multitool, ['validate', file, '--output', `${file}.validation.sarif`, '--log', 'ForceOverwrite'], {
      encoding: 'utf8',
      env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' },
    });
    expect(output).toContain('Analysis completed successfully');
    expect(output).not.toMatch(/: (error|warning) SARIF/);
  });
});
