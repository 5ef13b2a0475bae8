import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpusDir, hasCorpus } from './helpers/corpus.js';

/** Compiles once so end-to-end tests run the current code through bin/fwlint.js. */
export default function setup(): void {
  if (!hasCorpus && process.env.CI !== 'true') {
    console.warn(`fwlint tests: the published corpus is not at ${corpusDir}; the tests that read it are skipped`);
  }
  // Unit-test runs that never spawn the CLI can skip the build: FWLINT_SKIP_BUILD=1.
  if (process.env.FWLINT_SKIP_BUILD) return;
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  // Type errors are the typecheck step's business; tsc still emits, and the e2e tests need dist/.
  const result = spawnSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (result.error) throw result.error;
  if (!existsSync(path.join(root, 'dist/src/cli/main.js'))) {
    throw new Error(`tsc -p tsconfig.build.json did not produce dist/src/cli/main.js:\n${result.stdout}${result.stderr}`);
  }
}
