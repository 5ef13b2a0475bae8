import type { PolicyEntry } from '../../src/model/types.js';
import type { ChangeEdit } from '../types.js';

/**
 * The edit adding `tunnel local <address>` as the first line of the view whose settings apply to
 * `entry` (the IPSec policy, or the policy template of a template policy).
 */
export function tunnelLocalInsert(entry: PolicyEntry, address: string): ChangeEdit {
  return { kind: 'insert', line: entry.settingsNode.range.line, into: true, lines: [`tunnel local ${address}`] };
}
