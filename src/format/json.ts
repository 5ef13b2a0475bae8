import { toLintResults } from './eslint-results.js';
import type { FormatInput } from './types.js';

export function formatJson(input: FormatInput): string {
  return `${JSON.stringify(toLintResults(input))}\n`;
}
