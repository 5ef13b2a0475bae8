import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { corpusDir, corpusNames } from '../helpers/corpus.js';
import { examplesDir, type Input } from '../helpers/rule-harness.js';

function walk(dir: string, out: string[]): void {
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else if (name.endsWith('.cfg')) out.push(full);
  }
}

/** Every example and corpus configuration, as seeds for mutation. */
export function seedConfigs(): Input[] {
  const files: string[] = [];
  walk(examplesDir, files);
  for (const name of corpusNames()) files.push(path.join(corpusDir, name));
  return files.map((file) => ({ file: path.basename(path.dirname(file)) + '/' + path.basename(file), text: readFileSync(file, 'utf8') }));
}

type Mutation = (text: string) => string;

const lines = (text: string): string[] => text.split('\n');

/** One random edit of a configuration text: the kinds of damage copy-paste and transfers cause. */
export function mutation(): fc.Arbitrary<Mutation> {
  return fc.oneof(
    fc.nat().map((n): Mutation => (t) => { const l = lines(t); l.splice(n % Math.max(1, l.length), 1); return l.join('\n'); }),
    fc.tuple(fc.nat(), fc.integer({ min: 1, max: 40 })).map(([n, k]): Mutation => (t) => { const l = lines(t); const i = n % Math.max(1, l.length); l.splice(i, k); return l.join('\n'); }),
    fc.nat().map((n): Mutation => (t) => { const l = lines(t); const i = n % Math.max(1, l.length); l.splice(i, 0, l[i] ?? ''); return l.join('\n'); }),
    fc.tuple(fc.nat(), fc.integer({ min: -3, max: 6 })).map(([n, d]): Mutation => (t) => {
      const l = lines(t);
      const i = n % Math.max(1, l.length);
      l[i] = d >= 0 ? ' '.repeat(d) + (l[i] ?? '') : (l[i] ?? '').trimStart();
      return l.join('\n');
    }),
    fc.nat().map((n): Mutation => (t) => t.slice(0, n % (t.length + 1))),
    fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })).map(([n, b]): Mutation => (t) => {
      if (t.length === 0) return t;
      const i = n % t.length;
      return t.slice(0, i) + String.fromCharCode(b) + t.slice(i + 1);
    }),
    fc.tuple(fc.nat(), fc.string({ maxLength: 12 })).map(([n, s]): Mutation => (t) => { const i = n % (t.length + 1); return t.slice(0, i) + s + t.slice(i); }),
    fc.integer().map((seed): Mutation => (t) => shuffleViews(t, seed)),
    fc.constant<Mutation>((t) => t.replace(/\n/g, '\r\n')),
    fc.nat().map((n): Mutation => (t) => { const l = lines(t); const i = n % Math.max(1, l.length); l[i] = (l[i] ?? '').split(' ').reverse().join(' '); return l.join('\n'); }),
  );
}

/** Reorders the `#`-separated blocks (views) with a small deterministic generator. */
export function shuffleViews(text: string, seed: number): string {
  const blocks = text.split(/\n(?=#)/);
  let state = seed >>> 0 || 1;
  for (let i = blocks.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const j = state % (i + 1);
    [blocks[i], blocks[j]] = [blocks[j], blocks[i]];
  }
  return blocks.join('\n');
}

export function mutated(seeds: readonly Input[]): fc.Arbitrary<Input> {
  return fc
    .tuple(fc.integer({ min: 0, max: seeds.length - 1 }), fc.array(mutation(), { minLength: 1, maxLength: 6 }))
    .map(([i, edits]) => ({ file: seeds[i].file, text: edits.reduce((t, edit) => edit(t), seeds[i].text) }));
}
