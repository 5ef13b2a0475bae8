import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isModelable } from '../../src/engine/parsed-file.js';
import { loadParser } from '../../src/engine/parser.js';
import { buildDevice } from '../../src/model/device.js';
import { isDeviceSummary, summariseAst } from '../../src/network/summary.js';
import { corpusDir, repositoryRoot } from '../e2e/run-cli.js';
import { corpusNames } from '../helpers/corpus.js';

const examples = path.join(repositoryRoot, 'configs-examples');
const files = [
  ...(readdirSync(examples, { recursive: true }) as string[]).filter((f) => f.endsWith('.cfg')).map((f) => path.join(examples, f)),
  ...corpusNames().map((f) => path.join(corpusDir, f)),
];

describe('device summary', () => {
  it('has the addresses the device model pairs on, for every example and corpus configuration', async () => {
    const parse = await loadParser();
    let withEntries = 0;
    for (const file of files) {
      const { ast, text } = parse(readFileSync(file), file);
      if (!isModelable({ file, text, ast })) continue;
      const device = buildDevice({ file, text, ast, index: 0 });
      const summary = summariseAst(file, text, ast);
      expect(isDeviceSummary(JSON.parse(JSON.stringify(summary)))).toBe(true);
      expect(new Set(summary.localAddresses), file).toEqual(new Set(device.localAddresses.map((fact) => fact.address)));
      expect(summary.sysname).toBe(device.sysname);
      expect(summary.entries.map((e) => e.targets), file).toEqual(
        device.entries.map((entry) => entry.remoteTargets.map((t) => (t.high === undefined ? [t.address] : [t.address, t.high]))),
      );
      expect(summary.entries.map((e) => e.template)).toEqual(device.entries.map((entry) => entry.role === 'template'));
      if (summary.entries.some((e) => e.targets.length > 0)) withEntries++;
    }
    expect(withEntries).toBeGreaterThan(100);
  });

  it('rejects what is not a summary', () => {
    expect(isDeviceSummary(null)).toBe(false);
    expect(isDeviceSummary({ localAddresses: [], entries: [{}], lnsAddresses: [], unappliedPolicy: false, published: [] })).toBe(false);
    // a summary cached by a version that did not record 'nat server' publications is read again
    expect(isDeviceSummary({ localAddresses: [], entries: [], lnsAddresses: [], unappliedPolicy: false })).toBe(false);
    expect(isDeviceSummary({ localAddresses: [], entries: [], lnsAddresses: [], unappliedPolicy: false, published: [] })).toBe(true);
  });
});
