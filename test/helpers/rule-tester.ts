import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import type { TopologyDeclaration } from '../../src/network/types.js';
import { DOCUMENTATION_SET_NAMES, documentationSets, lineOf, lint, lintDir, type DocumentationSetName, type FlatFinding, type Input } from './rule-harness.js';

/**
 * Rule tests as tables, in the spirit of ESLint's RuleTester (#19): `valid` cases must give no
 * finding of the rule, `invalid` cases exactly the listed findings (no more, no fewer; matched in
 * any order). Every case becomes one vitest `it`, named by the case's `name`.
 *
 * Inputs may be a function: it runs inside the test, so a case that reads the corpus skips (or,
 * under CI=true, fails) there instead of breaking the collection of the file.
 */

export type Inputs = readonly Input[] | (() => readonly Input[]);

interface BaseCase {
  name: string;
  inputs: Inputs;
  /** The rule's options (the harness keys them by the rule id). */
  options?: Record<string, unknown>;
  topology?: TopologyDeclaration;
}

export type ValidCase = BaseCase;

export interface ExpectedRelated {
  file: string;
  line: number;
  column?: number;
  /** Substring of the related location's message; a RegExp must match (see `exactly`). */
  message?: string | RegExp;
}

export interface ExpectedFinding {
  /**
   * The message id of the report. Findings carry the filled message only, so the id is recovered by
   * matching the message against the rule's `meta.messages` templates (placeholders match anything).
   */
  messageId?: string;
  /** Substring of the message; several substrings must all occur; a RegExp must match. */
  message?: string | readonly string[] | RegExp;
  file: string;
  line: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  severity?: 'error' | 'warning';
  /** The exact object path, or a RegExp it must match. */
  objectPath?: string | RegExp;
  /** The related locations, all of them, in order. Omitted: not checked. */
  related?: readonly ExpectedRelated[];
}

export interface InvalidCase extends BaseCase {
  /** The findings of the rule, all of them; a function receives the resolved inputs (for `at`). */
  findings: readonly ExpectedFinding[] | ((inputs: readonly Input[]) => readonly ExpectedFinding[]);
}

export interface RuleTests {
  valid?: readonly ValidCase[];
  invalid?: readonly InvalidCase[];
  /** Adds the valid case: `configs-examples/<id>/fixed` (linted as one network) gives no finding. */
  fixedExample?: boolean;
  /** Adds one valid case per corpus documentation set (all of them for `true`). */
  documentationSets?: boolean | readonly DocumentationSetName[];
}

/** `{ file, line }` of the `occurrence`-th line of `input` containing `needle`, for expected findings. */
export function at(input: Input, needle: string, occurrence = 1): { file: string; line: number } {
  return { file: input.file, line: lineOf(input.text, needle, occurrence) };
}

/** A RegExp matching exactly `message` (no more, no less), for an expected finding's `message`. */
export function exactly(message: string): RegExp {
  return new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}

/** Registers the table's cases as vitest tests (in `describe('valid')` and `describe('invalid')`). */
export function ruleTester(ruleId: string, tests: RuleTests): void {
  const rule = rules.find((r) => r.meta.id === ruleId);
  if (!rule) throw new Error(`ruleTester: unknown rule ${ruleId}`);
  const templates = Object.entries(rule.meta.messages).map(([id, template]) => [id, templateRegExp(template)] as const);
  const messageIds = (message: string): string[] => templates.filter(([, re]) => re.test(message)).map(([id]) => id);

  const valid: { name: string; run: () => FlatFinding[] }[] = [];
  if (tests.fixedExample) valid.push({ name: `configs-examples/${ruleId}/fixed`, run: () => lintDir(`configs-examples/${ruleId}/fixed`, [ruleId]) });
  if (tests.documentationSets) {
    const names = tests.documentationSets === true ? undefined : tests.documentationSets;
    for (const name of names ?? DOCUMENTATION_SET_NAMES) {
      valid.push({ name: `documentation set ${name}`, run: () => lint(documentationSets(name)[0], [ruleId]) });
    }
  }
  for (const c of tests.valid ?? []) valid.push({ name: c.name, run: () => lintCase(ruleId, c) });
  checkNames(ruleId, [...valid.map((c) => c.name), ...(tests.invalid ?? []).map((c) => c.name)]);

  if (valid.length > 0) {
    describe('valid', () => {
      for (const c of valid) {
        it(c.name, () => {
          expect(c.run().filter((f) => f.ruleId === ruleId)).toEqual([]);
        });
      }
    });
  }
  if ((tests.invalid ?? []).length > 0) {
    describe('invalid', () => {
      for (const c of tests.invalid ?? []) {
        it(c.name, () => {
          const inputs = resolve(c.inputs);
          const expected = typeof c.findings === 'function' ? c.findings(inputs) : c.findings;
          if (expected.length === 0) throw new Error(`invalid case "${c.name}" lists no finding: make it a valid case`);
          const actual = lintCase(ruleId, { ...c, inputs }).filter((f) => f.ruleId === ruleId);
          expectFindings(actual, expected, messageIds);
        });
      }
    });
  }
}

function resolve(inputs: Inputs): readonly Input[] {
  return typeof inputs === 'function' ? inputs() : inputs;
}

function lintCase(ruleId: string, c: BaseCase): FlatFinding[] {
  return lint(resolve(c.inputs), [ruleId], { options: c.options ? { [ruleId]: c.options } : undefined, topology: c.topology });
}

function checkNames(ruleId: string, names: string[]): void {
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) throw new Error(`ruleTester(${ruleId}): two cases named "${name}"`);
    seen.add(name);
  }
}

function templateRegExp(template: string): RegExp {
  const parts = template.split(/\{\{\s*[\w-]+\s*\}\}/);
  return new RegExp(`^${parts.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[\\s\\S]*?')}$`);
}

/** Why `finding` does not match `expected` (empty when it does). */
function mismatches(finding: FlatFinding, expected: ExpectedFinding, messageIds: (message: string) => string[]): string[] {
  const out: string[] = [];
  const same = (key: string, want: unknown, got: unknown): void => {
    if (want !== undefined && want !== got) out.push(`${key} ${JSON.stringify(got)} ≠ ${JSON.stringify(want)}`);
  };
  same('file', expected.file, finding.file);
  same('line', expected.line, finding.line);
  same('column', expected.column, finding.column);
  same('endLine', expected.endLine, finding.endLine);
  same('endColumn', expected.endColumn, finding.endColumn);
  same('severity', expected.severity, finding.severity);
  if (expected.objectPath instanceof RegExp) {
    if (!expected.objectPath.test(finding.objectPath)) out.push(`objectPath ${JSON.stringify(finding.objectPath)} !~ ${expected.objectPath}`);
  } else same('objectPath', expected.objectPath, finding.objectPath);
  if (expected.messageId !== undefined) {
    const ids = messageIds(finding.message);
    if (!ids.includes(expected.messageId)) out.push(`messageId ${JSON.stringify(ids)} ∌ ${JSON.stringify(expected.messageId)}`);
  }
  const message = expected.message;
  if (message instanceof RegExp) {
    if (!message.test(finding.message)) out.push(`message !~ ${message}`);
  } else if (message !== undefined) {
    for (const part of typeof message === 'string' ? [message] : message) {
      if (!finding.message.includes(part)) out.push(`message lacks ${JSON.stringify(part)}`);
    }
  }
  if (expected.related !== undefined) {
    if (expected.related.length !== finding.related.length) out.push(`${finding.related.length} related locations ≠ ${expected.related.length}`);
    else {
      expected.related.forEach((want, i) => {
        const got = finding.related[i];
        if (got.file !== want.file || got.line !== want.line || (want.column !== undefined && got.column !== want.column) || (want.message !== undefined && !(want.message instanceof RegExp ? want.message.test(got.message) : got.message.includes(want.message)))) {
          out.push(`related[${i}] ${JSON.stringify(got)} ≠ ${JSON.stringify(want, (_key, value: unknown) => (value instanceof RegExp ? String(value) : value))}`);
        }
      });
    }
  }
  return out;
}

function expectFindings(actual: readonly FlatFinding[], expected: readonly ExpectedFinding[], messageIds: (message: string) => string[]): void {
  const failure = findingsMismatch(actual, expected, messageIds);
  if (failure) expect.fail(failure);
}

/**
 * Why `actual` does not equal `expected` ('' when it does): same count, each expected finding
 * matched by a distinct actual one, in any order. Exported for the tester's own tests.
 */
export function findingsMismatch(actual: readonly FlatFinding[], expected: readonly ExpectedFinding[], messageIds: (message: string) => string[] = () => []): string {
  const fits = expected.map((e) => actual.map((f) => mismatches(f, e, messageIds).length === 0));
  // Bipartite matching (augmenting paths): partial expectations may fit several findings.
  const owner = new Array<number>(actual.length).fill(-1);
  const tryAssign = (e: number, seen: boolean[]): boolean => {
    for (let f = 0; f < actual.length; f++) {
      if (!fits[e][f] || seen[f]) continue;
      seen[f] = true;
      if (owner[f] === -1 || tryAssign(owner[f], seen)) {
        owner[f] = e;
        return true;
      }
    }
    return false;
  };
  const unmatched = expected.map((_, e) => e).filter((e) => !tryAssign(e, new Array<boolean>(actual.length).fill(false)));
  const extra = actual.filter((_, f) => owner[f] === -1);
  if (unmatched.length === 0 && extra.length === 0) return '';
  const show = (f: FlatFinding): string => `${f.file}:${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.severity} ${f.objectPath} ${JSON.stringify(f.message)} related ${JSON.stringify(f.related.map((r) => `${r.file}:${r.line}:${r.column}`))}`;
  const lines = [`expected ${expected.length} finding(s), got ${actual.length}`];
  for (const e of unmatched) {
    lines.push(`not found: ${JSON.stringify(expected[e], (_key, value: unknown) => (value instanceof RegExp ? String(value) : value))}`);
    for (const f of actual) lines.push(`  vs ${show(f)}: ${mismatches(f, expected[e], messageIds).join('; ')}`);
  }
  for (const f of extra) lines.push(`unexpected: ${show(f)}`);
  return lines.join('\n');
}
