import { describePossibleDefaults, possibleDefaults, type DefaultsTable } from '../../src/model/defaults.js';
import type { Device, Effective } from '../../src/model/types.js';
import type { FieldDifference } from '../../src/model/negotiation.js';

/** One end's side of a proposal pair whose verdict is unknown. */
export interface UnknownSide<P, F extends string> {
  device: Device;
  proposal: P;
  /** How the proposal is named in a note: `IKE proposal "10"`, `the built-in IKE proposal "default"`. */
  what: string;
  /** The default-table value the absent line stands for, per family. */
  pick: (field: F) => (table: DefaultsTable) => string | readonly string[] | undefined;
  value: (field: F) => Effective<unknown>;
}

/**
 * Why one absent line cannot be judged: the device's family does not document it, or the version
 * is unknown and the documented families disagree, in which case the possible values are named
 * (`group2 (AR V200R007) or group14 (AR V200R010 and later, V300)`).
 */
function reason<P, F extends string>(side: UnknownSide<P, F>, field: F, line: string): string {
  const { device } = side;
  if (device.defaultsProfile !== 'unknown') {
    return `${side.what} on ${device.name} has no "${line}" line and its ${device.defaults.label} default is not documented`;
  }
  const possible = describePossibleDefaults(possibleDefaults(device.ast.platform, side.pick(field)));
  const platform = device.ast.platform === 'unknown' ? 'platform and software version' : 'software version';
  return `${side.what} on ${device.name} has no "${line}" line and its default depends on the ${platform}, which the file does not show: ${possible}`;
}

/**
 * The "cannot verify" note of a proposal pair whose only differences are unknown values: each
 * absent line whose default is not known, with the values it may stand for, and what to write.
 * Undefined when no difference comes from an absent line (a missing proposal, a broken reference):
 * the caller keeps its general note.
 */
export function unknownDefaultsNote<P, F extends string>(
  subject: string,
  differences: readonly FieldDifference<F>[],
  sides: readonly [UnknownSide<P, F>, UnknownSide<P, F>],
  lines: Record<F, string>,
): string | undefined {
  const reasons: string[] = [];
  const fields: string[] = [];
  for (const { field, verdict } of differences) {
    if (verdict !== 'unknown') continue;
    for (const side of sides) {
      if (side.value(field).source !== 'unknown') continue;
      reasons.push(reason(side, field, lines[field]));
      if (!fields.includes(lines[field])) fields.push(lines[field]);
    }
  }
  if (reasons.length === 0) return undefined;
  const write = fields.map((line) => `"${line}"`).join(', ');
  return `cannot verify ${subject}: ${reasons.join('; ')}; write ${write} explicitly on both ends (or add the version header) so the two ends can be compared`;
}
