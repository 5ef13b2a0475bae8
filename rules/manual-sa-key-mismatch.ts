import type { ManualSaSettings } from '../src/ast/types.js';
import type { TunnelEnd } from '../src/network/types.js';
import type { Range } from '../src/text/range.js';
import type { Report } from './types.js';
import { endPairs, relatedAt, type TunnelRule } from './_lib/tunnel-ends.js';
import { NO_OPTIONS } from './_lib/options.js';

type Protocol = 'esp' | 'ah';
type ManualKey = ManualSaSettings['keys'][number];

function manualOf(end: TunnelEnd): ManualSaSettings {
  return end.entry.settingsNode.manual;
}

function keyForm(kind: ManualKey['kind']): string {
  return kind === 'string-key' ? 'string' : 'hexadecimal';
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
    noFix:
      "Mirroring a manual SA copies the other end's keys, and fwlint never writes a secret into a fix; the finding names the SPI and key lines to align on both ends.",
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
          }));
        }
        const outKeys = mine.keys.filter((k) => k.direction === 'outbound' && k.protocol === protocol);
        const inKeys = theirs.keys.filter((k) => k.direction === 'inbound' && k.protocol === protocol);
        const formClash = outKeys.flatMap((o) => inKeys.filter((i) => keyForm(i.kind) !== keyForm(o.kind)).map((i) => [o, i] as const))[0];
        if (formClash) {
          const [o, i] = formClash;
          reportBoth(end, o.value.range, other, i.value.range, 'formDiffers', (outbound) => {
            const [here, there] = outbound ? [o, i] : [i, o];
            return { protocol: protocol.toUpperCase(), form: keyForm(here.kind), kind: here.kind, otherForm: keyForm(there.kind), otherKind: there.kind };
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
          reportBoth(end, o.value.range, other, i.value.range, 'keyDiffers', () => ({ protocol: protocol.toUpperCase(), kind: o.kind }));
        }
      }
    }
  },
};

export default rule;
