import type { ConfigLine, LineToken } from '../text/lines.js';
import type { LineIndex, Range, Val } from '../text/range.js';
import type { FieldSpans } from '../grammar/shapes.js';
import type { SecretValue } from './types.js';

/** One parsed line: the statement kind chosen by the grammar and its fields bound to real tokens. */
export class Statement {
  constructor(
    readonly kind: string,
    readonly line: ConfigLine,
    private readonly fields: FieldSpans,
    private readonly index: LineIndex,
  ) {}

  get range(): Range {
    const t = this.line.tokens;
    const end = this.line.secret ? this.line.secret.end : t[t.length - 1].end;
    return this.index.rangeAt(t[0].start, end);
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
    return (this.fields[field] ?? []).map((s) => this.join(s));
  }

  /** All occurrences as one Val holding the list of words. */
  list(field: string): Val<string[]> | undefined {
    const spans = this.fields[field];
    if (!spans) return undefined;
    const tokens = spans.map((s) => this.tokens(s)).flat();
    return { value: tokens.map((t) => t.text), range: this.index.rangeAt(tokens[0].start, tokens[tokens.length - 1].end) };
  }

  secret(): SecretValue | undefined {
    const s = this.line.secret;
    if (!s) return undefined;
    return {
      secret: true,
      form: s.form,
      encrypted: s.encrypted,
      ...(s.digest ? { digest: s.digest } : {}),
      range: this.index.rangeAt(s.start, s.end),
    };
  }

  rangeOf(field: string): Range | undefined {
    return this.text(field)?.range;
  }

  private tokens([first, last]: [number, number]): LineToken[] {
    return this.line.tokens.slice(first, Math.min(last, this.line.tokens.length - 1) + 1);
  }

  private join(span: [number, number]): Val<string> {
    const tokens = this.tokens(span);
    if (tokens.length === 0) {
      const s = this.line.secret;
      const at = s ? s.start : this.line.start;
      return { value: '', range: this.index.rangeAt(at, at) };
    }
    return {
      value: tokens.map((t) => t.text).join(' '),
      range: this.index.rangeAt(tokens[0].start, tokens[tokens.length - 1].end),
    };
  }
}
