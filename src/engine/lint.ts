import type { DeviceRule, NetworkRule, Note, RelatedLocation, Report, Rule, Severity, TunnelRule } from '../../rules/types.js';
import { boundsOf } from '../model/bounds.js';
import { lookupsOf } from '../model/lookups.js';
import { unmodelledNotes } from '../model/unmodelled-notes.js';
import type { Device } from '../model/types.js';
import { emptyNetwork } from '../network/build.js';
import type { Network, TopologyDeclaration } from '../network/types.js';
import { LineIndex, type Range } from '../text/range.js';
import { FileViews, FixError, generateFix, type GeneratedFix, type GeneratedSuggestion } from '../fix/generate.js';
import { PARSE_ERROR_META } from './builtin-rules.js';
import { sortFindings, type Finding } from './findings.js';
import { fillTemplate } from './messages.js';
import { defaultModelBuilders, type ModelBuilders } from './model-builders.js';
import { isModelable, type ParsedFile } from './parsed-file.js';
import type { RuleRegistry } from './registry.js';
import type { RuleSettings, SettingsResolver } from './settings.js';
import type { TargetScope } from './targets.js';

export interface LintOptions {
  registry: RuleRegistry;
  settings: SettingsResolver;
  /** Passed to `buildNetwork` (declared tunnels and NAT from the config file). */
  topology?: TopologyDeclaration;
  /** Throw on an invalid report (tests); otherwise drop it and warn. */
  strictReports?: boolean;
  /** Receives one-line warnings (dropped reports); the CLI prints them on stderr. */
  warn?: (message: string) => void;
  builders?: ModelBuilders;
  /** Repository mode: every file is modelled, only the scope's targets and their peers are checked and reported. */
  scope?: TargetScope;
  /** Receives the time of each phase (`model`, `pairing`, `rules`) and of each rule (`rule:<id>`), in milliseconds. */
  timing?: (phase: string, milliseconds: number) => void;
  /** Receives each modelled device (the CLI stores its summary in the cache). */
  onDevice?: (device: Device, parsed: ParsedFile) => void;
}

export interface LintOutcome {
  findings: Finding[];
  notes: Note[];
  /** A rule threw: the run is incomplete and the CLI exits 2. */
  internalErrors: string[];
  /** The paired network the rules ran on (absent when the findings were replayed from the cache). */
  network?: Network;
  /** Where each rule finding comes from (absent when replayed): the tunnel review reads it. */
  origins?: ReadonlyMap<Finding, FindingOrigin>;
}

/** What the engine knows of a rule finding beyond what the formats show. */
export interface FindingOrigin {
  /** The rule's message, which names the phase of a tunnel it stops (`RuleMeta.breaks`). */
  messageId: string;
  /** Tunnel rules: the ids of the tunnels whose check reported it (one copy is kept of identical reports). */
  tunnelIds: string[];
}

/** Thrown in strict mode when a rule reports something the engine cannot show. */
export class InvalidReportError extends Error {
  override name = 'InvalidReportError';
}

/** Runs every enabled rule over parsed files: device rules per file, tunnel rules per tunnel, network rules once. */
export function lintParsedFiles(parsedFiles: readonly ParsedFile[], options: LintOptions): LintOutcome {
  const { registry, settings } = options;
  const builders = options.builders ?? defaultModelBuilders;
  const warn = options.warn ?? (() => {});
  const findings: Finding[] = [];
  const origins = new Map<Finding, FindingOrigin>();
  const notes: Note[] = [];
  const internalErrors: string[] = [];
  const lineIndexes = new Map<string, LineIndex>();
  const timing = options.timing;
  let phaseStart = performance.now();
  const endPhase = (phase: string): void => {
    if (!timing) return;
    const now = performance.now();
    timing(phase, now - phaseStart);
    phaseStart = now;
  };

  const devices: Device[] = [];
  for (const parsed of parsedFiles) {
    if (!isModelable(parsed)) {
      lineIndexes.set(parsed.file, new LineIndex(parsed.text));
      continue;
    }
    try {
      const device = builders.buildDevice({ file: parsed.file, text: parsed.text, ast: parsed.ast, index: devices.length });
      devices.push(device);
      lineIndexes.set(device.file, device.lines);
      options.onDevice?.(device, parsed);
    } catch (error) {
      if (options.strictReports) throw error;
      lineIndexes.set(parsed.file, new LineIndex(parsed.text));
      internalErrors.push(`internal error while modelling ${parsed.file}: ${errorText(error)}`);
    }
  }
  endPhase('model');
  let network: Network;
  try {
    network = builders.buildNetwork(devices, options.topology);
  } catch (error) {
    if (options.strictReports) throw error;
    internalErrors.push(`internal error while pairing tunnels: ${errorText(error)}`);
    network = emptyNetwork(devices);
  }
  endPhase('pairing');

  const scope = options.scope;
  if (scope) findings.push(...scope.select(network, settings));
  const inScope = scope ? (file: string): boolean => scope.reported.has(file) : (): boolean => true;
  for (const parsed of parsedFiles) if (inScope(parsed.file)) findings.push(...parseFindings(parsed, settings.forFile(parsed.file)));
  /** Findings of tunnel rules on tunnels with an end in a target: kept on both ends. */
  const fromTargetTunnels = new Set<Finding>();

  const invalid = (rule: Rule, why: string): void => {
    const message = `rule ${rule.meta.id} reported ${why}; the finding was dropped`;
    if (options.strictReports) throw new InvalidReportError(message);
    warn(message);
  };

  const collect = (rule: Rule, defaultFile: string | undefined, report: Report, ruleSettings: RuleSettings | undefined, tunnelId?: string): void => {
    const file = report.file ?? defaultFile;
    if (file === undefined) return invalid(rule, 'a finding without a file');
    const lines = lineIndexes.get(file);
    if (!lines) return invalid(rule, `a finding in "${file}", which is not part of this run`);
    const ownFileOnly = defaultFile !== undefined && rule.meta.relatesOtherDevices !== true;
    if (ownFileOnly && file !== defaultFile) return invalid(rule, `a finding in ${file}, another device, without meta.relatesOtherDevices`);
    if (!isValidRange(report.range, lines)) return invalid(rule, `an invalid range ${rangeText(report.range)} in ${file}`);
    const related: RelatedLocation[] = [];
    for (const location of report.related ?? []) {
      if (ownFileOnly && location.file !== defaultFile) {
        return invalid(rule, `a related location in ${location.file}, another device, without meta.relatesOtherDevices`);
      }
      const relatedLines = lineIndexes.get(location.file);
      if (!relatedLines || !isValidRange(location.range, relatedLines)) {
        return invalid(rule, `an invalid related location ${location.file} ${rangeText(location.range)}`);
      }
      related.push({ file: location.file, range: location.range, message: location.message });
    }
    const template = rule.meta.messages[report.messageId];
    if (template === undefined) return invalid(rule, `unknown messageId "${report.messageId}"`);
    let missing: string | undefined;
    const message = fillTemplate(template, report.data, (name) => (missing ??= name));
    if (missing !== undefined) return invalid(rule, `message "${report.messageId}" without a value for "${missing}"`);
    const enabled = (file === defaultFile && ruleSettings ? ruleSettings : settings.forFile(file)).get(rule.meta.id);
    if (!enabled) return;
    const severity: Severity = report.severity ?? enabled.severity;
    const finding: Finding = { ruleId: rule.meta.id, severity, message, file, range: report.range, objectPath: report.objectPath, related };
    const changes = fixesOf(rule, file, report);
    if (changes.fix) finding.fix = changes.fix;
    if (changes.suggestions.length > 0) finding.suggestions = changes.suggestions;
    findings.push(finding);
    origins.set(finding, { messageId: report.messageId, tunnelIds: tunnelId === undefined ? [] : [tunnelId] });
  };

  const viewsByFile = new Map<string, FileViews>();
  const viewsOf = (file: string): FileViews | undefined => {
    let views = viewsByFile.get(file);
    const lines = lineIndexes.get(file);
    if (!views && lines) viewsByFile.set(file, (views = new FileViews(lines.text)));
    return views;
  };
  /** Both forms of the report's fix and suggestions; a change the file cannot take is dropped with a warning. */
  const fixesOf = (rule: Rule, file: string, report: Report): { fix?: GeneratedFix; suggestions: GeneratedSuggestion[] } => {
    const generate = (change: NonNullable<Report['fix']>): GeneratedFix | undefined => {
      const target = change.file ?? file;
      const views = viewsOf(target);
      if (!views) return void invalid(rule, `a fix for "${target}", which is not part of this run`);
      try {
        return generateFix(views, target, change);
      } catch (error) {
        if (!(error instanceof FixError)) throw error;
        return void invalid(rule, `a fix that cannot be made (${error.message})`);
      }
    };
    let fix = report.fix ? generate(report.fix) : undefined;
    // A change on the device alone leaves the file, and so the finding, as it is: a suggestion, never a fix.
    if (fix?.commandsOnly) fix = void invalid(rule, 'a device-only change as its fix (it cannot remove the finding: offer it as a suggestion)');
    const suggestions: GeneratedSuggestion[] = [];
    for (const suggestion of report.suggestions ?? []) {
      const generated = generate(suggestion.change);
      if (generated) suggestions.push({ desc: suggestion.desc, fix: generated });
    }
    return { fix, suggestions };
  };

  const run = (rule: Rule, what: string, check: () => void): void => {
    try {
      check();
    } catch (error) {
      if (options.strictReports || error instanceof InvalidReportError) throw error;
      internalErrors.push(`internal error in rule ${rule.meta.id} on ${what}: ${errorText(error)}`);
    }
  };

  const note = (file: string, message: string): void => {
    notes.push({ file, message });
  };

  for (const rule of registry.rules) {
    const id = rule.meta.id;
    const ruleStart = timing ? performance.now() : 0;
    if (rule.meta.scope === 'device') {
      const check = (rule as DeviceRule).check;
      const onPeers = rule.meta.relatesOtherDevices === true;
      for (const device of network.devices) {
        if (!inScope(device.file) || (scope && !onPeers && !scope.targets.has(device.file))) continue;
        const deviceSettings = settings.forFile(device.file);
        const enabled = deviceSettings.get(id);
        if (!enabled) continue;
        const entries = scope ? scope.entriesFacingTargets(device, network) : device.entries;
        run(rule, device.file, () =>
          check({ device, entries, network, options: enabled.options, note, report: (r) => collect(rule, device.file, r, deviceSettings) }),
        );
      }
    } else if (settings.isEnabledAnywhere(id)) {
      const ruleOptions = settings.base.get(id)?.options ?? {};
      if (rule.meta.scope === 'tunnel') {
        const check = (rule as TunnelRule).check;
        for (const tunnel of network.tunnels) {
          if (scope && !scope.isTargetTunnel(tunnel)) continue;
          const before = findings.length;
          run(rule, `tunnel ${tunnel.id}`, () =>
            check({ tunnel, network, options: ruleOptions, note, report: (r) => collect(rule, undefined, r, undefined, tunnel.id) }),
          );
          if (scope) for (let i = before; i < findings.length; i++) fromTargetTunnels.add(findings[i]);
        }
      } else {
        const check = (rule as NetworkRule).check;
        run(rule, 'the network', () => check({ network, options: ruleOptions, note, report: (r) => collect(rule, undefined, r, undefined) }));
      }
    }
    timing?.(`rule:${id}`, performance.now() - ruleStart);
  }
  // What the model settled with a bounded answer (work or size budgets) while the rules ran: one note each
  for (const device of network.devices) for (const message of boundsOf(lookupsOf(device.ast))) note(device.file, message);
  for (const device of network.devices) for (const message of unmodelledNotes(device.ast)) note(device.file, message);
  endPhase('rules');

  const kept = scope ? findings.filter((f) => scope.keeps(f, fromTargetTunnels.has(f))) : findings;
  return { findings: sortFindings(dedupe(kept, origins)), notes: notes.filter((n) => inScope(n.file)), internalErrors, network, origins };
}

function parseFindings(parsed: ParsedFile, settings: RuleSettings): Finding[] {
  const configured = settings.get(PARSE_ERROR_META.id);
  const findings: Finding[] = [];
  const modelable = isModelable(parsed);
  for (const diagnostic of parsed.ast.diagnostics) {
    const fatal = !modelable && diagnostic.severity === 'error';
    if (!fatal && !configured) continue;
    const severity: Severity = fatal ? 'error' : diagnostic.severity === 'warning' ? 'warning' : (configured?.severity ?? 'error');
    findings.push({
      ruleId: PARSE_ERROR_META.id,
      severity,
      message: diagnostic.message,
      file: parsed.file,
      range: diagnostic.range,
      objectPath: `parse:${diagnostic.code}`,
      related: [],
      ...(fatal ? { fatal: true } : {}),
    });
  }
  return findings;
}

/** Two ends of a tunnel may report the same thing twice; one copy is enough (it keeps the tunnels of every copy). */
function dedupe(findings: Finding[], origins: Map<Finding, FindingOrigin>): Finding[] {
  const seen = new Map<string, Finding>();
  return findings.filter((f) => {
    const key = `${f.ruleId}\0${f.file}\0${f.range.offset}\0${f.range.endOffset}\0${f.message}`;
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, f);
      return true;
    }
    const kept = origins.get(first);
    for (const id of origins.get(f)?.tunnelIds ?? []) if (kept && !kept.tunnelIds.includes(id)) kept.tunnelIds.push(id);
    origins.delete(f);
    return false;
  });
}

function isValidRange(range: Range | undefined, lines: LineIndex): boolean {
  if (!range || typeof range.offset !== 'number' || typeof range.endOffset !== 'number') return false;
  if (!lines.contains(range)) return false;
  const startOffset = lines.lineStarts[range.line - 1] + range.column - 1;
  const endOffset = lines.lineStarts[range.endLine - 1] + range.endColumn - 1;
  return startOffset === range.offset && endOffset === range.endOffset;
}

function rangeText(range: Range | undefined): string {
  if (typeof range?.line !== 'number') return String(range);
  return `${range.line}:${range.column}-${range.endLine}:${range.endColumn}`;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
