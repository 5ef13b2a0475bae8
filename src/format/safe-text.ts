import type { Finding } from '../engine/findings.js';
import type { FormatInput } from './types.js';

/*
 * Text from configurations, file names, the baseline and the config file is untrusted: it must
 * not move the terminal (CSI, OSC — e.g. an OSC 52 clipboard write), reorder what is shown
 * (bidirectional overrides), break a report line, or be read by the GitHub Actions runner as a
 * workflow command. The runner takes a line whose text after leading spaces starts with `::`
 * (v2 commands) and, anywhere in a line, `##[` (v1 commands).
 */

// C0 controls but tab, DEL, C1 controls (0x9b is a one-byte CSI), line/paragraph separators,
// bidirectional embeddings, overrides and isolates.
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARACTERS = /[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const ZERO_WIDTH_SPACE = '\u200b';

function escapeCharacter(character: string): string {
  const code = character.charCodeAt(0);
  if (character === '\n') return '\\n';
  if (character === '\r') return '\\r';
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** One line of inert text: control and bidi characters shown as escapes, no v1 workflow command. */
export function inertText(text: string): string {
  return text.replace(UNSAFE_CHARACTERS, escapeCharacter).replaceAll('##[', `##${ZERO_WIDTH_SPACE}[`);
}

/** Multi-line text, each line made inert and none a workflow command; the line breaks stay. */
export function inertLines(text: string): string {
  return withoutCommandLines(text.split('\n').map(inertText).join('\n'));
}

/** A line that, after leading spaces, starts with `::` gets a zero-width space in front of it. */
export function withoutCommandLines(report: string): string {
  return report.replace(/^([ \t]*)::/gm, `$1${ZERO_WIDTH_SPACE}::`);
}

/** A displayed path that would itself start a workflow command is shown as `./::…`. */
function inertPath(file: string): string {
  const text = inertText(file);
  return text.startsWith('::') ? `./${text}` : text;
}

function inertFinding(finding: Finding): Finding {
  return {
    ...finding,
    message: inertText(finding.message),
    file: inertPath(finding.file),
    objectPath: inertText(finding.objectPath),
    related: finding.related.map((r) => ({ ...r, message: inertText(r.message), file: inertPath(r.file) })),
    ...(finding.fix ? { fix: { ...finding.fix, commands: finding.fix.commands.map(inertText) } } : {}),
    ...(finding.suggestions ? { suggestions: finding.suggestions.map((s) => ({ desc: inertText(s.desc), fix: { ...s.fix, commands: s.fix.commands.map(inertText) } })) } : {}),
  };
}

/** The report's input with every untrusted string made inert; the formats then add only their own syntax. */
export function inertFormatInput(input: FormatInput): FormatInput {
  return {
    ...input,
    findings: input.findings.map(inertFinding),
    files: input.files.map(inertPath),
    runWarnings: input.runWarnings?.map(inertText),
  };
}

// Characters JSON.stringify leaves raw that a terminal or the runner would act on.
const JSON_UNSAFE = /[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * JSON output made inert without changing its data: the characters above become `\uXXXX` escapes
 * and `##[` becomes `##\u005b` (`#` only occurs inside strings, where both mean the same).
 */
export function inertJson(json: string): string {
  return json.replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).replaceAll('##[', '##\\u005b');
}
