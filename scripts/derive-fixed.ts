import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { rules } from '../rules/index.js';
import type { RuleMeta } from '../rules/types.js';
import { parseConfig } from '../src/ast/parse.js';
import { defaultConfig } from '../src/engine/config.js';
import type { Finding } from '../src/engine/findings.js';
import { lintParsedFiles } from '../src/engine/lint.js';
import { RuleRegistry } from '../src/engine/registry.js';
import { SettingsResolver } from '../src/engine/settings.js';
import { applyFixesToContent } from '../src/fix/file-text.js';
import type { GeneratedFix } from '../src/fix/generate.js';

/** As `--fix`: at most this many passes of the rule's fixes (src/cli/fix-passes.ts MAX_FIX_PASSES). */
export const MAX_DERIVE_PASSES = 10;

/**
 * Rules whose `configs-examples/<id>/fixed/` is NOT the flagged example plus the rule's changes,
 * and why: they keep a hand-written fixed set. The list may only shrink —
 * test/engine/derived-examples.test.ts fails when a rule listed here would now derive cleanly.
 */
export const NOT_DERIVED: Record<string, string> = {
  // The first suggestion narrows one branch's ACL to the flows no other tunnel takes: the hub's
  // mirrored ACL then covers more than the branch's, which security-acl-mismatch reports (the
  // hand-written fixed set gives each branch its own subnet on both ends instead).
  'flow-overlap-across-tunnels': 'the first suggestion (narrow one ACL) leaves the hub ACL wider than the branch one: security-acl-mismatch warns',
  // Site B's route leaves through the wrong interface and no next hop on the policy's interface is known, so that finding has no fix.
  'route-missing-to-protected-subnet': "site B's finding (route through another interface) has no fix: the next hop on the policy's interface is not known",
  // The fix sources IKE from the sub address; the flagged security policy permits IKE from the primary address only.
  'sub-address-without-tunnel-local': 'after the fix security-policy-blocks-ike reports IKE from the sub address (the hand-written fixed set also permits it)',
  // No fix writes a key: a suggestion (if any) is device commands with a placeholder and leaves the file as it is.
  'pre-shared-key-mismatch': 'the right key is a secret no fix or suggestion writes into the file, so the finding stays',
};

interface ExampleFile {
  /** Path relative to the repository root, `/`-separated. */
  file: string;
  text: string;
}

function readExampleDir(root: string, dir: string): ExampleFile[] {
  const out: ExampleFile[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const full = path.join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.(cfg|conf|txt)$/.test(name)) out.push({ file: path.relative(root, full).split(path.sep).join('/'), text: readFileSync(full, 'utf8') });
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

/** Every rule on at its default severity (error or warning), as the rule pages lint their examples. */
function lintAll(root: string, files: readonly ExampleFile[]): Finding[] {
  const registry = new RuleRegistry(rules);
  const config = defaultConfig(root);
  for (const meta of registry.metas.values()) config.rules.set(meta.id, { severity: meta.defaultSeverity === 'error' ? 'error' : 'warn' });
  const settings = new SettingsResolver(registry, config, new Map(), root);
  const parsed = files.map(({ file, text }) => ({ file, ...parseConfig(text, file) }));
  return lintParsedFiles(parsed, { registry, settings }).findings;
}

/**
 * The changes one pass applies. A fixable rule: the fix (safe or unsafe) of every finding, as
 * `--fix --unsafe-fixes` does; when no finding has a fix left but the rule still reports (a finding
 * only a suggestion answers), the first suggestion of the first such finding. A rule with
 * suggestions only: the first suggestion of the first finding that has one — one finding per pass,
 * because on a two-end mismatch each end suggests taking the other's value, and both applied
 * together would swap the values and mismatch again.
 */
function passChanges(meta: RuleMeta, findings: readonly Finding[]): GeneratedFix[] {
  const own = findings.filter((f) => f.ruleId === meta.id);
  if (meta.fixable) {
    const fixes = own.flatMap((f) => (f.fix ? [f.fix] : []));
    if (fixes.length > 0) return fixes;
  }
  const suggested = own.find((f) => (f.suggestions?.length ?? 0) > 0);
  return suggested?.suggestions ? [suggested.suggestions[0].fix] : [];
}

export interface Derivation {
  ruleId: string;
  /** The fixed example: each flagged file (named under `fixed/`) with the rule's changes applied. */
  files: ExampleFile[];
  passes: number;
  /** Why the derived set is not a clean fixed example (empty when it is). */
  problems: string[];
}

const RECOMMENDED = new Set(rules.filter((r) => r.meta.presets.includes('recommended')).map((r) => r.meta.id));

function key(f: Finding): string {
  return `${f.ruleId} ${f.file} ${f.objectPath} ${f.message}`;
}

/**
 * `configs-examples/<id>/flagged/` with the rule's changes applied to all files of the network,
 * linted again after each pass, until no change of that rule remains (at most MAX_DERIVE_PASSES).
 * Clean when the rule no longer reports and no finding of another rule appears that the flagged
 * example did not have (an error breaks a tunnel; a warning would leave the fixed example unclean).
 */
export function deriveFixedExample(root: string, meta: RuleMeta): Derivation | undefined {
  const flaggedDir = path.join(root, 'configs-examples', meta.id, 'flagged');
  const flagged = readExampleDir(root, flaggedDir);
  if (flagged.length === 0) return undefined;
  const before = lintAll(root, flagged);
  let current = flagged;
  let findings = before;
  let passes = 0;
  for (; passes < MAX_DERIVE_PASSES; passes++) {
    const byFile = new Map<string, GeneratedFix[]>();
    const seen = new Set<string>();
    for (const fix of passChanges(meta, findings)) {
      // A two-end finding may carry the same fix on each copy: applied once.
      const k = `${fix.file}\0${fix.range[0]}\0${fix.range[1]}\0${fix.text}`;
      if (seen.has(k)) continue;
      seen.add(k);
      byFile.set(fix.file, [...(byFile.get(fix.file) ?? []), fix]);
    }
    let applied = 0;
    current = current.map((input) => {
      const fixes = byFile.get(input.file);
      if (!fixes) return input;
      const result = applyFixesToContent(input.text, parseConfig(input.text, input.file).text, fixes);
      if (!result || result.applied === 0) return input;
      applied += result.applied;
      return { file: input.file, text: result.content as string };
    });
    if (applied === 0) break;
    findings = lintAll(root, current);
  }
  const problems: string[] = [];
  const left = findings.filter((f) => f.ruleId === meta.id);
  if (left.length > 0) problems.push(...left.map((f) => `still reported: ${f.file}:${f.range.start.line} ${f.message}`));
  const old = new Set(before.map(key));
  for (const f of findings) {
    if (f.ruleId === meta.id) continue;
    if (!old.has(key(f))) problems.push(`new ${f.severity} of ${f.ruleId}: ${f.file}:${f.range.start.line} ${f.message}`);
    // The fixed example is a correct VPN for the recommended preset (test/rules/examples.test.ts).
    else if (RECOMMENDED.has(f.ruleId)) problems.push(`left ${f.severity} of ${f.ruleId}: ${f.file}:${f.range.start.line} ${f.message}`);
  }
  if (passes === 0) problems.push('no change applied');
  const prefix = `configs-examples/${meta.id}/flagged/`;
  const files = current.map(({ file, text }) => ({ file: `configs-examples/${meta.id}/fixed/${file.slice(prefix.length)}`, text }));
  return { ruleId: meta.id, files, passes, problems };
}

/** The rules whose fixed example is derived: a fix or suggestions, a flagged example, not in NOT_DERIVED. */
export function derivedRuleMetas(): RuleMeta[] {
  return rules.map((r) => r.meta).filter((meta) => (meta.fixable || meta.hasSuggestions) && NOT_DERIVED[meta.id] === undefined);
}

/**
 * Every derived fixed example file, path relative to the repository root → content (for npm run
 * generate). A derivation with problems is not written (the rule keeps its fixed set, and
 * test/engine/derived-examples.test.ts names the problems): it goes in NOT_DERIVED or its fix is repaired.
 */
export function derivedFixedFiles(root: string): { files: Map<string, string>; rules: string[]; refused: Derivation[] } {
  const files = new Map<string, string>();
  const written: string[] = [];
  const refused: Derivation[] = [];
  for (const meta of derivedRuleMetas()) {
    const derivation = deriveFixedExample(root, meta);
    if (!derivation) continue;
    if (derivation.problems.length > 0) {
      refused.push(derivation);
      continue;
    }
    written.push(meta.id);
    for (const { file, text } of derivation.files) files.set(file, text);
  }
  return { files, rules: written, refused };
}

/** Files in the `fixed/` directory of a rule whose example was derived that the derivation does not write (npm run generate removes them). */
export function staleFixedFiles(root: string, derived: ReturnType<typeof derivedFixedFiles>): string[] {
  return derived.rules.flatMap((id) =>
    readExampleDir(root, path.join(root, 'configs-examples', id, 'fixed'))
      .map(({ file }) => file)
      .filter((file) => !derived.files.has(file)),
  );
}
