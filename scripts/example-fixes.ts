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
import { unifiedDiff } from '../src/fix/diff.js';
import { applyFixes, type GeneratedFix } from '../src/fix/generate.js';
import { withoutSecrets } from '../src/text/lines.js';

/** At most this many findings are shown on a rule page: the rest repeat the same change on other ends. */
const SHOWN_FINDINGS = 2;

interface ExampleFile {
  file: string;
  text: string;
}

function readExample(root: string, dir: string): ExampleFile[] {
  const out: ExampleFile[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const full = path.join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.(cfg|conf|txt)$/.test(name)) out.push({ file: path.relative(root, full).split(path.sep).join('/'), text: readFileSync(full, 'utf8') });
    }
  };
  walk(dir);
  return out;
}

/** The findings of every rule on `configs-examples/<id>/flagged`, linted as one network with all rules on. */
export function flaggedExampleFindings(root: string, ruleId: string): { files: ExampleFile[]; findings: Finding[] } | undefined {
  const dir = path.join(root, 'configs-examples', ruleId, 'flagged');
  if (!existsSync(dir)) return undefined;
  const files = readExample(root, dir);
  const registry = new RuleRegistry(rules);
  const config = defaultConfig(root);
  for (const meta of registry.metas.values()) config.rules.set(meta.id, { severity: meta.defaultSeverity === 'error' ? 'error' : 'warn' });
  const settings = new SettingsResolver(registry, config, new Map(), root);
  const parsed = files.map(({ file, text }) => ({ file, ...parseConfig(text, file) }));
  return { files, findings: lintParsedFiles(parsed, { registry, settings }).findings.filter((f) => f.ruleId === ruleId) };
}

function changeBlock(files: readonly ExampleFile[], title: string, fix: GeneratedFix): string[] {
  const file = files.find((f) => f.file === fix.file);
  const before = file ? parseConfig(file.text, file.file).text : '';
  const name = fix.file.split('/').slice(3).join('/');
  // Commands only (a key, which fwlint never writes): the file is not changed, there is no diff to show.
  if (fix.commandsOnly) return [title, '', '```', ...fix.commands, '```', '', `The file \`${name}\` is left unchanged: edit it by hand.`, ''];
  const diff = unifiedDiff(withoutSecrets(before), withoutSecrets(applyFixes(before, [fix]).text), `a/${name}`, `b/${name}`, 1);
  return [title, '', '```', ...fix.commands, '```', '', '```diff', diff.trimEnd(), '```', ''];
}

/**
 * The "Fix on the flagged example" section of a rule page: what `--fix` and the suggestions of the
 * rule's findings on its flagged example change, as device commands and as the file's diff — the
 * fault, the finding and the fix side by side, regenerated with the rule.
 */
export function flaggedExampleFixSection(root: string, meta: RuleMeta): string {
  const heading = '## Fix on the flagged example (generated)';
  if (meta.noFix !== undefined) return `${heading}\n\nNone: ${meta.noFix}\n`;
  if (!meta.fixable && !meta.hasSuggestions) return '';
  const example = flaggedExampleFindings(root, meta.id);
  if (!example) return '';
  const shown = example.findings.filter((f) => f.fix || f.suggestions?.length).slice(0, SHOWN_FINDINGS);
  const out = [heading, '', `What fwlint attaches to its findings on \`configs-examples/${meta.id}/flagged\`: the VRP commands to type on the device (from the user view) and the same change as an edit of the file.`, ''];
  for (const finding of shown) {
    const where = `${finding.file.split('/').slice(3).join('/')}:${finding.range.line}`;
    out.push(`**${where}** — ${finding.message}`, '');
    if (finding.fix) {
      const how = finding.fix.applicability === 'safe' ? 'applied by `--fix`' : 'unsafe: applied by `--fix --unsafe-fixes`';
      out.push(...changeBlock(example.files, `Fix (${how}):`, finding.fix));
    }
    for (const suggestion of finding.suggestions ?? []) out.push(...changeBlock(example.files, `Suggestion (never applied automatically): ${suggestion.desc}.`, suggestion.fix));
  }
  return `${out.join('\n').trimEnd()}\n`;
}
