import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import wrapAnsi from 'wrap-ansi';
import { rules } from '../../rules/index.js';
import type { RuleMeta } from '../../rules/types.js';
import { fixKind, isInPreset, RuleRegistry } from '../engine/registry.js';
import { didYouMean } from '../engine/suggest.js';
import { packageRoot } from '../engine/version.js';
import { namespacedRuleId, ruleDocsUrl } from '../engine/docs-url.js';
import { UsageError, type CliIo } from './io.js';

const RULES_USAGE = 'usage: fwlint rules [--json] [ID]';
const TABLE_WIDTH = 100;

function presetOf(meta: RuleMeta): string {
  if (isInPreset(meta, 'recommended')) return 'recommended';
  return isInPreset(meta, 'strict') ? 'strict' : '-';
}


/** One line per rule, readable at 100 columns: id, severity, preset, fixable, description. */
function rulesTable(metas: readonly RuleMeta[]): string {
  const header = ['RULE', 'SEVERITY', 'PRESET', 'FIX', 'DESCRIPTION'];
  const rows = metas.map((m) => [m.id, m.defaultSeverity, presetOf(m), fixKind(m), m.description]);
  const widths = header.slice(0, 4).map((title, i) => Math.max(title.length, ...rows.map((row) => row[i].length)));
  const descriptionColumn = widths.reduce((sum, w) => sum + w + 2, 0);
  const descriptionWidth = Math.max(20, TABLE_WIDTH - descriptionColumn);
  const line = (row: string[]): string => {
    const [first, ...rest] = wrapAnsi(row[4], descriptionWidth, { hard: true }).split('\n');
    const lead = row.slice(0, 4).map((cell, i) => cell.padEnd(widths[i])).join('  ');
    return [`${lead}  ${first}`, ...rest.map((text) => `${' '.repeat(descriptionColumn)}${text}`)].join('\n');
  };
  return `${[header, ...rows].map(line).join('\n')}\n\n${metas.length} rules; "fwlint rules ID" shows one rule's documentation.\n`;
}

/** The rule's page as shipped in docs/rules/, without the generator's comment line. */
function ruleDoc(meta: RuleMeta): string {
  try {
    const text = readFileSync(path.join(packageRoot(), 'docs', 'rules', `${meta.id}.md`), 'utf8');
    return `${text.replace(/^<!--.*-->\n+/, '').trimEnd()}\n\nOnline: ${ruleDocsUrl(meta.id)}\n`;
  } catch {
    return `# ${namespacedRuleId(meta.id)}\n\n${meta.description}.\n\nDocumentation: ${ruleDocsUrl(meta.id)}\n`;
  }
}

/** `fwlint rules` (the table of rules) and `fwlint rules ID` (one rule's documentation, as `ruff rule`). */
export function runRulesCommand(args: readonly string[], io: CliIo): number {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options: { json: { type: 'boolean' } }, allowPositionals: true, strict: true });
  } catch {
    throw new UsageError(RULES_USAGE);
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) throw new UsageError(RULES_USAGE);
  const registry = new RuleRegistry(rules);
  const metas = [...registry.metas.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (positionals.length === 0) {
    io.stdout.write(
      values.json
        ? `${JSON.stringify(metas.map((m) => ({ id: namespacedRuleId(m.id), severity: m.defaultSeverity, preset: presetOf(m), fixable: m.fixable === true, hasSuggestions: m.hasSuggestions === true, scope: m.scope, description: m.description, docs: ruleDocsUrl(m.id) })), null, 2)}\n`
        : rulesTable(metas),
    );
    return 0;
  }
  const id = positionals[0].replace(/^fwlint\//, '');
  const meta = registry.metas.get(id);
  if (!meta) throw new UsageError(`unknown rule "${positionals[0]}"${didYouMean(id, registry.configurableIds)}; "fwlint rules" lists them`);
  io.stdout.write(values.json ? `${JSON.stringify({ ...meta, id: namespacedRuleId(meta.id), docs: ruleDocsUrl(meta.id) }, null, 2)}\n` : ruleDoc(meta));
  return 0;
}
