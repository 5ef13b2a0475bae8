import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/ast/parse.js';
import { decodeConfig } from '../../src/text/decode.js';
import { examplesDir } from '../helpers/rule-harness.js';

function utf16le(text: string): Buffer {
  return Buffer.from(`\ufeff${text}`, 'utf16le');
}

function utf16be(text: string): Buffer {
  return utf16le(text).swap16();
}

const HUAWEI = readFileSync(path.join(examplesDir, 'nat-traversal-mismatch/flagged/site-a.cfg'), 'utf8');
const FLAGGED = readFileSync(path.join(examplesDir, 'ike-peer-mismatch/flagged/site-a.cfg'), 'utf8');

describe('UTF-16 input with a byte order mark (Windows PowerShell `>` output)', () => {
  it('UTF-16LE and UTF-16BE with BOM decode to the same text as UTF-8, not to binary', () => {
    const expected = decodeConfig(Buffer.from(HUAWEI, 'utf8'));
    for (const bytes of [utf16le(HUAWEI), utf16be(HUAWEI)]) {
      const decoded = decodeConfig(bytes);
      expect(decoded.binary).toBe(false);
      expect(decoded.diagnostics).toEqual([]);
      expect(decoded.text).toBe(expected.text);
    }
  });

  it('CRLF line ends, pager remnants and non-ASCII descriptions in UTF-16 are handled as in UTF-8', () => {
    const text = '#\r\n sysname 上海-FW\r\n  ---- More ----\r\n#\r\ninterface GigabitEthernet0/0/1\r\n description 到北京的隧道 😀\r\n#\r\nreturn\r\n';
    const expected = decodeConfig(Buffer.from(text, 'utf8')).text;
    // The pager remnant stays in the text (columns are the file's); lines.ts reads past it.
    expect(expected).not.toMatch(/\r/);
    expect(expected).toContain('---- More ----');
    expect(decodeConfig(utf16le(text)).text).toBe(expected);
    expect(decodeConfig(utf16be(text)).text).toBe(expected);
  });

  it('a Huawei configuration in UTF-16LE / UTF-16BE parses to the same AST as the UTF-8 file', () => {
    for (const source of [HUAWEI, FLAGGED.replace(/\n/g, '\r\n')]) {
      const reference = parseConfig(Buffer.from(source, 'utf8'), 'x.cfg');
      expect(reference.ast.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(reference.ast.ikePeers.length).toBeGreaterThan(0);
      for (const bytes of [utf16le(source), utf16be(source)]) {
        const parsed = parseConfig(bytes, 'x.cfg');
        expect(parsed.text).toBe(reference.text);
        expect(parsed.ast).toEqual(reference.ast);
      }
    }
  });

  it('positions refer to the decoded text (line and column of a parse diagnostic)', () => {
    const text = '#\r\n sysname 防火墙\r\n#\r\nike peer p1\r\n exchange-mode\r\n#\r\nreturn\r\n';
    const reference = parseConfig(Buffer.from(text, 'utf8'), 'x.cfg');
    const diagnostic = reference.ast.diagnostics.find((d) => d.message.includes('exchange-mode'));
    expect(diagnostic).toBeDefined();
    for (const bytes of [utf16le(text), utf16be(text)]) {
      const parsed = parseConfig(bytes, 'x.cfg');
      const found = parsed.ast.diagnostics.find((d) => d.message.includes('exchange-mode'))!;
      expect(found.range).toEqual(diagnostic!.range);
      expect(found.range.line).toBe(5);
      expect(found.range.column).toBe(15);
      expect(parsed.text.slice(0, found.range.offset).endsWith('\n exchange-mode')).toBe(true);
      expect(parsed.ast.globals.sysname?.value).toBe('防火墙');
    }
  });

  it('binary data that merely starts with FF FE or FE FF is still binary; an odd trailing byte does not throw', () => {
    const noise = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37 + 11) % 256 || 1));
    for (const bom of [[0xff, 0xfe], [0xfe, 0xff]]) {
      expect(decodeConfig(Buffer.concat([Buffer.from(bom), noise])).binary).toBe(true);
      expect(parseConfig(Buffer.concat([Buffer.from(bom), noise]), 'x').ast.diagnostics.map((d) => d.code)).toEqual(['binary-input']);
    }
    const odd = Buffer.concat([utf16le('#\n sysname A\n#\nreturn\n'), Buffer.from([0x41])]);
    expect(decodeConfig(odd).text).toBe('#\n sysname A\n#\nreturn\n\ufffd');
  });
});
