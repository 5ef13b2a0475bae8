import { rangeOnLine, type ConfigLine } from '../text/lines.js';
import type { Range, Val } from '../text/range.js';
import type { FieldSpans } from '../grammar/shapes.js';
import { STATEMENT_DEFS, type LineContext, type StatementKind } from '../grammar/statement-defs.generated.js';
import type { SecretValue } from './types.js';

export type { LineContext, StatementKind };

type Defs = typeof STATEMENT_DEFS;
type FieldsOf<K extends StatementKind> = Defs[K]['fields'];

/** The fields the grammar gives statement kind `K` (for a union of kinds: the fields any of them has). */
export type FieldOf<K extends StatementKind> = K extends StatementKind ? keyof FieldsOf<K> & string : never;

/** Fields every match of every kind in `K` binds: `text` and `rangeOf` give them without `undefined`. */
export type RequiredFieldOf<K extends StatementKind> = {
  [F in FieldOf<K>]: true extends OptionalIn<K, F> ? never : F;
}[FieldOf<K>];

type OptionalIn<K extends StatementKind, F extends string> = K extends StatementKind
  ? F extends keyof FieldsOf<K>
    ? FieldsOf<K>[F] extends { optional: false }
      ? false
      : true
    : true
  : never;

/** The statement a shape result names, or undefined for a kind the grammar does not have (a cache from elsewhere). */
export function statementOf(kind: string, line: ConfigLine, fields: FieldSpans): Statement | undefined {
  if (!Object.hasOwn(STATEMENT_DEFS, kind)) return undefined;
  return new Statement(kind as StatementKind, line, fields);
}

/**
 * One parsed line: the statement kind chosen by the grammar and its fields bound to real tokens.
 * Field names are checked against the grammar (statement-defs.generated.ts): a look-up of a
 * field the kind does not have does not compile, and a field every match binds is never undefined.
 */
export class Statement<K extends StatementKind = StatementKind> {
  private cachedRange: Range | undefined;

  constructor(
    readonly kind: K,
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

  has(field: FieldOf<K>): boolean {
    return this.fields[field] !== undefined;
  }

  /** First occurrence of a field, its tokens joined by a space. */
  text(field: RequiredFieldOf<K>): Val<string>;
  text(field: FieldOf<K>): Val<string> | undefined;
  text(field: string): Val<string> | undefined {
    const spans = this.fields[field];
    return spans ? this.join(spans[0]) : undefined;
  }

  /** Every occurrence of a field (`fValue+` gives one per word). */
  all(field: FieldOf<K>): Val<string>[] {
    const spans = this.fields[field];
    if (!spans) return [];
    const out: Val<string>[] = [];
    for (const span of spans) out.push(this.join(span));
    return out;
  }

  /** All occurrences as one Val holding the list of words. */
  list(field: FieldOf<K>): Val<string[]> | undefined {
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

  rangeOf(field: RequiredFieldOf<K>): Range;
  rangeOf(field: FieldOf<K>): Range | undefined;
  rangeOf(field: string): Range | undefined {
    const spans = this.fields[field];
    return spans ? this.join(spans[0]).range : undefined;
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
