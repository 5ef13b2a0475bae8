import { formatCompact } from './compact.js';
import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatPretty } from './pretty.js';
import { formatSarif } from './sarif.js';
import type { FormatInput, FormatName } from './types.js';

export { FORMAT_NAMES, type FormatInput, type FormatName } from './types.js';

export async function format(name: FormatName, input: FormatInput): Promise<string> {
  switch (name) {
    case 'pretty':
      return formatPretty(input);
    case 'json':
      return formatJson(input);
    case 'sarif':
      return formatSarif(input);
    case 'github':
      return formatGithub(input);
    case 'compact':
      return formatCompact(input);
  }
}
