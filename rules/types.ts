import type { Range } from '../src/text/range.js';

export type Severity = 'error' | 'warning';

/**
 * The phases a tunnel goes through, in order: an end starts (or answers) the negotiation, IKE
 * phase 1, IPSec phase 2, then protected traffic flows.
 */
export const TUNNEL_PHASES = ['initiation', 'ike', 'ipsec', 'traffic'] as const;
export type TunnelPhase = (typeof TUNNEL_PHASES)[number];

export interface RuleMeta {
  /** Kebab-case name of the problem flagged; public id is `fwlint/<id>`. */
  id: string;
  description: string;
  /** `device` rules run once per file; `tunnel` rules once per paired tunnel; `network` rules once per run. */
  scope: 'device' | 'tunnel' | 'network';
  /**
   * Device rules only: findings may point at lines of another device (related locations). In
   * repository mode, on a peer of a target only findings pointing into a target are kept, so device
   * rules without this flag run on the targets alone.
   */
  relatesOtherDevices?: boolean;
  defaultSeverity: Severity;
  /** Presets the rule is enabled in. `recommended` implies `strict`. */
  presets: readonly ('recommended' | 'strict')[];
  tags: readonly string[];
  /** Message templates: `{{name}}` placeholders filled from report data. Literal values go in double quotes. */
  messages: Record<string, string>;
  /**
   * The phase of a tunnel a finding of this rule stops (the tunnel review's verdict):
   * - `initiation`: the end takes no part in the negotiation (it never starts it, and a policy the
   *   device does not apply or create cannot answer it either);
   * - `ike`: phase 1 cannot complete;
   * - `ipsec`: phase 2 cannot complete;
   * - `traffic`: the tunnel comes up, but protected traffic (or IKE/ESP in one direction) is dropped
   *   or translated.
   * One phase for every message of the rule, or a phase per messageId: messages not named there
   * are advice that stops nothing. Absent for hygiene rules (weak algorithms, DPD, MSS): the
   * tunnel comes up and carries its traffic.
   */
  breaks?: TunnelPhase | Readonly<Partial<Record<string, TunnelPhase>>>;
  /**
   * The reason strings Huawei devices print (`display ike error-info`, `display ike offline-info`,
   * IPSEC/4/IPSECNEGOFAIL and teardown logs) when the fault this rule detects happens at runtime,
   * spelled as the guide prints them ("phase1 proposal mismatch"). `fwlint explain` maps a device's
   * record back to these rules; docs/huawei-reasons.md is generated from them.
   */
  reasons?: readonly string[];
  /**
   * What the rule's findings carry to correct them (ESLint's `meta.fixable` / `meta.hasSuggestions`):
   * `fixable` when some finding has a `fix` (applied by `--fix`, or `--unsafe-fixes` when unsafe),
   * `hasSuggestions` when some finding has `suggestions`. A rule with neither says why in `noFix`
   * (shown on its page). test/fix/fixes.test.ts checks each against the rule's flagged example.
   */
  fixable?: boolean;
  hasSuggestions?: boolean;
  noFix?: string;
  /** JSON Schema (2020-12) of the rule's options object. */
  optionsSchema?: Record<string, unknown>;
  since: string;
}

export interface RelatedLocation {
  file: string;
  range: Range;
  message: string;
}

/** ruff's levels: `safe` keeps the meaning of everything but the fault (`--fix`); `unsafe` needs `--unsafe-fixes`. */
export type FixApplicability = 'safe' | 'unsafe';

/**
 * One step of a change, in terms of the configuration's lines (1-based) and views; src/fix/generate.ts
 * turns it into both a text edit of the file and the VRP commands that make the change on a device.
 */
export type ChangeEdit =
  /** Replace a span of one line (a value): the command is the edited line, typed in that line's view. */
  | { kind: 'replace'; range: Range; text: string }
  /** Replace the whole of `line` (its indentation kept) with `text`, typed in that line's view. */
  /**
   * With `undo`, the line cannot be typed again with the new value while the old one exists (`nat server`):
   * the device runs `undo` first, then the new line, one right after the other. With `enters`, the
   * typed line opens a view on the device although the file shows it without children (a
   * template-based policy, `ipsec policy P SEQ isakmp template T`): `quit` follows it.
   */
  | { kind: 'line'; line: number; text: string; undo?: string; enters?: boolean }
  /**
   * Insert lines after `line` (after its whole block) as its siblings, or with `into: true` as the
   * first children of the view `line` opens (with `end: true` too, as its last children). Lines are written without indentation, one leading
   * space per extra level (`rule name x`, ` action no-nat`); `commands` follow the lines in that view
   * (`rule move x before y`).
   */
  | { kind: 'insert'; line: number; into?: boolean; end?: boolean; lines: string[]; commands?: string[] }
  /**
   * Move the block at `line` (a rule of a rule list) before its sibling block at `before`; `command`
   * does it on a device (`rule move no-nat-vpn before internet`).
   */
  | { kind: 'move'; line: number; before: number; command: string }
  /** Delete `line` and its block; `undo` is the command that removes it on a device (`undo remote-address`). */
  | { kind: 'delete'; line: number; undo: string }
  /**
   * A change made on the device alone, the file left as it is: `commands` are typed in the view
   * `line` sits in, and the text edit is empty (`[offset, offset]`, `''` at the start of `line`).
   * For a value fwlint never writes into a file, a key: the commands hold a placeholder
   * (`pre-shared-key <the key of the other end>`), and the suggestion's `desc` says the file must be
   * edited by hand. It is the change's only edit, it never holds a secret of the file, and it is only
   * ever a suggestion: it cannot remove the finding (the file is unchanged), so it is never a `fix`,
   * `--fix` never applies it and SARIF leaves it out of `fixes` (an empty replacement).
   */
  | { kind: 'device-only'; line: number; commands: string[] };

export interface ChangeSpec {
  /** File the change is for; defaults to the file of the report. */
  file?: string;
  /** Defaults to `safe`. */
  applicability?: FixApplicability;
  edits: ChangeEdit[];
}

export interface Report {
  /** One unambiguous change that removes the finding (ESLint's `fix`). Never carries a secret, nor a `device-only` edit. */
  fix?: ChangeSpec;
  /** Alternatives the user chooses between (ESLint's `suggestions`); never applied automatically. A `device-only` change is one only here. */
  suggestions?: { desc: string; change: ChangeSpec }[];
  /** File the finding is reported in; defaults to the device being checked (device rules). */
  file?: string;
  range: Range;
  messageId: string;
  data?: Record<string, string | number>;
  /** Overrides the rule's configured severity for this finding (rules with an error and a warning case). */
  severity?: Severity;
  /** Stable object path for baselines and fingerprints (`ipsec-policy:map1/10`). */
  objectPath: string;
  related?: RelatedLocation[];
}

/** "Not checked" / "cannot verify" notes shown with `--verbose`. */
export interface Note {
  file: string;
  message: string;
}

import type { Device, PolicyEntry } from '../src/model/types.js';
import type { Network, Tunnel } from '../src/network/types.js';

interface ContextBase<O> {
  network: Network;
  /** Options after defaults from `optionsSchema` were applied. */
  options: O;
  report(report: Report): void;
  /** Records why something could not be checked ("not checked: the other end is not in this run"). */
  note(file: string, message: string): void;
}

export interface DeviceRuleContext<O = Record<string, unknown>> extends ContextBase<O> {
  device: Device;
  /**
   * The policy entries whose findings this run can report: all of `device.entries`, except on a peer
   * of a target in repository mode, where only the entries with a tunnel to a target are kept.
   */
  entries: readonly PolicyEntry[];
}

export interface TunnelRuleContext<O = Record<string, unknown>> extends ContextBase<O> {
  tunnel: Tunnel;
}

export type NetworkRuleContext<O = Record<string, unknown>> = ContextBase<O>;

export type Rule<O = Record<string, unknown>> =
  | { meta: RuleMeta & { scope: 'device' }; check(context: DeviceRuleContext<O>): void }
  | { meta: RuleMeta & { scope: 'tunnel' }; check(context: TunnelRuleContext<O>): void }
  | { meta: RuleMeta & { scope: 'network' }; check(context: NetworkRuleContext<O>): void };

export type DeviceRule<O = Record<string, unknown>> = Extract<Rule<O>, { meta: { scope: 'device' } }>;
export type TunnelRule<O = Record<string, unknown>> = Extract<Rule<O>, { meta: { scope: 'tunnel' } }>;
export type NetworkRule<O = Record<string, unknown>> = Extract<Rule<O>, { meta: { scope: 'network' } }>;
