/** A point in a document: 1-based line and column (UTF-16 code units), 0-based offset. */
export interface Position {
  /** @minimum 1 */
  line: number;
  /** @minimum 1 */
  column: number;
  /** @minimum 0 */
  offset: number;
}

/**
 * A span of a document: where it starts (`line`, `column`, `offset`) and where it ends (`endLine`,
 * `endColumn`, `endOffset`); the end is exclusive (SARIF, LSP and ESLint `endColumn` convention).
 * One flat record, not a start and an end object: an AST holds one per value, and three objects
 * each were seven in ten of a large configuration's AST objects (docs/performance.md).
 */
export interface Range {
  /** @minimum 1 */
  line: number;
  /** @minimum 1 */
  column: number;
  /** @minimum 0 */
  offset: number;
  /** @minimum 1 */
  endLine: number;
  /** @minimum 1 */
  endColumn: number;
  /** @minimum 0 */
  endOffset: number;
}

export function rangeFrom(start: Position, end: Position): Range {
  return { line: start.line, column: start.column, offset: start.offset, endLine: end.line, endColumn: end.column, endOffset: end.offset };
}

/** The empty range at the start of a document: where a finding about the whole file points. */
export function startOfFile(): Range {
  return { line: 1, column: 1, offset: 0, endLine: 1, endColumn: 1, endOffset: 0 };
}

/** From the start of `first` to the end of `last`. */
export function spanRanges(first: Range, last: Range): Range {
  return { line: first.line, column: first.column, offset: first.offset, endLine: last.endLine, endColumn: last.endColumn, endOffset: last.endOffset };
}

export function rangeStart(range: Range): Position {
  return { line: range.line, column: range.column, offset: range.offset };
}

export function rangeEnd(range: Range): Position {
  return { line: range.endLine, column: range.endColumn, offset: range.endOffset };
}

/** A value read from the configuration together with where it was written. */
export interface Val<T> {
  value: T;
  range: Range;
}

/** Line-start table built once per document so positions cost a binary search, never a scan. */
export class LineIndex {
  #lineStarts: number[] | undefined;

  /** The table is built on first use: most files of a clean run never need a position computed. */
  constructor(readonly text: string) {}

  get lineStarts(): number[] {
    if (this.#lineStarts === undefined) {
      const starts = [0];
      const text = this.text;
      for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', nl + 1)) starts.push(nl + 1);
      this.#lineStarts = starts;
    }
    return this.#lineStarts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= clamped) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: clamped - starts[lo] + 1, offset: clamped };
  }

  rangeAt(startOffset: number, endOffset: number): Range {
    return rangeFrom(this.positionAt(startOffset), this.positionAt(endOffset));
  }

  /** Text of a 1-based line without its newline. */
  lineText(line: number): string {
    const start = this.lineStarts[line - 1];
    if (start === undefined) return '';
    const next = this.lineStarts[line];
    const end = next === undefined ? this.text.length : next - 1;
    return this.text.slice(start, end);
  }

  /** True when the range lies inside the document and is not reversed. */
  contains(range: Range): boolean {
    if (range.line < 1 || range.endLine > this.lineCount || range.offset > range.endOffset) return false;
    const startLen = this.lineText(range.line).length;
    const endLen = this.lineText(range.endLine).length;
    return range.column >= 1 && range.column <= startLen + 1 && range.endColumn >= 1 && range.endColumn <= endLen + 1;
  }
}
