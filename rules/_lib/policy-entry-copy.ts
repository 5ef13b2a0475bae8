import type { PolicySettings, ViewNode } from '../../src/ast/types.js';
import type { Device, PolicyGroup } from '../../src/model/types.js';

/** Line numbers of the statements of a policy (or template) view that the model reads. */
function knownLines(settings: PolicySettings): Set<number> | undefined {
  if (settings.manual.spi.length > 0 || settings.manual.keys.length > 0) return undefined;
  const lines = new Set<number>();
  const add = (range: { line: number } | undefined): void => {
    if (range) lines.add(range.line);
  };
  for (const value of [settings.acl, settings.aclIpv6, settings.ikePeer, settings.pfs, settings.tunnelLocal, settings.tunnelRemote, settings.triggerMode, settings.alias, settings.routeInject, settings.routeInjectPreference]) {
    add(value?.range);
  }
  for (const proposal of settings.proposals) add(proposal.range);
  add(settings.disabled);
  return lines;
}

/**
 * The lines of a policy or template view (without indentation), to type them again into a new
 * ISAKMP policy view: only when every line of the view is a statement the model reads (security
 * ACL, IKE peer, proposals, PFS, tunnel addresses, trigger mode, alias, route injection), so
 * nothing unread, and never a secret, is copied. Undefined otherwise.
 */
export function settingsLines(device: Device, node: PolicySettings & ViewNode): string[] | undefined {
  const known = knownLines(node);
  if (!known) return undefined;
  const first = node.range.line + 1;
  const block = node.blockRange;
  const last = block.endColumn === 1 && block.endLine > node.range.line ? block.endLine - 1 : block.endLine;
  const starts = device.lines.lineStarts;
  const out: string[] = [];
  for (let line = first; line <= last; line++) {
    const start = starts[line - 1];
    const end = line < starts.length ? starts[line] - 1 : device.text.length;
    const body = device.text.slice(start, end).replace(/\r$/, '').trim();
    if (body.length === 0 || body.startsWith('#')) continue;
    if (!known.has(line)) return undefined;
    out.push(body);
  }
  return out;
}

/**
 * A sequence number for a new policy of the group that matches just before `seq`: the highest free
 * one below it and above every other sequence below it; undefined when there is none.
 */
export function sequenceBefore(group: PolicyGroup | undefined, seq: number): number | undefined {
  const below = (group?.entries ?? []).map((e) => e.seq).filter((s) => s < seq);
  const floor = Math.max(0, ...below);
  return seq - 1 > floor ? seq - 1 : undefined;
}
