import type { Finding } from '../engine/findings.js';
import type { LintOutcome } from '../engine/lint.js';
import type { SourceInput } from '../engine/parse-files.js';
import { unifiedDiff } from '../fix/diff.js';
import { withoutSecrets } from '../text/lines.js';
import { applyFixesToContent } from '../fix/file-text.js';
import type { GeneratedFix } from '../fix/generate.js';
import { decodeConfig } from '../text/decode.js';

/** As ESLint: fixes are applied, the files linted again, and again, at most this many passes. */
export const MAX_FIX_PASSES = 10;

export interface FixRun {
  /** The inputs after every pass (unchanged inputs are the same objects). */
  inputs: SourceInput[];
  /** Files whose content changed, with their content before the first pass. */
  changed: { input: SourceInput; before: string | Uint8Array }[];
  /** Files with fixes that could not be applied (their text is not the one linted). */
  skipped: string[];
}

/** The fixes `--fix` applies: the safe ones (and unsafe ones with `--unsafe-fixes`), each for the file its finding is in. */
export function applicableFixes(findings: readonly Finding[], unsafe: boolean): GeneratedFix[] {
  const seen = new Set<string>();
  const fixes: GeneratedFix[] = [];
  for (const finding of findings) {
    const fix = finding.fix;
    if (!fix || fix.file !== finding.file || (fix.applicability === 'unsafe' && !unsafe)) continue;
    // A two-end finding may carry the same fix on each copy: applied once.
    const key = `${fix.file}\0${fix.range[0]}\0${fix.range[1]}\0${fix.text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    fixes.push(fix);
  }
  return fixes;
}

/** Lints, applies the fixes in memory, lints again, until nothing more applies or MAX_FIX_PASSES. */
export async function runFixPasses(inputs: readonly SourceInput[], lint: (inputs: SourceInput[]) => Promise<LintOutcome>, unsafe: boolean): Promise<FixRun> {
  let current = [...inputs];
  const before = new Map<string, string | Uint8Array>();
  const skipped = new Set<string>();
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const outcome = await lint(current);
    if (outcome.internalErrors.length > 0) break;
    const byFile = new Map<string, GeneratedFix[]>();
    for (const fix of applicableFixes(outcome.findings, unsafe)) {
      if (skipped.has(fix.file)) continue;
      byFile.set(fix.file, [...(byFile.get(fix.file) ?? []), fix]);
    }
    let applied = 0;
    current = current.map((input) => {
      const fixes = byFile.get(input.file);
      if (!fixes) return input;
      const text = decodeConfig(input.content).text;
      const result = applyFixesToContent(input.content, text, fixes);
      if (!result) {
        skipped.add(input.file);
        return input;
      }
      if (result.applied === 0) return input;
      applied += result.applied;
      if (!before.has(input.file)) before.set(input.file, input.content);
      return { ...input, content: result.content };
    });
    if (applied === 0) break;
  }
  const changed = current.filter((input) => before.has(input.file)).map((input) => ({ input, before: before.get(input.file) as string | Uint8Array }));
  return { inputs: current, changed, skipped: [...skipped] };
}

/** `--fix-dry-run`: the unified diff of every changed file, as the file's text reads. */
export function fixDiff(run: FixRun): string {
  return run.changed
    .map(({ input, before }) => unifiedDiff(textOf(before), textOf(input.content), `a/${input.file}`, `b/${input.file}`))
    .join('');
}

/** The file's text as a diff shows it: secrets replaced (src/text/lines.ts withoutSecrets). */
function textOf(content: string | Uint8Array): string {
  return withoutSecrets(decodeConfig(content).text);
}

/** `fwlint fix --commands`: per device file, the command script of every fix, in order. */
export function commandScripts(findings: readonly Finding[], unsafe: boolean): string {
  const byFile = new Map<string, { ruleId: string; line: number; fix: GeneratedFix }[]>();
  const seen = new Set<string>();
  for (const finding of findings) {
    const fix = finding.fix;
    if (!fix || fix.file !== finding.file || (fix.applicability === 'unsafe' && !unsafe)) continue;
    const key = `${fix.file}\0${fix.range[0]}\0${fix.text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    byFile.set(fix.file, [...(byFile.get(fix.file) ?? []), { ruleId: finding.ruleId, line: finding.range.line, fix }]);
  }
  const out: string[] = [];
  for (const file of [...byFile.keys()].sort()) {
    const fixes = byFile.get(file) ?? [];
    out.push(`# ${file}: ${fixes.length} fix${fixes.length === 1 ? '' : 'es'}`);
    for (const { ruleId, line, fix } of fixes) out.push(`# fwlint/${ruleId} (line ${line}${fix.applicability === 'unsafe' ? ', unsafe' : ''})`, ...fix.commands);
    out.push('');
  }
  return out.join('\n');
}
