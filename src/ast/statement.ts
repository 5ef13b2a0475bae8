import { rangeOnLine, type ConfigLine, type LineToken } from '../text/lines.js';
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
    const t = this.line.tokens;
    const end = this.line.secret ? this.line.secret.end : t[t.length - 1].end;
    this.cachedRange = rangeOnLine(this.line, t[0].start, end);
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
    const tokens = spans.map((s) => this.tokens(s)).flat();
    if (tokens.length === 0) return undefined;
    return { value: tokens.map((t) => t.text), range: rangeOnLine(this.line, tokens[0].start, tokens[tokens.length - 1].end) };
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

  private tokens([first, last]: [number, number]): LineToken[] {
    return this.line.tokens.slice(first, Math.min(last, this.line.tokens.length - 1) + 1);
  }

  private join(span: [number, number]): Val<string> {
    const all = this.line.tokens;
    const first = span[0];
    const last = Math.min(span[1], all.length - 1);
    if (first > last) {
      const s = this.line.secret;
      const at = s ? s.start : this.line.start;
      return { value: '', range: rangeOnLine(this.line, at, at) };
    }
    if (first === last) {
      const t = all[first];
      return { value: t.text, range: rangeOnLine(this.line, t.start, t.end) };
    }
    let value = all[first].text;
    for (let i = first + 1; i <= last; i++) value += ` ${all[i].text}`;
    return { value, range: rangeOnLine(this.line, all[first].start, all[last].end) };
  }
}
