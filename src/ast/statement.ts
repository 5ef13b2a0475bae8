import { rangeOnLine, type ConfigLine } from '../text/lines.js';
import type { Range, Val } from '../text/range.js';
import type { FieldSpans } from '../grammar/shapes.js';
import type { SecretValue } from './types.js';

/** One parsed line: the statement kind chosen by the grammar and its fields bound to real tokens. */
export class Statement {
  private cachedRange: Range | undefined;

  constructor(
    readonly kind: string,
    readonly line: ConfigLine,
    private readonly fields: FieldSpans,
  ) {}

  get range(): Range {
    if (this.cachedRange) return this.cachedRange;
    const l = this.line;
    const end = l.secret ? l.secret.end : l.tokenEnd(l.tokenCount - 1);
    this.cachedRange = rangeOnLine(l, l.tokenStart(0), end);
    return this.cachedRange;
  }

  has(field: string): boolean {
    return this.fields[field] !== undefined;
  }

  /** First occurrence of a field, its tokens joined by a space. */
  text(field: string): Val<string> | undefined {
    const spans = this.fields[field];
    return spans ? this.join(spans[0]) : undefined;
  }

  /** Every occurrence of a field (`fValue+` gives one per word). */
  all(field: string): Val<string>[] {
    const spans = this.fields[field];
    if (!spans) return [];
    const out: Val<string>[] = [];
    for (const span of spans) out.push(this.join(span));
    return out;
  }

  /** All occurrences as one Val holding the list of words. */
  list(field: string): Val<string[]> | undefined {
    const spans = this.fields[field];
    if (!spans) return undefined;
    const l = this.line;
    const value: string[] = [];
    let start = 0;
    let end = 0;
    for (const [first, last] of spans) {
      for (let i = first; i <= Math.min(last, l.tokenCount - 1); i++) {
        if (value.length === 0) start = l.tokenStart(i);
        end = l.tokenEnd(i);
        value.push(l.word(i));
      }
    }
    if (value.length === 0) return undefined;
    return { value, range: rangeOnLine(l, start, end) };
  }

  secret(): SecretValue | undefined {
    const s = this.line.secret;
    if (!s) return undefined;
    return {
      secret: true,
      form: s.form,
      encrypted: s.encrypted,
      ...(s.digest ? { digest: s.digest } : {}),
      range: rangeOnLine(this.line, s.start, s.end),
    };
  }

  rangeOf(field: string): Range | undefined {
    return this.text(field)?.range;
  }

  private join(span: [number, number]): Val<string> {
    const l = this.line;
    const first = span[0];
    const last = Math.min(span[1], l.tokenCount - 1);
    if (first > last) {
      const s = this.line.secret;
      const at = s ? s.start : this.line.start;
      return { value: '', range: rangeOnLine(this.line, at, at) };
    }
    if (first === last) return { value: l.word(first), range: rangeOnLine(l, l.tokenStart(first), l.tokenEnd(first)) };
    let value = l.word(first);
    for (let i = first + 1; i <= last; i++) value += ` ${l.word(i)}`;
    return { value, range: rangeOnLine(l, l.tokenStart(first), l.tokenEnd(last)) };
  }
}
