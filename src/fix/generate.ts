import type { ChangeEdit, ChangeSpec, FixApplicability } from '../../rules/types.js';
import { splitLines, type ConfigLine } from '../text/lines.js';
import { buildViews, type StructNode } from '../text/views.js';

/**
 * A change in its two generated forms (ESLint's `fix` shape plus fwlint's `commands`): one text edit
 * of the file — `range` offsets into the text fwlint read (line ends as `\n`; the CLI maps them
 * onto the file's own bytes when it applies them) — and the VRP commands, from the user view, that
 * make the same change on the running device.
 */
export interface GeneratedFix {
  file: string;
  applicability: FixApplicability;
  range: [number, number];
  text: string;
  commands: string[];
  /**
   * A change made on the device alone (a `device-only` edit): the text edit is empty and leaves the
   * file as it is, `commands` are the whole change. Only ever a suggestion; SARIF leaves it out.
   */
  commandsOnly?: true;
}

export interface GeneratedSuggestion {
  desc: string;
  fix: GeneratedFix;
}

/** A change fwlint cannot express on this file (a line that is not there, a secret in the line). */
export class FixError extends Error {
  override name = 'FixError';
}

/** The view tree of one file, built once and shared by every change to it. */
export class FileViews {
  readonly #byLine = new Map<number, StructNode>();
  readonly lines: ConfigLine[];

  constructor(readonly text: string) {
    const structure = buildViews(text);
    this.lines = structure.lines;
    const walk = (nodes: readonly StructNode[]): void => {
      for (const node of nodes) {
        this.#byLine.set(node.line.line, node);
        walk(node.children);
      }
    };
    walk(structure.roots);
  }

  node(line: number): StructNode {
    const node = this.#byLine.get(line);
    if (!node) throw new FixError(`line ${line} is not a configuration line`);
    return node;
  }
}

interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** Headers of the views a node sits in, outermost first (what is typed after `system-view` to reach it). */
function viewPath(node: StructNode | undefined): StructNode[] {
  const path: StructNode[] = [];
  for (let p = node; p; p = p.parent) path.unshift(p);
  return path;
}

function commandOf(node: StructNode): string {
  if (node.line.secret) throw new FixError(`line ${node.line.line} holds a secret; a fix never repeats it`);
  return node.line.body;
}

/** Last line of a node's block (its deepest last descendant). */
function lastLineOf(node: StructNode): ConfigLine {
  let last = node;
  while (last.children.length > 0) last = last.children[last.children.length - 1];
  return last.line;
}

/** One indentation level of the file: the step from a header to its children (VRP prints one space). */
function indentUnit(views: FileViews, node: StructNode): number {
  const child = node.children[0];
  return child && child.line.indent > node.line.indent ? child.line.indent - node.line.indent : 1;
}

/** Inserted lines with their depth below the view they go into (one leading space per level). */
function levels(lines: readonly string[]): { depth: number; text: string }[] {
  return lines.map((line) => {
    const text = line.trimStart();
    if (text.length === 0 || text.includes('\n')) throw new FixError('an inserted line must be one non-blank line');
    return { depth: line.length - text.length, text };
  });
}

/** Commands typing inserted lines: a deeper line follows the view command above it; `quit` climbs back. */
function insertCommands(lines: readonly { depth: number; text: string }[]): string[] {
  const commands: string[] = [];
  let depth = 0;
  lines.forEach((line, i) => {
    for (; depth > line.depth; depth--) commands.push('quit');
    commands.push(line.text);
    // A line with deeper lines after it is a view command: they are typed in its view.
    depth = (lines[i + 1]?.depth ?? 0) > line.depth ? line.depth + 1 : line.depth;
  });
  for (; depth > 0; depth--) commands.push('quit');
  return commands;
}

/** A secret in a typed command may only be a placeholder (`<the key of the other end>`), never a value. */
const PLACEHOLDER = /^<[^<>]+>$/;

/** The commands of a `device-only` edit: one non-blank line each, no secret of the file, a secret only as a placeholder. */
function deviceOnlyCommands(views: FileViews, commands: readonly string[]): string[] {
  if (commands.length === 0) throw new FixError('a device-only change needs its commands');
  const secrets = views.lines.flatMap((l) => (l.secret ? [views.text.slice(l.secret.start, l.secret.end)] : []));
  return commands.map((command) => {
    const typed = command.trim();
    if (typed.length === 0 || typed.includes('\n')) throw new FixError('a device-only command is one non-blank line');
    if (secrets.some((secret) => secret.length > 0 && typed.includes(secret))) throw new FixError('a device-only command repeats a secret of the file');
    const [line] = splitLines(typed);
    const secret = line?.secret;
    if (secret && !PLACEHOLDER.test(typed.slice(secret.start, secret.end))) throw new FixError('a device-only command holds a secret; a fix only ever holds a placeholder');
    return typed;
  });
}

interface Step {
  order: number;
  /** View the commands are typed in (undefined: the system view). */
  view: StructNode | undefined;
  commands: string[];
  edit: TextEdit;
}

function stepOf(views: FileViews, edit: ChangeEdit): Step {
  const text = views.text;
  if (edit.kind === 'replace') {
    const node = views.node(edit.range.line);
    const { start, end } = { start: edit.range.offset, end: edit.range.endOffset };
    if (start < node.line.bodyStart || end > node.line.end || start > end) throw new FixError('a replacement must lie inside one line');
    if (edit.text.includes('\n')) throw new FixError('a replacement is a value, not lines');
    commandOf(node);
    const line = text.slice(node.line.bodyStart, start) + edit.text + text.slice(end, node.line.end);
    return { order: 1, view: node.parent, commands: [line], edit: { start, end, text: edit.text } };
  }
  if (edit.kind === 'line') {
    const node = views.node(edit.line);
    commandOf(node);
    if (edit.text.trim().length === 0 || edit.text.includes('\n')) throw new FixError('a line is replaced by one non-blank line');
    if (node.children.length > 0) throw new FixError('a view header is not replaced whole');
    const line = edit.text.trim();
    const undo = edit.undo?.trim();
    const commands = [...(undo ? [undo] : []), line, ...(edit.enters ? ['quit'] : [])];
    return { order: 1, view: node.parent, commands, edit: { start: node.line.bodyStart, end: node.line.end, text: line } };
  }
  if (edit.kind === 'move') {
    const node = views.node(edit.line);
    const before = views.node(edit.before);
    if (node.parent !== before.parent || node === before) throw new FixError('a block moves before a sibling');
    const blockEnd = (n: StructNode): number => {
      const next = text.indexOf('\n', lastLineOf(n).end);
      return next < 0 ? text.length : next + 1;
    };
    const end = blockEnd(node);
    let block = text.slice(node.line.start, end);
    if (!block.endsWith('\n')) block += '\n';
    if (before.line.start > node.line.start) throw new FixError('a block moves up, before an earlier sibling');
    // One edit from the new place to the old block's end: the blocks between are kept as they are.
    const between = text.slice(before.line.start, node.line.start);
    const tail = end === text.length && !text.endsWith('\n') ? between.replace(/\n$/, '') : between;
    return { order: 1, view: node.parent, commands: [edit.command.trim()], edit: { start: before.line.start, end, text: block + tail } };
  }
  if (edit.kind === 'device-only') {
    const node = views.node(edit.line);
    const commands = deviceOnlyCommands(views, edit.commands);
    return { order: 1, view: node.parent, commands, edit: { start: node.line.start, end: node.line.start, text: '' } };
  }
  if (edit.kind === 'insert') {
    const node = views.node(edit.line);
    const lines = levels(edit.lines);
    let at: number;
    let indent: number;
    if (edit.into) {
      at = text.indexOf('\n', edit.end ? lastLineOf(node).end : node.line.end);
      indent = node.children[0]?.line.indent ?? node.line.indent + indentUnit(views, node);
    } else {
      at = text.indexOf('\n', lastLineOf(node).end);
      indent = node.line.indent;
    }
    const unit = indentUnit(views, edit.into ? node : (node.parent ?? node));
    const body = lines.map((l) => `${' '.repeat(indent + l.depth * unit)}${l.text}`).join('\n');
    // After the last line of a file without a final newline, the inserted lines start one.
    const edit_: TextEdit = at < 0 ? { start: text.length, end: text.length, text: `\n${body}` } : { start: at + 1, end: at + 1, text: `${body}\n` };
    const view = edit.into ? node : node.parent;
    return { order: 0, view, commands: [...insertCommands(lines), ...(edit.commands ?? [])], edit: edit_ };
  }
  const node = views.node(edit.line);
  const last = lastLineOf(node);
  const next = text.indexOf('\n', last.end);
  const end = next < 0 ? text.length : next + 1;
  // The last line of a file without a final newline takes the newline before it along.
  const start = next < 0 && node.line.start > 0 ? node.line.start - 1 : node.line.start;
  if (edit.undo.trim().length === 0) throw new FixError('a deletion needs its undo command');
  return { order: 2, view: node.parent, commands: [edit.undo.trim()], edit: { start, end, text: '' } };
}

/** Several edits of one file as one range (ESLint's shape): the text between them is kept. */
export function mergeEdits(text: string, edits: readonly TextEdit[]): { range: [number, number]; text: string } {
  if (edits.length === 0) throw new FixError('a change without edits');
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < sorted.length; i++) if (sorted[i].start < sorted[i - 1].end) throw new FixError('edits of one change overlap');
  let out = '';
  let at = sorted[0].start;
  for (const edit of sorted) {
    out += text.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return { range: [sorted[0].start, at], text: out };
}

/**
 * Both forms of a change. The commands enter `system-view`, then each view (its header line as the
 * file has it), type the edit, `quit` back out and end with `return`. Additions come first, then
 * replacements, deletions last, so the device never passes through a state with less than before
 * (a no-nat rule exists and is moved before anything is removed).
 */
export function generateFix(views: FileViews, file: string, change: ChangeSpec): GeneratedFix {
  const commandsOnly = change.edits.some((edit) => edit.kind === 'device-only');
  if (commandsOnly && change.edits.length > 1) throw new FixError('a device-only edit is the only edit of its change');
  const steps = change.edits.map((edit) => stepOf(views, edit));
  const merged = mergeEdits(views.text, steps.map((s) => s.edit));
  const ordered = steps.map((step, index) => ({ step, index })).sort((a, b) => a.step.order - b.step.order || a.index - b.index);
  const commands = ['system-view'];
  let current: StructNode[] = [];
  for (const { step } of ordered) {
    const target = viewPath(step.view);
    let common = 0;
    while (common < current.length && common < target.length && current[common] === target[common]) common++;
    for (let i = current.length; i > common; i--) commands.push('quit');
    for (let i = common; i < target.length; i++) commands.push(commandOf(target[i]));
    commands.push(...step.commands);
    current = target;
  }
  commands.push('return');
  return { file, applicability: change.applicability ?? 'safe', range: merged.range, text: merged.text, commands, ...(commandsOnly ? { commandsOnly: true as const } : {}) };
}

/** Applies non-overlapping fixes of one file (the earlier of two overlapping ones wins, as ESLint does). */
export function applyFixes(text: string, fixes: readonly Pick<GeneratedFix, 'range' | 'text'>[]): { text: string; applied: number } {
  const sorted = [...fixes].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  let out = '';
  let at = 0;
  let applied = 0;
  let lastEnd = -1;
  for (const fix of sorted) {
    // Two insertions at one point, or touching ranges, would interleave: one per pass.
    if (fix.range[0] <= lastEnd) continue;
    out += text.slice(at, fix.range[0]) + fix.text;
    at = fix.range[1];
    lastEnd = fix.range[1];
    applied++;
  }
  return { text: out + text.slice(at), applied };
}
