import type { Rule, RuleMeta } from '../../rules/types.js';
import { BUILTIN_METAS } from './builtin-rules.js';

export type PresetName = 'recommended' | 'strict';
export const PRESET_NAMES: readonly PresetName[] = ['recommended', 'strict'];

/** Rules indexed by id, plus the metas of the engine's own pseudo-rules. */
export class RuleRegistry {
  readonly byId: ReadonlyMap<string, Rule>;
  readonly metas: ReadonlyMap<string, RuleMeta>;

  constructor(readonly rules: readonly Rule[]) {
    const byId = new Map<string, Rule>();
    for (const rule of rules) {
      if (byId.has(rule.meta.id)) throw new Error(`duplicate rule id "${rule.meta.id}"`);
      byId.set(rule.meta.id, rule);
    }
    this.byId = byId;
    const metas = new Map<string, RuleMeta>();
    for (const meta of BUILTIN_METAS) metas.set(meta.id, meta);
    for (const rule of rules) metas.set(rule.meta.id, rule.meta);
    this.metas = metas;
  }

  /** Ids a configuration may name: every rule and the configurable pseudo-rules. */
  get configurableIds(): string[] {
    return [...this.metas.keys()].sort();
  }
}

/** `recommended` rules are part of `strict` as well. */
export function isInPreset(meta: RuleMeta, preset: PresetName): boolean {
  if (preset === 'recommended') return meta.presets.includes('recommended');
  return meta.presets.includes('recommended') || meta.presets.includes('strict');
}

/** What a rule's findings offer (`fwlint rules`, the README table): `fix` (some are fixed by --fix / --unsafe-fixes), `sugg` (suggestions only), `fix+sugg`, or `-`. */
export function fixKind(meta: RuleMeta): 'fix' | 'sugg' | 'fix+sugg' | '-' {
  if (meta.fixable) return meta.hasSuggestions ? 'fix+sugg' : 'fix';
  return meta.hasSuggestions ? 'sugg' : '-';
}
