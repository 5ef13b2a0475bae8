import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/ast/parse.js';
import { decodeConfig } from '../../src/text/decode.js';
import { repoRoot } from '../helpers/rule-harness.js';

const LENGTH = 100_000;

/** Repetitions that drive backtracking in typical patterns, each followed by a character that makes the match fail. */
const UNITS = ['a', '%^%#', ' ', '.', '1', '1.', '1 ', '0.0.', 'key ', '\t', '-', '#', ' x', ':1', '<a', '[~', '\x1b[1', ' ---- More', 'V100R', '$c$3$', 'ab '];
const ADVERSARIAL = UNITS.flatMap((unit) => {
  const body = unit.repeat(Math.ceil(LENGTH / unit.length)).slice(0, LENGTH);
  return [body, `${body}!`, `!${body}`];
});

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) sourceFiles(full, out);
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

interface FoundRegex {
  where: string;
  regex: RegExp;
}

/** Every regular-expression literal in src/ and rules/, and every `new RegExp(...)` call site. */
function collectRegexes(): { literals: FoundRegex[]; constructed: string[] } {
  const literals: FoundRegex[] = [];
  const constructed: string[] = [];
  for (const file of [...sourceFiles(path.join(repoRoot, 'src')), ...sourceFiles(path.join(repoRoot, 'rules'))]) {
    const text = readFileSync(file, 'utf8');
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      const where = `${path.relative(repoRoot, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
      if (ts.isRegularExpressionLiteral(node)) {
        const literal = node.text;
        const end = literal.lastIndexOf('/');
        literals.push({ where, regex: new RegExp(literal.slice(1, end), literal.slice(end + 1)) });
      } else if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'RegExp') {
        const pattern = node.arguments?.[0];
        // `new RegExp(LITERAL.source, flags)` copies a literal that is exercised below.
        const copiesLiteral = pattern !== undefined && ts.isPropertyAccessExpression(pattern) && pattern.name.text === 'source';
        if (!copiesLiteral) constructed.push(path.relative(repoRoot, file));
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { literals, constructed };
}

function exercise(regex: RegExp, input: string): void {
  const fresh = new RegExp(regex.source, regex.flags);
  if (fresh.global || fresh.sticky) {
    input.replace(fresh, '');
    fresh.lastIndex = 0;
    for (let i = 0; i < 10 && fresh.exec(input); i++);
  } else {
    fresh.test(input);
    input.split(fresh);
  }
}

describe('regular expressions on hostile input', () => {
  const { literals, constructed } = collectRegexes();

  it('finds the regular expressions of the sources', () => {
    expect(literals.length).toBeGreaterThan(20);
  });

  it('every regex literal of src/ and rules/ stays linear on 100k-character adversarial lines', () => {
    const started = performance.now();
    const slow: string[] = [];
    const timed = (regex: RegExp, inputs: readonly string[]): number => {
      const t0 = performance.now();
      for (const input of inputs) exercise(regex, input);
      return performance.now() - t0;
    };
    const halves = ADVERSARIAL.map((input) => input.slice(0, input.length / 2));
    for (const { where, regex } of literals) {
      const elapsed = timed(regex, ADVERSARIAL);
      if (elapsed <= 1000) continue;
      // Slow on a loaded machine is not super-linear: a linear pattern takes about half as long on
      // inputs half as long (a split into 100,000 pieces allocates), a quadratic one a quarter.
      const half = timed(regex, halves);
      if (elapsed / Math.max(half, 1) > 3) slow.push(`${where} ${regex} took ${Math.round(elapsed)} ms (${Math.round(half)} ms on half the input)`);
    }
    expect(slow).toEqual([]);
    // Generous: a super-linear pattern takes minutes on these inputs, linear ones milliseconds.
    expect(performance.now() - started).toBeLessThan(20_000);
  });

  it('dynamic RegExp constructions are only the reviewed ones, and they stay linear too', () => {
    // validate.ts compiles the `pattern`s of fwlint's own generated AST schema (schemas/ast.schema.json), never input.
    // decode.ts builds its colour-code pattern (ESC [ digits m, bounded) from the ESC character code.
    expect(constructed).toEqual(['src/ast/validate.ts', 'src/text/decode.ts']);
    const started = performance.now();
    for (const input of ADVERSARIAL) decodeConfig(input);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('every statement family parses long adversarial lines in linear time', () => {
    const views = [
      'acl number 3000', 'acl name x advance', 'ike proposal 1', 'ike peer p', 'ipsec proposal p', 'ipsec policy m 10 isakmp',
      'ipsec policy-template t 1', 'ipsec profile pr', 'interface GigabitEthernet0/0/1', 'interface Tunnel0', 'firewall zone trust',
      'security-policy', 'nat-policy', 'ip address-set s type object', 'ip service-set s type object', 'l2tp-group 1', 'aaa', 'snmp-agent', 'nat address-group g',
    ];
    const payloads = [' ', 'a', '%^%#', '.', '1', '1.', ' 1', 'key ', 'x '];
    const started = performance.now();
    for (const payload of payloads) {
      const long = payload.repeat(Math.ceil(20_000 / payload.length));
      const lines = ['#', ' sysname long'];
      for (const view of views) {
        lines.push('#', view);
        for (const lead of ['rule 5 permit ip source ', 'pre-shared-key ', 'remote-address ', 'ip address ', 'security acl ', 'ip route-static ', 'snmp-agent community read ', 'local-user u password irreversible-cipher ', '', 'description ']) {
          lines.push(` ${lead}${long}`);
        }
      }
      lines.push(`ip route-static ${long}`, long, `#${long}`, 'return');
      const { ast } = parseConfig(lines.join('\n'), 'long.cfg');
      expect(ast.diagnostics.some((d) => d.message.startsWith('internal parser error'))).toBe(false);
    }
    expect(performance.now() - started).toBeLessThan(60_000);
  });
});
