import { formatChangesJson, formatChangesMarkdown, formatChangesTable } from './changes.js';
import { formatTunnelHtml } from './html.js';
import { formatTunnelJson } from './json.js';
import { formatTunnelMarkdown } from './markdown.js';
import { formatTunnelTable } from './table.js';
import type { TunnelFormatName, TunnelReportInput } from './types.js';

export { TUNNEL_FORMAT_NAMES, type TunnelFormatName, type TunnelReportInput } from './types.js';
export { tunnelsWithFindingsMarkdown } from './markdown.js';

/** The tunnel review (`fwlint tunnels`) in one of its formats. */
export function formatTunnels(name: TunnelFormatName, input: TunnelReportInput): string {
  const { changes } = input;
  if (changes && name !== 'html') {
    if (name === 'table') return formatChangesTable({ ...input, changes });
    return name === 'json' ? formatChangesJson({ changes }) : formatChangesMarkdown({ changes });
  }
  switch (name) {
    case 'table':
      return formatTunnelTable(input);
    case 'json':
      return formatTunnelJson(input);
    case 'markdown':
      return formatTunnelMarkdown(input);
    case 'html':
      return formatTunnelHtml(input);
  }
}
