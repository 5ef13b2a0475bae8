/** Where the repository is published; change here and every docs link follows. */
export const REPOSITORY_URL = 'https://github.com/fwlint/fwlint';
export const DOCS_BASE_URL = `${REPOSITORY_URL}/blob/main`;

export function ruleDocsUrl(ruleId: string): string {
  return `${DOCS_BASE_URL}/docs/rules/${ruleId}.md`;
}

export function namespacedRuleId(ruleId: string): string {
  return `fwlint/${ruleId}`;
}
