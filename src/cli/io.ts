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
  size: number;
}

/** Reads a stream whole unless it grows past `limit` bytes; then drains it, counting its size. */
export async function readLimited(stream: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, limit: number): Promise<LimitedRead> {
  let chunks: Uint8Array[] | undefined = [];
  let size = 0;
  for await (const chunk of stream) {
    size += chunk.byteLength;
    if (size > limit) chunks = undefined;
    else chunks?.push(chunk);
  }
  return chunks ? { content: Buffer.concat(chunks), size } : { size };
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

/** Bad command line: exit code 2 and one line on stderr. */
export class UsageError extends Error {
  override name = 'UsageError';
}
