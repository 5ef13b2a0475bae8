import { describe, expect, it } from 'vitest';
import { formatCompact } from '../../src/format/compact.js';
import { formatJson } from '../../src/format/json.js';
import { formatPretty } from '../../src/format/pretty.js';
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
});
