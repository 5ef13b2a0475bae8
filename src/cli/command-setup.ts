import path from 'node:path';
import { fwlintVersion } from '../engine/version.js';
import type { FwlintConfig } from '../engine/config-types.js';
import type { CliOptions } from './args.js';
import { fileIdentity } from './discover.js';
import { UsageError, type CliIo } from './io.js';
import { planRepositoryRun, repositoryRoot } from './repository.js';

/*
 * The first steps every command that reads configurations shares (the linter, `fwlint tunnels`,
 * `fwlint explain`): --help / --version, the linter's options a subcommand refuses, the
 * --config / --no-config conflict, "no path means the repository", and discovery of the targets.
 */

/** Prints the help or the version when asked; true when the command is done. */
export function printedHelpOrVersion(options: Pick<CliOptions, 'help' | 'version'>, help: string, io: CliIo): boolean {
  if (options.help) io.stdout.write(help);
  else if (options.version) io.stdout.write(`${fwlintVersion()}\n`);
  return options.help || options.version;
}

/** The linter's own options: a subcommand given one of these says so rather than ignore it. */
export const LINTER_ONLY_OPTIONS: readonly [keyof CliOptions, string][] = [
  ['quiet', '--quiet'],
  ['baseline', '--baseline'],
  ['writeBaseline', '--write-baseline'],
  ['printConfig', '--print-config'],
  ['stats', '--stats'],
];

export function refuseLinterOptions(options: CliOptions, command: string, refused: readonly [keyof CliOptions, string][]): void {
  for (const [key, flag] of refused) {
    const value = options[key];
    if (value !== undefined && value !== false) throw new UsageError(`${flag} is an option of the linter; fwlint ${command} does not take it`);
  }
  if (options.maxWarnings >= 0) throw new UsageError(`--max-warnings is an option of the linter; fwlint ${command} does not take it`);
}

/**
 * No path (and no --changed) means the repository, as ESLint 9 and ruff do: the config file's
 * directory, else the git top level; `missing` is the usage error when there is neither.
 */
export function targetsOrRepository<O extends CliOptions>(options: O, cwd: string, missing: string): O {
  if (options.config && options.noConfig) throw new UsageError('--config and --no-config cannot be combined');
  if (options.targets.length > 0 || options.changed !== undefined) return options;
  const root = repositoryRoot(options, cwd);
  if (root === undefined) throw new UsageError(missing);
  return { ...options, targets: [path.relative(cwd, root) || '.'] };
}

/** The files of the run (targets, and in repository mode the context they are judged against). */
export function discoverRun(options: CliOptions, config: FwlintConfig, io: CliIo, excludedFiles: ReadonlySet<string>): ReturnType<typeof planRepositoryRun> {
  return planRepositoryRun(options, config, io.cwd, {
    cwd: io.cwd,
    baseDir: config.baseDir,
    fileGlobs: config.files,
    ignores: config.ignores,
    extensions: options.extensions,
    excludedFiles: new Set(excludedFiles),
  });
}

/** Identities of the files this run writes (standard output redirected to a file, -o, the baseline): never read as configurations. */
export function filesThisRunWrites(options: CliOptions, io: CliIo): Set<string> {
  const identities = [
    (io.stdout as unknown) === process.stdout ? fileIdentity(1) : undefined,
    options.outputFile ? fileIdentity(path.resolve(io.cwd, options.outputFile)) : undefined,
    options.writeBaseline ? fileIdentity(path.resolve(io.cwd, options.writeBaseline)) : undefined,
  ];
  return new Set(identities.filter((identity): identity is string => identity !== undefined));
}
