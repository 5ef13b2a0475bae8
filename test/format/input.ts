import type { Finding } from '../../src/engine/findings.js';
import { perFileFindings } from '../../src/engine/per-file.js';
import { RuleRegistry } from '../../src/engine/registry.js';
import type { FormatInput } from '../../src/format/types.js';
import type { Rule } from '../../rules/types.js';
import { LineIndex } from '../../src/text/range.js';

const hqText = 'sysname HQ\nike proposal 1\n dh group1\n';
const brText = 'sysname BR\nike proposal 1\n dh group14\n';

export const texts: Record<string, string> = { 'configs/hq.cfg': hqText, 'configs/br.cfg': brText };

const rule: Rule = {
  meta: {
    id: 'ike-dh-mismatch',
    description: 'IKE proposals of the two ends share no DH group',
    scope: 'tunnel',
    defaultSeverity: 'error',
    presets: ['recommended'],
    tags: ['ike', 'interop'],
    messages: {},
    since: '0.1.0',
  },
  check: () => {},
};

export const registry = new RuleRegistry([rule]);

const at = (text: string, needle: string) => {
  const start = text.indexOf(needle);
  return new LineIndex(text).rangeAt(start, start + needle.length);
};

export const findings: Finding[] = [
  {
    ruleId: 'ike-dh-mismatch',
    severity: 'error',
    message: 'DH group "group1" has no match on the other end, "50%, a:b"\nsecond line',
    file: 'configs/hq.cfg',
    range: at(hqText, 'dh group1'),
    objectPath: 'ike-proposal:1',
    related: [{ file: 'configs/br.cfg', range: at(brText, 'dh group14'), message: 'other end' }],
  },
  {
    ruleId: 'parse-error',
    severity: 'warning',
    message: 'unexpected "x" | y',
    file: 'configs/br.cfg',
    range: at(brText, 'sysname'),
    objectPath: 'parse:statement-syntax',
    related: [],
  },
];

export function formatInput(overrides: Partial<FormatInput> = {}): FormatInput {
  return {
    findings: perFileFindings(findings),
    files: ['configs/br.cfg', 'configs/clean.cfg', 'configs/hq.cfg'],
    metas: registry.metas,
    cwd: '/repo',
    repositoryRoot: '/repo',
    version: '0.1.0',
    ...overrides,
  };
}
