import { emptyAst } from '../../src/ast/empty.js';
import type { ConfigAst, ParseDiagnostic } from '../../src/ast/types.js';
import type { Device } from '../../src/model/types.js';
import { buildDevice } from '../../src/model/device.js';
import { emptyNetwork } from '../../src/network/build.js';
import type { Tunnel } from '../../src/network/types.js';
import type { ParsedFile } from '../../src/engine/parsed-file.js';
import type { ModelBuilders } from '../../src/engine/model-builders.js';
import { LineIndex, type Range } from '../../src/text/range.js';
import type { DeviceRuleContext, Rule, RuleMeta } from '../../rules/types.js';

export function fakeAst(file: string, diagnostics: ParseDiagnostic[] = [], lineCount = 1): ConfigAst {
  return { ...emptyAst(file), platform: 'usg', diagnostics, lineCount };
}

export function parsedFile(file: string, text: string, diagnostics: ParseDiagnostic[] = []): ParsedFile {
  return { file, text, ast: fakeAst(file, diagnostics, new LineIndex(text).lineCount) };
}

/** Range of `needle`'s first occurrence in `text`. */
export function rangeOf(text: string, needle: string): Range {
  const start = text.indexOf(needle);
  if (start < 0) throw new Error(`"${needle}" not in text`);
  return new LineIndex(text).rangeAt(start, start + needle.length);
}

/** Devices are the parsed files plus a line index; tunnels pair consecutive devices. */
export const fakeBuilders: ModelBuilders = {
  buildDevice,
  buildNetwork: (devices) => ({
    ...emptyNetwork(devices),
    tunnels: devices.length >= 2 ? [fakeTunnel(devices[0], devices[1])] : [],
  }),
};

function fakeTunnel(a: Device, b: Device): Tunnel {
  return { id: `${a.file}<->${b.file}`, ends: [{ device: a }, { device: b }], nat: { present: false, reason: 'none' } } as unknown as Tunnel;
}

export function meta(id: string, overrides: Partial<RuleMeta> = {}): RuleMeta {
  return {
    id,
    description: `Test rule ${id}`,
    scope: 'device',
    defaultSeverity: 'error',
    presets: ['recommended'],
    tags: ['test'],
    messages: { found: 'Found "{{what}}"' },
    since: '0.1.0',
    ...overrides,
  };
}

/** A device rule reporting every occurrence of `needle`. */
export function needleRule(id: string, needle: string, overrides: Partial<RuleMeta> = {}): Rule {
  return {
    meta: { ...meta(id, overrides), scope: 'device' },
    check(context: DeviceRuleContext) {
      const { text, file } = context.device;
      let from = 0;
      for (;;) {
        const at = text.indexOf(needle, from);
        if (at < 0) break;
        context.report({
          range: context.device.lines.rangeAt(at, at + needle.length),
          messageId: 'found',
          data: { what: needle },
          objectPath: `needle:${needle}/${at}`,
        });
        from = at + needle.length;
      }
      if (from === 0) context.note(file, `no "${needle}"`);
    },
  };
}
