import type { Rule } from 'eslint';
import { commandsOnlyLine, fixLine } from './compact.js';
import { toLintResults } from './eslint-results.js';
import { ruleDocsUrl } from '../engine/docs-url.js';
import type { FormatInput } from './types.js';

/** Terminal width assumed when output is piped or the terminal does not say. */
export const DEFAULT_WIDTH = 80;
/** Messages start under the location column: two spaces, the mark, two spaces. */
const MESSAGE_INDENT = 5;

// A NUL cannot occur in a message or a file name: `\0<n>\0` safely marks message n in the output.
const TOKEN = /\0(\d+)\0/;
// eslint-disable-next-line no-control-regex
const GAP_BEFORE_TOKEN = / {4}((?:\x1b\[[0-9;]*m|\x1b\]8;;[^\x07]*\x07)*\0\d+\0)/;

/**
 * eslint-formatter-pretty's layout (file headers, marks, locations, summary), with each message
 * wrapped under its location instead of padded into one long line, so it reads at 80 columns.
 * The formatter is given an empty message and a token as rule id; the token is then replaced by
 * the rule id and followed by the wrapped message. It is loaded lazily: chalk decides on colour
 * when it is imported, so the CLI sets NO_COLOR/FORCE_COLOR first. It sorts in place; it gets
 * fresh objects.
 */
export async function formatPretty(input: FormatInput): Promise<string> {
  const { default: wrapAnsi } = await import('wrap-ansi');
  const { default: pretty } = await import('eslint-formatter-pretty');
  const width = Math.max(MESSAGE_INDENT + 20, input.width ?? DEFAULT_WIDTH);
  const results = toLintResults(input).filter((r) => r.messages.length > 0);
  const entries: { ruleId: string; message: string; fix?: string[] }[] = [];
  const rulesMeta: Record<string, Rule.RuleMetaData> = {};
  for (const result of results) {
    for (const message of result.messages) {
      const token = `\0${entries.length}\0`;
      const ruleId = message.ruleId ?? '';
      const { fix, suggestions } = message as { fix?: { commands: string[]; applicability: string }; suggestions?: { fix: { commands: string[]; commandsOnly?: true } }[] };
      const lines = [
        ...(fix ? [fixLine({ commands: fix.commands, applicability: fix.applicability === 'unsafe' ? 'unsafe' : 'safe' })] : []),
        ...(suggestions ?? []).filter((s) => s.fix.commandsOnly).map((s) => commandsOnlyLine(s.fix)),
      ];
      entries.push({ ruleId, message: message.message, fix: lines.length > 0 ? lines : undefined });
      const meta = input.metas.get(ruleId.replace(/^fwlint\//, ''));
      rulesMeta[token] = { docs: { description: meta?.description, url: meta ? ruleDocsUrl(meta.id) : undefined } };
      message.ruleId = token;
      message.message = '';
    }
  }
  const report: string = pretty(results, { cwd: input.cwd, rulesMeta });
  const indent = ' '.repeat(MESSAGE_INDENT);
  return report
    .split('\n')
    .map((line) => {
      const match = TOKEN.exec(line);
      if (!match) return line;
      const { ruleId, message, fix } = entries[Number(match[1])];
      const head = line.replace(GAP_BEFORE_TOKEN, '  $1').replace(TOKEN, ruleId);
      const body = wrapAnsi(message, width - MESSAGE_INDENT, { hard: true, trim: true })
        .split('\n')
        .map((text) => indent + text);
      for (const line of fix ?? []) body.push(...wrapAnsi(line, width - MESSAGE_INDENT, { hard: true, trim: true }).split('\n').map((text) => indent + text));
      return [head, ...body].join('\n');
    })
    .join('\n');
}
