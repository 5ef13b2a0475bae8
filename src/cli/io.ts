import { inertLines } from '../format/safe-text.js';

export interface OutputStream {
  write(text: string): unknown;
  isTTY?: boolean;
  /** A terminal's width. */
  columns?: number;
}

/** Everything the CLI touches in the process, so tests can run it in-process. */
export interface CliIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: OutputStream;
  stderr: OutputStream;
  /** Reads standard input; past `limit` bytes the rest is only counted, not kept. */
  readStdin(limit: number): Promise<LimitedRead>;
}

export interface LimitedRead {
  /** Absent when the input was over the limit. */
  content?: Uint8Array;
  /** Bytes read: the whole input, or (over the limit) how far it was read before reading stopped. */
  size: number;
}

/**
 * Reads a stream whole unless it grows past `limit` bytes; then stops reading (`/dev/zero` or
 * `yes` piped in never end) and gives the size read so far, which is over the limit.
 */
export async function readLimited(stream: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, limit: number): Promise<LimitedRead> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += chunk.byteLength;
    if (size > limit) return { size };
    chunks.push(chunk);
  }
  return { content: Buffer.concat(chunks), size };
}

export function processIo(): CliIo {
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    readStdin: (limit) => readLimited(process.stdin, limit),
  };
}

/**
 * A stream whose every line is inert text (control and bidi characters escaped, no line the
 * GitHub Actions runner reads as a workflow command), whatever file names or file contents the
 * messages quote. Line breaks between the lines written stay.
 */
export function inertStream(stream: OutputStream): OutputStream {
  return {
    isTTY: stream.isTTY,
    columns: stream.columns,
    write: (text: string) => stream.write(inertLines(text)),
  };
}

/** Bad command line: exit code 2 and one line on stderr. */
export class UsageError extends Error {
  override name = 'UsageError';
}
