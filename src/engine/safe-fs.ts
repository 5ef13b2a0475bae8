import { randomBytes } from 'node:crypto';
import { closeSync, constants, fchmodSync, fstatSync, lstatSync, mkdirSync, openSync, readSync, renameSync, rmSync, statSync, writeSync, type Stats } from 'node:fs';
import path from 'node:path';

/*
 * File access for inputs a repository controls. Devices and procfs files report size 0 and never
 * end (`/dev/zero`, `/proc/self/pagemap`), a FIFO blocks the open, a symbolic link can send a
 * write anywhere. So fwlint reads only regular files, never more than a limit, and writes only
 * regular files, through a temporary file renamed into place, never through a link.
 */

/** Why a file was not read or written; `message` is one line for the user. */
export class FileAccessError extends Error {
  override name = 'FileAccessError';
  constructor(
    message: string,
    /** ENOTREG (not a regular file), ETOOBIG (over the limit), ESYMLINK (a link where none may be), or the system's code. */
    readonly code: string,
    /** ETOOBIG: the size, or (when `sizeIsExact` is false) how much was read before giving up. */
    readonly size?: number,
    readonly sizeIsExact = true,
  ) {
    super(message);
  }
}

/** "a character device", "a directory", …: what a non-regular file is, for messages. */
export function fileKind(stats: Stats): string {
  if (stats.isFile()) return 'a regular file';
  if (stats.isDirectory()) return 'a directory';
  if (stats.isSymbolicLink()) return 'a symbolic link';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isSocket()) return 'a socket';
  return 'not a file';
}

function notRegular(stats: Stats): FileAccessError {
  return new FileAccessError(`not a regular file: ${fileKind(stats)}`, 'ENOTREG');
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB`;
}

function tooLarge(size: number, exact: boolean, limit: number): FileAccessError {
  return new FileAccessError(`${exact ? `${megabytes(size)}, ` : ''}over the ${megabytes(limit)} limit`, 'ETOOBIG', size, exact);
}

/** The error's code: ours, the system's (ENOENT, EACCES, …), or its message. */
export function accessErrorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException)?.code ?? (error instanceof Error ? error.message : 'error');
}

/** For messages: ours say what happened ("not a regular file: a FIFO"), system errors give their code. */
export function describeAccessError(error: unknown): string {
  return error instanceof FileAccessError ? error.message : accessErrorCode(error);
}

const FIRST_CHUNK = 64 * 1024;
const CHUNK = 1024 * 1024;

export interface ReadOptions {
  /** Bytes: a longer file is refused (ETOOBIG), however its size is reported. */
  limit: number;
  /** Refuse a symbolic link as the last component (ESYMLINK): for files fwlint writes itself. */
  noFollow?: boolean;
}

/**
 * The bytes of a regular file of at most `limit` bytes. Non-regular files are refused before they
 * are opened (opening some devices acts), and again on the opened descriptor; a file reporting
 * size 0 (procfs) is read in chunks and refused once past the limit.
 */
export function readRegularFile(file: string, options: ReadOptions): Buffer {
  const { limit } = options;
  const before = options.noFollow ? lstatSync(file) : statSync(file);
  if (before.isSymbolicLink()) throw new FileAccessError('a symbolic link', 'ESYMLINK');
  if (!before.isFile()) throw notRegular(before);
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK | (options.noFollow ? constants.O_NOFOLLOW : 0));
  } catch (error) {
    const code = accessErrorCode(error);
    if (options.noFollow && (code === 'ELOOP' || code === 'EMLINK')) throw new FileAccessError('a symbolic link', 'ESYMLINK');
    throw error;
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw notRegular(stats);
    if (stats.size > limit) throw tooLarge(stats.size, true, limit);
    if (stats.size > 0) {
      // A file that knows its size is read up to it, as readFileSync does.
      const buffer = Buffer.allocUnsafe(stats.size);
      let total = 0;
      while (total < stats.size) {
        const read = readSync(fd, buffer, total, stats.size - total, null);
        if (read === 0) break;
        total += read;
      }
      return total === stats.size ? buffer : buffer.subarray(0, total);
    }
    // Size 0: procfs, sysfs or an empty file. Chunks until the end or past the limit (whole
    // chunks: some procfs files take reads of multiples of 8 bytes only).
    const chunks: Buffer[] = [];
    let total = 0;
    let want = FIRST_CHUNK;
    for (;;) {
      const chunk = Buffer.allocUnsafe(want);
      const read = readSync(fd, chunk, 0, want, null);
      if (read === 0) break;
      chunks.push(read === want ? chunk : chunk.subarray(0, read));
      total += read;
      if (total > limit) throw tooLarge(total, false, limit);
      want = CHUNK;
    }
    return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

function lstatOrUndefined(file: string): Stats | undefined {
  try {
    return lstatSync(file);
  } catch (error) {
    if (accessErrorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
}

function isInside(file: string, directory: string): boolean {
  const relative = path.relative(directory, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/**
 * The first directory between `root` and `target` (exclusive) that is a symbolic link, relative
 * to `root`; undefined when there is none or `target` is not below `root` (then the path is the
 * caller's own).
 */
export function linkOnTheWay(target: string, root: string): string | undefined {
  const parent = path.dirname(target);
  if (!isInside(parent, root)) return undefined;
  let dir = root;
  for (const part of path.relative(root, parent).split(path.sep)) {
    dir = path.join(dir, part);
    let stats: Stats | undefined;
    try {
      stats = lstatSync(dir);
    } catch {
      return undefined;
    }
    if (stats.isSymbolicLink()) return path.relative(root, dir).split(path.sep).join('/');
  }
  return undefined;
}

/**
 * The directories between `root` and `target` (exclusive) exist as real directories, not links;
 * missing ones are created when `create` is set. A target outside `root` is the caller's own path:
 * only its last component is checked (by the caller).
 */
function checkDirectories(target: string, root: string, create: boolean): void {
  const parent = path.dirname(target);
  if (!isInside(parent, root)) {
    if (create) mkdirSync(parent, { recursive: true });
    return;
  }
  let dir = root;
  for (const part of path.relative(root, parent).split(path.sep)) {
    dir = path.join(dir, part);
    const stats = lstatOrUndefined(dir);
    if (stats === undefined) {
      if (!create) throw Object.assign(new Error(`ENOENT: no such directory ${dir}`), { code: 'ENOENT' });
      mkdirSync(dir);
    } else if (stats.isSymbolicLink()) {
      throw new FileAccessError(`${path.relative(root, dir).split(path.sep).join('/')} is a symbolic link`, 'ESYMLINK');
    } else if (!stats.isDirectory()) {
      throw Object.assign(new Error(`ENOTDIR: not a directory ${dir}`), { code: 'ENOTDIR' });
    }
  }
}

export interface WriteOptions {
  /** The directory the write is meant for (default: the process's): no directory below it on the way may be a link. */
  cwd?: string;
  /** Create missing directories (below `cwd` one by one, never through a link). */
  createDirectories?: boolean;
}

/**
 * Writes `content` (text, bytes, or chunks of bytes written in order) to `file` as a regular file: into a temporary file beside it (created
 * exclusively, never through a link), renamed over the target only when the target is absent or
 * a regular file. A link, device, FIFO or directory at the target is refused and left as it is,
 * and so is a path that goes through a linked directory below `cwd`. An existing file keeps its
 * permissions. Readers never see half a file.
 */
export function safeWriteFile(file: string, content: string | Uint8Array | readonly Uint8Array[], options: WriteOptions = {}): void {
  const root = path.resolve(options.cwd ?? process.cwd());
  const target = path.resolve(root, file);
  checkDirectories(target, root, options.createDirectories ?? false);
  const refuse = (stats: Stats | undefined): void => {
    if (stats?.isSymbolicLink()) throw new FileAccessError('a symbolic link', 'ESYMLINK');
    if (stats && !stats.isFile()) throw notRegular(stats);
  };
  const existing = lstatOrUndefined(target);
  refuse(existing);
  const mode = existing ? existing.mode & 0o777 : 0o666;
  const temporary = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  let fd: number | undefined = openSync(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, mode);
  try {
    // Chunks are written one after the other: joining a 45 MB parse cache first copied it once more.
    const chunks = typeof content === 'string' ? [Buffer.from(content)] : content instanceof Uint8Array ? [content] : content;
    for (const bytes of chunks) for (let offset = 0; offset < bytes.byteLength; ) offset += writeSync(fd, bytes, offset, bytes.byteLength - offset);
    // The umask narrowed the mode of the new file: an existing file keeps its own.
    if (existing) fchmodSync(fd, mode);
    closeSync(fd);
    fd = undefined;
    refuse(lstatOrUndefined(target));
    renameSync(temporary, target);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    rmSync(temporary, { force: true });
    throw error;
  }
}

/** Whether anything is at `file`, a broken link included (lstat, never following it). */
export function lexists(file: string): boolean {
  try {
    lstatSync(file);
    return true;
  } catch {
    return false;
  }
}
