import { describe, expect, it } from 'vitest';
import { unifiedDiff } from '../../src/fix/diff.js';
import { applyFixesToContent } from '../../src/fix/file-text.js';
import type { GeneratedFix } from '../../src/fix/generate.js';

const normalized = '#\nipsec policy map1 10 isakmp\n ike-peer b\n#\nreturn\n';
// Insert " tunnel local 192.0.2.1\n" after " ike-peer b\n".
const at = normalized.indexOf('#\nreturn');
const fix: GeneratedFix = { file: 'a.cfg', applicability: 'safe', range: [at, at], text: ' tunnel local 192.0.2.1\n', commands: [] };
const expected = '#\nipsec policy map1 10 isakmp\n ike-peer b\n tunnel local 192.0.2.1\n#\nreturn\n';

describe('applyFixesToContent', () => {
  it('keeps CRLF line endings, on the file and on the inserted line', () => {
    const content = Buffer.from(normalized.replace(/\n/g, '\r\n'));
    const out = applyFixesToContent(content, normalized, [fix]);
    expect(Buffer.from(out?.content as Uint8Array).toString('utf8')).toBe(expected.replace(/\n/g, '\r\n'));
  });

  it('keeps UTF-16 LE with its byte order mark', () => {
    const content = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(normalized, 'utf16le')]);
    const out = applyFixesToContent(content, normalized, [fix])?.content as Uint8Array;
    expect([out[0], out[1]]).toEqual([0xff, 0xfe]);
    expect(Buffer.from(out.subarray(2)).toString('utf16le')).toBe(expected);
  });

  it('keeps UTF-16 BE and a UTF-8 BOM', () => {
    const le = Buffer.from(normalized, 'utf16le');
    const be = Buffer.from(le);
    for (let i = 0; i < be.length; i += 2) [be[i], be[i + 1]] = [be[i + 1], be[i]];
    const out = applyFixesToContent(Buffer.concat([Buffer.from([0xfe, 0xff]), be]), normalized, [fix])?.content as Uint8Array;
    expect([out[0], out[1]]).toEqual([0xfe, 0xff]);
    const bom = applyFixesToContent(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(normalized)]), normalized, [fix])?.content as Uint8Array;
    expect(Buffer.from(bom).toString('utf8')).toBe(`\ufeff${expected}`);
  });

  it('leaves alone a file whose text is not the one linted', () => {
    expect(applyFixesToContent(Buffer.from('\x1b[31m#\x1b[0m\n'), '#\n', [fix])).toBeUndefined();
  });
});

describe('unifiedDiff', () => {
  it('prints one hunk with context around an insertion', () => {
    expect(unifiedDiff(normalized, expected, 'a/a.cfg', 'b/a.cfg')).toBe(
      ['--- a/a.cfg', '+++ b/a.cfg', '@@ -1,5 +1,6 @@', ' #', ' ipsec policy map1 10 isakmp', '  ike-peer b', '+ tunnel local 192.0.2.1', ' #', ' return', ''].join('\n'),
    );
  });

  it('is empty for equal texts and keeps far-apart changes in separate hunks', () => {
    expect(unifiedDiff('a\n', 'a\n', 'x', 'y')).toBe('');
    const lines = Array.from({ length: 30 }, (_, i) => `l${i}`);
    const changed = [...lines];
    changed[2] = 'X';
    changed[25] = 'Y';
    const diff = unifiedDiff(`${lines.join('\n')}\n`, `${changed.join('\n')}\n`, 'x', 'y');
    expect(diff.match(/^@@/gm)).toHaveLength(2);
    expect(diff).toContain('@@ -1,6 +1,6 @@\n l0\n l1\n-l2\n+X\n');
    expect(diff).toContain('-l25\n+Y\n');
  });
});
