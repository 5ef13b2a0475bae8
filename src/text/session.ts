import type { ConfigLine } from './lines.js';
import { isKnownChild, isTopLevelCommand, type LineHead, type ViewKind } from './view-kinds.js';

/**
 * Reading a terminal session the way the device executed it (issue #17, session pastes).
 *
 * A file holding prompt lines (`<FW1>`, `[FW1]`, `[FW1-ike-peer-b] pre-shared-key …`) is a session
 * log or a how-to's transcript. What the device stored is then:
 * - every command typed at a system or configuration-view prompt, in the view the prompt names
 *   (the view a previous typed command opened; VRP climbs to the system view for a command the
 *   view does not know, so `ipsec proposal p` typed in an IKE peer view is top level);
 * - the output of `display current-configuration` (the device's own listing), ending at its
 *   `return`; the last complete listing holds every command typed before it, which is then not
 *   read twice; other configuration listings (`display this`, a filtered listing, the saved
 *   configuration) are read only when the file has nothing else to read;
 * - never a device message (`Error: …` and the caret line above it, `Warning:`, `Info:`, a
 *   `[Y/N]` dialogue), a timestamp or log line, nor the output of another command; a command the
 *   device answered with `Error:` (or a dialogue answered `n`) was not executed and is not read.
 * A configuration command typed in a view whose header the paste does not hold cannot be placed:
 * it is reported as not read (a warning), never dropped silently.
 */

/** What the view builder does with a line of a session. */
export type SessionVerdict =
  | { kind: 'skip' }
  /** Read as configuration text (indentation and keywords place it). */
  | { kind: 'text' }
  /** A command typed at a prompt: its parent view (undefined = the system view). */
  | { kind: 'typed'; parent: SessionNode | undefined };

/** The part of a view-tree node the session needs (views.ts's StructNode). */
export interface SessionNode {
  line: ConfigLine;
  kind: ViewKind;
  children: SessionNode[];
  parent: SessionNode | undefined;
}

export interface UnreadLine {
  line: ConfigLine;
  message: string;
}

const SKIP: SessionVerdict = { kind: 'skip' };
const TEXT: SessionVerdict = { kind: 'text' };

/** `display` and the abbreviations VRP accepts (`di`, `dis`, `disp`, …). */
function isDisplayWord(w: string): boolean {
  return w.length >= 2 && 'display'.startsWith(w);
}

function abbreviates(w: string | undefined, full: string, min: number): boolean {
  return w !== undefined && w.length >= min && full.startsWith(w);
}

/** Commands that run in a session but store no configuration. */
const SESSION_COMMANDS = new Set([
  'quit', 'return', 'commit', 'save', 'ping', 'tracert', 'reset', 'debugging', 'terminal', 'screen-length', 'compare',
  'clear', 'dir', 'cd', 'more', 'reboot', 'telnet', 'stelnet', 'ssh', 'undo-debugging', 'abort', 'end',
]);

function isSystemViewCommand(w: string): boolean {
  return w.length >= 2 && 'system-view'.startsWith(w);
}

/** A line that is a device message, never configuration. */
function isMessage(line: ConfigLine): boolean {
  const text = line.table.text;
  const c = text.charCodeAt(line.bodyStart);
  if (line.tokenCount === 1 && c === 94 /* ^ */ && line.end - line.bodyStart === 1) return true;
  if (c === 69 /* E */ || c === 87 /* W */ || c === 73 /* I */ || c === 78 /* N */) {
    const body = text.slice(line.bodyStart, Math.min(line.end, line.bodyStart + 8));
    return body.startsWith('Error:') || body.startsWith('Warning:') || body.startsWith('Info:') || body.startsWith('Notice:');
  }
  return false;
}

function isRejection(line: ConfigLine): boolean {
  return line.table.text.startsWith('Error:', line.bodyStart);
}

/** `Continue? [Y/N]:y` — the answer says whether the command ran. */
function dialogAnswer(line: ConfigLine): 'yes' | 'no' | undefined {
  const text = line.table.text;
  const body = text.slice(line.bodyStart, line.end);
  const at = body.search(/\[Y\/N\]|\(Y\/N\)/i);
  if (at === -1) return undefined;
  const answer = body.slice(at + 5).replace(/^[\s:]+/, '').toLowerCase();
  return answer.startsWith('n') ? 'no' : 'yes';
}

/** Log and timestamp lines: `Dec  3 2026 17:42:53 FW1 %%01…`, `2026-12-03 17:42:53.120`, `14:38:43  2017/08/02`. */
const TIMESTAMP_LINE = /^(?:[A-Z][a-z]{2} {1,2}\d{1,2} \d{4} \d{1,2}:\d{2}:\d{2}|\d{4}[-/]\d{1,2}[-/]\d{1,2}[ T]\d{1,2}:\d{2}:\d{2}|\d{1,2}:\d{2}:\d{2} {1,4}\d{4}[-/]\d{1,2}[-/]\d{1,2})/;

export function isTimestampLine(line: ConfigLine): boolean {
  const c = line.table.text.charCodeAt(line.bodyStart);
  if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90))) return false;
  return TIMESTAMP_LINE.test(line.table.text.slice(line.bodyStart, Math.min(line.end, line.bodyStart + 24)));
}

/** Suffixes VRP gives the prompt in a configuration view (`[FW1-ike-peer-b]`, `[FW1-GigabitEthernet0/0/1]`). */
const VIEW_PROMPT = /-(?:(?:ike-peer|ike-proposal|ipsec-proposal|ipsec-policy|ipsec-policy-templet|ipsec-profile|acl|acl6|acl4|policy|zone|ui|object|address-set|service-set|ip-pool|nat|l2tp)-|aaa$|(?:GigabitEthernet|XGigabitEthernet|Ethernet|GE|Tunnel|LoopBack|Vlanif|Dialer|Eth-Trunk|Virtual-Template|Cellular|Serial|Virtual-if|NULL)\d)/i;

interface DisplayKind {
  config: boolean;
  full: boolean;
}

function displayKind(line: ConfigLine): DisplayKind | undefined {
  if (line.tokenCount === 0 || !isDisplayWord(line.word(0).toLowerCase())) return undefined;
  const w1 = line.tokenCount > 1 ? line.word(1).toLowerCase() : undefined;
  const current = abbreviates(w1, 'current-configuration', 2);
  const config = current || abbreviates(w1, 'saved-configuration', 2) || abbreviates(w1, 'this', 2);
  const rest = line.tokenCount - 2;
  const noMore = rest === 2 && line.word(2) === '|' && line.word(3).toLowerCase() === 'no-more';
  return { config, full: current && (rest === 0 || noMore) };
}

type Output = 'text' | 'listing' | 'skipped-listing' | 'skip';

export class SessionReader {
  /** Prompt name → the view it stands for (null: the system view). */
  private readonly views = new Map<string, SessionNode | null>();
  private readonly systemNames = new Set<string>();
  /** What lines without a prompt are until the next prompt. */
  private output: Output = 'text';
  /** The node of the last command typed, while nothing else was read after it. */
  private lastTyped: SessionNode | undefined;
  /** Line index of the last complete `display current-configuration`: what precedes it is in its listing. */
  private readonly lastFullListing: number;
  /** True when no typed configuration command and no complete listing is in the file: other listings are read. */
  private readonly readPartialListings: boolean;
  private index = -1;
  readonly unread: UnreadLine[] = [];
  /** The `return` that ended a listing (VRP evidence for the parser). */
  returnLine: number | undefined;
  private readonly head: LineHead = { w0: undefined, w1: undefined, count: 0, words: { tokenCount: 0, word: () => '' } };

  constructor(private readonly lines: readonly ConfigLine[]) {
    let lastFull = -1;
    let typed = false;
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i];
      if (!l.prompt || l.tokenCount === 0) continue;
      const d = displayKind(l);
      if (d?.full) lastFull = i;
      else if (!d && !l.prompt.user && !this.isSessionCommand(l)) typed = true;
    }
    this.lastFullListing = lastFull;
    this.readPartialListings = lastFull === -1 && !typed;
  }

  /** Call for every line in order (blank ones included): what to do with it. */
  next(line: ConfigLine, index: number): SessionVerdict {
    this.index = index;
    if (line.prompt) return this.prompted(line);
    if (line.bodyStart === line.end) return SKIP;
    if (index < this.lastFullListing) return SKIP;
    const answer = dialogAnswer(line);
    if (answer !== undefined) {
      if (answer === 'no') this.reject();
      return SKIP;
    }
    if (isMessage(line)) {
      if (isRejection(line)) this.reject();
      return SKIP;
    }
    if (isTimestampLine(line)) return SKIP;
    switch (this.output) {
      case 'skip':
        // A `#` at the left margin: configuration text begins again (a how-to's configuration file).
        if (line.indent === 0 && line.tokenCount === 0 && line.table.text.charCodeAt(line.bodyStart) === 35) this.output = 'text';
        return SKIP;
      case 'skipped-listing':
        if (isReturn(line)) this.output = 'skip';
        return SKIP;
      case 'listing':
        if (isReturn(line)) {
          this.returnLine ??= line.line;
          this.output = 'skip';
          return SKIP;
        }
        return TEXT;
      default:
        if (isReturn(line) && line.indent === 0) {
          this.returnLine ??= line.line;
          this.output = 'skip';
          return SKIP;
        }
        this.lastTyped = undefined;
        return TEXT;
    }
  }

  /** The view builder placed the typed line as `node`. */
  placed(node: SessionNode): void {
    this.lastTyped = node;
    if (node.line.tokenCount >= 2 && node.line.word(0).toLowerCase() === 'sysname') this.systemNames.add(node.line.word(1));
  }

  /** The head of a typed line, for the view-kind tests. */
  headOf(line: ConfigLine): LineHead {
    const h = this.head;
    h.w0 = line.word(0).toLowerCase();
    h.w1 = line.tokenCount > 1 ? line.word(1).toLowerCase() : undefined;
    h.count = line.tokenCount;
    h.words = line;
    return h;
  }

  private isSessionCommand(line: ConfigLine): boolean {
    const w0 = line.word(0).toLowerCase();
    return SESSION_COMMANDS.has(w0) || isSystemViewCommand(w0) || isDisplayWord(w0) || w0 === 'q' || w0 === 'undo' && line.tokenCount > 1 && line.word(1).toLowerCase() === 'debugging';
  }

  private prompted(line: ConfigLine): SessionVerdict {
    const prompt = line.prompt!;
    const opened = this.lastTyped;
    this.lastTyped = undefined;
    if (prompt.user) {
      this.systemNames.add(prompt.name);
      this.views.set(prompt.name, null);
    }
    if (line.tokenCount === 0) return SKIP;
    const d = displayKind(line);
    if (d) {
      if (this.index === this.lastFullListing || (d.config && this.readPartialListings)) this.output = 'listing';
      else this.output = d.config ? 'skipped-listing' : 'skip';
      return SKIP;
    }
    if (prompt.user || this.isSessionCommand(line)) {
      this.output = 'skip';
      if (!prompt.user) this.resolve(prompt.name, opened);
      return SKIP;
    }
    this.output = 'text';
    if (this.index < this.lastFullListing) return SKIP;
    const view = this.resolve(prompt.name, opened);
    if (view === undefined) {
      this.unread.push({
        line,
        message:
          `"${keptHead(line)}" was typed in the view [${prompt.name}], whose header is not in the paste: fwlint cannot tell which ` +
          'view it belongs to, so this line is not checked. Paste the command that opened the view, or the output of ' +
          '"display current-configuration"',
      });
      return SKIP;
    }
    if (view === null) return { kind: 'typed', parent: undefined };
    const head = this.headOf(line);
    // VRP runs a command the view does not know in the view above it (a system-view command climbs to the top).
    if (!isKnownChild(view.kind, head) && isTopLevelCommand(head, view.kind)) return { kind: 'typed', parent: undefined };
    return { kind: 'typed', parent: view };
  }

  /**
   * The view a bracket prompt stands for: known already; a system name (the user-view prompt's,
   * a typed `sysname`); the view the previous typed command opened;  or the system view when the
   * name does not read as a configuration view. `undefined`: a view whose
   * header is not in the paste.
   */
  private resolve(name: string, opened: SessionNode | undefined): SessionNode | null | undefined {
    const known = this.views.get(name);
    if (known !== undefined) return known;
    if (this.systemNames.has(name)) {
      this.views.set(name, null);
      return null;
    }
    if (opened) {
      this.views.set(name, opened);
      return opened;
    }
    for (const system of this.systemNames) if (name.startsWith(`${system}-`)) return undefined;
    // A new name that does not read as a configuration view (`[FW1-ike-peer-b]`) is a system view.
    if (!VIEW_PROMPT.test(name)) {
      this.systemNames.add(name);
      this.views.set(name, null);
      return null;
    }
    return undefined;
  }

  /** The device refused the last typed command: it is taken out of the view tree. */
  private reject(): void {
    const node = this.lastTyped;
    this.lastTyped = undefined;
    if (!node || node.children.length > 0) return;
    const siblings = node.parent ? node.parent.children : this.roots;
    if (siblings && siblings[siblings.length - 1] === node) siblings.pop();
    for (const [name, view] of this.views) if (view === node) this.views.delete(name);
  }

  /** The root list of the view tree (set by the builder so a refused top-level command can be removed). */
  roots: SessionNode[] | undefined;
}

/** The command's first word when it is a plain keyword (never a value a secret keyword introduced). */
function keptHead(line: ConfigLine): string {
  const w = line.tokenCount > 0 ? line.word(0) : '';
  return /^[A-Za-z][A-Za-z0-9-]{0,40}$/.test(w) ? w : 'the command';
}

function isReturn(line: ConfigLine): boolean {
  return line.tokenCount === 1 && line.word(0) === 'return';
}
