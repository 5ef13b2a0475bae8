import type { Severity } from '../../rules/types.js';
import { IO_ERROR_META } from '../engine/builtin-rules.js';
import type { Finding } from '../engine/findings.js';
import type { SourceInput } from '../engine/parse-files.js';
import { describeAccessError, FileAccessError, readRegularFile } from '../engine/safe-fs.js';
import type { CliOptions } from './args.js';
import type { Discovery } from './discover.js';
import type { CliIo } from './io.js';
import { startOfFile } from '../text/range.js';

export function ioFinding(file: string, message: string): Finding {
  const severity: Severity = 'error';
  return { ruleId: IO_ERROR_META.id, severity, message, file, range: startOfFile(), objectPath: 'file', related: [] };
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB`;
}

/** `size` is exact when the size was known before reading; else reading stopped past the limit. */
export function tooLargeMessage(size: number, limit: number, exact = true): string {
  const what = exact ? `the file is ${megabytes(size)}, over` : 'the input goes on past';
  return `input-too-large: ${what} the ${megabytes(limit)} limit; raise it with --max-file-size <MB>`;
}

/**
 * Reads the discovered files and standard input, each as a regular file (checked on the opened
 * descriptor) of at most --max-file-size bytes, read no further than that: a link to a device or
 * a procfs file (which report size 0) is an io-error finding, never a read without end.
 */
export async function readInputs(
  discovery: Discovery,
  options: Pick<CliOptions, 'maxFileSize' | 'stdinFilename'>,
  io: Pick<CliIo, 'readStdin'>,
): Promise<{ inputs: SourceInput[]; ioFindings: Finding[] }> {
  const inputs: SourceInput[] = [];
  const ioFindings = discovery.problems.map((p) => ioFinding(p.file, p.message));
  for (const file of discovery.files) {
    try {
      inputs.push({ file: file.file, absolutePath: file.absolutePath, content: readRegularFile(file.absolutePath, { limit: options.maxFileSize }) });
    } catch (error) {
      if (error instanceof FileAccessError && error.code === 'ETOOBIG') {
        ioFindings.push(ioFinding(file.file, tooLargeMessage(error.size ?? 0, options.maxFileSize, error.sizeIsExact)));
      } else {
        ioFindings.push(ioFinding(file.file, `cannot read file (${describeAccessError(error)})`));
      }
    }
  }
  if (discovery.stdin) {
    const file = options.stdinFilename ?? '<stdin>';
    const { content, size } = await io.readStdin(options.maxFileSize);
    if (content === undefined) ioFindings.push(ioFinding(file, tooLargeMessage(size, options.maxFileSize, false)));
    else inputs.push({ file, content });
  }
  return { inputs, ioFindings };
}
