import { compileGrammar } from './compile.js';

/*
 * The statement definitions derived from `statements.ohm` (issue #19): which statement kinds each
 * line context can produce and which fields each kind binds, optional or not, repeated or not.
 * `npm run generate` writes them to statement-defs.generated.ts, which the typed `Statement`
 * (src/ast/statement.ts) and the builder's switch are checked against; a test fails when that
 * file is stale. ohm is needed here only, never at run time.
 */

/** How a field occurs in one statement: `optional` when some match of the statement lacks it, `repeated` when one match can bind it more than once. */
export interface FieldDef {
  optional: boolean;
  repeated: boolean;
}

export interface StatementDef {
  /** The line contexts (start rules: `TopLine`, `InterfaceLine`, …) that have this statement as an alternative. */
  contexts: string[];
  fields: Record<string, FieldDef>;
}

export interface StatementDefs {
  /** Line contexts in grammar order: the rules named `…Line`, each an alternation of statement rules. */
  contexts: string[];
  /** Statement kinds (the rule names the builder sees as `Statement.kind`) in grammar order. */
  statements: Record<string, StatementDef>;
}

type Expr = [string, unknown, ...unknown[]];
type RuleRecipe = [string, unknown, unknown, string[], Expr];

/** Occurrences of each field in one match: at least `min`, at most `max` (Infinity: unbounded). */
type Counts = Map<string, { min: number; max: number }>;

const isField = (rule: string): boolean => rule.length > 1 && rule[0] === 'f' && rule[1] >= 'A' && rule[1] <= 'Z';
const fieldName = (rule: string): string => rule[1].toLowerCase() + rule.slice(2);

function seq(parts: Counts[]): Counts {
  const out: Counts = new Map();
  for (const part of parts) {
    for (const [name, c] of part) {
      const prev = out.get(name) ?? { min: 0, max: 0 };
      out.set(name, { min: prev.min + c.min, max: prev.max + c.max });
    }
  }
  return out;
}

function alt(branches: Counts[]): Counts {
  const out: Counts = new Map();
  const names = new Set(branches.flatMap((b) => [...b.keys()]));
  for (const name of names) {
    let min = Infinity;
    let max = 0;
    for (const b of branches) {
      const c = b.get(name) ?? { min: 0, max: 0 };
      min = Math.min(min, c.min);
      max = Math.max(max, c.max);
    }
    out.set(name, { min, max });
  }
  return out;
}

function scale(inner: Counts, optional: boolean, repeated: boolean): Counts {
  const out: Counts = new Map();
  for (const [name, c] of inner) out.set(name, { min: optional ? 0 : c.min, max: repeated && c.max > 0 ? Infinity : c.max });
  return out;
}

/** Field occurrences of the rule applications in a recipe expression, following rule bodies (the span semantics of shapes.ts does the same). */
function analyser(rules: Record<string, RuleRecipe>): (expr: Expr, args?: Counts[]) => Counts {
  const byRule = new Map<string, Counts>();
  const active = new Set<string>();
  const walk = (expr: Expr, args: Counts[] = []): Counts => {
    const [type, , ...rest] = expr;
    switch (type) {
      case 'terminal':
      case 'range':
      case 'not':
        // `~x` consumes nothing and binds nothing.
        return new Map();
      case 'param':
        return args[rest[0] as number] ?? new Map();
      case 'seq':
        return seq((rest as Expr[]).map((e) => walk(e, args)));
      case 'alt':
        return alt((rest as Expr[]).map((e) => walk(e, args)));
      case 'opt':
        return scale(walk(rest[0] as Expr, args), true, false);
      case 'star':
        return scale(walk(rest[0] as Expr, args), true, true);
      case 'plus':
        return scale(walk(rest[0] as Expr, args), false, true);
      case 'lex':
        return walk(rest[0] as Expr, args);
      case 'app': {
        const name = rest[0] as string;
        const appArgs = ((rest[1] as Expr[] | undefined) ?? []).map((e) => walk(e, args));
        const rule = rules[name];
        // Built-in rules (any, space, …) bind nothing.
        const body = rule === undefined ? new Map<string, { min: number; max: number }>() : ruleCounts(name, rule, appArgs);
        if (!isField(name)) return body;
        return seq([new Map([[fieldName(name), { min: 1, max: 1 }]]), body]);
      }
      default:
        throw new Error(`statement-defs: unsupported grammar expression "${type}"`);
    }
  };
  const ruleCounts = (name: string, rule: RuleRecipe, args: Counts[]): Counts => {
    const memo = args.length === 0;
    const known = memo ? byRule.get(name) : undefined;
    if (known) return known;
    if (active.has(name)) throw new Error(`statement-defs: rule ${name} is recursive`);
    active.add(name);
    const counts = walk(rule[4], args);
    active.delete(name);
    if (memo) byRule.set(name, counts);
    return counts;
  };
  return walk;
}

/** The statement definitions of a grammar source (pure: the text in, the definitions out). */
export function statementDefs(source: string): StatementDefs {
  const recipe = compileGrammar(source).recipe as [string, unknown, string, unknown, string, Record<string, RuleRecipe>];
  const rules = recipe[5];
  const walk = analyser(rules);
  const contexts = Object.keys(rules).filter((name) => /^[A-Z]\w*Line$/.test(name));
  const statements: Record<string, StatementDef> = {};
  for (const context of contexts) {
    const body = rules[context][4];
    const alternatives = body[0] === 'alt' ? (body.slice(2) as Expr[]) : [body];
    for (const a of alternatives) {
      if (a[0] !== 'app' || ((a[3] as unknown[] | undefined) ?? []).length > 0) {
        throw new Error(`statement-defs: every alternative of ${context} must name one statement rule`);
      }
      const kind = a[2] as string;
      if (!/^[A-Z]/.test(kind) || isField(kind) || kind.includes('_')) throw new Error(`statement-defs: ${context} alternative ${kind} is not a statement rule`);
      const known = statements[kind];
      if (known) {
        known.contexts.push(context);
        continue;
      }
      const fields: Record<string, FieldDef> = {};
      const counts = [...walk(a).entries()].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
      for (const [name, c] of counts) fields[name] = { optional: c.min === 0, repeated: c.max > 1 };
      statements[kind] = { contexts: [context], fields };
    }
  }
  return { contexts, statements };
}

/** The TypeScript module `npm run generate` writes as src/grammar/statement-defs.generated.ts. */
export function statementDefsModule(source: string): string {
  const { contexts, statements } = statementDefs(source);
  const lines = [
    '// Generated by `npm run generate` from src/grammar/statements.ohm (src/grammar/statement-defs.ts): do not edit.',
    '// Each statement kind the grammar can produce, the line contexts that produce it, its fields: optional (some',
    '// match lacks it) and repeated (one match can bind it more than once).',
    '',
    'export const LINE_CONTEXTS = [',
    ...contexts.map((c) => `  '${c}',`),
    '] as const;',
    '',
    'export const STATEMENT_DEFS = {',
  ];
  for (const [kind, def] of Object.entries(statements)) {
    const fields = Object.entries(def.fields);
    lines.push(`  ${kind}: {`);
    lines.push(`    contexts: [${def.contexts.map((c) => `'${c}'`).join(', ')}],`);
    if (fields.length === 0) lines.push('    fields: {},');
    else {
      lines.push('    fields: {');
      for (const [name, f] of fields) lines.push(`      ${name}: { optional: ${f.optional}, repeated: ${f.repeated} },`);
      lines.push('    },');
    }
    lines.push('  },');
  }
  lines.push('} as const;', '');
  lines.push('export type LineContext = (typeof LINE_CONTEXTS)[number];');
  lines.push('export type StatementKind = keyof typeof STATEMENT_DEFS;');
  lines.push('');
  return lines.join('\n');
}
