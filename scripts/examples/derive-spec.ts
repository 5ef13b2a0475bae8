// Derives configs-examples/<id>/example.jsonc from hand-written flagged/ and fixed/ .cfg files (how the examples were moved onto the base site):
//   npm run build && WRITE=1 node dist/scripts/examples/derive-spec.js configs-examples [<id>]
// It prints the edit lines per example and MISMATCH when the spec would not give the files back byte for byte.
import { readdirSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { baseSite, DEFAULT_PEER, type Side } from './base-site.js';
import { diffEdits } from './edits.js';
import { relocatedSite, renderExample, type ExampleSpec, type SiteSpec } from './example.js';

const root = process.argv[2];
const only = process.argv[3];

function cfgs(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...cfgs(full, `${prefix}${name}/`));
    else if (/\.(cfg|conf|txt)$/.test(name)) out.push(`${prefix}${name}`);
  }
  return out;
}

const countEdits = (e: string[]): number => e.filter((l) => !l.startsWith('@@')).length;

let grand = 0;
for (const id of readdirSync(root).sort()) {
  if (only && id !== only) continue;
  const dir = path.join(root, id);
  if (!existsSync(path.join(dir, 'flagged'))) continue;
  const flaggedFiles = cfgs(path.join(dir, 'flagged'));
  const fixedFiles = cfgs(path.join(dir, 'fixed'));
  const names = [...new Set([...flaggedFiles, ...fixedFiles])];
  const text = (variant: string, name: string): string | undefined => (existsSync(path.join(dir, variant, name)) ? readFileSync(path.join(dir, variant, name), 'utf8') : undefined);
  const all = flaggedFiles.map((n) => text('flagged', n)!).join('\n');
  const counts = new Map<number, number>();
  for (const m of all.matchAll(/\b10\.(\d+)\.\d+\.\d+/g)) counts.set(Number(m[1]), (counts.get(Number(m[1])) ?? 0) + 1);
  const block = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 1;
  const sites: Record<string, SiteSpec> = {};
  for (const name of names) {
    const flagged = text('flagged', name);
    const source = flagged ?? text('fixed', name)!;
    const sysname = /^ sysname (.*)$/m.exec(source)?.[1] ?? 'X';
    const key = /pre-shared-key (.*)$/m.exec(source)?.[1] ?? 'none';
    const filePeer = /^ike peer (\S+)/m.exec(source)?.[1];
    let best: SiteSpec | undefined;
    for (const side of ['a', 'b'] as Side[]) {
      for (const peer of new Set([DEFAULT_PEER[side], filePeer ?? DEFAULT_PEER[side]])) {
        const site: SiteSpec = { side, sysname, key, ...(peer !== DEFAULT_PEER[side] ? { peer } : {}) };
        const base = baseSite({ side, sysname, key, peer }, { block, slot: 0 });
        site.fault = diffEdits(base, source);
        if (!best || countEdits(site.fault) < countEdits(best.fault!)) best = site;
      }
    }
    if (!flagged) best!.only = 'fixed';
    else if (!text('fixed', name)) best!.only = 'flagged';
    sites[name] = best!;
  }
  // The fixed allocation: the candidate giving the smallest fixes.
  const fixedAll = fixedFiles.map((n) => text('fixed', n)!).join('\n');
  const blocks = new Set<number>([...fixedAll.matchAll(/\b10\.(\d+)\.\d+\.\d+/g)].map((m) => Number(m[1])));
  const candidates: Array<ExampleSpec['fixed']> = [undefined, ...[...blocks].filter((b) => b !== block).map((b) => ({ block: b }))];
  let bestSpec: ExampleSpec | undefined;
  let bestCount = Infinity;
  for (const fixed of candidates) {
    const spec: ExampleSpec = { block, ...(fixed ? { fixed } : {}), sites: structuredClone(sites) };
    let count = 0;
    for (const [name, site] of Object.entries(spec.sites)) {
      const target = text('fixed', name);
      if (target === undefined) continue;
      if (site.only === 'fixed') {
        site.fix = diffEdits(relocatedSite(spec, site), target);
      } else {
        const relocated = relocatedSite(spec, site);
        const fixedKey = /pre-shared-key (.*)$/m.exec(target)?.[1];
        if (fixedKey !== undefined && !relocated.includes(`pre-shared-key ${fixedKey}`) && relocated.includes(`pre-shared-key ${site.key}`)) site.fixedKey = fixedKey;
        site.fix = diffEdits(relocatedSite(spec, site), target);
      }
      count += countEdits(site.fix);
    }
    if (count < bestCount) {
      bestCount = count;
      bestSpec = spec;
    }
  }
  const spec = bestSpec!;
  for (const site of Object.values(spec.sites)) {
    if (site.fault?.length === 0) delete site.fault;
    if (site.fix?.length === 0) delete site.fix;
  }
  // Verify.
  const rendered = renderExample(spec);
  for (const name of flaggedFiles) if (rendered.get(`flagged/${name}`) !== text('flagged', name)) console.log(`MISMATCH ${id} flagged/${name}`);
  for (const name of fixedFiles) if (rendered.get(`fixed/${name}`) !== text('fixed', name)) console.log(`MISMATCH ${id} fixed/${name}`);
  if (rendered.size !== flaggedFiles.length + fixedFiles.length) console.log(`COUNT ${id}`);
  const faults = Object.values(spec.sites).reduce((s, x) => s + countEdits(x.fault ?? []), 0);
  grand += faults + bestCount;
  console.log(`${id}: block ${block} fixed ${JSON.stringify(spec.fixed ?? {})} fault ${faults} fix ${bestCount} (${names.join(' ')})`);
  if (process.env.WRITE) {
    const order = ['side', 'sysname', 'key', 'fixedKey', 'peer', 'only', 'fault', 'fix'];
    for (const [name, site] of Object.entries(spec.sites)) spec.sites[name] = Object.fromEntries(order.filter((k) => k in site).map((k) => [k, (site as unknown as Record<string, unknown>)[k]])) as unknown as SiteSpec;
    const body = JSON.stringify(spec, null, 2);
    writeFileSync(path.join(dir, 'example.jsonc'), `// The ${id} example: the base site (scripts/examples/base-site.ts) and what the fault and its fix change.\n// flagged/ and fixed/ are written from this file by \`npm run generate\`.\n${body}\n`);
  }
}
console.log(`total edit lines ${grand}`);
