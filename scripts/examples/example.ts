import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { baseSite, DEFAULT_PEER, relocate, type Allocation, type Side } from './base-site.js';
import { applyEdits } from './edits.js';

/**
 * configs-examples/<id>/example.jsonc: one example network as the base site (base-site.ts) plus
 * what its fault changes, and the fixed network as the flagged one plus what the fix changes,
 * moved to its own allocation. `npm run generate` writes the .cfg files from it; a test fails when
 * a file differs from what its example.jsonc gives.
 */
export interface SiteSpec {
  side: Side;
  sysname: string;
  key: string;
  /** The key of the fixed end, when the fixed network's cipher text differs. */
  fixedKey?: string;
  peer?: string;
  /** Only in one of the two networks (a device the fix removes or adds). */
  only?: 'flagged' | 'fixed';
  /** What the fault changes in the base site. */
  fault?: string[];
  /** What the fix changes in the flagged site (after moving it to the fixed allocation). */
  fix?: string[];
}

export interface ExampleSpec {
  block: number;
  /** Where the fixed network lives: slot 1 of the same block unless stated. */
  fixed?: Partial<Allocation>;
  sites: Record<string, SiteSpec>;
}

export const EXAMPLE_FILE = 'example.jsonc';

export class ExampleSpecError extends Error {}

export function readExampleSpec(file: string): ExampleSpec {
  const errors: ParseError[] = [];
  const spec = parseJsonc(readFileSync(file, 'utf8'), errors, { allowTrailingComma: true }) as ExampleSpec;
  if (errors.length > 0) throw new ExampleSpecError(`${file}: ${printParseErrorCode(errors[0].error)} at offset ${errors[0].offset}`);
  if (typeof spec?.block !== 'number' || typeof spec.sites !== 'object') throw new ExampleSpecError(`${file}: needs "block" (a number) and "sites"`);
  for (const [name, site] of Object.entries(spec.sites)) {
    if (site.side !== 'a' && site.side !== 'b') throw new ExampleSpecError(`${file}: site ${name}: "side" must be "a" or "b"`);
    if (typeof site.sysname !== 'string' || typeof site.key !== 'string') throw new ExampleSpecError(`${file}: site ${name}: needs "sysname" and "key"`);
  }
  return spec;
}

export function flaggedAllocation(spec: ExampleSpec): Allocation {
  return { block: spec.block, slot: 0 };
}

export function fixedAllocation(spec: ExampleSpec): Allocation {
  return { block: spec.fixed?.block ?? spec.block, slot: spec.fixed?.slot ?? (spec.fixed?.block === undefined ? 1 : 0) };
}

/** The flagged site's text: the base site at the flagged allocation with the fault applied. */
export function flaggedSite(spec: ExampleSpec, site: SiteSpec): string {
  const base = baseSite({ side: site.side, sysname: site.sysname, key: site.key, peer: site.peer ?? DEFAULT_PEER[site.side] }, flaggedAllocation(spec));
  return applyEdits(base, site.fault ?? []);
}

/** The flagged site moved to the fixed allocation, before its fix. */
export function relocatedSite(spec: ExampleSpec, site: SiteSpec): string {
  let text = relocate(flaggedSite(spec, site), flaggedAllocation(spec), fixedAllocation(spec));
  if (site.fixedKey !== undefined) text = text.split(`pre-shared-key ${site.key}`).join(`pre-shared-key ${site.fixedKey}`);
  return text;
}

/** Every file of the example, by its path under configs-examples/<id>/ ("flagged/site-a.cfg"). */
export function renderExample(spec: ExampleSpec): Map<string, string> {
  const files = new Map<string, string>();
  for (const [name, site] of Object.entries(spec.sites)) {
    if (site.only !== 'fixed') files.set(`flagged/${name}`, flaggedSite(spec, site));
    if (site.only !== 'flagged') files.set(`fixed/${name}`, applyEdits(relocatedSite(spec, site), site.fix ?? []));
  }
  return files;
}

/** The example directories that have an example.jsonc, sorted. */
export function exampleDirs(examplesRoot: string): string[] {
  return readdirSync(examplesRoot)
    .filter((name) => existsSync(path.join(examplesRoot, name, EXAMPLE_FILE)))
    .sort();
}
