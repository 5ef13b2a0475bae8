import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { allCorpusFiles, corpus, documentationSets, examplesDir, lint, readConfigDir, type FlatFinding, type Input } from '../helpers/rule-harness.js';
import { hasCorpus, requireCorpus } from '../helpers/corpus.js';

/**
 * Configurations copied from web pages lose their indentation: the command, not the indentation,
 * tells the view (issue #17). Every example network and every corpus documentation set, with every
 * line's leading blanks removed, must give exactly the findings of the indented text.
 */
const ALL_RULES = rules.map((r) => r.meta.id);

function deIndent(inputs: readonly Input[]): Input[] {
  return inputs.map(({ file, text }) => ({ file, text: text.replace(/^[ \t]+/gm, '') }));
}

/** Findings without columns (removing indentation moves every column) and without the parse-only notes. */
function shape(findings: FlatFinding[]): string[] {
  return findings.map((f) => `${f.file}:${f.line} ${f.ruleId} ${f.message} ${f.related.map((r) => `${r.file}:${r.line}`).join(',')}`).sort();
}

function exampleNetworks(): string[] {
  const out: string[] = [];
  for (const rule of readdirSync(examplesDir).sort()) {
    for (const side of ['flagged', 'fixed']) {
      const dir = path.join(examplesDir, rule, side);
      try {
        if (statSync(dir).isDirectory()) out.push(path.relative(path.resolve(examplesDir, '..'), dir));
      } catch {
        // an example with only one side
      }
    }
  }
  return out;
}

describe('de-indented text gives the findings of the indented text', () => {
  for (const dir of exampleNetworks()) {
    it(dir, () => {
      const inputs = readConfigDir(dir);
      expect(shape(lint(deIndent(inputs), ALL_RULES))).toEqual(shape(lint(inputs, ALL_RULES)));
    });
  }
  it.skipIf(!hasCorpus && process.env.CI !== 'true')('every corpus documentation set', () => {
    requireCorpus();
    for (const inputs of documentationSets()) {
      expect(shape(lint(deIndent(inputs), ALL_RULES))).toEqual(shape(lint(inputs, ALL_RULES)));
    }
  });
  it.skipIf(!hasCorpus && process.env.CI !== 'true')('every corpus file on its own', () => {
    requireCorpus();
    for (const name of allCorpusFiles()) {
      const inputs = corpus(name);
      expect(shape(lint(deIndent(inputs), ALL_RULES)), name).toEqual(shape(lint(inputs, ALL_RULES)));
    }
  });
});
