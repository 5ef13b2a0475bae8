import type { ConfigAst } from '../ast/types.js';
import type { LineIndex, Range } from '../text/range.js';

/**
 * An effective setting: the explicit line if there is one, else the default for the detected
 * platform/version (huawei-syntax.md §6), else unknown. Rules never claim a mismatch on `unknown`.
 */
export type Effective<T> =
  | { source: 'explicit'; value: T; range: Range }
  | { source: 'default'; value: T }
  | { source: 'unknown' };

/**
 * One device (one configuration file). The model helper fleshes this out with resolved
 * references, effective values and flow evaluation; the fields below are the contract the
 * engine relies on.
 */
export interface DeviceBase {
  /** Path as shown in reports (relative to the working directory, forward slashes). */
  file: string;
  text: string;
  lines: LineIndex;
  ast: ConfigAst;
}

/** Extended by src/model with resolved references, effective values and flow evaluation. */
export interface Device extends DeviceBase {
  /** Index in the network's device list. */
  index: number;
}
