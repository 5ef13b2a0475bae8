/**
 * What an example changes in the base site, as a list of hunks a reader can follow:
 *
 *   "@@ ike peer branch"            the hunk starts after this line of the text being edited
 *   "@@ security-policy > action permit"   …after the first "action permit" below "security-policy"
 *   "@@ [2] #"                      …after the 2nd "#" (when neither of the above is unique)
 *   "@@ ^"                          …at the start of the file
 *   "= <line>"                      this line follows and is kept (context, checked)
 *   "- <line>"                      this line follows and is removed (checked: a stale hunk fails)
 *   "+ <line>"                      this line is inserted
 *
 * A hunk line holds the configuration line verbatim after its marker and one space, its own
 * indentation included ("+  dpd type periodic" inserts " dpd type periodic"). Hunks apply in order
 * and each one's anchor is looked up in the text as the earlier hunks left it.
 */

export class EditError extends Error {}

interface Hunk {
  anchor: string;
  ops: Array<{ op: '=' | '-' | '+'; line: string }>;
}

const START = '^';

function parseHunks(edits: readonly string[]): Hunk[] {
  const hunks: Hunk[] = [];
  for (const raw of edits) {
    const marker = raw.slice(0, 2);
    if (marker === '@@') {
      hunks.push({ anchor: raw.slice(3), ops: [] });
      continue;
    }
    const hunk = hunks[hunks.length - 1];
    if (hunk === undefined) throw new EditError(`an edit line before the first "@@" anchor: ${JSON.stringify(raw)}`);
    if (marker !== '= ' && marker !== '- ' && marker !== '+ ') throw new EditError(`an edit line must start with "@@ ", "= ", "- " or "+ ": ${JSON.stringify(raw)}`);
    hunk.ops.push({ op: marker[0] as '=' | '-' | '+', line: raw.slice(2) });
  }
  return hunks;
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

/** The line holding `index`'s scope: the nearest earlier line indented less (for "#", the view it closes). */
function scopeOf(lines: readonly string[], index: number): number | undefined {
  const line = lines[index];
  if (line === '#') {
    for (let j = index - 1; j >= 0; j--) if (lines[j] !== '#' && indentOf(lines[j]) === 0) return j;
    return undefined;
  }
  const indent = indentOf(line);
  if (indent === 0) return undefined;
  for (let j = index - 1; j >= 0; j--) {
    if (lines[j] === '#') return undefined;
    if (indentOf(lines[j]) < indent) return j;
  }
  return undefined;
}

function occurrences(lines: readonly string[], text: string): number[] {
  const out: number[] = [];
  lines.forEach((line, i) => {
    if (line === text) out.push(i);
  });
  return out;
}

/** The index of the anchor line (-1 for the start of the file). */
function resolveAnchor(lines: readonly string[], anchor: string): number {
  if (anchor === START) return -1;
  const nth = /^\[(\d+)\] (.*)$/.exec(anchor);
  if (nth) {
    const found = occurrences(lines, nth[2])[Number(nth[1]) - 1];
    if (found === undefined) throw new EditError(`anchor ${JSON.stringify(anchor)}: fewer occurrences in the text`);
    return found;
  }
  const scoped = anchor.indexOf(' > ');
  if (scoped >= 0) {
    const scope = anchor.slice(0, scoped);
    const text = anchor.slice(scoped + 3);
    const scopes = occurrences(lines, scope);
    if (scopes.length !== 1) throw new EditError(`anchor scope ${JSON.stringify(scope)} occurs ${scopes.length} times`);
    const found = occurrences(lines, text).find((i) => i > scopes[0] && scopeOf(lines, i) === scopes[0]);
    if (found === undefined) throw new EditError(`anchor ${JSON.stringify(anchor)}: no such line below its scope`);
    return found;
  }
  const found = occurrences(lines, anchor);
  if (found.length !== 1) throw new EditError(`anchor ${JSON.stringify(anchor)} occurs ${found.length} times in the text: scope it or number it`);
  return found[0];
}

/** `text` (LF lines, one trailing newline) with `edits` applied. */
export function applyEdits(text: string, edits: readonly string[]): string {
  const lines = text.split('\n');
  const trailing = lines.pop();
  if (trailing !== '') throw new EditError('the text does not end with a newline');
  for (const hunk of parseHunks(edits)) {
    let at = resolveAnchor(lines, hunk.anchor) + 1;
    for (const { op, line } of hunk.ops) {
      if (op === '+') {
        lines.splice(at++, 0, line);
        continue;
      }
      if (lines[at] !== line) throw new EditError(`after ${JSON.stringify(hunk.anchor)}: expected ${JSON.stringify(line)}, found ${JSON.stringify(lines[at])}`);
      if (op === '=') at++;
      else lines.splice(at, 1);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** The shortest anchor naming line `index` of `lines` for resolveAnchor. */
function anchorFor(lines: readonly string[], index: number): string {
  if (index < 0) return START;
  const text = lines[index];
  if (occurrences(lines, text).length === 1) return text;
  const scope = scopeOf(lines, index);
  if (scope !== undefined && occurrences(lines, lines[scope]).length === 1) {
    const first = occurrences(lines, text).find((i) => i > scope && scopeOf(lines, i) === scope);
    if (first === index) return `${lines[scope]} > ${text}`;
  }
  return `[${occurrences(lines, text).indexOf(index) + 1}] ${text}`;
}

/** The edits that turn `from` into `to` (a line diff, each hunk anchored as applyEdits reads it). */
export function diffEdits(from: string, to: string): string[] {
  const a = from.split('\n');
  const b = to.split('\n');
  a.pop();
  b.pop();
  // Longest common subsequence, from the end so the walk below goes forward.
  const n = a.length;
  const m = b.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const edits: string[] = [];
  const current = [...a];
  let offset = 0; // current index = original index + offset
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    const removed: string[] = [];
    const inserted: string[] = [];
    while ((i < n || j < m) && !(i < n && j < m && a[i] === b[j])) {
      if (j >= m || (i < n && lcs[i + 1][j] >= lcs[i][j + 1])) removed.push(a[i++]);
      else inserted.push(b[j++]);
    }
    if (removed.length === 0 && inserted.length === 0) continue;
    const at = i - removed.length + offset;
    // A hunk right after "#" is anchored on the line before it, the "#" kept as context.
    let anchorIndex = at - 1;
    const context: string[] = [];
    while (anchorIndex > 0 && current[anchorIndex] === '#' && occurrences(current, current[anchorIndex - 1]).length === 1) {
      context.unshift(`= ${current[anchorIndex]}`);
      anchorIndex--;
      if (current[anchorIndex] !== '#') break;
    }
    edits.push(`@@ ${anchorFor(current, anchorIndex)}`, ...context, ...removed.map((l) => `- ${l}`), ...inserted.map((l) => `+ ${l}`));
    current.splice(at, removed.length, ...inserted);
    offset += inserted.length - removed.length;
  }
  return edits;
}
