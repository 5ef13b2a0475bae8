import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import type { Finding } from '../../src/engine/findings.js';
import { examplesDir, lintInputs, readConfigDir, repoRoot } from '../helpers/rule-harness.js';

/*
 * One generic runner for every rule's examples, as markdownlint's fixtures: the flagged example
 * carries its expected findings next to it (`configs-examples/<id>/flagged.expected.json`: where,
 * what the message says, the other end, and the fix or suggestions as device commands), so a reader
 * sees the fault, the finding and the fix together and a change of any of them shows in review.
 * A missing file is written on a local run (`npx vitest run test/rules/golden-examples.test.ts`);
 * under CI=true it fails. After an intended change: the same command with `-u`, then review the diff.
 */

const ALL = rules.map((r) => r.meta.id);

/** A finding as the golden file shows it: paths relative to the example, no offsets. */
function golden(finding: Finding, exampleDir: string): Record<string, unknown> {
  const rel = (file: string): string => path.relative(exampleDir, path.join(repoRoot, file)).split(path.sep).join('/');
  const range = finding.range;
  return {
    at: `${rel(finding.file)}:${range.line}:${range.column}-${range.endLine}:${range.endColumn}`,
    severity: finding.severity,
    message: finding.message,
    ...(finding.related.length > 0 ? { related: finding.related.map((r) => `${rel(r.file)}:${r.range.line}:${r.range.column} ${r.message}`) } : {}),
    ...(finding.fix ? { fix: { applicability: finding.fix.applicability, file: rel(finding.fix.file), commands: finding.fix.commands } } : {}),
    ...(finding.suggestions?.length ? { suggestions: finding.suggestions.map((s) => ({ desc: s.desc, file: rel(s.fix.file), commands: s.fix.commands })) } : {}),
  };
}

/** Test files written for particular rules (not the generic runners over every rule). */
const RULE_TESTS = readdirSync(path.join(repoRoot, 'test'), { recursive: true })
  .map(String)
  .filter((name) => name.endsWith('.test.ts') && !/golden-examples|fixes\.test|registry\.test|generated\.test/.test(name))
  .map((name) => readFileSync(path.join(repoRoot, 'test', name), 'utf8'));

/** Some rules are tested with the stage they depend on (duplicate-device in test/network/identity.test.ts). */
function namedByATest(id: string): boolean {
  return RULE_TESTS.some((text) => text.includes(`'${id}'`));
}

/** What a rule still lacks, in words (the registry test checks the rule file and the registry line). */
function missingParts(id: string): string[] {
  const missing: string[] = [];
  const cfgs = (dir: string): boolean => existsSync(dir) && readdirSync(dir, { recursive: true }).some((name) => /\.(cfg|conf|txt)$/.test(String(name)));
  if (!existsSync(path.join(repoRoot, 'rules', `${id}.md`))) missing.push(`rules/${id}.md (the prose: What it flags, Why it breaks the VPN, Example (flagged), Fix, Options)`);
  if (!cfgs(path.join(examplesDir, id, 'flagged'))) missing.push(`configs-examples/${id}/flagged/ (the configurations of every end, where the rule reports)`);
  if (!cfgs(path.join(examplesDir, id, 'fixed'))) missing.push(`configs-examples/${id}/fixed/ (the same network corrected, where it does not)`);
  if (!existsSync(path.join(repoRoot, 'test', 'rules', `${id}.test.ts`)) && !namedByATest(id)) missing.push(`test/rules/${id}.test.ts (a variant written differently, real-world set-ups that must stay quiet)`);
  return missing;
}

describe.each(ALL)('%s: examples', (id) => {
  it('has every part a rule needs', () => {
    const missing = missingParts(id);
    expect(missing, `rule ${id} lacks:\n  ${missing.join('\n  ')}`).toEqual([]);
  });

  it('reports on its flagged example what flagged.expected.json says', async () => {
    const dir = path.join(examplesDir, id, 'flagged');
    const findings = lintInputs(readConfigDir(dir), ALL).findings.filter((f) => f.ruleId === id);
    expect(findings.length, `the rule reports nothing on configs-examples/${id}/flagged`).toBeGreaterThan(0);
    const text = `${JSON.stringify(findings.map((f) => golden(f, path.join(examplesDir, id))), null, 2)}\n`;
    await expect(text).toMatchFileSnapshot(path.join(examplesDir, id, 'flagged.expected.json'));
  });

  it('reports nothing on its fixed example', () => {
    const findings = lintInputs(readConfigDir(path.join(examplesDir, id, 'fixed')), ALL).findings.filter((f) => f.ruleId === id);
    expect(findings.map((f) => `${f.file}:${f.range.line} ${f.message}`)).toEqual([]);
  });
});
