import type { Rule } from 'eslint';
import { toLintResults } from './eslint-results.js';
import { namespacedRuleId, ruleDocsUrl } from './docs-url.js';
import type { FormatInput } from './types.js';

/**
 * eslint-formatter-pretty, loaded lazily: chalk decides on colour when it is imported, so the CLI
 * sets NO_COLOR/FORCE_COLOR first. The formatter sorts in place; it gets fresh objects.
 */
export async function formatPretty(input: FormatInput): Promise<string> {
  const { default: pretty } = await import('eslint-formatter-pretty');
  const rulesMeta: Record<string, Rule.RuleMetaData> = {};
  for (const meta of input.metas.values()) {
    rulesMeta[namespacedRuleId(meta.id)] = { docs: { description: meta.description, url: ruleDocsUrl(meta.id) } };
  }
  const results = toLintResults(input).filter((r) => r.messages.length > 0);
  return pretty(results, { cwd: input.cwd, rulesMeta });
}
