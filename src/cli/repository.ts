import { existsSync } from 'node:fs';
import path from 'node:path';
import { findConfigFile } from '../engine/config.js';
import type { FwlintConfig } from '../engine/config-types.js';
import { gitWorkTreeRoot } from '../engine/git-listing.js';
import { configGlobs } from '../engine/glob.js';
import { lexists } from '../engine/safe-fs.js';
import { defaultModelBuilders } from '../engine/model-builders.js';
import { loadParser } from '../engine/parser.js';
import { TargetScope, type DeletedDevice } from '../engine/targets.js';
import { decodeConfig } from '../text/decode.js';
import type { CliOptions } from './args.js';
import { discoverFiles, toDisplayPath, unreadableReason, type DiscoveredFile, type Discovery, type DiscoverOptions } from './discover.js';
import { changedPaths, contentAt } from './git.js';

export interface RepositoryRun {
  /** Targets and context files together: everything to read and model. */
  discovery: Discovery;
  /** Present when context applies: only targets and their tunnel peers are reported. */
  scope?: TargetScope;
}

/**
 * What one run lints. Files named on the command line (or changed, with `--changed`) are the
 * targets; when they lie inside the repository, every other configuration of it is loaded as
 * context so their tunnels pair as usual.
 */
export async function planRepositoryRun(options: CliOptions, config: FwlintConfig, cwd: string, discoverOptions: DiscoverOptions): Promise<RepositoryRun> {
  if (options.changed !== undefined) return planChangedRun(options, config, cwd, discoverOptions);
  const root = repositoryRoot(options, cwd);
  const targets = discoverFiles(options.targets, { ...discoverOptions, boundary: discoverOptions.boundary ?? readBoundary(root) });
  const applies =
    options.context && root !== undefined && !targets.stdin && targets.files.some((file) => isInside(file.absolutePath, root));
  if (!applies) return { discovery: targets };
  return {
    discovery: { ...targets, files: [...targets.files, ...contextFiles(root, targets.files, discoverOptions)] },
    scope: new TargetScope(new Set([...targets.files.map((f) => f.file), ...targets.problems.map((p) => p.file)])),
  };
}

async function planChangedRun(options: CliOptions, config: FwlintConfig, cwd: string, discoverOptions: DiscoverOptions): Promise<RepositoryRun> {
  const changes = await changedPaths(cwd, options.changed || undefined);
  const root = repositoryRoot(options, cwd) ?? changes.top;
  const isConfiguration = configurationMatcher(config, discoverOptions, root);
  const targets: DiscoveredFile[] = [];
  const problems: Discovery['problems'] = [];
  for (const file of changes.changed) {
    const absolute = path.join(changes.top, file);
    // A link counts as present even when broken: lexists, so that it is reported rather than dropped.
    if (!isConfiguration(absolute) || !lexists(absolute)) continue;
    const reason = unreadableReason(absolute, discoverOptions.boundary ?? readBoundary(root));
    if (reason) problems.push({ file: toDisplayPath(absolute, cwd), message: reason });
    else targets.push({ file: toDisplayPath(absolute, cwd), absolutePath: absolute });
  }
  const deleted: DeletedDevice[] = [];
  for (const file of changes.deleted) {
    const absolute = path.join(changes.top, file);
    if (!isConfiguration(absolute) || existsSync(absolute)) continue;
    const content = await contentAt(changes.top, changes.base, file, options.maxFileSize);
    if (content) deleted.push(await deletedDevice(toDisplayPath(absolute, cwd), content));
  }
  const context = options.context && (targets.length > 0 || deleted.length > 0) ? contextFiles(root, targets, discoverOptions) : [];
  return {
    discovery: { files: [...targets, ...context], problems, stdin: false },
    scope: new TargetScope(new Set([...targets.map((f) => f.file), ...problems.map((p) => p.file)]), deleted),
  };
}

/** The directory holding the config file in use, else the git top level (found without running git). */
export function repositoryRoot(options: Pick<CliOptions, 'config' | 'noConfig'>, cwd: string): string | undefined {
  if (options.config) return path.dirname(path.resolve(cwd, options.config));
  const configFile = options.noConfig ? undefined : findConfigFile(cwd);
  if (configFile) return path.dirname(configFile);
  return gitWorkTreeRoot(cwd);
}


function contextFiles(root: string, targets: readonly DiscoveredFile[], discoverOptions: DiscoverOptions): DiscoveredFile[] {
  const taken = new Set(targets.map((f) => f.absolutePath));
  return discoverFiles([root], { ...discoverOptions, boundary: discoverOptions.boundary ?? readBoundary(root) }).files.filter((f) => !taken.has(f.absolutePath));
}

/**
 * What a symbolic link may point into and still be read: the git work tree holding `root` (the
 * config file's directory or the top level), else `root` itself; undefined without either (each
 * walked directory is then its own boundary).
 */
function readBoundary(root: string | undefined): string | undefined {
  return root === undefined ? undefined : (gitWorkTreeRoot(root) ?? root);
}


/** Whether a path is one of the repository's configuration files (the config's `files` and `ignores`, or `--ext`). */
function configurationMatcher(config: FwlintConfig, discoverOptions: DiscoverOptions, root: string): (absolute: string) => boolean {
  const matchesFiles = configGlobs(config.files, 'files');
  const ignored = configGlobs(config.ignores, 'ignores');
  return (absolute) => {
    if (!isInside(absolute, root)) return false;
    const relative = path.relative(config.baseDir, absolute).split(path.sep).join('/');
    if (relative.startsWith('..') || ignored(relative)) return false;
    if (discoverOptions.extensions) return discoverOptions.extensions.some((ext) => absolute.toLowerCase().endsWith(ext.toLowerCase()));
    return matchesFiles(relative);
  };
}

async function deletedDevice(file: string, content: Uint8Array): Promise<DeletedDevice> {
  try {
    if (decodeConfig(content).binary) return { file, addresses: [] };
    const parse = await loadParser();
    const { ast, text } = parse(content, file);
    const device = defaultModelBuilders.buildDevice({ file, text, ast, index: -1 });
    return { file, addresses: [...new Set(device.localAddresses.map((fact) => fact.address))] };
  } catch {
    return { file, addresses: [] };
  }
}

function isInside(absolute: string, root: string): boolean {
  const relative = path.relative(root, absolute);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}
