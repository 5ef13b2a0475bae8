import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fc, test as propertyTest } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { baseSite, relocate, siteAddresses, type Allocation, type Side } from '../../scripts/examples/base-site.js';
import { applyEdits, diffEdits, EditError } from '../../scripts/examples/edits.js';
import { EXAMPLE_FILE, ExampleSpecError, readExampleSpec, renderExample } from '../../scripts/examples/example.js';
import { configFilesUnder } from '../../scripts/generate.js';
import { examplesDir } from '../helpers/rule-harness.js';

const site = (side: Side, at: Allocation): string => baseSite({ side, sysname: 'S-flagged', key: '%^%#k%^%#', peer: 'p' }, at);

describe('configs-examples/<id>/example.jsonc', () => {
  it('every rule example is built from an example.jsonc', () => {
    const withSpec = readdirSync(examplesDir).filter((id) => existsSync(path.join(examplesDir, id, EXAMPLE_FILE)));
    expect(withSpec.sort()).toEqual(rules.map((r) => r.meta.id).sort());
  });

  it.each(rules.map((r) => [r.meta.id]))('%s: flagged/ and fixed/ hold exactly the files example.jsonc gives (run npm run generate)', (id) => {
    const rendered = renderExample(readExampleSpec(path.join(examplesDir, id, EXAMPLE_FILE)));
    const onDisk = ['flagged', 'fixed'].flatMap((variant) => configFilesUnder(path.join(examplesDir, id, variant)).map((file) => path.relative(path.join(examplesDir, id), file).split(path.sep).join('/')));
    expect(onDisk.sort()).toEqual([...rendered.keys()].sort());
  });

  it('a malformed example.jsonc is reported in words', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fwlint-spec-'));
    const file = path.join(dir, EXAMPLE_FILE);
    writeFileSync(file, '{ "block": 3, "sites": { "x.cfg": { "side": "c", "sysname": "s", "key": "k" } } }');
    expect(() => readExampleSpec(file)).toThrow(ExampleSpecError);
    expect(() => readExampleSpec(file)).toThrow(/"side" must be "a" or "b"/);
    writeFileSync(file, '{ "block": ');
    expect(() => readExampleSpec(file)).toThrow(/ValueExpected|CloseBraceExpected/);
  });
});

describe('the base site and its allocation', () => {
  it('gives each side its own LAN and WAN, and the fixed slot addresses of its own', () => {
    expect(siteAddresses('a', { block: 19, slot: 0 })).toEqual({ lan: '10.19.11', wan: '203.0.19.17', gateway: '203.0.19.30' });
    expect(siteAddresses('b', { block: 19, slot: 1 })).toEqual({ lan: '10.19.22', wan: '198.51.19.33', gateway: '198.51.19.46' });
  });

  propertyTest.prop([fc.constantFrom<Side>('a', 'b'), fc.integer({ min: 1, max: 254 }), fc.integer({ min: 1, max: 254 }), fc.constantFrom(0, 1)])(
    'relocating a base site gives the base site at the other allocation',
    (side, block, toBlock, toSlot) => {
      const from = { block, slot: 0 };
      const to = { block: toBlock, slot: toSlot };
      expect(relocate(site(side, from), from, to)).toBe(site(side, to).replace('S-flagged', 'S-fixed'));
    },
  );

  it('leaves addresses outside the allocation alone', () => {
    const text = ' ip route-static 10.7.31.0 255.255.255.0 203.0.7.1\n ip address 172.16.7.17 255.255.255.240\n';
    expect(relocate(text, { block: 7, slot: 0 }, { block: 7, slot: 1 })).toBe(' ip route-static 10.7.32.0 255.255.255.0 203.0.7.1\n ip address 172.16.7.17 255.255.255.240\n');
  });
});

describe('edits', () => {
  const text = 'ike peer a\n remote-address 1.1.1.1\n#\nike peer b\n remote-address 2.2.2.2\n#\nreturn\n';

  it('anchors a hunk on a line, on a line below its scope, or on a numbered occurrence', () => {
    expect(applyEdits(text, ['@@ ike peer b > #', '+ x'])).toBe('ike peer a\n remote-address 1.1.1.1\n#\nike peer b\n remote-address 2.2.2.2\n#\nx\nreturn\n');
    expect(applyEdits(text, ['@@ [1] #', '- ike peer b'])).toBe('ike peer a\n remote-address 1.1.1.1\n#\n remote-address 2.2.2.2\n#\nreturn\n');
    expect(applyEdits(text, ['@@ ^', '+ !Software Version V500R005C10'])).toBe(`!Software Version V500R005C10\n${text}`);
    expect(applyEdits(text, ['@@ ike peer a', '= ' + ' remote-address 1.1.1.1', '+  dpd type periodic'])).toContain(' remote-address 1.1.1.1\n dpd type periodic\n#');
  });

  it('fails in words on a stale hunk, an ambiguous anchor or a line without a marker', () => {
    expect(() => applyEdits(text, ['@@ ike peer a', '-  remote-address 9.9.9.9'])).toThrow(/expected " remote-address 9.9.9.9", found " remote-address 1.1.1.1"/);
    expect(() => applyEdits(text, ['@@ #', '+ x'])).toThrow(/occurs 2 times/);
    expect(() => applyEdits(text, ['@@ ike peer a', 'dpd type periodic'])).toThrow(EditError);
    expect(() => applyEdits(text, ['+ x'])).toThrow(/before the first "@@"/);
  });

  const line = fc.constantFrom('#', 'ike peer a', 'ike peer b', ' remote-address 1.1.1.1', ' dpd type periodic', 'security-policy', ' rule name r', '  action permit', '  source-zone trust', 'return');
  const lines = fc.array(line, { minLength: 1, maxLength: 30 }).map((ls) => `${ls.join('\n')}\n`);

  propertyTest.prop([lines, lines])('the edits diffEdits writes turn the one text into the other', (from, to) => {
    expect(applyEdits(from, diffEdits(from, to))).toBe(to);
  });

  it('writes nothing for equal texts', () => {
    expect(diffEdits(text, text)).toEqual([]);
  });
});
