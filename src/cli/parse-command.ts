import path from 'node:path';
import { AST_LISTS } from '../ast/empty.js';
import type { ConfigAst } from '../ast/types.js';
import { loadParser } from '../engine/parser.js';
import { defaultsFor, detectDefaultsProfile } from '../model/defaults.js';
import { lineStartsWithFactory } from '../model/device.js';
import { DEFAULT_MAX_FILE_SIZE_MB } from './args.js';
import { describeAccessError, FileAccessError, readRegularFile } from '../engine/safe-fs.js';
import { toDisplayPath } from './discover.js';
import { inertJson, inertLines } from '../format/safe-text.js';
import { UsageError, type CliIo } from './io.js';

const PARSE_USAGE = 'usage: fwlint parse <file> [--json]';

/** `fwlint parse FILE [--json]`: the AST as JSON (it holds no secrets) or a short summary. */
export async function runParseCommand(args: readonly string[], io: CliIo): Promise<number> {
  const json = args.includes('--json');
  const rest = args.filter((a) => a !== '--json');
  const unknown = rest.find((a) => a.startsWith('-') && a !== '-');
  if (unknown) throw new UsageError(`unknown option "${unknown}" for fwlint parse; ${PARSE_USAGE}`);
  if (rest.length !== 1) throw new UsageError(PARSE_USAGE);
  const target = rest[0];
  let content: Uint8Array;
  let file: string;
  const limit = DEFAULT_MAX_FILE_SIZE_MB * 1024 * 1024;
  if (target === '-') {
    file = '<stdin>';
    const read = await io.readStdin(limit);
    if (read.content === undefined) throw new UsageError(`${file} is over the ${DEFAULT_MAX_FILE_SIZE_MB} MB limit of fwlint parse`);
    content = read.content;
  } else {
    const absolute = path.resolve(io.cwd, target);
    file = toDisplayPath(absolute, io.cwd);
    try {
      content = readRegularFile(absolute, { limit });
    } catch (error) {
      if (error instanceof FileAccessError && error.code === 'ETOOBIG') throw new UsageError(`${file} is over the ${DEFAULT_MAX_FILE_SIZE_MB} MB limit of fwlint parse`);
      throw new UsageError(`cannot read ${file} (${describeAccessError(error)})`);
    }
  }
  const parse = await loadParser();
  const { ast, text } = parse(content, file);
  io.stdout.write(json ? `${inertJson(JSON.stringify(ast, null, 2))}\n` : inertLines(summary(ast, defaultsFor(detectDefaultsProfile(ast, lineStartsWithFactory(text)), ast.platform).label)));
  return 0;
}

/** Labels that are not the list's name in words (`ikePeers` is "ike peers"). */
const LIST_LABELS: Partial<Record<string, string>> = {
  generic: 'other statements',
  unmodelled: 'unmodelled statements',
  unrecognised: 'unrecognised lines in IPSec views',
};

const words = (name: string): string => name.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`).replace(/ipv6 /, 'IPv6 ');

/** `defaults` names the defaults family the rules apply (`AR V200R007`, `unknown version`). */
function summary(ast: ConfigAst, defaults: string): string {
  const counts = AST_LISTS.filter((list) => list !== 'diagnostics').map((list) => [LIST_LABELS[list] ?? words(list), (ast[list] as unknown[]).length] as const);
  const lines = [
    `${ast.file}: ${ast.lineCount} lines, platform ${ast.platform}${ast.version ? `, version ${ast.version.value}` : ''}${ast.globals.sysname ? `, sysname ${ast.globals.sysname.value}` : ''}, defaults ${defaults}`,
    ...counts.map(([name, count]) => `  ${name}: ${count}`),
    `  diagnostics: ${ast.diagnostics.length}`,
    ...ast.diagnostics.map((d) => `    ${d.range.line}:${d.range.column} ${d.severity} ${d.message} (${d.code})`),
  ];
  return `${lines.join('\n')}\n`;
}
