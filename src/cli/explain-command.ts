import { existsSync } from 'node:fs';
import path from 'node:path';
import { rules } from '../../rules/index.js';
import { explainRecords, peerText, type Explanation } from '../engine/explain.js';
import type { Finding } from '../engine/findings.js';
import { findReason, HUAWEI_REASONS, type HuaweiReason, normaliseReason, reasonNames, rulesForReason } from '../engine/huawei-reasons.js';
import { RuleRegistry } from '../engine/registry.js';
import { readRuntime, type RuntimeRecord } from '../engine/runtime-records.js';
import { describeAccessError, FileAccessError, readRegularFile } from '../engine/safe-fs.js';
import { didYouMean } from '../engine/suggest.js';
import { inertJson, inertText, withoutCommandLines } from '../format/safe-text.js';
import { parseCliArgs, type CliOptions } from './args.js';
import { discoverRun, LINTER_ONLY_OPTIONS, printedHelpOrVersion, refuseLinterOptions, targetsOrRepository } from './command-setup.js';
import { UsageError, type CliIo } from './io.js';
import { loadConfig } from './main.js';
import { readInputs } from './read-input.js';
import { runTunnelReview, writeRunDiagnostics } from './tunnels-command.js';

export const EXPLAIN_HELP = `Usage: fwlint explain [options] RUNTIME [paths…]
       fwlint explain "<reason>"
       fwlint explain --list

From what a Huawei device says back to the configuration lines. RUNTIME is a file (or - for
stdin) with what was copied from the device: output of display ike error-info and display ike
offline-info, and IPSEC/4/IPSECNEGOFAIL, IPSEC_TUNNEL_TEARED_DOWN or IPSECTUNNELSTOP log lines,
in any mix with prompts, pager lines and timestamps. The paths are the configurations, as for
fwlint (no path: the repository's configurations).

For each record: the reason, peer, IKE version and time; the device that printed it (the prompt
<FW1>/[FW1], the log host, or --device); the tunnel it belongs to (both ends, file:line); the
findings of the rules that detect the reason's configurable causes on that tunnel, with both
ends' lines; and when none is found, what to check next on the device.

  "<reason>"                  What a reason means, which end shows it and which rules detect it
      --list                  Every reason Huawei documents, with its rules or "runtime only"
      --device <file>         The configuration of the device RUNTIME was copied from
  -f, --format <name>         text (default) | json
  -c, --config, --no-config, --rule, --no-context, --ext, --max-file-size, --cache,
      --cache-location, --concurrency, --verbose: as for fwlint

Exit codes: 0 every record was read and matched a tunnel (or a bare reason was printed);
1 some record matched no tunnel; 2 RUNTIME could not be read at all, or a bad option.
`;

const FORMATS = ['text', 'json'] as const;
type ExplainFormat = (typeof FORMATS)[number];

/** Bigger RUNTIME files are refused before they are read (what a person copies is far smaller). */
const RUNTIME_LIMIT = 16 * 1024 * 1024;

interface ExplainArgs {
  format: ExplainFormat;
  device?: string;
  list: boolean;
  rest: string[];
}

/** The options of explain itself, taken out before the linter's parser reads the rest. */
function takeExplainOptions(argv: readonly string[]): ExplainArgs {
  const rest: string[] = [];
  let format: string | undefined;
  let device: string | undefined;
  let list = false;
  const value = (i: number, name: string): string => {
    if (i + 1 >= argv.length || (argv[i + 1].startsWith('-') && argv[i + 1] !== '-')) throw new UsageError(`option "${name}" needs a value; see fwlint explain --help`);
    return argv[i + 1];
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    if (arg === '--format' || arg === '-f') format = value(i++, '--format');
    else if (arg.startsWith('--format=')) format = arg.slice('--format='.length);
    else if (/^-f[^-]/.test(arg)) format = arg.slice(2);
    else if (arg === '--device') device = value(i++, '--device');
    else if (arg.startsWith('--device=')) device = arg.slice('--device='.length);
    else if (arg === '--list') list = true;
    else rest.push(arg);
  }
  if (format !== undefined && !(FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`unknown format "${format}"${didYouMean(format, FORMATS)}; fwlint explain writes ${FORMATS.join(', ')}`);
  }
  return { format: (format ?? 'text') as ExplainFormat, device, list, rest };
}

/** Options of the linter that mean nothing here. */
const NOT_HERE: readonly [keyof CliOptions, string][] = [
  ...LINTER_ONLY_OPTIONS,
  ['outputFile', '--output-file'],
  ['changed', '--changed'],
  ['exitZero', '--exit-zero'],
  ['stdinFilename', '--stdin-filename'],
];

function reasonRows(metas: Iterable<{ id: string; reasons?: readonly string[] }>): { row: HuaweiReason; rules: string[] }[] {
  const list = [...metas];
  return HUAWEI_REASONS.map((row) => ({ row, rules: rulesForReason(row, list) }));
}

function reasonJson(row: HuaweiReason, detecting: string[]): Record<string, unknown> {
  return {
    reason: row.reason,
    aliases: row.aliases ?? [],
    kind: row.kind,
    meaning: row.meaning,
    shownOn: row.shownOn,
    rules: detecting.map((id) => `fwlint/${id}`),
    runtimeOnly: row.runtimeOnly,
    ...(row.proposed ? { proposed: row.proposed } : {}),
    check: row.check,
    source: row.source,
  };
}

function reasonText(row: HuaweiReason, detecting: string[]): string {
  const lines = [
    `${row.reason}  (${row.kind === 'negotiation' ? 'negotiation failure' : 'tunnel teardown'})`,
    ...(row.aliases?.length ? [`  also printed as  ${row.aliases.map((a) => `"${a}"`).join(', ')}`] : []),
    `  meaning   ${row.meaning}.`,
    `  shown on  ${row.shownOn}`,
    detecting.length > 0
      ? `  rules     ${detecting.map((id) => `fwlint/${id}`).join(', ')} detect${detecting.length === 1 ? 's' : ''} its configurable causes`
      : row.runtimeOnly
        ? '  rules     none: runtime only'
        : `  rules     none yet${row.proposed ? ` (proposed: ${row.proposed})` : ''}`,
    `  check     ${row.check}`,
    `  source    ${row.source} (docs/huawei-reasons.md)`,
  ];
  return `${lines.join('\n')}\n`;
}

function listText(rows: { row: HuaweiReason; rules: string[] }[]): string {
  const width = Math.max(...rows.map(({ row }) => row.reason.length));
  const section = (kind: HuaweiReason['kind'], title: string): string[] => [
    title,
    ...rows.filter(({ row }) => row.kind === kind).map(({ row, rules: ids }) => `  ${row.reason.padEnd(width)}  ${ids.length > 0 ? ids.join(', ') : row.runtimeOnly ? 'runtime only' : `no rule yet${row.proposed ? ` (proposed: ${row.proposed})` : ''}`}`),
  ];
  return `${[...section('negotiation', 'Negotiation failures (display ike error-info, IPSECNEGOFAIL):'), '', ...section('teardown', 'Tunnel teardowns (display ike offline-info, IPSEC_TUNNEL_TEARED_DOWN, IPSECTUNNELSTOP):')].join('\n')}\n\n"fwlint explain \\"<reason>\\"" shows one reason; docs/huawei-reasons.md has the table.\n`;
}

function json(value: unknown): string {
  return inertJson(`${JSON.stringify(value, null, 2)}\n`);
}

/** `fwlint explain "<reason>"` and `fwlint explain --list`. */
function printReasons(what: string | undefined, format: ExplainFormat, io: CliIo): number {
  const rows = reasonRows(new RuleRegistry(rules).metas.values());
  if (what === undefined) {
    io.stdout.write(format === 'json' ? json(rows.map(({ row, rules: ids }) => reasonJson(row, ids))) : listText(rows));
    return 0;
  }
  const row = findReason(what);
  if (!row) throw new UsageError(unknownArgument(what));
  const ids = rows.find((r) => r.row === row)?.rules ?? [];
  io.stdout.write(format === 'json' ? json(reasonJson(row, ids)) : withoutCommandLines(reasonText(row, ids)));
  return 0;
}

function unknownArgument(what: string): string {
  const shown = inertText(what.length > 80 ? `${what.slice(0, 80)}…` : what);
  return `"${shown}" is neither a readable file nor a reason Huawei documents${didYouMean(normaliseReason(what), reasonNames())}; "fwlint explain --list" prints the reasons`;
}

function readRuntimeBytes(source: string, io: CliIo): Promise<Uint8Array> | Uint8Array {
  if (source === '-') {
    return io.readStdin(RUNTIME_LIMIT).then(({ content, size }) => {
      if (content === undefined) throw new UsageError(`RUNTIME (stdin) goes on past ${RUNTIME_LIMIT / 1024 / 1024} MB (read ${size} bytes); copy only the device's output`);
      return content;
    });
  }
  try {
    return readRegularFile(path.resolve(io.cwd, source), { limit: RUNTIME_LIMIT });
  } catch (error) {
    if (error instanceof FileAccessError && error.code === 'ETOOBIG') throw new UsageError(`cannot read RUNTIME ${inertText(source)}: over the ${RUNTIME_LIMIT / 1024 / 1024} MB limit`);
    throw new UsageError(`cannot read RUNTIME ${inertText(source)} (${describeAccessError(error)})`);
  }
}

function where(finding: Finding): string {
  return `${finding.file}:${finding.range.line}:${finding.range.column}`;
}

function recordHead(record: RuntimeRecord, runtimeName: string): string {
  const peer = `${peerText(record)}${record.port === undefined ? '' : `:${record.port}`}`;
  const parts = [`${runtimeName}:${record.line}`, `"${record.reason}"`, `peer ${peer}`];
  if (record.version) parts.push(`IKE${record.version}`);
  if (record.time) parts.push(record.time);
  parts.push(`(${record.source})`);
  return parts.join('  ');
}

function deviceLine(explanation: Explanation): string {
  const { device, candidates } = explanation;
  const note = explanation.deviceNote ? `; ${explanation.deviceNote}` : '';
  if (!device) return `  device   not known${note}; candidates: ${candidates.length > 0 ? candidates.join(', ') : 'none'}`;
  const how =
    device.evidence === 'candidate'
      ? `the only candidate with a tunnel towards the peer (RUNTIME does not name a device; the devices owning no address ${explanation.record.peer}: ${candidates.join(', ')})`
      : device.evidence === '--device'
        ? '--device'
        : device.evidence === 'log'
          ? `the log host "${explanation.record.host ?? ''}"`
          : `the prompt "${explanation.record.host ?? ''}"`;
  return `  device   ${device.name} (${device.file}), from ${how}${note}`;
}

function explanationText(explanation: Explanation, runtimeName: string): string {
  const { row, tunnel, causes } = explanation;
  const lines = [recordHead(explanation.record, runtimeName)];
  lines.push(row ? `  reason   ${row.reason === normaliseReason(explanation.record.reason) ? '' : `= "${row.reason}": `}${row.meaning}; shown on ${row.shownOn}` : '  reason   unknown: not in the table of Huawei reasons (not guessed)');
  lines.push(deviceLine(explanation));
  if (tunnel) {
    const [mine, other] = tunnel.ends;
    lines.push(`  tunnel   ${mine.file}:${mine.line} ${mine.policy}  <->  ${other.device} ${other.file}:${other.line} ${other.policy}`);
  } else {
    lines.push(`  tunnel   none: ${explanation.noTunnel ?? 'not found'}`);
  }
  if (causes.length > 0) {
    lines.push('  causes   found in the configurations:');
    for (const finding of causes) {
      lines.push(`    ${where(finding)}  ${finding.severity}  ${finding.message}  fwlint/${finding.ruleId}`);
      for (const related of finding.related) lines.push(`      ${related.file}:${related.range.line}:${related.range.column}  ${related.message}`);
    }
  } else if (row && !row.runtimeOnly && tunnel) {
    lines.push(`  causes   none found: ${explanation.rules.length > 0 ? explanation.rules.map((id) => `fwlint/${id}`).join(', ') : 'no rule'} checked this tunnel`);
  }
  lines.push(`  next     ${explanation.advice}`);
  return lines.map(inertText).join('\n');
}

function explanationJson(explanation: Explanation): Record<string, unknown> {
  const { record } = explanation;
  return {
    line: record.line,
    reason: record.reason,
    peer: record.peer,
    ...(record.port === undefined ? {} : { port: record.port }),
    version: record.version ?? null,
    ...(record.time ? { time: record.time } : {}),
    source: record.source,
    canonicalReason: explanation.row?.reason ?? null,
    device: explanation.device?.file ?? null,
    ...(explanation.device && explanation.device.evidence !== 'candidate' ? {} : { candidates: explanation.candidates }),
    tunnel: explanation.tunnel ? { ends: explanation.tunnel.ends.map((end) => ({ filePath: end.file, line: end.line })) } : null,
    ...(explanation.noTunnel ? { noTunnel: explanation.noTunnel } : {}),
    rules: explanation.rules.map((id) => `fwlint/${id}`),
    causes: explanation.causes.map((finding) => ({
      ruleId: `fwlint/${finding.ruleId}`,
      severity: finding.severity === 'error' ? 2 : 1,
      filePath: finding.file,
      line: finding.range.line,
      column: finding.range.column,
      endLine: finding.range.endLine,
      endColumn: finding.range.endColumn,
      message: finding.message,
      related: finding.related.map((r) => ({ filePath: r.file, line: r.range.line, column: r.range.column, message: r.message })),
    })),
    runtimeOnly: explanation.runtimeOnly,
    advice: explanation.advice,
  };
}

/** `fwlint explain …`: see EXPLAIN_HELP. */
export async function runExplainCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const explainArgs = takeExplainOptions(argv);
  let options = parseCliArgs(explainArgs.rest);
  if (printedHelpOrVersion(options, EXPLAIN_HELP, io)) return 0;
  refuseLinterOptions(options, 'explain', NOT_HERE);
  if (explainArgs.list) {
    if (options.targets.length > 0) throw new UsageError('--list takes no other arguments');
    return printReasons(undefined, explainArgs.format, io);
  }
  const [runtime, ...paths] = options.targets;
  if (runtime === undefined) throw new UsageError('fwlint explain needs RUNTIME (a file, or - for stdin) or a reason; see fwlint explain --help');
  if (runtime !== '-' && !existsSync(path.resolve(io.cwd, runtime))) {
    if (paths.length > 0 || !findReason(runtime)) throw new UsageError(unknownArgument(runtime));
    return printReasons(runtime, explainArgs.format, io);
  }
  if (paths.includes('-')) throw new UsageError('RUNTIME and a configuration cannot both be read from stdin');

  const runtimeName = runtime === '-' ? '<stdin>' : runtime;
  const reading = readRuntime(await readRuntimeBytes(runtime, io));
  if (reading.unreadable) throw new UsageError(`cannot read RUNTIME ${inertText(runtimeName)}: ${reading.unreadable}`);
  if (!reading.recognised) {
    throw new UsageError(`RUNTIME ${inertText(runtimeName)} holds no display ike error-info or display ike offline-info table and no IPSECNEGOFAIL, IPSEC_TUNNEL_TEARED_DOWN or IPSECTUNNELSTOP log line`);
  }

  options = targetsOrRepository({ ...options, targets: paths }, io.cwd, 'no configuration given, and not inside a repository (no fwlint.config.json, no .git); name the configurations after RUNTIME');
  const registry = new RuleRegistry(rules);
  const config = loadConfig(options, registry, io.cwd);
  const { discovery, scope } = await discoverRun(options, config, io, new Set());
  // RUNTIME is not a configuration even when it sits among them.
  const runtimeAbsolute = runtime === '-' ? undefined : path.resolve(io.cwd, runtime);
  const read = await readInputs({ ...discovery, files: discovery.files.filter((f) => f.absolutePath !== runtimeAbsolute) }, options, io);
  const run = await runTunnelReview(read.inputs, { options, io, config, registry, scope });
  const problems = read.ioFindings.map((finding) => `${finding.file}: ${finding.message}`);
  for (const finding of run.outcome.findings) if (finding.fatal) problems.push(`${finding.file}: ${finding.message}`);

  let device: string | undefined;
  if (explainArgs.device !== undefined) {
    const wanted = path.resolve(io.cwd, explainArgs.device);
    const found = run.outcome.network?.devices.find((d) => path.resolve(io.cwd, d.file) === wanted || d.sysname === explainArgs.device);
    if (!found) throw new UsageError(`--device ${inertText(explainArgs.device)} is not one of the configurations read (${run.outcome.network?.devices.map((d) => d.file).join(', ') || 'none'})`);
    device = found.file;
  }
  const explanations = explainRecords(reading.records, { outcome: run.outcome, reviews: run.reviews, metas: registry.metas, device });

  if (explainArgs.format === 'json') {
    io.stdout.write(json(explanations.map(explanationJson)));
  } else if (explanations.length === 0) {
    io.stdout.write(`${inertText(runtimeName)}: no records (the device lists no failure)\n`);
  } else {
    const seen = new Map<string, number>();
    const blocks: string[] = [];
    for (const explanation of explanations) {
      const { record } = explanation;
      const identity = [record.source, record.reason, record.peer, record.port, record.version, record.time, record.host].join('\0');
      const first = seen.get(identity);
      if (first !== undefined) {
        blocks.push(inertText(`${runtimeName}:${record.line}  the same record as line ${first}`));
        continue;
      }
      seen.set(identity, record.line);
      blocks.push(explanationText(explanation, runtimeName));
    }
    io.stdout.write(withoutCommandLines(`${blocks.join('\n\n')}\n`));
  }
  if (reading.truncated) io.stderr.write(`fwlint: warning: RUNTIME has more records than ${reading.records.length}; the rest were not read\n`);
  if (writeRunDiagnostics(io, run, problems, options.verbose)) return 2;
  return explanations.some((e) => e.tunnel === undefined) ? 1 : 0;
}
