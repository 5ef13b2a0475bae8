import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/ast/parse.js';
import { LineIndex } from '../../src/text/range.js';
import { corpusDir, corpusNames, requireCorpus } from '../helpers/corpus.js';

const files = corpusNames();

/** Unrecognised lines inside IPSec views per corpus file: lower it when the grammar learns more, never raise it silently. */
const UNRECOGNISED_BOUND: Record<string, number> = {};

describe('published corpus', () => {
  it('has files', () => {
    requireCorpus();
    expect(files.length).toBeGreaterThan(10);
  });
  for (const file of files) {
    it(`${file} parses without exception, ranges inside the document`, () => {
      const { ast, text } = parseConfig(readFileSync(resolve(corpusDir, file)), file);
      const index = new LineIndex(text);
      const unrecognised = ast.unrecognised.map((r) => index.lineText(r.line).trim());
      console.log(`${file}: ${ast.unrecognised.length} unrecognised IPSec-view line(s)${unrecognised.length ? `: ${unrecognised.join(' | ')}` : ''}; diagnostics: ${ast.diagnostics.map((d) => `${d.code}@${d.range.line}`).join(', ') || 'none'}`);
      expect(ast.unrecognised.length).toBeLessThanOrEqual(UNRECOGNISED_BOUND[file] ?? 0);
      for (const d of ast.diagnostics) expect(index.contains(d.range)).toBe(true);
      for (const g of ast.generic) expect(index.contains(g.range)).toBe(true);
      expect(ast.diagnostics.filter((d) => d.code === 'not-huawei-config')).toEqual([]);
    });
  }

  it('documented pairs produce the expected objects', () => {
    requireCorpus();
    const load = (f: string) => parseConfig(readFileSync(resolve(corpusDir, f)), f).ast;
    const c = load('hwdoc-ar-redundant-routerc.cfg');
    expect(c.ikePeers[0].remoteAddresses).toHaveLength(2);
    const hq = load('ghidx9309639414-ar-border01-hq01.cfg');
    expect(hq.ikePeers.map((p) => p.name.value)).toEqual(['BRANCH-01', 'BRANCH-02']);
    expect(hq.ipsecProfiles).toHaveLength(2);
    expect(hq.acls[0].rules).toHaveLength(4);
    const jd = load('jdcloud-en-huawei-usg6530-idc.cfg');
    expect(jd.diagnostics.map((d) => d.code)).toEqual(['non-vrp-syntax']);
    expect(jd.ipsecPolicies[0].tunnelLocal?.value).toBe('220.xxx.xxx.150');
    expect(jd.platform).toBe('usg');
    const evpnb = load('hwdoc-ar-evpn-routerb.cfg');
    expect(evpnb.diagnostics).toEqual([]);
    expect(evpnb.interfaces.filter((i) => i.range.line === 53).map((i) => i.name.value)).toEqual(['GigabitEthernet3/0/0', 'GigabitEthernet4/0/0']);
    const snippet = load('ghidx68970678412-usg-ipsec-snippet.cfg');
    expect(snippet.diagnostics.map((d) => d.code)).toEqual(['statement-syntax']);
  });
});
