import { existsSync } from 'node:fs';
import path from 'node:path';
import type { TopologyDeclaration } from '../network/types.js';
import type { FwlintConfig } from './config-types.js';

/**
 * The config's topology with device references rewritten to report paths: a reference naming an
 * existing file (relative to the config file) becomes its path relative to cwd; anything else is a sysname.
 */
export function toTopologyDeclaration(config: FwlintConfig, cwd = process.cwd()): TopologyDeclaration {
  const resolveRef = (ref: string): string => {
    const candidate = path.resolve(config.baseDir, ref);
    if (!existsSync(candidate)) return ref;
    return path.relative(cwd, candidate).split(path.sep).join('/');
  };
  return {
    tunnels: config.topology.tunnels.map((t) => ({
      ends: [resolveRef(t.ends[0]), resolveRef(t.ends[1])],
      ...(t.nat === undefined ? {} : { nat: t.nat }),
    })),
    natAddresses: config.topology.natAddresses.map((n) => ({ ...n })),
  };
}
