import type { PresetName } from './registry.js';

export type SeveritySetting = 'off' | 'warn' | 'error';

export interface RuleEntry {
  severity: SeveritySetting;
  /** Present only when the entry was written as `[severity, {options}]`. */
  options?: Record<string, unknown>;
}

export interface TopologyTunnelConfig {
  /** File paths relative to the configuration file, or sysnames. */
  ends: [string, string];
  nat?: boolean;
}

export interface NatAddressConfig {
  public: string;
  private: string;
}

export interface IgnoreFindingEntry {
  /** Bare rule id. */
  rule: string;
  /** Globs relative to the configuration file's directory. */
  files: string[];
  /** The baseline's object path (`ipsec-policy:map1/10`); absent: every finding of the rule in those files. */
  objectPath?: string;
  /** Why the finding is accepted: required, so a reviewer reads it. */
  reason: string;
}

export interface FwlintConfig {
  /** The configuration file, absolute; undefined when running on defaults. */
  path?: string;
  /** Directory the globs and file references are relative to. */
  baseDir: string;
  extends: PresetName;
  rules: Map<string, RuleEntry>;
  overrides: { files: string[]; rules: Map<string, RuleEntry> }[];
  files: string[];
  ignores: string[];
  /** Reviewed, permanent suppressions: the counterpart of the baseline kept in the config file. */
  ignoreFindings: IgnoreFindingEntry[];
  topology: { tunnels: TopologyTunnelConfig[]; natAddresses: NatAddressConfig[] };
}

/** A problem with the configuration file or the command line: exit code 2, one line on stderr. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}
