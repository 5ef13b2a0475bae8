import { splitLines, type ConfigLine } from './lines.js';
import { isKnownChild, isTopLevelCommand, viewKindOf, type LineHead, type ViewKind } from './view-kinds.js';
import { isTimestampLine, SessionReader, type UnreadLine } from './session.js';

export interface StructNode {
  line: ConfigLine;
  kind: ViewKind;
  children: StructNode[];
  parent: StructNode | undefined;
  /** A session's `undo …` that removed earlier lines of its view: executed, so never "not read". */
  undoApplied?: true;
}

export interface ConfigStructure {
  lines: ConfigLine[];
  roots: StructNode[];
  /** `!Software Version V…` / `[V300R019C00SPC300]` value with its offsets. */
  version?: { value: string; start: number; end: number; line: ConfigLine };
  /** Number of lines of the text (one more than its `\n` count). */
  lineCount: number;
  /** 1-based line of `return`, if present. */
  returnLine?: number;
  /** Lines of a session paste that were configuration but could not be placed (see session.ts). */
  unread: UnreadLine[];
}

const TIMESTAMP = /^\d{1,2}:\d{2}:\d{2}\s+\d{4}[/-]\d{1,2}[/-]\d{1,2}$/;
const BANNER_VERSION = /^\[(V\d{3}R\d{3}[A-Z0-9]*)\]$/;
const SOFTWARE_VERSION = /^!Software Version\s+(V\S+)/i;
const PROMPT = /^(<[^>\s]*>|\[[~*]?[^\]\s]*\])/;

/** Session noise that is never configuration: prompts with echoed commands, doc labels like `FW1:`. */
function isNoise(line: ConfigLine): boolean {
  const c = line.table.text.charCodeAt(line.bodyStart);
  if (line.indent === 0 && (c === 60 /* < */ || c === 91 /* [ */) && PROMPT.test(line.body)) return true;
  return line.tokenCount === 1 && !line.secret && line.table.text.charCodeAt(line.tokenEnd(0) - 1) === 58 /* : */ && /^[A-Za-z][\w-]{0,30}:$/.test(line.word(0));
}

/** Shared by every leaf (most lines) so leaves allocate no array; replaced on the first child. */
const NO_CHILDREN: StructNode[] = [];

/**
 * Builds the view tree from indentation and keywords (huawei-syntax.md §1–2): `#` in column 0
 * closes every view, an indented `#` does not; known top-level commands always start at the
 * root (one-space globals, flattened snippets); a line at or above the indentation of the open
 * view stays inside it when it is one of that view's known sub-commands.
 */
export function buildViews(text: string): ConfigStructure {
  const lines = splitLines(text);
  const roots: StructNode[] = [];
  const result: ConfigStructure = { lines, roots, lineCount: lines.length === 0 ? 1 : lines[lines.length - 1].line, unread: [] };
  // A file with prompt lines is a terminal session: session.ts says which lines the device executed.
  const session = lines.some((l) => l.prompt !== undefined) ? new SessionReader(lines) : undefined;
  if (session) {
    session.roots = roots;
    result.unread = session.unread;
  }
  let stack: StructNode[] = [];
  let header = true;
  // One head object reused for every line: the view-kind tests read it synchronously.
  const head: LineHead = { w0: undefined, w1: undefined, count: 0, words: lines[0] };
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index];
    if (session) {
      const verdict = session.next(line, index);
      if (verdict.kind === 'skip') continue;
      if (verdict.kind === 'typed') {
        header = false;
        const parent = verdict.parent as StructNode | undefined;
        const node: StructNode = { line, kind: viewKindOf(session.headOf(line), parent?.kind), children: NO_CHILDREN, parent };
        if (line.tokenCount > 1 && line.word(0).toLowerCase() === 'undo' && removeUndone(parent ? parent.children : roots, line)) node.undoApplied = true;
        attach(roots, node);
        stack = [];
        for (let p: StructNode | undefined = node; p; p = p.parent) stack.unshift(p);
        session.placed(node);
        continue;
      }
    }
    if (line.bodyStart === line.end) continue;
    const first = text.charCodeAt(line.bodyStart);
    if (header) {
      // An annotation after the banner (`[V300R019C00SPC300]  # AR6120`) is not part of it.
      const body = line.annotated && line.tokenCount > 0 ? text.slice(line.bodyStart, line.tokenEnd(line.tokenCount - 1)) : line.body;
      const banner = BANNER_VERSION.exec(body) ?? SOFTWARE_VERSION.exec(body);
      if (banner) {
        const at = line.bodyStart + body.indexOf(banner[1]);
        result.version ??= { value: banner[1], start: at, end: at + banner[1].length, line };
        continue;
      }
      if (first === 33 /* ! */ || TIMESTAMP.test(body)) continue;
    }
    // A log or timestamp line (`Dec  3 2026 17:42:53 FW1 %%01…`) is never configuration.
    if (!session && line.indent === 0 && isTimestampLine(line)) continue;
    if (first === 35 /* # */) {
      header = false;
      if (line.indent === 0) stack = [];
      continue;
    }
    if (isNoise(line)) continue;
    if (line.tokenCount === 0) continue;
    header = false;
    if (line.tokenCount === 1 && line.tokenEnd(0) - line.tokenStart(0) === 6 && line.word(0) === 'return') {
      result.returnLine = line.line;
      break;
    }
    let depth = stack.length;
    while (depth > 0 && stack[depth - 1].line.indent >= line.indent) depth--;
    head.w0 = line.word(0).toLowerCase();
    head.w1 = line.tokenCount > 1 ? line.word(1).toLowerCase() : undefined;
    head.count = line.tokenCount;
    head.words = line;
    const indentParent = depth > 0 ? stack[depth - 1] : undefined;
    // The innermost open view that knows the command. In flat text (indentation lost in a copy) it
    // stands in for the indentation, so ` ipsec policy map1` after `interface …` stays the binding;
    // above the indentation's parent it also wins (`policy 1` after `policy 0` children).
    const known = innermostKnownIndex(stack, head);
    let parent: StructNode | undefined;
    if (isTopLevelCommand(head, indentParent?.kind ?? (known >= 0 ? stack[known].kind : undefined))) {
      depth = 0;
    } else if (indentParent && (indentParent.kind === 'other' || isKnownChild(indentParent.kind, head) || known < depth)) {
      parent = indentParent;
    } else {
      parent = known >= 0 ? stack[known] : undefined;
      depth = known + 1;
    }
    stack.length = depth;
    const node: StructNode = { line, kind: viewKindOf(head, parent?.kind), children: NO_CHILDREN, parent };
    attach(roots, node);
    stack.push(node);
  }
  if (session) result.returnLine ??= session.returnLine;
  return result;
}

/** Index in `stack` of the innermost open view of which the line is a known sub-command (-1: none). */
function innermostKnownIndex(stack: StructNode[], head: LineHead): number {
  for (let k = stack.length - 1; k >= 0; k--) {
    if (stack[k].kind !== 'other' && isKnownChild(stack[k].kind, head)) return k;
  }
  return -1;
}

/** Adds `node` to its parent's children (or to the roots), allocating the child array on the first child. */
/** Words of a line for undo matching: lower case, `acl number N` read as its input form `acl N`. */
function undoWords(line: ConfigLine, from: number): string[] {
  const words: string[] = [];
  for (let i = from; i < line.tokenCount; i++) words.push(line.word(i).toLowerCase());
  if (words[0] === 'acl' && words[1] === 'number') words.splice(1, 1);
  return words;
}

/**
 * A typed `undo WORDS…` deletes what the earlier lines of the same view configured with those
 * words (VRP's undo form names the command and its key): `undo ike peer b` the peer view and its
 * lines, `undo ipsec policy map1 10` that entry, `undo ipsec policy` an interface's binding,
 * `undo remote-address 1.1.1.3` that line. Returns whether something was removed.
 */
function removeUndone(siblings: StructNode[], undo: ConfigLine): boolean {
  if (siblings === NO_CHILDREN || siblings.length === 0) return false;
  const target = undoWords(undo, 1);
  // `step N` already renumbered the rules typed before it: `undo step` renumbers again (the AST
  // builder does it), it does not erase that history
  if (target[0] === 'step') return false;
  let removed = false;
  for (let i = siblings.length - 1; i >= 0; i--) {
    const words = undoWords(siblings[i].line, 0);
    if (words.length < target.length || target.some((word, k) => words[k] !== word)) continue;
    siblings.splice(i, 1);
    removed = true;
  }
  return removed;
}

function attach(roots: StructNode[], node: StructNode): void {
  const parent = node.parent;
  if (!parent) roots.push(node);
  else if (parent.children === NO_CHILDREN) parent.children = [node];
  else parent.children.push(node);
}
