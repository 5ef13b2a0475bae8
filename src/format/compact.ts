import { namespacedRuleId, ruleDocsUrl } from '../engine/docs-url.js';
import { messageWithRelated } from './related.js';
import type { FormatInput } from './types.js';
import type { GeneratedFix } from '../fix/generate.js';

/** A message's line breaks would split the finding over several lines. */
function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ');
}

/** One grep-able line per finding: `file:line:col: severity message [fwlint/id] url`. */
export function formatCompact(input: FormatInput): string {
  return input.findings
    .map((f) => {
      const line = `${f.file}:${f.range.line}:${f.range.column}: ${f.severity} ${oneLine(messageWithRelated(f))} [${namespacedRuleId(f.ruleId)}] ${ruleDocsUrl(f.ruleId)}\n`;
      const lines = [...(f.fix ? [fixLine(f.fix)] : []), ...(f.suggestions ?? []).filter((s) => s.fix.commandsOnly).map((s) => commandsOnlyLine(s.fix))];
      return line + lines.map((l) => `  ${l}\n`).join('');
    })
    .join('');
}

function typedPath(commands: readonly string[]): string {
  return commands.filter((c) => c !== 'system-view' && c !== 'return' && c !== 'quit').map(oneLine).join(' > ');
}

/** `fix: ipsec policy map1 10 isakmp > tunnel local 203.0.6.18` — the view path and what is typed there, shortly. */
export function fixLine(fix: Pick<GeneratedFix, 'commands' | 'applicability'>): string {
  return `fix${fix.applicability === 'unsafe' ? ' (unsafe, --unsafe-fixes)' : ''}: ${typedPath(fix.commands)}`;
}

/**
 * A suggestion made of device commands alone (the file is left as it is: a key): its commands are
 * the whole of it, so they are shown as the fix line is. Other suggestions are in json and sarif.
 */
export function commandsOnlyLine(fix: Pick<GeneratedFix, 'commands'>): string {
  return `suggestion (device commands only, edit the file by hand): ${typedPath(fix.commands)}`;
}
