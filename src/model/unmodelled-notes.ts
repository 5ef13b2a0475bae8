import type { ConfigAst, UnmodelledNode } from '../ast/types.js';
import { UNMODELLED_DESCRIPTIONS, UNMODELLED_FEATURES } from '../ast/unmodelled.js';

/** Lines listed per feature in a note; the rest are counted. */
const LISTED = 5;

/**
 * One note per feature a device uses and fwlint does not check, naming its lines, so that no
 * finding reads as "all good" for them (issue #17). Quoted words are those the AST keeps for an
 * unmodelled statement: keywords and names, never a secret.
 */
export function unmodelledNotes(ast: ConfigAst): string[] {
  if (ast.unmodelled.length === 0) return [];
  const byFeature = new Map<string, UnmodelledNode[]>();
  for (const node of ast.unmodelled) {
    const list = byFeature.get(node.feature);
    if (list) list.push(node);
    else byFeature.set(node.feature, [node]);
  }
  const notes: string[] = [];
  for (const feature of UNMODELLED_FEATURES) {
    const nodes = byFeature.get(feature);
    if (!nodes) continue;
    const listed = nodes.slice(0, LISTED).map((n) => `line ${n.range.line} "${n.command}"${n.view ? ` in "${n.view}"` : ''}`);
    const more = nodes.length > LISTED ? `, and ${nodes.length - LISTED} more` : '';
    notes.push(`${UNMODELLED_DESCRIPTIONS[feature]} (${listed.join(', ')}${more})`);
  }
  return notes;
}
