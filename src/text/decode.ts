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

/** Terminal pager artefacts: `  ---- More ----` and the cursor-back escape that erases it. */
const PAGER_ESCAPE = new RegExp(`${String.fromCharCode(27)}\\[\\d{1,4}[A-Za-z]`, 'g');
const PAGER_PROMPT = / {0,4}---- More ----/g;

const utf8 = new TextDecoder('utf-8', { fatal: false });

/**
 * Decodes bytes as UTF-8 (invalid sequences become U+FFFD, never an exception), removes a BOM,
 * normalises CRLF/CR to LF and strips pager remnants. Binary input is detected (NUL bytes or a
 * high share of control characters) and reported instead of parsed.
 */
export function decodeConfig(input: string | Uint8Array): DecodedConfig {
  let text = typeof input === 'string' ? input : utf8.decode(input);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const diagnostics: DecodeDiagnostic[] = [];
  if (looksBinary(text)) {
    diagnostics.push({ code: 'binary-input', message: 'input looks binary (NUL or control bytes), not a configuration text' });
    return { text: '', diagnostics, binary: true };
  }
  text = text.replace(/\r\n?/g, '\n');
  if (text.includes('\x1b')) text = text.replace(PAGER_ESCAPE, '');
  if (text.includes('---- More ----')) text = text.replace(PAGER_PROMPT, '');
  return { text, diagnostics, binary: false };
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
