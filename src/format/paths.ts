import path from 'node:path';
import type { FormatInput } from './types.js';

/** A reported file relative to the repository root, with forward slashes: what GitHub resolves annotations and SARIF URIs against. */
export function repositoryRelative(file: string, input: Pick<FormatInput, 'cwd' | 'repositoryRoot'>): string {
  return path.relative(input.repositoryRoot, path.resolve(input.cwd, file)).split(path.sep).join('/');
}
