import { describe, expect, it } from 'vitest';
import { formatCompact } from '../../src/format/compact.js';
import { formatJson } from '../../src/format/json.js';
import { formatPretty } from '../../src/format/pretty.js';
import { toSarif } from '../../src/format/sarif.js';
import type { GeneratedFix } from '../../src/fix/generate.js';
import { formatInput } from './input.js';

const fix: GeneratedFix = {
  file: 'configs/hq.cfg',
  applicability: 'safe',
  range: [10, 10],
  text: ' tunnel local 192.0.2.1\n',
  commands: ['system-view', 'ipsec policy map1 10 isakmp', 'tunnel local 192.0.2.1', 'return'],
};

function withFix(unsafe = false) {
  const input = formatInput();
  const index = input.findings.findIndex((f) => f.file === 'configs/hq.cfg' && f.ruleId !== 'parse-error');
  const findings = input.findings.map((f, i) => (i === index ? { ...f, fix: { ...fix, applicability: unsafe ? ('unsafe' as const) : ('safe' as const) }, suggestions: [{ desc: 'Make hq match br', fix }] } : f));
  return { ...input, findings };
}

describe('fixes in the formats', () => {
  it('compact: a fix line under the finding, with the view path and the command', () => {
    expect(formatCompact(withFix())).toContain('\n  fix: ipsec policy map1 10 isakmp > tunnel local 192.0.2.1\n');
    expect(formatCompact(withFix(true))).toContain('\n  fix (unsafe, --unsafe-fixes): ipsec policy map1 10 isakmp > tunnel local 192.0.2.1\n');
    expect(formatCompact(formatInput())).not.toContain('fix:');
  });

  it('pretty: the same fix line below the message', async () => {
    const report = await formatPretty({ ...withFix(), width: 200 });
    expect(report).toMatch(/\n +fix: ipsec policy map1 10 isakmp > tunnel local 192\.0\.2\.1\n/);
  });

  it('json: ESLint fix and suggestions with commands; fixable counts', () => {
    const results = JSON.parse(formatJson(withFix())) as { filePath: string; fixableErrorCount: number; fixableWarningCount: number; messages: { fix?: unknown; suggestions?: unknown }[] }[];
    const hq = results.find((r) => r.filePath.endsWith('hq.cfg'));
    const message = hq?.messages.find((m) => m.fix);
    expect(message?.fix).toEqual({ range: [10, 10], text: ' tunnel local 192.0.2.1\n', commands: fix.commands, applicability: 'safe' });
    expect(message?.suggestions).toEqual([{ desc: 'Make hq match br', fix: { range: [10, 10], text: ' tunnel local 192.0.2.1\n', commands: fix.commands, applicability: 'safe' } }]);
    expect((hq?.fixableErrorCount ?? 0) + (hq?.fixableWarningCount ?? 0)).toBe(1);
    expect(results.filter((r) => !r.filePath.endsWith('hq.cfg')).every((r) => r.fixableErrorCount + r.fixableWarningCount === 0)).toBe(true);
  });

  describe('a commands-only suggestion (the device alone; a key fwlint never writes)', () => {
    const deviceOnly: GeneratedFix = {
      file: 'configs/hq.cfg',
      applicability: 'safe',
      range: [14, 14],
      text: '',
      commands: ['system-view', 'ike peer br', 'pre-shared-key <the key of the other end>', 'return'],
      commandsOnly: true,
    };
    const input = () => {
      const base = formatInput();
      const index = base.findings.findIndex((f) => f.file === 'configs/hq.cfg' && f.ruleId !== 'parse-error');
      const findings = base.findings.map((f, i) => (i === index ? { ...f, suggestions: [{ desc: 'Make the key of hq the one of br', fix: deviceOnly }, { desc: 'Make hq match br', fix }] } : f));
      return { ...base, findings };
    };
    const line = 'suggestion (device commands only, edit the file by hand): ike peer br > pre-shared-key <the key of the other end>';

    it('compact and pretty show its commands (and no line for a suggestion with a text edit)', async () => {
      const compact = formatCompact(input());
      expect(compact).toContain(`\n  ${line}\n`);
      expect(compact).not.toContain('tunnel local');
      expect(await formatPretty({ ...input(), width: 200 })).toMatch(new RegExp(`\\n +${line.replace(/[()<>]/g, '\\$&')}\\n`));
    });

    it('json: an ESLint suggestion with an empty edit, marked commandsOnly; it makes no message fixable', () => {
      const results = JSON.parse(formatJson(input())) as { filePath: string; fixableErrorCount: number; fixableWarningCount: number; messages: { suggestions?: { desc: string; fix: unknown }[] }[] }[];
      const hq = results.find((r) => r.filePath.endsWith('hq.cfg'));
      const message = hq?.messages.find((m) => m.suggestions);
      expect(message?.suggestions?.[0].fix).toEqual({ range: [14, 14], text: '', commands: deviceOnly.commands, applicability: 'safe', commandsOnly: true });
      expect(message?.suggestions?.[1].fix).not.toHaveProperty('commandsOnly');
      expect(results.every((r) => r.fixableErrorCount + r.fixableWarningCount === 0)).toBe(true);
    });

    it('sarif leaves it out of fixes (an empty replacement changes nothing); no fixes at all when it is the only one', () => {
      const results = toSarif(input()).runs[0].results ?? [];
      const withFixes = results.filter((r) => r.fixes);
      expect(withFixes).toHaveLength(1);
      expect(withFixes[0].fixes?.map((f) => f.description?.text)).toEqual(['Make hq match br']);
      const only = formatInput();
      const at = only.findings.findIndex((f) => f.file === 'configs/hq.cfg' && f.ruleId !== 'parse-error');
      const alone = { ...only, findings: only.findings.map((f, i) => (i === at ? { ...f, suggestions: [{ desc: 'Make the key of hq the one of br', fix: deviceOnly }] } : f)) };
      expect((toSarif(alone).runs[0].results ?? []).every((r) => r.fixes === undefined)).toBe(true);
    });
  });
});
