import { parseArgs } from 'node:util';
import { didYouMean } from '../engine/suggest.js';
import { FORMAT_NAMES, type FormatName } from '../format/types.js';
import { DEFAULT_BASELINE_FILE } from '../engine/baseline.js';
import { UsageError } from './io.js';

export interface CliOptions {
  targets: string[];
  format?: FormatName;
  outputFile?: string;
  quiet: boolean;
  maxWarnings: number;
  /** Exit 0 even when problems are found (2 still means the run could not be evaluated). */
  exitZero: boolean;
  config?: string;
  noConfig: boolean;
  rules: string[];
  baseline?: string;
  writeBaseline?: string;
  cache: boolean;
  cacheLocation?: string;
  verbose: boolean;
  /** `--timing` (or FWLINT_TIMING=1): per-phase times and peak memory on stderr. */
  timing: boolean;
  concurrency: number | 'auto';
  color?: boolean;
  extensions?: string[];
  stdinFilename?: string;
  /** Files larger than this many bytes are not read (an io-error finding instead). */
  maxFileSize: number;
  /** `--changed [REF]`: lint what changed since HEAD (empty string) or since the merge base with REF. */
  changed?: string;
  /** Load the rest of the repository as context (`--no-context` turns it off). */
  context: boolean;
  /** `--print-config FILE`: print the rules in effect for FILE and exit. */
  printConfig?: string;
  /** `--stats`: after the report, the number of findings per rule on stderr. */
  stats: boolean;
  help: boolean;
  version: boolean;
  /** `--fix`: apply safe fixes to the files. */
  fix: boolean;
  /** `--fix-dry-run`: print the fixes as a unified diff, write nothing. */
  fixDryRun: boolean;
  /** `--unsafe-fixes`: --fix and --fix-dry-run apply unsafe fixes too. */
  unsafeFixes: boolean;
}

/** Real device configurations stay far below this; bigger inputs are refused before they are read. */
export const DEFAULT_MAX_FILE_SIZE_MB = 32;

const OPTIONS = {
  format: { type: 'string', short: 'f' },
  'output-file': { type: 'string', short: 'o' },
  quiet: { type: 'boolean' },
  'max-warnings': { type: 'string' },
  'exit-zero': { type: 'boolean' },
  config: { type: 'string', short: 'c' },
  rule: { type: 'string', multiple: true },
  baseline: { type: 'string' },
  'write-baseline': { type: 'string' },
  cache: { type: 'boolean' },
  'cache-location': { type: 'string' },
  verbose: { type: 'boolean' },
  timing: { type: 'boolean' },
  concurrency: { type: 'string' },
  color: { type: 'boolean' },
  ext: { type: 'string', multiple: true },
  'stdin-filename': { type: 'string' },
  'max-file-size': { type: 'string' },
  changed: { type: 'string' },
  context: { type: 'boolean' },
  'print-config': { type: 'string' },
  stats: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
  fix: { type: 'boolean' },
  'fix-dry-run': { type: 'boolean' },
  'unsafe-fixes': { type: 'boolean' },
} as const;

const KNOWN_FLAGS = [...Object.keys(OPTIONS).map((name) => `--${name}`), '--no-color', '--no-config', '--no-context'];

/** `--write-baseline` alone means the default file: its value must be attached with `=`. */
function normaliseArgv(argv: readonly string[]): string[] {
  const normalised: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--write-baseline') normalised.push(`--write-baseline=${DEFAULT_BASELINE_FILE}`);
    // `--changed [REF]`: the next word is the REF unless it is an option.
    else if (arg === '--changed') normalised.push(i + 1 < argv.length && !argv[i + 1].startsWith('-') ? `--changed=${argv[++i]}` : '--changed=');
    else normalised.push(arg);
  }
  return normalised;
}

export function parseCliArgs(argv: readonly string[]): CliOptions {
  // `--no-config` negates a string option, which parseArgs's allowNegative does not cover.
  const noConfig = argv.includes('--no-config');
  let parsed;
  try {
    parsed = parseArgs({ args: normaliseArgv(argv.filter((arg) => arg !== '--no-config')), options: OPTIONS, allowPositionals: true, allowNegative: true, strict: true });
  } catch (error) {
    throw new UsageError(explainParseError(error as Error & { code?: string }));
  }
  const { values, positionals } = parsed;
  return {
    targets: positionals,
    format: values.format === undefined ? undefined : parseFormat(values.format),
    outputFile: values['output-file'],
    quiet: values.quiet ?? false,
    maxWarnings: values['max-warnings'] === undefined ? -1 : parseCount('--max-warnings', values['max-warnings']),
    exitZero: values['exit-zero'] ?? false,
    config: values.config,
    noConfig,
    rules: values.rule ?? [],
    baseline: values.baseline,
    writeBaseline: values['write-baseline'],
    cache: values.cache ?? false,
    cacheLocation: values['cache-location'],
    verbose: values.verbose ?? false,
    timing: values.timing ?? false,
    concurrency: values.concurrency === undefined || values.concurrency === 'auto' ? 'auto' : parseCount('--concurrency', values.concurrency, 1),
    color: values.color,
    extensions: values.ext?.flatMap((e) => e.split(',')).map((e) => e.trim()).filter((e) => e !== '').map((e) => (e.startsWith('.') ? e : `.${e}`)),
    stdinFilename: values['stdin-filename'],
    maxFileSize: (values['max-file-size'] === undefined ? DEFAULT_MAX_FILE_SIZE_MB : parseCount('--max-file-size', values['max-file-size'], 1)) * 1024 * 1024,
    changed: values.changed,
    context: values.context ?? true,
    printConfig: values['print-config'],
    stats: values.stats ?? false,
    help: values.help ?? false,
    version: values.version ?? false,
    fix: values.fix ?? false,
    fixDryRun: values['fix-dry-run'] ?? false,
    unsafeFixes: values['unsafe-fixes'] ?? false,
  };
}

function parseFormat(value: string): FormatName {
  if ((FORMAT_NAMES as readonly string[]).includes(value)) return value as FormatName;
  throw new UsageError(`unknown format "${value}"${didYouMean(value, FORMAT_NAMES)}; choose one of ${FORMAT_NAMES.join(', ')}`);
}

function parseCount(flag: string, value: string, minimum = 0): number {
  if (!/^\d+$/.test(value) || Number(value) < minimum) throw new UsageError(`${flag} needs a whole number ≥ ${minimum}, got "${value}"`);
  return Number(value);
}

function explainParseError(error: Error & { code?: string }): string {
  const option = /'(-[^']*)'/.exec(error.message)?.[1];
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) {
    const flag = option.split('=')[0];
    return `unknown option "${flag}"${didYouMean(flag, KNOWN_FLAGS)}; see fwlint --help`;
  }
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) {
    // Node names an option with a short form as "-f, --format <value>": report the long name.
    const name = option.split(/[ ,]+/).find((word) => word.startsWith('--')) ?? option.split(/[ ,]+/)[0];
    return `option "${name}" ${/argument missing|ambiguous/.test(error.message) ? 'needs a value' : 'does not take a value'}; see fwlint --help`;
  }
  return `${error.message.split('\n')[0]}; see fwlint --help`;
}
