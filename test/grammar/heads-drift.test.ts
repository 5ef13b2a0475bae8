import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTEXT, HEADS } from '../../src/ast/build/line-contexts.js';
import { compileGrammar } from '../../src/grammar/compile.js';
import { LINE_CONTEXTS, STATEMENT_DEFS } from '../../src/grammar/statement-defs.generated.js';
import { repoRoot } from '../helpers/rule-harness.js';

/*
 * HEADS (src/ast/build/line-contexts.ts) names, per line context, the leading keywords after which a
 * line that does not fit is a syntax error rather than an unmodelled command. Which statements it
 * covers is a choice; that each head is a way some statement of that context starts is a fact of the
 * grammar, checked here so a renamed or removed statement cannot leave a stale head behind.
 */

type Expr = [string, unknown, ...unknown[]];
type Recipe = [string, unknown, unknown, string[], Expr];
/** Up to two leading keywords, and whether more keywords may follow them. */
interface Start {
  words: string[];
  open: boolean;
}

const LIMIT = 2;

function startsOf(rules: Record<string, Recipe>): (expr: Expr, args?: Start[][]) => Start[] {
  const walk = (expr: Expr, args: Start[][] = []): Start[] => {
    const [type, , ...rest] = expr;
    switch (type) {
      case 'not':
        return [{ words: [], open: true }];
      case 'terminal':
      case 'range':
        return [{ words: [], open: false }];
      case 'param':
        return args[rest[0] as number] ?? [{ words: [], open: false }];
      case 'lex':
        return walk(rest[0] as Expr, args);
      case 'alt':
        return (rest as Expr[]).flatMap((e) => walk(e, args));
      case 'opt':
      case 'star':
        return [...walk(rest[0] as Expr, args), { words: [], open: true }];
      case 'plus':
        return walk(rest[0] as Expr, args);
      case 'seq': {
        let acc: Start[] = [{ words: [], open: true }];
        for (const part of rest as Expr[]) {
          const next = walk(part, args);
          acc = acc.flatMap((a) =>
            a.open && a.words.length < LIMIT
              ? next.map((n) => ({ words: [...a.words, ...n.words].slice(0, LIMIT), open: n.open && a.words.length + n.words.length < LIMIT }))
              : [a],
          );
        }
        return acc;
      }
      case 'app': {
        const name = rest[0] as string;
        const appArgs = (rest[1] as Expr[] | undefined) ?? [];
        if (name === 'k') {
          const literal = appArgs[0];
          return [{ words: [literal[2] as string], open: true }];
        }
        const rule = rules[name];
        if (!rule) return [{ words: [], open: false }];
        return walk(rule[4], appArgs.map((a) => walk(a, args)));
      }
      default:
        throw new Error(`heads-drift: unsupported grammar expression "${type}"`);
    }
  };
  return walk;
}

describe('HEADS agree with the grammar', () => {
  const source = readFileSync(path.join(repoRoot, 'src/grammar/statements.ohm'), 'utf8');
  const rules = (compileGrammar(source).recipe as unknown[])[5] as Record<string, Recipe>;
  const starts = startsOf(rules);
  const headsOf = (context: string): Set<string> => {
    const heads = new Set<string>();
    for (const [kind, def] of Object.entries(STATEMENT_DEFS)) {
      if (!(def.contexts as readonly string[]).includes(context)) continue;
      for (const start of starts(rules[kind][4])) {
        if (start.words.length > 0) heads.add(start.words.join(' '));
        if (start.words.length > 1) heads.add(start.words[0]);
      }
    }
    return heads;
  };

  it('has a set for every line context of the grammar, and no other', () => {
    expect(Object.keys(HEADS).sort()).toEqual([...LINE_CONTEXTS].sort());
  });

  it.each(LINE_CONTEXTS.map((context) => [context]))('each head of %s is how one of its statements starts', (context) => {
    const possible = headsOf(context);
    const stale = [...HEADS[context]].filter((head) => !possible.has(head));
    expect(stale, `heads no statement of ${context} starts with`).toEqual([]);
  });

  it('every line context but TopLine is the context of some view (CONTEXT), so none of its statements is unreachable', () => {
    const reached = new Set<string>(Object.values(CONTEXT));
    expect(LINE_CONTEXTS.filter((context) => context !== 'TopLine' && !reached.has(context))).toEqual([]);
  });

  it('the analysis finds the keywords of known statements (so the check above cannot pass vacuously)', () => {
    expect(headsOf('TopLine')).toContain('ike peer');
    expect(headsOf('TopLine')).toContain('sysname');
    expect(headsOf('PolicyLine')).toContain('sa string-key');
    expect(headsOf('TopLine')).not.toContain('rule');
  });
});
