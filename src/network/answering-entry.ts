import type { Address } from '../flow/address.js';

/**
 * Which entry of a device answers a tunnel that reaches it on one of its addresses — the one
 * definition shared by `buildNetwork` (on modelled devices) and repository mode's context
 * selection (on the small summaries cached per file), so the two cannot pair differently.
 */

/** What the choice reads of an entry, whatever the entry's type. */
export interface AnswerView<E> {
  local(entry: E): Address | undefined;
  template(entry: E): boolean;
  /** The single addresses it points at (ranges left out: a range never points "back"). */
  singleTargets(entry: E): Address[];
  /** Points nowhere (no remote address): it waits for the other end. */
  passive(entry: E): boolean;
}

/** Per-device look-ups, built once, so a choice never scans the device's entries. */
export interface AnswerIndex<E> {
  /** `local|target` → entries with that local address pointing at that target. */
  byLocalAndTarget: Map<string, E[]>;
  /** local address → template (responder) entries. */
  templatesByLocal: Map<Address, E[]>;
  templates: E[];
  /** local address → every entry. */
  byLocal: Map<Address, E[]>;
  passive: (entry: E) => boolean;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function indexAnswers<E>(entries: readonly E[], view: AnswerView<E>): AnswerIndex<E> {
  const index: AnswerIndex<E> = { byLocalAndTarget: new Map(), templatesByLocal: new Map(), templates: [], byLocal: new Map(), passive: view.passive };
  for (const entry of entries) {
    const local = view.local(entry);
    if (view.template(entry)) {
      index.templates.push(entry);
      if (local !== undefined) push(index.templatesByLocal, local, entry);
    }
    if (local === undefined) continue;
    push(index.byLocal, local, entry);
    for (const address of view.singleTargets(entry)) push(index.byLocalAndTarget, `${local}|${address}`, entry);
  }
  return index;
}

/**
 * The entry on the owning device that answers: one pointing back at the initiator (at any address
 * it is seen as) from the matched address, else a template responder on that address (or any
 * template), else an entry on that address without remote addresses, else any entry on it.
 */
export function answeringEntry<E>(
  index: AnswerIndex<E>,
  ownerAddress: Address,
  initiatorLocal: Address | undefined,
  visibleAs: (address: Address) => Address[],
): { entry: E; mutual: boolean } | undefined {
  if (initiatorLocal !== undefined) {
    for (const seenAs of visibleAs(initiatorLocal)) {
      const mutual = index.byLocalAndTarget.get(`${ownerAddress}|${seenAs}`);
      if (mutual && mutual.length > 0) return { entry: mutual[0], mutual: true };
    }
  }
  const templates = index.templatesByLocal.get(ownerAddress) ?? index.templates;
  if (templates.length > 0) return { entry: templates[0], mutual: false };
  const onAddress = index.byLocal.get(ownerAddress) ?? [];
  const passive = onAddress.find(index.passive);
  if (passive) return { entry: passive, mutual: false };
  return onAddress.length > 0 ? { entry: onAddress[0], mutual: false } : undefined;
}

/** `./hq.cfg` and `hq.cfg`, `a\\b.cfg` and `a/b.cfg` name the same file (topology declarations, targets). */
export function normaliseRef(ref: string): string {
  return ref.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
}
