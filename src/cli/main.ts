import { existsSync, statSync, appendFileSync } from 'node:fs';
import path from 'node:path';
import { rules } from '../../rules/index.js';
import { applyBaseline, readBaseline, tryWriteBaseline } from '../engine/baseline.js';
import { IO_ERROR_META } from '../engine/builtin-rules.js';
import { DEFAULT_CACHE_LOCATION, ParseCache } from '../engine/cache.js';
import { defaultConfig, findConfigFile, loadConfigFile } from '../engine/config.js';
import { ConfigError, type FwlintConfig, type RuleEntry, type SeveritySetting } from '../engine/config-types.js';
import { countBySeverity, sortFindings, type Finding } from '../engine/findings.js';
import { perFileFindings } from '../engine/per-file.js';
import { applyIgnoreFindings } from '../engine/ignore-findings.js';
import { reviewTunnels } from '../engine/tunnel-review.js';
import { lintParsedFiles, type LintOutcome } from '../engine/lint.js';
import { parseRepositoryFiles } from '../engine/context-selection.js';
import { parseFiles, type SourceInput } from '../engine/parse-files.js';
import { RuleRegistry } from '../engine/registry.js';
import { runFingerprint, runToStore, storedRunFor } from '../engine/run-cache.js';
import { SettingsResolver } from '../engine/settings.js';
import type { TargetScope } from '../engine/targets.js';
import { didYouMean } from '../engine/suggest.js';
import { toTopologyDeclaration } from '../engine/topology.js';
import { fwlintVersion } from '../engine/version.js';
import { describeAccessError, safeWriteFile } from '../engine/safe-fs.js';
import { format, type FormatInput, type FormatName } from '../format/index.js';
import type { Device } from '../model/types.js';
import { summariseDevice } from '../network/summary.js';
import { stepSummaryMarkdown } from '../format/github.js';
import { inertFormatInput, inertJson, inertLines, withoutCommandLines } from '../format/safe-text.js';
import { parseCliArgs, type CliOptions } from './args.js';
import { HELP_TEXT } from './help.js';
import { inertStream, processIo, UsageError, type CliIo, type OutputStream } from './io.js';
import { runParseCommand } from './parse-command.js';
import { readInputs } from './read-input.js';
import { discoverRun, filesThisRunWrites, printedHelpOrVersion, targetsOrRepository } from './command-setup.js';
import { gitWorkTreeRoot } from '../engine/git-listing.js';
import { PhaseTimer } from './timing.js';
import { commandScripts, fixDiff, runFixPasses } from './fix-passes.js';
import { writeFileAtomic } from '../engine/atomic-write.js';

export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_ERROR = 2;

/** Names kept for the commands on the roadmap, so that adding them never changes what a command line means. */
const RESERVED_SUBCOMMANDS = new Set(['fix']);

/** Runs the CLI; returns the exit code. Never throws: every failure is one line on stderr and exit 2. */
export async function run(argv: readonly string[], processIo_: CliIo = processIo()): Promise<number> {
  // Warnings, notes and errors quote file names, the baseline and the config file: stderr is made inert.
  const io: CliIo = { ...processIo_, stderr: inertStream(processIo_.stderr) };
  try {
    // A subcommand wins over a path of the same name: "fwlint ./rules" lints a directory called rules.
    if (argv[0] === 'parse') return await runParseCommand(argv.slice(1), io);
    // Subcommands are loaded when asked for: a lint run does not pay for their modules (wrap-ansi alone is ~50 ms).
    if (argv[0] === 'rules') return (await import('./rules-command.js')).runRulesCommand(argv.slice(1), io);
    if (argv[0] === 'tunnels') return await (await import('./tunnels-command.js')).runTunnelsCommand(argv.slice(1), io);
    if (argv[0] === 'explain') return await (await import('./explain-command.js')).runExplainCommand(argv.slice(1), io);
    if (argv[0] === 'fix') {
      // `fwlint fix --commands [paths]`: the device command script of every safe fix, per file.
      if (!argv.includes('--commands')) throw new UsageError('"fwlint fix" needs --commands (fwlint fix --commands [paths]); to change the files, run fwlint --fix');
      return await lintCommand({ ...parseCliArgs(argv.slice(1).filter((arg) => arg !== '--commands')), fixCommands: true }, io, processIo_.stderr);
    }
    if (argv[0] !== undefined && RESERVED_SUBCOMMANDS.has(argv[0])) {
      throw new UsageError(`"fwlint ${argv[0]}" is not part of fwlint ${fwlintVersion()} yet; to lint a path named ${argv[0]}, write ./${argv[0]}`);
    }
    return await lintCommand(parseCliArgs(argv), io, processIo_.stderr);
  } catch (error) {
    const expected = error instanceof UsageError || error instanceof ConfigError;
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`fwlint: ${expected ? '' : 'internal error: '}${message.split('\n')[0]}\n`);
    if (!expected && io.env.FWLINT_DEBUG === '1' && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
    return EXIT_ERROR;
  }
}

async function lintCommand(options: CliOptions & { fixCommands?: boolean }, io: CliIo, terminal: OutputStream): Promise<number> {
  if (printedHelpOrVersion(options, HELP_TEXT, io)) return EXIT_OK;
  if (options.config && options.noConfig) throw new UsageError('--config and --no-config cannot be combined');
  if (options.printConfig !== undefined) return printConfig(options, io);
  options = targetsOrRepository(options, io.cwd, 'no files given, and not inside a repository (no fwlint.config.json, no .git); try "fwlint ." or see fwlint --help');

  const timer = options.timing || io.env.FWLINT_TIMING === '1' ? new PhaseTimer() : undefined;
  const registry = new RuleRegistry(rules);
  const config = loadConfig(options, registry, io.cwd);
  const settings = new SettingsResolver(registry, config, parseRuleFlags(options.rules, registry), io.cwd);

  if (options.changed !== undefined && options.targets.length > 0) throw new UsageError('--changed [REF] takes no file arguments: the changed files are the targets');
  const { discovery, scope } = await discoverRun(options, config, io, filesThisRunWrites(options, io));
  const read = await readInputs(discovery, options, io);
  const ioFindings = read.ioFindings;
  let inputs = read.inputs;
  timer?.mark('read');
  if (options.fix && options.fixDryRun) throw new UsageError('--fix and --fix-dry-run cannot be combined');
  if (options.unsafeFixes && !options.fix && !options.fixDryRun && !options.fixCommands) throw new UsageError('--unsafe-fixes goes with --fix, --fix-dry-run or fwlint fix --commands');
  let fixedDiff: string | undefined;
  if (options.fix || options.fixDryRun) {
    const fixContext = { options, io, config, registry, settings, scope, cache: undefined, timer: undefined, progress: () => {} };
    const fixed = await runFixPasses(inputs, async (current) => (await lintOrReplay(current, fixContext)).outcome, options.unsafeFixes);
    for (const file of fixed.skipped) io.stderr.write(`fwlint: warning: ${file}: its fixes were not applied (the file holds colour codes fwlint reads past)\n`);
    if (options.fixDryRun) fixedDiff = fixDiff(fixed);
    else {
      for (const { input } of fixed.changed) {
        if (!input.absolutePath) {
          io.stderr.write(`fwlint: warning: ${input.file}: standard input is not changed by --fix\n`);
          continue;
        }
        try {
          writeFileAtomic(input.absolutePath, input.content, io.cwd);
        } catch (error) {
          throw new UsageError(`cannot write the fixes to ${input.file} (${describeAccessError(error)})`);
        }
      }
      if (fixed.changed.length > 0) io.stderr.write(`fwlint: fixed ${fixed.changed.length} file${fixed.changed.length === 1 ? '' : 's'}\n`);
    }
    // The report and the exit code are about what is left once the fixes are made.
    inputs = fixed.inputs;
  }

  if (inputs.length === 0 && ioFindings.length === 0) {
    io.stderr.write(`fwlint: no configuration files ${options.changed === undefined ? 'matched' : 'changed'}; nothing to lint\n`);
    return EXIT_OK;
  }

  const progress = progressReporter(io, terminal);
  progress(`parsing ${inputs.length} file${inputs.length === 1 ? '' : 's'}…`);
  const cache = options.cache ? ParseCache.load(cacheFile(options.cacheLocation ?? DEFAULT_CACHE_LOCATION, io.cwd), fwlintVersion(), { cwd: io.cwd }) : undefined;
  timer?.mark('cache');
  const { outcome, warnings, reportedFiles } = await lintOrReplay(inputs, { options, io, config, registry, settings, scope, cache, timer, progress });
  cache?.save();
  // A cache that could not be trusted, read or written is a warning: the findings stand.
  if (cache) warnings.push(...cache.warnings);
  timer?.mark('cache');
  progress('');
  const reportedSet = new Set(reportedFiles);
  const isReported = (file: string): boolean => !scope || reportedSet.has(file) || scope.targets.has(file);

  const configuredIoFindings = ioFindings.filter((f) => isReported(f.file)).flatMap((finding) => {
    const setting = settings.forFile(finding.file).get(IO_ERROR_META.id);
    return setting ? [{ ...finding, severity: setting.severity }] : [];
  });
  const reportedFindings = sortFindings([...configuredIoFindings, ...outcome.findings]);
  let findings = reportedFindings;
  const ignored = applyIgnoreFindings(findings, config, io.cwd, reportedFiles);
  findings = ignored.kept;
  const configName = config.path ? path.relative(io.cwd, config.path) || config.path : 'the config';
  for (const { entry, index } of ignored.stale) {
    warnings.push(`ignore-finding-stale: ${configName}: ignoreFindings[${index}] ("${entry.rule}"${entry.objectPath ? ` at ${entry.objectPath}` : ''} in ${entry.files.join(', ')}) matches no finding of this run; remove it`);
  }
  if (options.verbose && ignored.suppressed.length > 0) io.stderr.write(`fwlint: ${ignored.suppressed.length} findings accepted by ignoreFindings in ${configName}\n`);
  // A baseline that cannot be written must not cost the report: it is said after it, and the run exits 2.
  let baselineError: string | undefined;
  if (options.writeBaseline) {
    const written = tryWriteBaseline(findings.filter((f) => f.ruleId !== IO_ERROR_META.id), options.writeBaseline, io.cwd);
    if (written.error !== undefined) baselineError = written.error;
    else io.stderr.write(`fwlint: wrote ${options.writeBaseline} (${written.baseline.entries.length} entries)\n`);
  }
  const baselineFile = options.baseline ?? (baselineError === undefined ? options.writeBaseline : undefined);
  if (baselineFile) {
    const result = applyBaseline(findings, readBaseline(baselineFile, io.cwd), baselineFile, io.cwd, reportedFiles);
    findings = result.kept;
    for (const { entry, unmatched } of result.stale) {
      warnings.push(`baseline-stale: ${baselineFile}: ${unmatched} of ${entry.count} accepted "${entry.rule}" findings at ${entry.file} ${entry.objectPath} no longer occur; run with --write-baseline to prune`);
    }
    if (options.verbose && result.suppressed.length > 0) io.stderr.write(`fwlint: ${result.suppressed.length} findings suppressed by ${baselineFile}\n`);
  }
  if (options.quiet) findings = findings.filter((f) => f.severity === 'error');
  // Every format lists, and the exit code counts, a two-end problem once in each file it concerns.
  findings = perFileFindings(findings, reportedFindings);

  for (const warning of warnings) io.stderr.write(`fwlint: warning: ${warning}\n`);
  if (options.verbose) for (const note of outcome.notes) io.stderr.write(`fwlint: note: ${note.file}: ${note.message}\n`);

  const formatInput: FormatInput = {
    findings,
    files: [...new Set([...reportedFiles, ...ioFindings.filter((f) => isReported(f.file)).map((f) => f.file)])].sort(),
    metas: registry.metas,
    cwd: io.cwd,
    // GitHub resolves annotation paths and SARIF URIs against the workspace, whatever directory the step runs in.
    repositoryRoot: io.env.GITHUB_WORKSPACE ? path.resolve(io.cwd, io.env.GITHUB_WORKSPACE) : (gitWorkTreeRoot(io.cwd) ?? io.cwd),
    version: fwlintVersion(),
    width: reportWidth(options, io),
    // The job summary lists the tunnels with findings (a run replayed from the cache has no network: none then).
    tunnels: io.env.GITHUB_STEP_SUMMARY && outcome.network ? reviewTunnels(outcome, registry.metas, { scope }) : undefined,
    runWarnings: warnings,
  };
  if (fixedDiff !== undefined) io.stdout.write(inertLines(fixedDiff));
  else if (options.fixCommands) io.stdout.write(inertLines(commandScripts(findings, options.unsafeFixes)));
  else await writeReports(options, formatInput, io);
  timer?.mark('output');
  for (const line of timer?.report() ?? []) io.stderr.write(`fwlint: ${line}\n`);

  for (const internalError of outcome.internalErrors) io.stderr.write(`fwlint: ${internalError}\n`);
  if (outcome.internalErrors.length > 0) return EXIT_ERROR;
  if (baselineError !== undefined) {
    io.stderr.write(`fwlint: ${baselineError}\n`);
    return EXIT_ERROR;
  }

  if (options.stats) io.stderr.write(statsTable(findings));
  // Silence must not read as "all good" for what fwlint does not check: the notes are at least counted, last.
  if (!options.verbose && outcome.notes.length > 0) io.stderr.write(`fwlint: ${notesSummary(outcome.notes)}\n`);

  const { errors, warnings: warningCount } = countBySeverity(findings);
  if (options.exitZero) return EXIT_OK;
  if (errors > 0) return EXIT_PROBLEMS;
  if (options.maxWarnings >= 0 && warningCount > options.maxWarnings) {
    io.stderr.write(`fwlint: ${warningCount} warnings, more than --max-warnings ${options.maxWarnings}\n`);
    return EXIT_PROBLEMS;
  }
  return EXIT_OK;
}

interface RunContext {
  options: CliOptions;
  io: CliIo;
  config: FwlintConfig;
  registry: RuleRegistry;
  settings: SettingsResolver;
  scope: TargetScope | undefined;
  cache: ParseCache | undefined;
  timer: PhaseTimer | undefined;
  progress: (message: string) => void;
}

interface CheckedRun {
  outcome: LintOutcome;
  warnings: string[];
  /** Files the run reports on: all parsed files, or the targets and their peers in repository mode. */
  reportedFiles: string[];
}

/** Parses and lints the inputs, or gives back the cached findings of an identical run. */
async function lintOrReplay(inputs: readonly SourceInput[], context: RunContext): Promise<CheckedRun> {
  const { options, io, config, registry, settings, scope, cache, timer, progress } = context;
  const topology = toTopologyDeclaration(config, io.cwd);
  const strictReports = io.env.FWLINT_STRICT_REPORTS === '1';
  const runKey = cache
    ? runFingerprint({
        version: fwlintVersion(),
        config,
        ruleFlags: options.rules,
        strictReports,
        targets: scope ? [...scope.targets] : undefined,
        deleted: scope?.deleted,
        inputs,
      })
    : undefined;
  const replayed = cache && runKey ? storedRunFor(cache.run, runKey) : undefined;
  if (replayed) {
    if (options.verbose) io.stderr.write('fwlint: same files, contents and settings as the cached run: its findings are reused\n');
    timer?.mark('findings');
    return { outcome: { findings: replayed.findings, notes: replayed.notes, internalErrors: [] }, warnings: [...replayed.warnings], reportedFiles: replayed.reported };
  }
  const { parsed, skipped } =
    cache && scope && options.context
      ? await parseRepositoryFiles(inputs, scope, topology, { cache, concurrency: options.concurrency })
      : { parsed: await parseFiles(inputs, { cache, concurrency: options.concurrency }), skipped: 0 };
  timer?.mark('parse');
  if (cache && options.verbose) {
    const left = skipped > 0 ? `; ${skipped} context files not loaded (their cached summaries show no link to the targets)` : '';
    io.stderr.write(`fwlint: ${cache.hits} of ${parsed.length} files from the cache${left}\n`);
  }
  progress(`checking ${inputs.length} file${inputs.length === 1 ? '' : 's'}…`);

  const warnings: string[] = [];
  const outcome = lintParsedFiles(parsed, {
    registry,
    settings,
    topology,
    warn: (message) => warnings.push(message),
    strictReports,
    scope,
    timing: timer?.record,
    onDevice: cache ? storeSummary(cache, inputs) : undefined,
  });
  timer?.mark('findings');
  const reportedFiles = parsed.map((p) => p.file).filter((file) => !scope || scope.reported.has(file) || scope.targets.has(file));
  if (cache && runKey) cache.setRun(runToStore(runKey, outcome, warnings, reportedFiles));
  return { outcome, warnings, reportedFiles };
}

/** `--print-config FILE`, as ESLint's: the configuration file that applies and every enabled rule's severity and options for FILE. */
function printConfig(options: CliOptions, io: CliIo): number {
  if (options.targets.length > 0) throw new UsageError('--print-config FILE takes no other paths');
  const registry = new RuleRegistry(rules);
  const config = loadConfig(options, registry, io.cwd);
  const file = options.printConfig ?? '';
  const settings = new SettingsResolver(registry, config, parseRuleFlags(options.rules, registry), io.cwd).forFile(file);
  // Written as fwlint.config.json's "rules" are, so the output can be pasted into one.
  const effective: Record<string, SeveritySetting | [SeveritySetting, Record<string, unknown>]> = {};
  for (const [id, setting] of [...settings.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const severity: SeveritySetting = setting.severity === 'error' ? 'error' : 'warn';
    effective[id] = Object.keys(setting.options).length > 0 ? [severity, setting.options] : severity;
  }
  const configFile = config.path ? path.relative(io.cwd, config.path).split(path.sep).join('/') || config.path : null;
  const disabled = registry.configurableIds.filter((id) => !settings.has(id));
  io.stdout.write(`${JSON.stringify({ file, configFile, extends: `fwlint:${config.extends}`, rules: effective, off: disabled }, null, 2)}\n`);
  return EXIT_OK;
}

/** One line counting the notes (what fwlint did not check, or checked within a bound) and the files they concern. */
export function notesSummary(notes: readonly { file: string }[]): string {
  const files = new Set(notes.map((n) => n.file)).size;
  const what = notes.length === 1 ? '1 note' : `${notes.length} notes`;
  return `${what} on what fwlint did not check or bounded, in ${files === 1 ? '1 file' : `${files} files`}; --verbose lists them`;
}

/** `--stats`: findings per rule, most frequent first, as ruff's --statistics. */
function statsTable(findings: readonly Finding[]): string {
  const counts = new Map<string, { errors: number; warnings: number }>();
  for (const finding of findings) {
    const count = counts.get(finding.ruleId) ?? { errors: 0, warnings: 0 };
    if (finding.severity === 'error') count.errors++;
    else count.warnings++;
    counts.set(finding.ruleId, count);
  }
  const rows = [...counts.entries()].sort(([a, x], [b, y]) => y.errors + y.warnings - (x.errors + x.warnings) || (a < b ? -1 : 1));
  const lines = rows.map(([id, { errors, warnings }]) => `${String(errors + warnings).padStart(6)}  ${String(errors).padStart(6)}  ${String(warnings).padStart(8)}  fwlint/${id}`);
  const total = countBySeverity(findings);
  return ['fwlint: findings per rule', '  total  errors  warnings  rule', ...lines, `${String(findings.length).padStart(6)}  ${String(total.errors).padStart(6)}  ${String(total.warnings).padStart(8)}  (all rules)`, ''].join('\n');
}

export function loadConfig(options: CliOptions, registry: RuleRegistry, cwd: string): FwlintConfig {
  if (options.noConfig) return defaultConfig(cwd);
  if (options.config) return loadConfigFile(path.resolve(cwd, options.config), registry, cwd);
  const found = findConfigFile(cwd);
  return found ? loadConfigFile(found, registry, cwd) : defaultConfig(cwd);
}

const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['off', 'warn', 'error'];

export function parseRuleFlags(flags: readonly string[], registry: RuleRegistry): Map<string, RuleEntry> {
  const entries = new Map<string, RuleEntry>();
  for (const flag of flags) {
    const separator = flag.lastIndexOf(':');
    const id = separator < 0 ? flag : flag.slice(0, separator).replace(/^fwlint\//, '');
    const severity = separator < 0 ? '' : flag.slice(separator + 1);
    if (!registry.metas.has(id)) throw new UsageError(`--rule: unknown rule "${id}"${didYouMean(id, registry.configurableIds)}`);
    if (!(SEVERITY_SETTINGS as readonly string[]).includes(severity)) {
      throw new UsageError(`--rule ${flag}: severity must be off, warn or error (as in --rule ${id}:warn)`);
    }
    entries.set(id, { severity: severity as SeveritySetting });
  }
  return entries;
}

/** Keeps each modelled device's summary with its cache entry, for the next repository run. */
function storeSummary(cache: ParseCache, inputs: readonly SourceInput[]): (device: Device) => void {
  const byFile = new Map(inputs.map((input) => [input.file, input]));
  return (device) => {
    const input = byFile.get(device.file);
    if (input?.absolutePath) cache.setSummary(input.absolutePath, input.content, summariseDevice(device));
  };
}

function cacheFile(location: string, cwd: string): string {
  const absolute = path.resolve(cwd, location);
  const isDirectory = location.endsWith('/') || (existsSync(absolute) && statSync(absolute).isDirectory());
  return isDirectory ? path.join(absolute, 'fwlint-cache.json') : absolute;
}

/** The terminal's width when the report goes to one, else $COLUMNS, else the pretty format's 80. */
function reportWidth(options: CliOptions, io: CliIo): number | undefined {
  if (!options.outputFile && io.stdout.isTTY && io.stdout.columns) return io.stdout.columns;
  const columns = Number(io.env.COLUMNS);
  return Number.isInteger(columns) && columns > 0 ? columns : undefined;
}

function defaultFormat(io: CliIo): FormatName {
  if (io.env.GITHUB_ACTIONS) return 'github';
  return io.stdout.isTTY ? 'pretty' : 'compact';
}

function applyColorChoice(color: boolean | undefined, io: CliIo): void {
  if (color === true) {
    io.env.FORCE_COLOR = '1';
    delete io.env.NO_COLOR;
  } else if (color === false) {
    io.env.FORCE_COLOR = '0';
    io.env.NO_COLOR = '1';
  }
}

/** `fwlint . > out.txt` must not lint out.txt: the file stdout is redirected to, and the -o and baseline targets. */
/**
 * The pretty formatter's dependencies decide on colour by themselves (log-symbols colours its
 * marks even when piped), so without colour every escape sequence is removed from the report.
 */
function withColor(report: string, color: boolean): string {
  // eslint-disable-next-line no-control-regex
  return color ? report : report.replace(/\x1b\[[0-9;?]*[ -/]*[@-~]/g, '');
}

/** The report for stdout or -o: untrusted text made inert, and no line the Actions runner would run. */
async function report(name: FormatName, input: FormatInput, color: boolean): Promise<string> {
  // JSON keeps the exact strings (escaped losslessly); the text formats show inert text.
  if (name === 'json' || name === 'sarif') return inertJson(await format(name, input));
  const text = withColor(await format(name, inertFormatInput(input)), color);
  return name === 'github' ? text : withoutCommandLines(text);
}

async function writeReports(options: CliOptions, input: FormatInput, io: CliIo): Promise<void> {
  applyColorChoice(options.color, io);
  if (options.outputFile) {
    // As ESLint's -o: the report goes to the file only.
    const target = path.resolve(io.cwd, options.outputFile);
    try {
      // Never through a link, never over a device: a regular file, written whole.
      safeWriteFile(target, await report(options.format ?? defaultFormat(io), input, options.color === true), { cwd: io.cwd });
    } catch (error) {
      throw new UsageError(`cannot write ${options.outputFile} (${describeAccessError(error)})`);
    }
  } else {
    const color = options.color ?? (io.stdout.isTTY === true && !io.env.NO_COLOR);
    io.stdout.write(await report(options.format ?? defaultFormat(io), input, color));
  }
  const summaryFile = io.env.GITHUB_STEP_SUMMARY;
  if (summaryFile) {
    try {
      appendFileSync(summaryFile, stepSummaryMarkdown(inertFormatInput(input)));
    } catch {
      io.stderr.write('fwlint: warning: cannot append to $GITHUB_STEP_SUMMARY\n');
    }
  }
}

/** Progress on stderr, only for a person watching a terminal. */
function progressReporter(io: CliIo, terminal: OutputStream): (message: string) => void {
  if (!terminal.isTTY || io.env.CI || io.env.NO_COLOR) return () => {};
  return (message) => terminal.write(`\r\x1b[K${message ? `fwlint: ${message}` : ''}`);
}
