import type { Fix as SarifFix, Location, Log, ReportingDescriptor, Result } from 'sarif';
import type { RuleMeta } from '../../rules/types.js';
import type { Finding } from '../engine/findings.js';
import type { GeneratedFix } from '../fix/generate.js';
import type { Range } from '../text/range.js';
import { namespacedRuleId, REPOSITORY_URL, ruleDocsUrl } from '../engine/docs-url.js';
import type { FormatInput } from './types.js';
import { repositoryRelative } from './paths.js';
import { messageWithRelated } from './related.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const OBJECT_PATH_FINGERPRINT = 'fwlint/objectPath/v1';

function level(severity: RuleMeta['defaultSeverity']): 'error' | 'warning' {
  return severity === 'error' ? 'error' : 'warning';
}

function descriptor(meta: RuleMeta): ReportingDescriptor {
  const url = ruleDocsUrl(meta.id);
  return {
    id: namespacedRuleId(meta.id),
    name: meta.id,
    shortDescription: { text: meta.description },
    fullDescription: { text: `${meta.description}.` },
    help: {
      text: `${meta.description}. Documentation: ${url}`,
      markdown: `${meta.description}. See [fwlint/${meta.id}](${url}).`,
    },
    helpUri: url,
    defaultConfiguration: { level: level(meta.defaultSeverity) },
    properties: { tags: [...meta.tags], precision: 'high', 'problem.severity': level(meta.defaultSeverity) },
  };
}

/**
 * A relative URI reference for a repository path: each segment percent-encoded, so `#`, `?` and
 * `:` (which would start a fragment, a query or a scheme) stay part of the file name.
 */
export function relativeUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

function location(file: string, range: Range, input: FormatInput, message?: string, id?: number): Location {
  const uri = repositoryRelative(file, input);
  return {
    ...(id === undefined ? {} : { id }),
    physicalLocation: {
      artifactLocation: { uri: relativeUri(uri) },
      region: { startLine: range.line, startColumn: range.column, endLine: range.endLine, endColumn: range.endColumn },
    },
    ...(message === undefined ? {} : { message: { text: message } }),
  };
}

function result(finding: Finding, ruleIndex: number, input: FormatInput): Result {
  const fixes = fixesOf(finding, input);
  return {
    ruleId: namespacedRuleId(finding.ruleId),
    ruleIndex,
    level: level(finding.severity),
    message: { text: messageWithRelated(finding, (file) => repositoryRelative(file, input)) },
    locations: [location(finding.file, finding.range, input)],
    ...(finding.related.length > 0
      ? { relatedLocations: finding.related.map((r, i) => location(r.file, r.range, input, r.message, i + 1)) }
      : {}),
    partialFingerprints: { [OBJECT_PATH_FINGERPRINT]: `${finding.ruleId}|${finding.objectPath}` },
    ...(fixes.length > 0 ? { fixes } : {}),
  };
}

/**
 * The fix and every suggestion as SARIF fixes (offsets as the fix's range; the device commands in the
 * properties). A commands-only suggestion is left out: its replacement would be empty, a SARIF fix
 * that changes nothing (the finding's message says what to change).
 */
function fixesOf(finding: Finding, input: FormatInput): SarifFix[] {
  const one = (description: string, fix: GeneratedFix): SarifFix => ({
    description: { text: description },
    artifactChanges: [
      {
        artifactLocation: { uri: relativeUri(repositoryRelative(fix.file, input)) },
        replacements: [{ deletedRegion: { charOffset: fix.range[0], charLength: fix.range[1] - fix.range[0] }, insertedContent: { text: fix.text } }],
      },
    ],
    properties: { applicability: fix.applicability, commands: fix.commands },
  });
  return [
    ...(finding.fix ? [one(`${finding.fix.applicability === 'safe' ? 'Fix' : 'Unsafe fix'}: ${finding.fix.commands.filter((c) => !['system-view', 'quit', 'return'].includes(c)).join('; ')}`, finding.fix)] : []),
    ...(finding.suggestions ?? []).filter((s) => !s.fix.commandsOnly).map((s) => one(s.desc, s.fix)),
  ];
}

/** SARIF 2.1.0 for GitHub code scanning: repository-relative URIs, every rule described. */
export function toSarif(input: FormatInput): Log {
  const metas = [...input.metas.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const index = new Map(metas.map((meta, i) => [meta.id, i]));
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'fwlint',
            semanticVersion: input.version,
            informationUri: REPOSITORY_URL,
            rules: metas.map(descriptor),
          },
        },
        columnKind: 'utf16CodeUnits',
        ...(input.runWarnings?.length
          ? {
              invocations: [
                {
                  executionSuccessful: true,
                  toolExecutionNotifications: input.runWarnings.map((text) => ({ level: 'warning' as const, message: { text } })),
                },
              ],
            }
          : {}),
        results: input.findings.map((f) => result(f, index.get(f.ruleId) ?? -1, input)),
      },
    ],
  };
}

export function formatSarif(input: FormatInput): string {
  return `${JSON.stringify(toSarif(input), null, 2)}\n`;
}
