import { appendFileSync, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { rules } from '../../rules/index.js';
import { DEFAULT_CACHE_LOCATION, ParseCache } from '../engine/cache.js';
import type { FwlintConfig } from '../engine/config-types.js';
import { parseRepositoryFiles } from '../engine/context-selection.js';
import type { Finding } from '../engine/findings.js';
import { lintParsedFiles, type LintOutcome } from '../engine/lint.js';
import { parseFiles, type SourceInput } from '../engine/parse-files.js';
import { RuleRegistry } from '../engine/registry.js';
import { describeAccessError, safeWriteFile } from '../engine/safe-fs.js';
import { SettingsResolver } from '../engine/settings.js';
import { didYouMean } from '../engine/suggest.js';
import { TargetScope } from '../engine/targets.js';
import { compareReviews } from '../engine/tunnel-changes.js';
import { toTopologyDeclaration } from '../engine/topology.js';
import { reviewTunnels, type TunnelReview, type TunnelVerdict } from '../engine/tunnel-review.js';
import { fwlintVersion } from '../engine/version.js';
import { inertJson, withoutCommandLines } from '../format/safe-text.js';
import { formatTunnels, TUNNEL_FORMAT_NAMES, type TunnelFormatName, type TunnelReportInput } from '../format/tunnels/index.js';
import { summariseDevice } from '../network/summary.js';
import { parseCliArgs, type CliOptions } from './args.js';
import { discoverRun, filesThisRunWrites, LINTER_ONLY_OPTIONS, printedHelpOrVersion, refuseLinterOptions, targetsOrRepository } from './command-setup.js';
import { UsageError, type CliIo } from './io.js';
import { loadConfig, notesSummary, parseRuleFlags } from './main.js';
import { readInputs } from './read-input.js';
import { changedPaths, contentAt } from './git.js';
import { PhaseTimer } from './timing.js';

export const TUNNELS_HELP = `Usage: fwlint tunnels [options] [files|directories|globs|-]
       fwlint tunnels [options] --changed [REF]

Every IPSec tunnel fwlint pairs, and every policy entry it could not pair, with both ends (device,
file:line of the policy, addresses, role, policy, interface), what they will negotiate and a
verdict: up, ike-fails, ipsec-fails, traffic-blocked, never-initiated or unpaired, with the
findings it rests on. Inputs, configuration and repository mode are those of fwlint.

  -f, --format <name>         table (default) | json | markdown | html
  -o, --output-file <file>    Write the review to this file instead of stdout
                              (fwlint tunnels -f html -o review.html: one self-contained page)
      --exit-zero             Exit 0 even when a tunnel fails
  -c, --config, --no-config, --rule, --changed [REF], --no-context, --ext, --stdin-filename,
      --max-file-size, --cache, --cache-location, --concurrency, --verbose, --timing: as for fwlint

With --changed, each tunnel the change touches is shown with its verdict before and after
("3 tunnels go from up to ike-fails"); the base is HEAD, or the merge base with REF.

Exit codes: 0 every tunnel is up (or unpaired: its other end is not in the input); 1 a tunnel
fails (ike-fails, ipsec-fails, traffic-blocked, never-initiated) or a file could not be read;
2 the run could not be evaluated.
`;

/** Verdicts that make `fwlint tunnels` exit 1. */
const FAILING: ReadonlySet<TunnelVerdict> = new Set(['never-initiated', 'ike-fails', 'ipsec-fails', 'traffic-blocked']);

/** Options of fwlint that change the linter's report only; they mean nothing for the review. */

/** `--format NAME` of the review (its names differ from the linter's), taken out before the linter's parser sees the rest. */
function takeFormat(argv: readonly string[]): { format?: TunnelFormatName; rest: string[] } {
  const rest: string[] = [];
  let format: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    if (arg === '--format' || arg === '-f') {
      if (i + 1 >= argv.length || argv[i + 1].startsWith('-')) throw new UsageError('option "--format" needs a value; see fwlint tunnels --help');
      format = argv[++i];
    } else if (arg.startsWith('--format=')) format = arg.slice('--format='.length);
    else if (/^-f[^-]/.test(arg)) format = arg.slice(2);
    else rest.push(arg);
  }
  if (format === undefined) return { rest };
  if (!(TUNNEL_FORMAT_NAMES as readonly string[]).includes(format)) {
    throw new UsageError(`unknown format "${format}"${didYouMean(format, TUNNEL_FORMAT_NAMES)}; fwlint tunnels writes ${TUNNEL_FORMAT_NAMES.join(', ')}`);
  }
  return { format: format as TunnelFormatName, rest };
}

function cacheFile(location: string, cwd: string): string {
  const absolute = path.resolve(cwd, location);
  const isDirectory = location.endsWith('/') || (existsSync(absolute) && statSync(absolute).isDirectory());
  return isDirectory ? path.join(absolute, 'fwlint-cache.json') : absolute;
}

export interface TunnelRun {
  reviews: TunnelReview[];
  outcome: LintOutcome;
  deviceCount: number;
  problems: string[];
  warnings: string[];
}

/** Reads, parses and lints the inputs as `fwlint` does, then reviews every tunnel (in repository mode: the targets' tunnels). */
/**
 * After a review's output, on stderr: the run's warnings, the problems, the notes (listed with
 * --verbose, else counted) and internal errors. True when an internal error means exit 2.
 */
export function writeRunDiagnostics(io: CliIo, run: Omit<TunnelRun, 'problems'>, problems: readonly string[], verbose: boolean): boolean {
  for (const warning of run.warnings) io.stderr.write(`fwlint: warning: ${warning}\n`);
  for (const problem of problems) io.stderr.write(`fwlint: ${problem}\n`);
  if (verbose) for (const note of run.outcome.notes) io.stderr.write(`fwlint: note: ${note.file}: ${note.message}\n`);
  else if (run.outcome.notes.length > 0) io.stderr.write(`fwlint: ${notesSummary(run.outcome.notes)}\n`);
  for (const internalError of run.outcome.internalErrors) io.stderr.write(`fwlint: ${internalError}\n`);
  return run.outcome.internalErrors.length > 0;
}

export async function runTunnelReview(
  inputs: readonly SourceInput[],
  context: { options: CliOptions; io: CliIo; config: FwlintConfig; registry: RuleRegistry; scope?: TargetScope; timer?: PhaseTimer },
): Promise<Omit<TunnelRun, 'problems'>> {
  const { options, io, config, registry, scope, timer } = context;
  const settings = new SettingsResolver(registry, config, parseRuleFlags(options.rules, registry), io.cwd);
  const topology = toTopologyDeclaration(config, io.cwd);
  const cache = options.cache ? ParseCache.load(cacheFile(options.cacheLocation ?? DEFAULT_CACHE_LOCATION, io.cwd), fwlintVersion()) : undefined;
  const { parsed } =
    cache && scope && options.context
      ? await parseRepositoryFiles(inputs, scope, topology, { cache, concurrency: options.concurrency })
      : { parsed: await parseFiles(inputs, { cache, concurrency: options.concurrency }) };
  timer?.mark('parse');
  const byFile = new Map(inputs.map((input) => [input.file, input]));
  const warnings: string[] = [];
  const outcome = lintParsedFiles(parsed, {
    registry,
    settings,
    topology,
    scope,
    warn: (message) => warnings.push(message),
    strictReports: io.env.FWLINT_STRICT_REPORTS === '1',
    timing: timer?.record,
    onDevice: cache
      ? (device) => {
          const input = byFile.get(device.file);
          if (input?.absolutePath) cache.setSummary(input.absolutePath, input.content, summariseDevice(device));
        }
      : undefined,
  });
  cache?.save();
  const reviews = reviewTunnels(outcome, registry.metas, { scope });
  timer?.mark('review');
  return { reviews, outcome, deviceCount: new Set(reviews.flatMap((review) => review.ends.map((end) => end.file))).size, warnings };
}

/**
 * `--changed [REF]`: the review of the same repository before the change — every changed target as
 * it was at the base commit (a new file left out), every deleted configuration put back — so each
 * tunnel the change touches gets a verdict before and after.
 */
async function reviewBeforeChange(
  inputs: readonly SourceInput[],
  scope: TargetScope,
  context: { options: CliOptions; io: CliIo; config: FwlintConfig; registry: RuleRegistry },
): Promise<TunnelReview[]> {
  const { options, io } = context;
  const changes = await changedPaths(io.cwd, options.changed || undefined);
  const inRepository = (absolute: string): string => path.relative(changes.top, absolute).split(path.sep).join('/');
  const atBase: SourceInput[] = [];
  const targets = new Set<string>();
  for (const input of inputs) {
    if (!scope.targets.has(input.file)) {
      atBase.push(input);
      continue;
    }
    const content = input.absolutePath ? await contentAt(changes.top, changes.base, inRepository(input.absolutePath), options.maxFileSize) : undefined;
    if (content === undefined) continue;
    atBase.push({ file: input.file, content });
    targets.add(input.file);
  }
  for (const deleted of scope.deleted) {
    const content = await contentAt(changes.top, changes.base, inRepository(path.resolve(io.cwd, deleted.file)), options.maxFileSize);
    if (content === undefined) continue;
    atBase.push({ file: deleted.file, content });
    targets.add(deleted.file);
  }
  const run = await runTunnelReview(atBase, { ...context, options: { ...options, cache: false }, scope: new TargetScope(targets) });
  return run.reviews;
}

function render(name: TunnelFormatName, input: TunnelReportInput): string {
  const text = formatTunnels(name, input);
  // JSON keeps the exact strings (escaped losslessly); html escapes its own text; no line may be a workflow command.
  return name === 'json' ? inertJson(text) : withoutCommandLines(text);
}

/** `fwlint tunnels [options] [paths…]`: the tunnel review. */
export async function runTunnelsCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { format, rest } = takeFormat(argv);
  let options = parseCliArgs(rest);
  if (printedHelpOrVersion(options, TUNNELS_HELP, io)) return 0;
  refuseLinterOptions(options, 'tunnels', LINTER_ONLY_OPTIONS);
  if (options.changed !== undefined && options.targets.length > 0) throw new UsageError('--changed [REF] takes no file arguments: the changed files are the targets');
  options = targetsOrRepository(options, io.cwd, 'no files given, and not inside a repository (no fwlint.config.json, no .git); try "fwlint tunnels ." or see fwlint tunnels --help');
  const timer = options.timing || io.env.FWLINT_TIMING === '1' ? new PhaseTimer() : undefined;
  const registry = new RuleRegistry(rules);
  const config = loadConfig(options, registry, io.cwd);
  const { discovery, scope } = await discoverRun(options, config, io, filesThisRunWrites(options, io));
  const read = await readInputs(discovery, options, io);
  const { inputs } = read;
  const problems = read.ioFindings.map((finding) => `${finding.file}: ${finding.message}`);
  timer?.mark('read');
  const run = await runTunnelReview(inputs, { options, io, config, registry, scope, timer });
  const fatal = run.outcome.findings.filter((f: Finding) => f.fatal);
  for (const finding of fatal) problems.push(`${finding.file}: ${finding.message}`);

  const changes = options.changed !== undefined && scope ? compareReviews(await reviewBeforeChange(inputs, scope, { options, io, config, registry }), run.reviews) : undefined;
  timer?.mark('before');
  const input: TunnelReportInput = { reviews: run.reviews, version: fwlintVersion(), deviceCount: run.deviceCount, ...(changes ? { changes } : {}) };
  const report = render(format ?? 'table', input);
  if (options.outputFile) {
    try {
      safeWriteFile(path.resolve(io.cwd, options.outputFile), report, { cwd: io.cwd });
    } catch (error) {
      throw new UsageError(`cannot write ${options.outputFile} (${describeAccessError(error)})`);
    }
  } else {
    io.stdout.write(report);
  }
  const summaryFile = io.env.GITHUB_STEP_SUMMARY;
  if (summaryFile) {
    try {
      appendFileSync(summaryFile, formatTunnels('markdown', input));
    } catch {
      io.stderr.write('fwlint: warning: cannot append to $GITHUB_STEP_SUMMARY\n');
    }
  }
  timer?.mark('output');
  for (const line of timer?.report() ?? []) io.stderr.write(`fwlint: ${line}\n`);
  if (writeRunDiagnostics(io, run, problems, options.verbose)) return 2;
  if (options.exitZero) return 0;
  return problems.length > 0 || run.reviews.some((review) => FAILING.has(review.verdict)) ? 1 : 0;
}
