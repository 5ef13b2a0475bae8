import type { Range } from './range.js';

export type DecodeDiagnosticCode = 'binary-input';

export interface DecodeDiagnostic {
  code: DecodeDiagnosticCode;
  message: string;
}

export interface DecodedConfig {
  text: string;
  diagnostics: DecodeDiagnostic[];
  binary: boolean;
}

const SGR_ESCAPE = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]{0,16}m`, 'g');

const utf8 = new TextDecoder('utf-8', { fatal: false });
const utf16le = new TextDecoder('utf-16le', { fatal: false });

/**
 * Bytes to text: UTF-16 when a UTF-16 byte order mark says so (`FF FE` little endian, as Windows
 * PowerShell's `>` writes; `FE FF` big endian), otherwise UTF-8. The BOM is dropped; an odd
 * trailing byte or an unpaired surrogate becomes U+FFFD.
 */
function isUtf16Bom(input: Uint8Array): boolean {
  return input.length >= 2 && ((input[0] === 0xff && input[1] === 0xfe) || (input[0] === 0xfe && input[1] === 0xff));
}

function decodeBytes(input: Uint8Array): string {
  if (input.length < 2) return utf8.decode(input);
  if (input[0] === 0xff && input[1] === 0xfe) return utf16le.decode(input);
  if (input[0] === 0xfe && input[1] === 0xff) {
    // Big endian: swap each byte pair into a copy and decode that as little endian (no need for ICU's utf-16be).
    const swapped = new Uint8Array(input.length);
    const pairs = input.length & ~1;
    for (let i = 0; i < pairs; i += 2) {
      swapped[i] = input[i + 1];
      swapped[i + 1] = input[i];
    }
    if (pairs < input.length) swapped[pairs] = input[pairs];
    return utf16le.decode(swapped);
  }
  return utf8.decode(input);
}

/**
 * Decodes bytes (UTF-8, or UTF-16 LE/BE with a BOM; invalid sequences become U+FFFD, never an
 * exception), removes a BOM and normalises CRLF/CR to LF. Pager remnants (`  ---- More ----` and its
 * cursor escapes) stay in the text: lines.ts reads past them, so every column the parser reports
 * is the column of the file. Binary input is detected (NUL bytes or a high
 * share of control characters) and reported instead of parsed.
 */
export function decodeConfig(input: string | Uint8Array): DecodedConfig {
  const utf16 = typeof input !== 'string' && isUtf16Bom(input);
  let text = typeof input === 'string' ? input : decodeBytes(input);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const diagnostics: DecodeDiagnostic[] = [];
  if (looksBinary(text) || (utf16 && mostlyNonAscii(text))) {
    diagnostics.push({ code: 'binary-input', message: 'input looks binary (NUL or control bytes), not a configuration text' });
    return { text: '', diagnostics, binary: true };
  }
  text = text.replace(/\r\n?/g, '\n');
  // Colour codes (SGR, `ESC [ … m`) are never configuration: dropped, so a coloured word reads whole.
  if (text.includes('\x1b[')) text = text.replace(SGR_ESCAPE, '');
  return { text, diagnostics, binary: false };
}

/**
 * Binary data that happens to start with `FF FE` / `FE FF` decodes to code units that are almost
 * never ASCII (about one in 512); a configuration is mostly ASCII even with Chinese descriptions.
 */
function mostlyNonAscii(text: string): boolean {
  const sample = Math.min(text.length, 65536);
  let high = 0;
  for (let i = 0; i < sample; i++) if (text.charCodeAt(i) > 0x7f) high++;
  return sample > 0 && high / sample > 0.5;
}

function looksBinary(text: string): boolean {
  const sample = Math.min(text.length, 65536);
  if (sample === 0) return false;
  let control = 0;
  for (let i = 0; i < sample; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return true;
    if (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 27 && c !== 12) control++;
    else if (c === 0xfffd) control += 0.5;
  }
  return control / sample > 0.1;
}

export type { Range };
