import type { ManualSaSettings } from '../src/ast/types.js';
import type { TunnelEnd } from '../src/network/types.js';
import type { Range } from '../src/text/range.js';
import type { Report } from './types.js';
import { endPairs, relatedAt, type TunnelRule } from './_lib/tunnel-ends.js';
import { NO_OPTIONS } from './_lib/options.js';
import { KEY_PLACEHOLDER, manualSaKeyCommand } from './_lib/key-command.js';

type Protocol = 'esp' | 'ah';
type ManualKey = ManualSaSettings['keys'][number];
type Direction = 'inbound' | 'outbound';
type Suggestions = NonNullable<Report['suggestions']>;

function manualOf(end: TunnelEnd): ManualSaSettings {
  return end.entry.settingsNode.manual;
}

function keyForm(kind: ManualKey['kind']): string {
  return kind === 'string-key' ? 'string' : 'hexadecimal';
}

function mirror(direction: Direction): Direction {
  return direction === 'outbound' ? 'inbound' : 'outbound';
}

/**
 * A key is a secret fwlint never writes: a commands-only suggestion (an empty text edit, the file
 * left unchanged) typing the key line again with the placeholder in place of the key.
 */
function keySuggestion(here: TunnelEnd, hereRange: Range, there: TunnelEnd, direction: Direction, protocol: Protocol, kind: ManualKey['kind'], what: string): Suggestions {
  return [{
    desc: `${what}: type these commands on ${here.device.name} with that key in place of ${KEY_PLACEHOLDER}, then edit this file by hand (fwlint never writes a key, so the file is left unchanged)`,
    change: { file: here.device.file, edits: [{ kind: 'device-only', line: hereRange.line, commands: [manualSaKeyCommand(kind, direction, protocol)] }] },
  }];
}

const rule: TunnelRule = {
  meta: {
    id: 'manual-sa-key-mismatch',
    description: 'Manual IPSec SAs whose SPIs or keys do not mirror the other end',
    scope: 'tunnel',
    defaultSeverity: 'error',
    presets: ['recommended', 'strict'],
    tags: ['ipsec', 'manual-sa', 'two-end'],
    breaks: 'ipsec',
    messages: {
      spiDiffers:
        'The {{direction}} {{protocol}} SPI is "{{value}}" here but the {{otherDirection}} {{protocol}} SPI on {{other}} is "{{otherValue}}": packets of that direction find no SA and are dropped; make the outbound SPI of each end equal the inbound SPI of the other.',
      keyDiffers:
        'The {{direction}} {{protocol}} key ("sa {{kind}}") here differs from the {{otherDirection}} key on {{other}}: packets fail authentication or decryption; enter the same key for this direction on both ends.',
      formDiffers:
        'The {{direction}} {{protocol}} key is entered as a {{form}} ("sa {{kind}}") here but as a {{otherForm}} ("sa {{otherKind}}") on {{other}}: the ends derive different keys and the tunnel cannot be set up; enter the key the same way on both ends.',
    },
    optionsSchema: NO_OPTIONS,
    hasSuggestions: true,
    since: '0.1.0',
  },
  check(context) {
    const { tunnel } = context;
    if (tunnel.ends.some((end) => end.entry.role !== 'manual')) return;
    /** One finding at each of the two lines that must agree (our outbound, their inbound). */
    const reportBoth = (
      end: TunnelEnd,
      range: Range,
      other: TunnelEnd,
      otherRange: Range,
      messageId: string,
      data: (outbound: boolean) => Record<string, string>,
      suggest: (here: TunnelEnd, hereRange: Range, there: TunnelEnd, direction: Direction) => Suggestions,
    ): void => {
      const sides: [TunnelEnd, Range, TunnelEnd, Range, boolean][] = [
        [end, range, other, otherRange, true],
        [other, otherRange, end, range, false],
      ];
      for (const [here, hereRange, there, thereRange, outbound] of sides) {
        const report: Report = {
          file: here.device.file,
          range: hereRange,
          objectPath: here.entry.settingsNode.path,
          messageId,
          data: { ...data(outbound), direction: outbound ? 'outbound' : 'inbound', otherDirection: outbound ? 'inbound' : 'outbound', other: there.device.name },
          related: relatedAt(there, thereRange, `the ${outbound ? 'inbound' : 'outbound'} SA on ${there.device.name}`),
          // Which end is right is a choice: each end's finding suggests making that end match the other.
          suggestions: suggest(here, hereRange, there, outbound ? 'outbound' : 'inbound'),
        };
        context.report(report);
      }
    };
    for (const [end, other] of endPairs(tunnel)) {
      const mine = manualOf(end);
      const theirs = manualOf(other);
      for (const protocol of ['esp', 'ah'] as Protocol[]) {
        const out = mine.spi.find((s) => s.direction === 'outbound' && s.protocol === protocol);
        const inbound = theirs.spi.find((s) => s.direction === 'inbound' && s.protocol === protocol);
        if (out && inbound && out.value.value !== inbound.value.value) {
          reportBoth(end, out.value.range, other, inbound.value.range, 'spiDiffers', (outbound) => ({
            protocol: protocol.toUpperCase(),
            value: String(outbound ? out.value.value : inbound.value.value),
            otherValue: String(outbound ? inbound.value.value : out.value.value),
          }), (here, hereRange, there, direction) => {
            // SPIs are no secret: this end's SPI becomes the one mirroring the other end's.
            const value = String(here === end ? inbound.value.value : out.value.value);
            return [{
              desc: `Make ${here.device.name} match ${there.device.name}: sa spi ${direction} ${protocol} ${value} (the ${mirror(direction)} ${protocol.toUpperCase()} SPI there)`,
              change: { file: here.device.file, edits: [{ kind: 'replace', range: hereRange, text: value }] },
            }];
          });
        }
        const outKeys = mine.keys.filter((k) => k.direction === 'outbound' && k.protocol === protocol);
        const inKeys = theirs.keys.filter((k) => k.direction === 'inbound' && k.protocol === protocol);
        const formClash = outKeys.flatMap((o) => inKeys.filter((i) => keyForm(i.kind) !== keyForm(o.kind)).map((i) => [o, i] as const))[0];
        if (formClash) {
          const [o, i] = formClash;
          reportBoth(end, o.value.range, other, i.value.range, 'formDiffers', (outbound) => {
            const [here, there] = outbound ? [o, i] : [i, o];
            return { protocol: protocol.toUpperCase(), form: keyForm(here.kind), kind: here.kind, otherForm: keyForm(there.kind), otherKind: there.kind };
          }, (here, hereRange, there, direction) => {
            const [mineKey, theirKey] = here === end ? [o, i] : [i, o];
            return keySuggestion(here, hereRange, there, direction, protocol, theirKey.kind,
              `Enter the ${direction} ${protocol.toUpperCase()} key of ${here.device.name} as ${there.device.name} does, as a ${keyForm(theirKey.kind)} ("sa ${theirKey.kind}" instead of "sa ${mineKey.kind}"), with the ${mirror(direction)} key there`);
          });
          continue;
        }
        for (const o of outKeys) {
          const i = inKeys.find((k) => k.kind === o.kind);
          if (!i) continue;
          if (o.value.digest === undefined || i.value.digest === undefined) {
            context.note(end.device.file, `cannot verify the ${protocol} "sa ${o.kind}" keys of ${tunnel.id}: a key is encrypted`);
            continue;
          }
          if (o.value.digest === i.value.digest) continue;
          reportBoth(end, o.value.range, other, i.value.range, 'keyDiffers', () => ({ protocol: protocol.toUpperCase(), kind: o.kind }), (here, hereRange, there, direction) =>
            keySuggestion(here, hereRange, there, direction, protocol, o.kind,
              `Make the ${direction} ${protocol.toUpperCase()} key of ${here.device.name} ("sa ${o.kind}") the ${mirror(direction)} key on ${there.device.name}`));
        }
      }
    }
  },
};

export default rule;
