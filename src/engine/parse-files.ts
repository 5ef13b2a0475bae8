import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ConfigAst } from '../ast/types.js';
import { decodeConfig } from '../text/decode.js';
import { hasSecretDigest, type ParseCache } from './cache.js';
import type { ParsedFile } from './parsed-file.js';
import { loadParser, type ParseFunction } from './parser.js';
import type { WorkerRequest, WorkerResponse } from './parse-worker.js';

export interface SourceInput {
  /** Path as shown in reports. */
  file: string;
  /** Absolute path for the cache; undefined for stdin. */
  absolutePath?: string;
  content: string | Uint8Array;
}

export interface ParseOptions {
  cache?: ParseCache;
  /** Worker threads to parse with; `auto` = min(2, cpus), and only for runs with many files. */
  concurrency?: number | 'auto';
  parse?: ParseFunction;
}

/**
 * Each worker compiles the grammar again (0.5 to 2 s on the 2-core box) and its ASTs are cloned
 * back to the main thread: on the 1,000-spoke benchmark (9 MB) two threads took 8.4 s against
 * 5.2 s for one, so `auto` keeps to one thread below inputs few repositories reach.
 */
const MIN_BYTES_FOR_WORKERS = 64 * 1024 * 1024;

/** Most parser threads a run starts, whatever `--concurrency` asks: each costs a grammar compile and its memory. */
export const MAX_CONCURRENCY = 16;

/** The thread cap of this machine: min(2 × cpus, MAX_CONCURRENCY). */
export function maxConcurrency(): number {
  return Math.min(2 * availableParallelism(), MAX_CONCURRENCY);
}

export function resolveConcurrency(concurrency: number | 'auto' | undefined, fileCount: number, totalBytes: number): number {
  if (fileCount < 2) return 1;
  if (concurrency === undefined || concurrency === 'auto') {
    return totalBytes < MIN_BYTES_FOR_WORKERS ? 1 : Math.min(2, availableParallelism());
  }
  // `--concurrency 100000` would start a worker per file (each compiling the grammar): capped.
  const requested = Number.isNaN(concurrency) ? 1 : Math.floor(concurrency);
  return Math.max(1, Math.min(requested, fileCount, maxConcurrency()));
}

/** Parses every input (from the cache when unchanged), in worker threads when there are many. */
export async function parseFiles(inputs: readonly SourceInput[], options: ParseOptions = {}): Promise<ParsedFile[]> {
  const results: (ParsedFile | undefined)[] = new Array(inputs.length);
  const pending: number[] = [];
  inputs.forEach((input, i) => {
    const cached = fromCache(input, options.cache);
    if (cached) results[i] = cached;
    else pending.push(i);
  });

  if (pending.length === 0) return results as ParsedFile[];
  const parse = options.parse ?? (await loadParser());
  // Line shapes parsed by earlier runs come with the cache, so ohm is loaded only for new ones.
  const shapes = options.cache && !options.parse ? await import('../grammar/shapes.js') : undefined;
  shapes?.learnShapes(options.cache?.shapes);
  const totalBytes = pending.reduce((sum, i) => sum + (typeof inputs[i].content === 'string' ? inputs[i].content.length : inputs[i].content.byteLength), 0);
  const workers = resolveConcurrency(options.concurrency, pending.length, totalBytes);
  const workerScript = new URL('./parse-worker.js', import.meta.url);
  const canUseWorkers = workers > 1 && !options.parse && existsSync(fileURLToPath(workerScript));
  if (canUseWorkers) {
    const pendingInputs = pending.map((i) => inputs[i]);
    const parsed = await parseInWorkers(pendingInputs, workers, workerScript, (input) => parseOne(parse, input));
    parsed.forEach((result, j) => {
      const input = inputs[pending[j]];
      // Plaintext-key digests are salted per thread: re-parse here so every digest shares one salt.
      results[pending[j]] = result && (result.onMainThread || !hasSecretDigest(result.ast)) ? result : parseOne(parse, input);
    });
  } else {
    for (const i of pending) results[i] = parseOne(parse, inputs[i]);
  }

  if (options.cache) {
    if (shapes) options.cache.setShapes(shapes.knownShapes());
    for (const i of pending) {
      const input = inputs[i];
      const result = results[i];
      if (input.absolutePath && result) options.cache.set(input.absolutePath, input.content, result.text, result.ast);
    }
  }
  return results as ParsedFile[];
}

function parseOne(parse: ParseFunction, input: SourceInput): ParsedFile {
  const { ast, text } = parse(input.content, input.file);
  return { file: input.file, text, ast };
}

function fromCache(input: SourceInput, cache: ParseCache | undefined): ParsedFile | undefined {
  if (!cache || !input.absolutePath) return undefined;
  for (const text of candidateTexts(input.content)) {
    const ast = cache.get(input.absolutePath, input.content, text);
    if (ast) return { file: input.file, text, ast: { ...ast, file: input.file } as ConfigAst };
  }
  return undefined;
}

/** The text the parser works on (its own decoder); the cache checks it against the stored hash. */
function candidateTexts(content: string | Uint8Array): string[] {
  const decoded = decodeConfig(content);
  return decoded.binary ? [] : [decoded.text];
}

type ThreadResult = ParsedFile & { onMainThread?: boolean };

/**
 * Splits the inputs by size into one share per thread (largest first, each to the lightest share).
 * The main thread parses the first share itself while `threads - 1` workers start, compile the
 * grammar and parse theirs: the biggest file never crosses a thread boundary (cloning a large
 * AST costs about as much as parsing it).
 */
async function parseInWorkers(
  inputs: readonly SourceInput[],
  threads: number,
  script: URL,
  parseHere: (input: SourceInput) => ParsedFile,
): Promise<(ThreadResult | undefined)[]> {
  const results: (ThreadResult | undefined)[] = new Array(inputs.length);
  const shares = splitBySize(inputs, Math.min(threads, inputs.length));
  const finished = shares.slice(1).map(
    (share) =>
      new Promise<void>((resolve) => {
        if (share.length === 0) return resolve();
        const worker = new Worker(script);
        let remaining = share.length;
        const finish = (): void => {
          void worker.terminate();
          resolve();
        };
        worker.on('message', (response: WorkerResponse) => {
          if (response.ok) results[response.id] = { file: inputs[response.id].file, text: response.text, ast: response.ast as ConfigAst };
          if (--remaining === 0) finish();
        });
        // A crashed worker leaves its files undefined; the caller parses those on the main thread.
        worker.on('error', finish);
        for (const id of share) {
          const request: WorkerRequest = { id, file: inputs[id].file, content: inputs[id].content };
          worker.postMessage(request);
        }
      }),
  );
  for (const id of shares[0]) results[id] = { ...parseHere(inputs[id]), onMainThread: true };
  await Promise.all(finished);
  return results;
}

/** Longest-processing-time-first: indices of `inputs` in `count` shares of about equal bytes. */
export function splitBySize(inputs: readonly SourceInput[], count: number): number[][] {
  const shares = Array.from({ length: count }, () => ({ ids: [] as number[], bytes: 0 }));
  const size = (input: SourceInput): number => (typeof input.content === 'string' ? input.content.length : input.content.byteLength);
  const order = inputs.map((_, i) => i).sort((a, b) => size(inputs[b]) - size(inputs[a]));
  for (const id of order) {
    let lightest = shares[0];
    for (const share of shares) if (share.bytes < lightest.bytes) lightest = share;
    lightest.ids.push(id);
    lightest.bytes += size(inputs[id]);
  }
  for (const share of shares) share.ids.sort((a, b) => a - b);
  return shares.map((share) => share.ids);
}
