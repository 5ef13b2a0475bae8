import path from 'node:path';
import { safeWriteFile } from './safe-fs.js';

/**
 * Writes through a temporary file and a rename, so parallel runs never see half a file; missing
 * directories are created. Only a regular file (or nothing) at the target is replaced, never
 * through a link (see `safeWriteFile`).
 */
export function writeFileAtomic(file: string, content: string | Uint8Array, cwd = process.cwd()): void {
  safeWriteFile(path.resolve(cwd, file), content, { cwd, createDirectories: true });
}
