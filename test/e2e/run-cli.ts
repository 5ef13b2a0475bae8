import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpusDir, requireCorpus } from '../helpers/corpus.js';

export const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export { corpusDir } from '../helpers/corpus.js';
const bin = path.join(repositoryRoot, 'bin/fwlint.js');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI with a CI-neutral environment. */
export function fwlint(args: string[], options: { cwd?: string; input?: string; env?: Record<string, string> } = {}): CliResult {
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  for (const name of ['GITHUB_ACTIONS', 'GITHUB_STEP_SUMMARY', 'FORCE_COLOR', 'FWLINT_DEBUG']) if (!options.env?.[name]) delete env[name];
  env.NO_COLOR = '1';
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: options.cwd ?? repositoryRoot, env, input: options.input ?? '', encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function tempDir(prefix = 'fwlint-e2e-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/** A scratch repository with corpus files copied under `configs/` (never into the project). */
export function scratchRepository(corpusFiles: string[]): string {
  if (corpusFiles.length > 0) requireCorpus();
  const dir = tempDir();
  mkdirSync(path.join(dir, '.git'));
  mkdirSync(path.join(dir, 'configs'));
  for (const file of corpusFiles) copyFileSync(path.join(corpusDir, file), path.join(dir, 'configs', file));
  return dir;
}

export function write(dir: string, file: string, content: string): string {
  const target = path.join(dir, file);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, content);
  return target;
}

export function read(dir: string, file: string): string {
  return readFileSync(path.join(dir, file), 'utf8');
}

interface JsonResult {
  filePath: string;
  messages: { ruleId: string; severity: 1 | 2; message: string; line: number; column: number }[];
  errorCount: number;
  warningCount: number;
}

export function parseJson(stdout: string): JsonResult[] {
  return JSON.parse(stdout) as JsonResult[];
}

/** The exit code the JSON report implies: every listed message counts, as in every format's summary. */
export function expectedExit(results: JsonResult[], maxWarnings = -1): number {
  const messages = results.flatMap((r) => r.messages);
  const errors = messages.filter((m) => m.severity === 2).length;
  const warnings = messages.length - errors;
  return errors > 0 || (maxWarnings >= 0 && warnings > maxWarnings) ? 1 : 0;
}

/** stderr without the one line counting the run's notes (`fwlint: N notes on what fwlint did not check …`), which a clean run may print. */
export function warningsOf(stderr: string): string {
  return stderr.replace(/^fwlint: \d+ notes? on what fwlint did not check or bounded, in \d+ files?; --verbose lists them\n/m, '');
}
