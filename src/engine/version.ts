import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: { root: string; version: string } | undefined;

/** fwlint's own package.json, found upward from this module (in src/ or dist/). */
function ownPackage(): { root: string; version: string } {
  if (cached) return cached;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (manifest.name === 'fwlint' && manifest.version) return (cached = { root: dir, version: manifest.version });
    } catch {
      // not here: keep walking up
    }
    const parent = path.dirname(dir);
    if (parent === dir) return (cached = { root: path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..'), version: '0.0.0' });
    dir = parent;
  }
}

export function fwlintVersion(): string {
  return ownPackage().version;
}

/** The installed package's directory: where docs/ ships. */
export function packageRoot(): string {
  return ownPackage().root;
}
