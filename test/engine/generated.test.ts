import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { generatedFiles } from '../../scripts/generate.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PROSE_SECTIONS = ['## What it flags', '## Why it breaks the VPN', '## Example (flagged)', '## Fix', '## Options'];

describe('generated files', () => {
  it.each([...generatedFiles(root).entries()].map(([file, content]) => [file, content]))(
    '%s is up to date (run npm run generate)',
    (file, content) => {
      const onDisk = existsSync(path.join(root, file)) ? readFileSync(path.join(root, file), 'utf8') : undefined;
      expect(onDisk, `${file} is stale: run npm run generate`).toBe(content);
    },
  );

  it.each(rules.map((rule) => [rule.meta.id]))('rules/%s.md has the prose sections in order', (id) => {
    const prose = readFileSync(path.join(root, 'rules', `${id}.md`), 'utf8');
    const positions = PROSE_SECTIONS.map((heading) => prose.split('\n').findIndex((line) => line.trim() === heading));
    expect(positions.every((p) => p >= 0), `missing one of ${PROSE_SECTIONS.join(', ')}`).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });
});
