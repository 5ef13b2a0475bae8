import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/engine/config.js';
import { lintParsedFiles, InvalidReportError, type LintOptions } from '../../src/engine/lint.js';
import { RuleRegistry } from '../../src/engine/registry.js';
import { SettingsResolver } from '../../src/engine/settings.js';
import type { DeviceRuleContext, Rule, TunnelRuleContext } from '../../rules/types.js';
import { fakeBuilders, meta, needleRule, parsedFile, rangeOf } from './fixtures.js';

const hq = parsedFile('hq.cfg', 'sysname HQ\nike proposal 1\n dh group1\n#\n');
const br = parsedFile('br.cfg', 'sysname BR\nike proposal 1\n dh group2\n dh group1\n');

function options(rules: Rule[], extra: Partial<LintOptions> = {}): LintOptions {
  const registry = new RuleRegistry(rules);
  return {
    registry,
    settings: new SettingsResolver(registry, defaultConfig(process.cwd())),
    builders: fakeBuilders,
    strictReports: true,
    ...extra,
  };
}

const tunnelRule: Rule = {
  meta: { ...meta('tunnel-mismatch', { messages: { differ: 'DH differs from {{other}}' } }), scope: 'tunnel' },
  check(context: TunnelRuleContext) {
    const [a, b] = context.tunnel.ends;
    context.report({
      file: a.device.file,
      range: rangeOf(a.device.text, 'dh group1'),
      messageId: 'differ',
      data: { other: b.device.file },
      objectPath: 'ike-proposal:1',
      related: [{ file: b.device.file, range: rangeOf(b.device.text, 'dh group2'), message: 'other end' }],
    });
  },
};

describe('lintParsedFiles', () => {
  it('runs device rules per file, fills templates, sorts by file, line, column and rule', () => {
    const outcome = lintParsedFiles([hq, br], options([needleRule('b-rule', 'group1'), needleRule('a-rule', 'dh')]));
    expect(outcome.findings.map((f) => `${f.file}:${f.range.line}:${f.range.column} ${f.ruleId} ${f.message}`)).toEqual([
      'br.cfg:3:2 a-rule Found "dh"',
      'br.cfg:4:2 a-rule Found "dh"',
      'br.cfg:4:5 b-rule Found "group1"',
      'hq.cfg:3:2 a-rule Found "dh"',
      'hq.cfg:3:5 b-rule Found "group1"',
    ]);
    expect(outcome.internalErrors).toEqual([]);
  });

  it('collects notes for --verbose', () => {
    const outcome = lintParsedFiles([hq], options([needleRule('absent', 'ipsec')]));
    expect(outcome.notes).toEqual([{ file: 'hq.cfg', message: 'no "ipsec"' }]);
  });

  it('runs tunnel rules once per tunnel with related locations on the other end', () => {
    const [finding] = lintParsedFiles([hq, br], options([tunnelRule])).findings;
    expect(finding).toMatchObject({ ruleId: 'tunnel-mismatch', file: 'hq.cfg', message: 'DH differs from br.cfg', objectPath: 'ike-proposal:1' });
    expect(finding.related).toEqual([{ file: 'br.cfg', range: rangeOf(br.text, 'dh group2'), message: 'other end' }]);
  });

  it('throws on a range outside the file in strict mode and drops it with a warning otherwise', () => {
    const badRange: Rule = {
      meta: { ...meta('bad-range'), scope: 'device' },
      check(context: DeviceRuleContext) {
        context.report({
          range: { line: 9, column: 1, offset: 500, endLine: 9, endColumn: 4, endOffset: 503 },
          messageId: 'found',
          data: { what: 'x' },
          objectPath: 'x',
        });
      },
    };
    expect(() => lintParsedFiles([hq], options([badRange]))).toThrow(InvalidReportError);
    const warnings: string[] = [];
    const outcome = lintParsedFiles([hq], options([badRange], { strictReports: false, warn: (m) => warnings.push(m) }));
    expect(outcome.findings).toEqual([]);
    expect(warnings).toEqual(['rule bad-range reported an invalid range 9:1-9:4 in hq.cfg; the finding was dropped']);
  });

  it('takes a device-only change as a suggestion, never as a fix (it leaves the file, and the finding, as they are)', () => {
    const deviceOnly = (asFix: boolean): Rule => ({
      meta: { ...meta('device-only'), scope: 'device' },
      check(context: DeviceRuleContext) {
        const range = rangeOf(context.device.text, 'dh group1');
        const change = { edits: [{ kind: 'device-only' as const, line: range.line, commands: ['dh group14'] }] };
        context.report({ range, messageId: 'found', data: { what: 'dh' }, objectPath: 'x', ...(asFix ? { fix: change } : { suggestions: [{ desc: 'Type it', change }] }) });
      },
    });
    const [finding] = lintParsedFiles([hq], options([deviceOnly(false)])).findings;
    expect(finding.suggestions).toEqual([{ desc: 'Type it', fix: { file: 'hq.cfg', applicability: 'safe', range: [hq.text.indexOf(' dh group1'), hq.text.indexOf(' dh group1')], text: '', commands: ['system-view', 'ike proposal 1', 'dh group14', 'return'], commandsOnly: true } }]);
    expect(() => lintParsedFiles([hq], options([deviceOnly(true)]))).toThrow(/a device-only change as its fix/);
    const warnings: string[] = [];
    const [lenient] = lintParsedFiles([hq], options([deviceOnly(true)], { strictReports: false, warn: (m) => warnings.push(m) })).findings;
    expect(lenient.fix).toBeUndefined();
    expect(warnings).toHaveLength(1);
  });

  it('rejects a device rule pointing at another device unless its meta says it may', () => {
    const pointing = (relatesOtherDevices: boolean): Rule => ({
      meta: { ...meta('points-away'), scope: 'device', relatesOtherDevices },
      check(context: DeviceRuleContext) {
        if (context.device.file !== 'hq.cfg') return;
        const range = rangeOf(context.device.text, 'dh');
        context.report({ range, messageId: 'found', data: { what: 'dh' }, objectPath: 'x', related: [{ file: 'br.cfg', range: rangeOf(br.text, 'dh'), message: 'there' }] });
      },
    });
    expect(() => lintParsedFiles([hq, br], options([pointing(false)]))).toThrow(/related location in br.cfg, another device, without meta.relatesOtherDevices/);
    expect(lintParsedFiles([hq, br], options([pointing(true)])).findings.map((f) => f.related[0].file)).toEqual(['br.cfg']);
    const elsewhere: Rule = {
      meta: { ...meta('reports-away'), scope: 'device' },
      check: (c: DeviceRuleContext) => c.report({ file: 'br.cfg', range: rangeOf(br.text, 'dh'), messageId: 'found', data: { what: 'dh' }, objectPath: 'x' }),
    };
    expect(() => lintParsedFiles([hq, br], options([elsewhere]))).toThrow(/a finding in br.cfg, another device/);
  });

  it('rejects unknown message ids and missing template data', () => {
    const unknownMessage: Rule = {
      meta: { ...meta('odd'), scope: 'device' },
      check: (c: DeviceRuleContext) => c.report({ range: rangeOf(c.device.text, 'dh'), messageId: 'nope', objectPath: 'x' }),
    };
    expect(() => lintParsedFiles([hq], options([unknownMessage]))).toThrow(/unknown messageId "nope"/);
    const missingData: Rule = {
      meta: { ...meta('odd'), scope: 'device' },
      check: (c: DeviceRuleContext) => c.report({ range: rangeOf(c.device.text, 'dh'), messageId: 'found', objectPath: 'x' }),
    };
    expect(() => lintParsedFiles([hq], options([missingData]))).toThrow(/without a value for "what"/);
  });

  it('turns a throwing rule into an internal error instead of crashing', () => {
    const throwing: Rule = { meta: { ...meta('throws'), scope: 'network' }, check: () => { throw new Error('boom'); } };
    const outcome = lintParsedFiles([hq], options([throwing], { strictReports: false }));
    expect(outcome.internalErrors).toEqual(['internal error in rule throws on the network: boom']);
  });

  it('reports parse diagnostics as parse-error; fatal ones are errors and skip the model', () => {
    const range = { line: 1, column: 1, offset: 0, endLine: 1, endColumn: 5, endOffset: 4 };
    const binary = parsedFile('blob.bin', 'abcd', [{ code: 'not-huawei-config', severity: 'error', message: 'not a Huawei configuration', range }]);
    const syntax = parsedFile('x.cfg', 'abcd', [{ code: 'statement-syntax', severity: 'warning', message: 'unexpected "abcd"', range }]);
    const seen: string[] = [];
    const recorder: Rule = { meta: { ...meta('recorder'), scope: 'device' }, check: (c: DeviceRuleContext) => void seen.push(c.device.file) };
    const outcome = lintParsedFiles([binary, syntax], options([recorder]));
    expect(outcome.findings.map((f) => [f.file, f.ruleId, f.severity, f.objectPath])).toEqual([
      ['blob.bin', 'parse-error', 'error', 'parse:not-huawei-config'],
      ['x.cfg', 'parse-error', 'warning', 'parse:statement-syntax'],
    ]);
    expect(seen).toEqual(['x.cfg']);
    expect(outcome.findings.map((f) => f.fatal)).toEqual([true, undefined]);
  });

  it('drops findings of rules turned off for the reported file', () => {
    const registry = new RuleRegistry([tunnelRule]);
    const config = defaultConfig(process.cwd());
    config.overrides = [{ files: ['hq.cfg'], rules: new Map([['tunnel-mismatch', { severity: 'off' }]]) }];
    const outcome = lintParsedFiles([hq, br], {
      registry,
      settings: new SettingsResolver(registry, config),
      builders: fakeBuilders,
      strictReports: true,
    });
    expect(outcome.findings).toEqual([]);
  });
});
