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
 * Each worker compiles the grammar again (about 2 s measured on the 2-core box) and starts with a
 * cold statement-shape cache, so threads only pay off on inputs that take many seconds to parse.
 */
const MIN_BYTES_FOR_WORKERS = 8 * 1024 * 1024;

export function resolveConcurrency(concurrency: number | 'auto' | undefined, fileCount: number, totalBytes: number): number {
  if (fileCount < 2) return 1;
  if (concurrency === undefined || concurrency === 'auto') {
    return totalBytes < MIN_BYTES_FOR_WORKERS ? 1 : Math.min(2, availableParallelism());
  }
  return Math.max(1, Math.min(Math.floor(concurrency), fileCount));
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
  const totalBytes = pending.reduce((sum, i) => sum + (typeof inputs[i].content === 'string' ? inputs[i].content.length : inputs[i].content.byteLength), 0);
  const workers = resolveConcurrency(options.concurrency, pending.length, totalBytes);
  const workerScript = new URL('./parse-worker.js', import.meta.url);
  const canUseWorkers = workers > 1 && !options.parse && existsSync(fileURLToPath(workerScript));
  if (canUseWorkers) {
    const parsed = await parseInWorkers(
      pending.map((i) => inputs[i]),
      workers,
      workerScript,
    );
    parsed.forEach((result, j) => {
      const input = inputs[pending[j]];
      // Plaintext-key digests are salted per thread: re-parse here so every digest shares one salt.
      results[pending[j]] = result && !hasSecretDigest(result.ast) ? result : parseOne(parse, input);
    });
  } else {
    for (const i of pending) results[i] = parseOne(parse, inputs[i]);
  }

  if (options.cache) {
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

async function parseInWorkers(inputs: readonly SourceInput[], workerCount: number, script: URL): Promise<(ParsedFile | undefined)[]> {
  const results: (ParsedFile | undefined)[] = new Array(inputs.length);
  let next = 0;
  const runWorker = (): Promise<void> =>
    new Promise((resolve) => {
      const worker = new Worker(script);
      const finish = (): void => {
        void worker.terminate();
        resolve();
      };
      const send = (): void => {
        if (next >= inputs.length) return finish();
        const id = next++;
        const request: WorkerRequest = { id, file: inputs[id].file, content: inputs[id].content };
        worker.postMessage(request);
      };
      worker.on('message', (response: WorkerResponse) => {
        if (response.ok) results[response.id] = { file: inputs[response.id].file, text: response.text, ast: response.ast as ConfigAst };
        send();
      });
      // A crashed worker leaves its files undefined; the caller parses those on the main thread.
      worker.on('error', finish);
      worker.on('online', send);
    });
  await Promise.all(Array.from({ length: Math.min(workerCount, inputs.length) }, runWorker));
  return results;
}

