/** A point in a document: 1-based line and column (UTF-16 code units), 0-based offset. */
export interface Position {
  /** @minimum 1 */
  line: number;
  /** @minimum 1 */
  column: number;
  /** @minimum 0 */
  offset: number;
}

/** A span of a document; `end` is exclusive (SARIF, LSP and ESLint `endColumn` convention). */
export interface Range {
  start: Position;
  end: Position;
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
    return { start: this.positionAt(startOffset), end: this.positionAt(endOffset) };
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
    const { start, end } = range;
    if (start.line < 1 || end.line > this.lineCount || start.offset > end.offset) return false;
    const startLen = this.lineText(start.line).length;
    const endLen = this.lineText(end.line).length;
    return start.column >= 1 && start.column <= startLen + 1 && end.column >= 1 && end.column <= endLen + 1;
  }
}
