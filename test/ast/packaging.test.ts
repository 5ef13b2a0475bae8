import { execFileSync } from 'node:child_process';
import { posix, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

describe('published package', () => {
  it('ships the ohm grammar where dist/src/grammar/shapes.js looks for it', () => {
    const out = execFileSync('npm', ['pack', '--dry-run', '--ignore-scripts', '--json'], { cwd: root, encoding: 'utf8' });
    const files = (JSON.parse(out) as { files: { path: string }[] }[])[0].files.map((f) => f.path);
    // shapes.ts reads `./statements.ohm`, then `../../../src/grammar/statements.ohm` from dist/src/grammar/.
    const fromDist = posix.normalize(posix.join('dist/src/grammar', '../../../src/grammar/statements.ohm'));
    expect(files).toContain(fromDist);
  });
});
