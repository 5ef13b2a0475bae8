import type { ConfigAst, ParseDiagnostic } from '../../src/ast/types.js';
import type { Device } from '../../src/model/types.js';
import type { ParsedFile } from '../../src/engine/parsed-file.js';
import type { ModelBuilders } from '../../src/engine/model-builders.js';
import { LineIndex, type Range } from '../../src/text/range.js';
import type { Rule, RuleMeta } from '../../rules/types.js';

export function fakeAst(file: string, diagnostics: ParseDiagnostic[] = [], lineCount = 1): ConfigAst {
  return {
    kind: 'config',
    file,
    platform: 'usg',
    globals: {},
    interfaces: [],
    zones: [],
    acls: [],
    ikeProposals: [],
    ikePeers: [],
    ipsecProposals: [],
    ipsecPolicies: [],
    policyTemplates: [],
    ipsecProfiles: [],
    natRules: [],
    natServers: [],
    natAddressGroups: [],
    addressSets: [],
    serviceSets: [],
    routes: [],
    l2tpGroups: [],
    generic: [],
    diagnostics,
    unrecognised: [],
    lineCount,
  };
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
  buildDevice: (input) => ({ ...input, lines: new LineIndex(input.text) }) as unknown as Device,
  buildNetwork: (devices) => ({
    devices,
    tunnels: devices.length >= 2 ? [{ id: `${devices[0].file}<->${devices[1].file}`, ends: [{ device: devices[0] }, { device: devices[1] }] }] : [],
  }),
};

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
    check(context) {
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
