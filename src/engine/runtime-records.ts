import { decodeConfig } from '../text/decode.js';

/**
 * What an engineer copies from a Huawei device after a failure, read into records: the rows of
 * `display ike error-info` and `display ike offline-info` (both column layouts of the guide:
 * with and without a port column, reason and version separated by a single space when the reason
 * fills its column) and the log lines IPSEC/4/IPSECNEGOFAIL, IPSEC_TUNNEL_TEARED_DOWN and
 * IPSECTUNNELSTOP, in any mix with prompts, pager remnants, timestamps and other output.
 * `display ipsec history record` is not read: its column layout could not be confirmed.
 */

export type RecordSource = 'error-info' | 'offline-info' | 'IPSECNEGOFAIL' | 'IPSEC_TUNNEL_TEARED_DOWN' | 'IPSECTUNNELSTOP';

export interface RuntimeRecord {
  /** Line in RUNTIME (1-based). */
  line: number;
  source: RecordSource;
  /** The reason as printed (`acl configuration mismatch`), spaces collapsed. */
  reason: string;
  /** The peer address as printed. */
  peer: string;
  port?: number;
  /** `v1` / `v2` (tables only; the logs do not say). */
  version?: string;
  /** Time as printed (`2017-09-05 15:22:32`, `Mar 8 2017 11:10:47`). */
  time?: string;
  /** Sysname from the prompt the display command was typed at, or the log's host field. */
  host?: string;
  /** Where `host` comes from. */
  hostFrom?: 'prompt' | 'log';
  /** Log lines: the IPSec policy and its sequence number, when the log names them. */
  policy?: { name: string; seq?: number };
}

export interface RuntimeReading {
  records: RuntimeRecord[];
  /** A display command or table header of a known output was seen (an empty table is a reading). */
  recognised: boolean;
  /** Why the text could not be read at all (binary). */
  unreadable?: string;
  /** Records beyond the limit were not read. */
  truncated: boolean;
}

/** Bounds for untrusted input: lines longer than this are not records; at most this many records. */
export const MAX_LINE_LENGTH = 4096;
export const MAX_RECORDS = 2000;

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const IPV6 = /^[0-9a-f:.]{2,45}$/i;
const VERSION = /^v[12]$/i;
const DATE = /^\d{4}[-/]\d{1,2}[-/]\d{1,2}$/;
const TIME = /^\d{1,2}:\d{2}:\d{2}(?:\.\d+)?$/;
// eslint-disable-next-line no-control-regex -- the pager's cursor-back escape
const PAGER = /^-{2,} ?More ?-{2,}(?:\s*(?:\x1b)?\[\d{1,4}D)*/;
// Module, severity and name of the three log messages; the module is IPSEC on USG, IPSEC-VPN on AR.
const LOG = /(?:%%\d{2})?IPSEC(?:-VPN)?\/\d\/(IPSECNEGOFAIL|IPSEC_TUNNEL_TEARED_DOWN|IPSECTUNNELSTOP)\b/;
const LOG_TIME = /^(?:[A-Z][a-z]{2} +\d{1,2} +\d{4} +\d{1,2}:\d{2}:\d{2}(?:\.\d+)?|\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(?:\.\d+)?)(?: *[+-]\d{2}:\d{2}| *UTC| *DST)?/;

function isAddress(word: string): boolean {
  return IPV4.test(word) || (word.includes(':') && IPV6.test(word));
}

/** `<FW1>`, `[FW1]`, `[~FW1-ike-peer-b]`, `HRP_M<FW1>`: the text between the brackets, or undefined. */
export function promptName(line: string): string | undefined {
  const match = /^\s*(?:HRP_[MSA])?([<[])([~*]?)([^\s<>[\]]{1,64})([>\]])/.exec(line);
  if (!match) return undefined;
  if ((match[1] === '<') !== (match[4] === '>')) return undefined;
  if (/^V\d{3}R\d{3}/.test(match[3])) return undefined;
  return match[3];
}

/** One row of an error-info / offline-info table: peer [port] reason… version date time. */
function tableRow(words: string[]): Omit<RuntimeRecord, 'line' | 'source'> | undefined {
  if (words.length < 5 || !isAddress(words[0])) return undefined;
  let end = words.length;
  let time: string | undefined;
  if (TIME.test(words[end - 1]) && DATE.test(words[end - 2])) {
    time = `${words[end - 2]} ${words[end - 1]}`;
    end -= 2;
  }
  if (end < 3 || !VERSION.test(words[end - 1])) return undefined;
  const version = words[end - 1].toLowerCase();
  let start = 1;
  let port: number | undefined;
  if (/^\d{1,5}$/.test(words[1])) {
    port = Number(words[1]);
    start = 2;
  }
  if (start >= end - 1) return undefined;
  return { peer: words[0], port, reason: words.slice(start, end - 1).join(' '), version, time };
}

/** `Key=value, Key="quoted, value"` pairs of a log's parameter list. */
function logFields(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  // The parameter list, not an AR log's `(l)[3]` marks before the message.
  const open = /\(\s*[A-Za-z][A-Za-z0-9_-]{0,63}=/.exec(text);
  if (!open) return fields;
  let i = open.index + 1;
  while (i < text.length && fields.size < 64) {
    while (i < text.length && (text[i] === ' ' || text[i] === ',')) i++;
    let key = '';
    while (i < text.length && /[A-Za-z0-9_-]/.test(text[i]) && key.length < 64) key += text[i++];
    if (key === '' || text[i] !== '=') break;
    i++;
    let value = '';
    if (text[i] === '"') {
      const close = text.indexOf('"', i + 1);
      if (close < 0) break;
      value = text.slice(i + 1, close);
      i = close + 1;
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== ')') value += text[i++];
    }
    fields.set(key.toLowerCase(), value.trim());
  }
  return fields;
}

function logRecord(line: string, number: number, match: RegExpExecArray): RuntimeRecord | undefined {
  const fields = logFields(line.slice(match.index + match[0].length));
  const reason = fields.get('reason') ?? fields.get('offlinereason');
  const peer = fields.get('peeraddress') ?? fields.get('dstip');
  if (!reason || !peer || !isAddress(peer)) return undefined;
  const head = line.slice(0, match.index).trim();
  const time = LOG_TIME.exec(head)?.[0];
  const hostWords = (time ? head.slice(time.length) : head).trim().split(/\s+/).filter((w) => w !== '');
  const host = hostWords.length > 0 ? hostWords[hostWords.length - 1] : undefined;
  const portText = fields.get('peerport') ?? fields.get('remoteport');
  const policyName = fields.get('policyname');
  const seqText = fields.get('seqnum');
  return {
    line: number,
    source: match[1] as RecordSource,
    reason: reason.replace(/\s+/g, ' ').trim(),
    peer,
    ...(portText && /^\d{1,5}$/.test(portText) ? { port: Number(portText) } : {}),
    ...(time ? { time } : {}),
    ...(host ? { host, hostFrom: 'log' as const } : {}),
    ...(policyName ? { policy: { name: policyName, ...(seqText && /^\d{1,6}$/.test(seqText) ? { seq: Number(seqText) } : {}) } } : {}),
  };
}

/** Reads RUNTIME (bytes or text). Linear in its size; every line is looked at once. */
export function readRuntime(input: string | Uint8Array): RuntimeReading {
  const decoded = decodeConfig(input);
  if (decoded.binary) return { records: [], recognised: false, unreadable: 'it looks binary (NUL or control bytes), not text copied from a device', truncated: false };
  const records: RuntimeRecord[] = [];
  let recognised = false;
  let truncated = false;
  let prompt: string | undefined;
  let table: 'error-info' | 'offline-info' | undefined;
  const lines = decoded.text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    let line = lines[index];
    if (line.length > MAX_LINE_LENGTH) continue;
    const pager = PAGER.exec(line.trimStart());
    if (pager) line = line.trimStart().slice(pager[0].length);
    const name = promptName(line);
    if (name !== undefined) {
      prompt = name;
      const command = line.slice(line.indexOf(name) + name.length + 1).trim().toLowerCase().replace(/\s+/g, ' ');
      if (/^dis(?:p(?:l(?:a(?:y)?)?)?)? ike error-info\b/.test(command)) table = 'error-info';
      else if (/^dis(?:p(?:l(?:a(?:y)?)?)?)? ike offline-info\b/.test(command)) table = 'offline-info';
      else table = undefined;
      if (table) recognised = true;
      continue;
    }
    const log = LOG.exec(line);
    if (log) {
      recognised = true;
      const record = logRecord(line, index + 1, log);
      if (record) {
        if (records.length >= MAX_RECORDS) {
          truncated = true;
          break;
        }
        records.push(record);
      }
      continue;
    }
    const words = line.trim().split(/\s+/);
    if (words[0] === 'peer' && words.includes('error-reason')) {
      table = 'error-info';
      recognised = true;
      continue;
    }
    if (words[0] === 'peer' && words.includes('offline-reason')) {
      table = 'offline-info';
      recognised = true;
      continue;
    }
    if (!table) continue;
    const row = tableRow(words);
    if (!row) continue;
    if (records.length >= MAX_RECORDS) {
      truncated = true;
      break;
    }
    records.push({ line: index + 1, source: table, ...row, ...(prompt ? { host: prompt, hostFrom: 'prompt' as const } : {}) });
  }
  return { records, recognised, truncated };
}
