import type { GeneratedFix } from './generate.js';
import { applyFixes } from './generate.js';

type Encoding = 'utf8' | 'utf8-bom' | 'utf16le' | 'utf16be';

interface FileText {
  encoding: Encoding;
  /** The decoded text as the file has it (BOM dropped, line ends kept). */
  raw: string;
}

function decode(content: string | Uint8Array): FileText {
  if (typeof content === 'string') return { encoding: 'utf8', raw: content.charCodeAt(0) === 0xfeff ? content.slice(1) : content };
  if (content[0] === 0xff && content[1] === 0xfe) return { encoding: 'utf16le', raw: new TextDecoder('utf-16le').decode(content.subarray(2)) };
  if (content[0] === 0xfe && content[1] === 0xff) {
    const swapped = new Uint8Array(content.length - 2);
    for (let i = 2; i + 1 < content.length; i += 2) {
      swapped[i - 2] = content[i + 1];
      swapped[i - 1] = content[i];
    }
    return { encoding: 'utf16be', raw: new TextDecoder('utf-16le').decode(swapped) };
  }
  const bom = content[0] === 0xef && content[1] === 0xbb && content[2] === 0xbf;
  return { encoding: bom ? 'utf8-bom' : 'utf8', raw: new TextDecoder('utf-8').decode(bom ? content.subarray(3) : content) };
}

function encode(text: string, encoding: Encoding, asString: boolean): string | Uint8Array {
  if (asString) return text;
  if (encoding === 'utf8') return Buffer.from(text, 'utf8');
  if (encoding === 'utf8-bom') return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
  const le = Buffer.from(text, 'utf16le');
  if (encoding === 'utf16le') return Buffer.concat([Buffer.from([0xff, 0xfe]), le]);
  for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1], le[i]];
  return Buffer.concat([Buffer.from([0xfe, 0xff]), le]);
}

/**
 * The file's content with fixes applied, in the file's own encoding (UTF-8 with or without BOM,
 * UTF-16 LE/BE) and line endings: fix offsets (into the text fwlint read, where every line end is
 * `\n`) are mapped onto the file's lines, and inserted lines end as most of the file's lines do.
 * Undefined when the file's text is not the one the fixes were made for (colour codes fwlint
 * removed while reading): such a file is left alone.
 */
export function applyFixesToContent(content: string | Uint8Array, normalized: string, fixes: readonly GeneratedFix[]): { content: string | Uint8Array; text: string; applied: number } | undefined {
  const { encoding, raw } = decode(content);
  if (raw.replace(/\r\n?/g, '\n') !== normalized) return undefined;
  const crlf = (raw.match(/\r\n/g) ?? []).length;
  const lf = (raw.match(/\n/g) ?? []).length - crlf;
  const lone = (raw.match(/\r(?!\n)/g) ?? []).length;
  const eol = crlf > lf && crlf >= lone ? '\r\n' : lone > lf ? '\r' : '\n';
  // Start of each line in the raw text, by normalized line number.
  const rawStarts = [0];
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 13 && raw.charCodeAt(i + 1) === 10) continue;
    if (c === 10 || c === 13) rawStarts.push(i + 1);
  }
  const normStarts = [0];
  for (let nl = normalized.indexOf('\n'); nl !== -1; nl = normalized.indexOf('\n', nl + 1)) normStarts.push(nl + 1);
  const toRaw = (offset: number): number => {
    let lo = 0;
    let hi = normStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (normStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    const column = offset - normStarts[lo];
    // The end of a line's text maps before its \r\n.
    return rawStarts[lo] + column;
  };
  const mapped = fixes.map((fix) => ({ range: [toRaw(fix.range[0]), toRaw(fix.range[1])] as [number, number], text: fix.text.replace(/\n/g, eol) }));
  const result = applyFixes(raw, mapped);
  return { content: encode(result.text, encoding, typeof content === 'string'), text: result.text, applied: result.applied };
}
