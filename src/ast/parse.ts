import { decodeConfig } from '../text/decode.js';
import { LineIndex, startOfFile, type Range } from '../text/range.js';
import { rangeOnLine, type ConfigLine } from '../text/lines.js';
import { buildViews } from '../text/views.js';
import { AstBuilder } from './build.js';
import { detectForeign, detectPlatform, looksLikeJson } from './detect.js';
import { emptyAst } from './empty.js';
import type { ConfigAst, ParseDiagnostic } from './types.js';

/** Larger inputs are refused: no real device configuration comes near it. */
const MAX_INPUT_CHARS = 64 * 1024 * 1024;

/**
 * Parses one `display current-configuration` text (or bytes) into the typed AST. Never throws:
 * unusable input gives an AST with a single diagnostic. `text` is the normalised text every
 * range of the AST refers to.
 */
export function parseConfig(input: string | Uint8Array, file: string): { ast: ConfigAst; text: string } {
  const ast = emptyAst(file);
  try {
    return parseInto(ast, input);
  } catch (error) {
    ast.diagnostics.push({
      code: 'statement-syntax',
      severity: 'error',
      message: `internal parser error: ${error instanceof Error ? error.name : 'unknown'}`,
      range: startOfFile(),
    });
    return { ast, text: typeof input === 'string' ? input : '' };
  }
}

/** A `#` alone at the left margin: how VRP separates the views of `display current-configuration`. */
function hasSeparatorLine(lines: readonly ConfigLine[]): boolean {
  for (const l of lines) if (l.indent === 0 && l.end - l.bodyStart === 1 && l.table.text.charCodeAt(l.bodyStart) === 35 /* # */) return true;
  return false;
}

function parseInto(ast: ConfigAst, input: string | Uint8Array): { ast: ConfigAst; text: string } {
  const size = typeof input === 'string' ? input.length : input.byteLength;
  const whole = startOfFile();
  const fail = (diagnostic: ParseDiagnostic, text: string): { ast: ConfigAst; text: string } => {
    ast.diagnostics.push(diagnostic);
    ast.lineCount = new LineIndex(text).lineCount;
    return { ast, text };
  };
  if (size > MAX_INPUT_CHARS) {
    return fail({ code: 'input-too-large', severity: 'error', message: `input is larger than ${MAX_INPUT_CHARS} characters`, range: whole }, '');
  }
  const decoded = decodeConfig(input);
  if (decoded.binary) {
    return fail({ code: 'binary-input', severity: 'error', message: 'input is binary data, not a configuration text', range: whole }, '');
  }
  const text = decoded.text;
  const firstLineEnd = text.indexOf('\n') === -1 ? text.length : text.indexOf('\n');
  const fullRange: Range = { ...whole, endColumn: firstLineEnd + 1, endOffset: firstLineEnd };
  if (text.trim().length === 0) {
    return fail({ code: 'empty-input', severity: 'error', message: 'the configuration is empty', range: fullRange }, text);
  }
  if (looksLikeJson(text)) {
    return fail({ code: 'not-huawei-config', severity: 'error', message: 'input is JSON, not a Huawei configuration text', range: fullRange }, text);
  }
  const structure = buildViews(text);
  ast.lineCount = structure.lineCount;
  const foreign = detectForeign(structure.lines);
  if (foreign) {
    const index = new LineIndex(text);
    const line = index.lineText(foreign.line);
    return fail({
      code: 'not-huawei-config',
      severity: 'error',
      message: foreign.message,
      range: index.rangeAt(index.lineStarts[foreign.line - 1], index.lineStarts[foreign.line - 1] + line.length),
    }, text);
  }
  if (structure.version) {
    const { start, end } = structure.version;
    const line = structure.version.line;
    ast.version = { value: structure.version.value, range: rangeOnLine(line, start, end) };
  }
  // Session lines that were configuration but could not be placed: said, never dropped silently.
  for (const { line, message } of structure.unread) {
    const start = line.tokenCount > 0 ? line.tokenStart(0) : line.bodyStart;
    const end = line.secret ? line.secret.end : line.tokenCount > 0 ? line.tokenEnd(line.tokenCount - 1) : line.end;
    ast.diagnostics.push({ code: 'statement-syntax', severity: 'warning', message, range: rangeOnLine(line, start, end) });
  }
  const builder = new AstBuilder(ast);
  for (const root of structure.roots) builder.visit(root, undefined);
  builder.finish(ast.version !== undefined || builder.recognised > 0 || structure.returnLine !== undefined || hasSeparatorLine(structure.lines));
  const bracket = structure.version !== undefined && text.charCodeAt(structure.version.start - 1) === 91;
  ast.platform = detectPlatform(structure.version?.value, bracket, structure.lines);
  return { ast, text };
}
