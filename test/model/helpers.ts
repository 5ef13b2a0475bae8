import { parseConfig } from '../../src/ast/parse.js';
import { buildDevice } from '../../src/model/device.js';
import type { Device } from '../../src/model/types.js';
import { parseIpv4 } from '../../src/flow/ipv4.js';

/** Builds a device model from inline configuration text (leading newline and common indent kept as written). */
export function deviceFrom(text: string, file = 'test.cfg', index = 0): Device {
  const parsed = parseConfig(text, file);
  return buildDevice({ file, text: parsed.text, ast: parsed.ast, index });
}

export function ip(text: string): number {
  const value = parseIpv4(text);
  if (value === undefined) throw new Error(`bad address ${text}`);
  return value;
}
