import type { Finding } from '../engine/findings.js';
import { namespacedRuleId, ruleDocsUrl } from '../engine/docs-url.js';
import { repositoryRelative } from './paths.js';
import { markdownCell, tunnelsWithFindingsMarkdown } from './tunnels/markdown.js';
import { messageWithRelated } from './related.js';
import type { FormatInput } from './types.js';

/** Message part of a workflow command (after `::`). */
export function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Property value of a workflow command: also `:` and `,`, which delimit properties. */
export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function annotation(finding: Finding, input: FormatInput): string {
  const range = finding.range;
  const properties = [
    `file=${escapeProperty(repositoryRelative(finding.file, input))}`,
    `line=${range.line}`,
    `endLine=${range.endLine}`,
    `col=${range.column}`,
    `endColumn=${range.endColumn}`,
    `title=${escapeProperty(namespacedRuleId(finding.ruleId))}`,
  ].join(',');
  const message = messageWithRelated(finding, (file) => repositoryRelative(file, input));
  return `::${finding.severity === 'error' ? 'error' : 'warning'} ${properties}::${escapeData(message)}\n`;
}

/**
 * GitHub workflow-command annotations. GitHub keeps only the first 10 per severity per step,
 * so errors come first.
 */
export function formatGithub(input: FormatInput): string {
  const errors = input.findings.filter((f) => f.severity === 'error');
  const warnings = input.findings.filter((f) => f.severity !== 'error');
  const runWarnings = (input.runWarnings ?? []).map((text) => `::warning title=fwlint::${escapeData(text)}\n`);
  return [...errors, ...warnings].map((finding) => annotation(finding, input)).join('') + runWarnings.join('');
}

const STEP_SUMMARY_LIMIT = 1024 * 1024 - 4096;

/**
 * Markdown for `$GITHUB_STEP_SUMMARY` (capped below GitHub's 1 MiB per step): the findings, then
 * the tunnels that have findings, with their verdicts, when the run's tunnel review is given.
 */
export function stepSummaryMarkdown(input: FormatInput): string {
  const markdown = findingsSummaryMarkdown(input);
  const tunnels = input.tunnels ? tunnelsWithFindingsMarkdown(input.tunnels, STEP_SUMMARY_LIMIT - markdown.length) : '';
  return tunnels ? `${markdown}\n${tunnels}` : markdown;
}

function findingsSummaryMarkdown(input: FormatInput): string {
  const { findings } = input;
  const errors = findings.filter((f) => f.severity === 'error').length;
  let markdown = `## fwlint\n\n${findings.length === 0 ? 'No problems found' : `${errors} errors, ${findings.length - errors} warnings`} in ${input.files.length} files.\n\n`;
  if (findings.length === 0) return markdown;
  markdown += '| Severity | Location | Rule | Message |\n| --- | --- | --- | --- |\n';
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i];
    const row = `| ${f.severity} | ${markdownCell(`${f.file}:${f.range.line}:${f.range.column}`)} | [${namespacedRuleId(f.ruleId)}](${ruleDocsUrl(f.ruleId)}) | ${markdownCell(messageWithRelated(f))} |\n`;
    if (markdown.length + row.length > STEP_SUMMARY_LIMIT) {
      markdown += `\n${findings.length - i} more findings are in the log.\n`;
      break;
    }
    markdown += row;
  }
  return markdown;
}
