import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { defaultConfig } from '../../src/engine/config.js';
import { selectContext } from '../../src/engine/context-selection.js';
import { lintParsedFiles } from '../../src/engine/lint.js';
import { isModelable, type ParsedFile } from '../../src/engine/parsed-file.js';
import { loadParser } from '../../src/engine/parser.js';
import { RuleRegistry } from '../../src/engine/registry.js';
import { SettingsResolver } from '../../src/engine/settings.js';
import { TargetScope } from '../../src/engine/targets.js';
import { EMPTY_SUMMARY, summariseAst, type DeviceSummary } from '../../src/network/summary.js';
import type { TopologyDeclaration } from '../../src/network/types.js';
import type { Device, PolicyEntry } from '../../src/model/types.js';
import { repositoryRoot } from '../e2e/run-cli.js';

interface Generator {
  generateHub(options: { policies: number }): string;
  generateSpoke(i: number): string;
}
const generator = (await import(pathToFileURL(path.join(repositoryRoot, 'bench/generate.js')).href)) as Generator;

const examples = path.join(repositoryRoot, 'configs-examples');
const spokeWan = (i: number): string => `100.0.0.${i * 4 + 2}`;

/**
 * One repository holding every example configuration (their addresses overlap, so they pair across
 * scenarios: templates, NAT, sub addresses, L2TP, unapplied policies), a generated hub with 30
 * spokes (two broken), a spoke behind a declared static NAT, and declared tunnels.
 */
function repositoryFiles(): { file: string; text: string }[] {
  const files: { file: string; text: string }[] = [];
  for (const scenario of readdirSync(examples, { recursive: true }) as string[]) {
    if (scenario.endsWith('.cfg')) files.push({ file: `examples/${scenario.split(path.sep).join('/')}`, text: readFileSync(path.join(examples, scenario), 'utf8') });
  }
  files.sort((a, b) => a.file.localeCompare(b.file));
  files.push({ file: 'gen/hub.cfg', text: generator.generateHub({ policies: 31 }) });
  // A second hub whose policy group is bound to no interface: its rule lists every spoke pointing at it.
  files.push({ file: 'gen/hub-b.cfg', text: generator.generateHub({ policies: 31 }).split('203.0.113.1').join('203.0.113.9').replace(' ipsec policy map1\n', '') });
  for (let i = 0; i < 30; i++) {
    let text = generator.generateSpoke(i);
    if (i === 4) text = text.replace('esp encryption-algorithm aes-256', 'esp encryption-algorithm aes-128');
    if (i === 6) text = text.replace('pfs dh-group14', 'pfs dh-group20');
    if (i >= 25) text = text.split('remote-address 203.0.113.1').join('remote-address 203.0.113.9');
    files.push({ file: `gen/spoke-${i}.cfg`, text });
  }
  files.push({ file: 'gen/nat-spoke.cfg', text: generator.generateSpoke(30).split(spokeWan(30)).join('192.168.40.2') });
  return files;
}

const topology: TopologyDeclaration = {
  natAddresses: [{ public: spokeWan(30), private: '192.168.40.2' }],
  tunnels: [
    { ends: ['gen/spoke-9.cfg', 'examples/site-to-site/hq.cfg'] },
    { ends: ['SPOKE11', './gen/spoke-12.cfg'], nat: true },
  ],
};

describe('repository mode loads only the devices a target can pair with, and runs on peers only the rules that can point into a target', () => {
  const registry = new RuleRegistry(rules);
  const everyRule = new Map(rules.map((rule) => [rule.meta.id, { severity: 'warn' as const }]));
  const settings = new SettingsResolver(registry, defaultConfig(repositoryRoot), everyRule, repositoryRoot);
  let parsed: ParsedFile[] = [];
  let summaries: DeviceSummary[] = [];

  beforeAll(async () => {
    const parse = await loadParser();
    parsed = repositoryFiles().map(({ file, text }) => ({ file, ...parse(text, file) }));
    summaries = parsed.map((p) => (isModelable(p) ? summariseAst(p.file, p.text, p.ast) : EMPTY_SUMMARY));
  });

  // The reference for skipping device rules on peers: every device rule also runs on them, over all their entries.
  class UnfocusedScope extends TargetScope {
    override entriesFacingTargets(device: Device): readonly PolicyEntry[] {
      return device.entries;
    }
  }
  const onEveryPeer = new RuleRegistry(rules.map((rule) => (rule.meta.scope === 'device' ? ({ ...rule, meta: { ...rule.meta, relatesOtherDevices: true } } as typeof rule) : rule)));

  const findingsOf = (files: ParsedFile[], scope: TargetScope, ruleSet = registry): unknown[] =>
    lintParsedFiles(files, { registry: ruleSet, settings, topology, scope }).findings.map((f) => ({ ...f, related: f.related.map((r) => ({ ...r })) }));

  const compare = (targets: string[], removed: string[] = []): { loaded: number; total: number; found: number } => {
    const kept = parsed.map((p, i) => ({ p, i })).filter(({ p }) => !removed.includes(p.file));
    const deleted = removed.map((file) => ({ file, addresses: summaries[parsed.findIndex((p) => p.file === file)].localAddresses }));
    const scope = (): TargetScope => new TargetScope(new Set(targets), deleted);
    const selected = selectContext(
      kept.map(({ p, i }) => ({ file: p.file, target: targets.includes(p.file), summary: summaries[i] })),
      topology,
      deleted.flatMap((d) => d.addresses),
    );
    const lazy = kept.filter((_, j) => selected.has(j)).map(({ p }) => p);
    const full = findingsOf(
      kept.map(({ p }) => p),
      scope(),
    );
    expect(findingsOf(lazy, scope())).toEqual(full);
    const unfocused = (): TargetScope => new UnfocusedScope(new Set(targets), deleted);
    expect(findingsOf(lazy, unfocused(), onEveryPeer)).toEqual(full);
    return { loaded: lazy.length, total: kept.length, found: full.length };
  };

  it('a changed spoke loads the hub and itself, with the same findings as loading everything', () => {
    const broken = compare(['gen/spoke-4.cfg']);
    expect(broken.found).toBeGreaterThan(0);
    expect(broken.loaded).toBeLessThan(20);
    expect(compare(['gen/spoke-6.cfg']).found).toBeGreaterThan(0);
    expect(compare(['gen/spoke-20.cfg']).loaded).toBeLessThan(20);
  });

  it('a changed hub loads its spokes (the NAT one through the declared mapping)', () => {
    const hub = compare(['gen/hub.cfg']);
    expect(hub.found).toBeGreaterThan(0);
    expect(hub.loaded).toBeGreaterThanOrEqual(32);
    compare(['gen/nat-spoke.cfg']);
  });

  it('a spoke of a hub with an unapplied policy loads the other spokes pointing at that hub', () => {
    const spoke = compare(['gen/spoke-25.cfg']);
    expect(spoke.found).toBeGreaterThan(0);
    expect(spoke.loaded).toBeLessThan(20);
  });

  it('declared tunnels, by path and by sysname', () => {
    compare(['gen/spoke-9.cfg']);
    compare(['examples/site-to-site/hq.cfg']);
    compare(['gen/spoke-12.cfg']);
    compare(['gen/spoke-11.cfg', 'gen/spoke-3.cfg']);
  });

  it('every example configuration as a target', () => {
    let fewer = 0;
    for (const file of parsed.filter((p) => p.file.startsWith('examples/')).map((p) => p.file)) if (compare([file]).loaded < parsed.length) fewer++;
    expect(fewer).toBeGreaterThan(100);
  });

  it('deleted devices: their former peers are loaded and keep their lost-end findings', () => {
    expect(compare([], ['gen/spoke-7.cfg']).found).toBeGreaterThan(0);
    compare(['gen/spoke-8.cfg'], ['examples/site-to-site/branch.cfg']);
    compare([], ['gen/hub.cfg']);
  });
});
