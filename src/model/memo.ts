/**
 * Derived facts computed once and kept for the life of what they describe — a device's
 * configuration (`Lookups.memo`) or the run's network (`Network.memo`) — instead of module-level
 * caches that outlive the run and hide which object owns them. A slot names one kind of fact;
 * values are held weakly by the object they were computed for.
 */
export class MemoSlot<K extends object, V> {
  /** `V` appears only in the type: a slot's values are of one type. */
  declare private readonly valueType: V;
  declare private readonly keyType: K;

  constructor(readonly name: string) {}
}

export class Memo {
  private readonly slots = new Map<MemoSlot<object, unknown>, WeakMap<object, unknown>>();
  private readonly counts = new Map<string, number>();

  /** The value of `slot` for `key`, computed by `compute` the first time it is asked for. */
  get<K extends object, V>(slot: MemoSlot<K, V>, key: K, compute: (key: K) => V): V {
    let values = this.slots.get(slot as MemoSlot<object, unknown>);
    if (!values) this.slots.set(slot as MemoSlot<object, unknown>, (values = new WeakMap()));
    if (values.has(key)) return values.get(key) as V;
    const value = compute(key);
    values.set(key, value);
    this.counts.set(slot.name, (this.counts.get(slot.name) ?? 0) + 1);
    return value;
  }

  /** The value of `slot` for `key` if it was computed, without computing it. */
  peek<K extends object, V>(slot: MemoSlot<K, V>, key: K): V | undefined {
    return this.slots.get(slot as MemoSlot<object, unknown>)?.get(key) as V | undefined;
  }

  /** How many values each slot computed, by slot name (tests and `--timing` read it). */
  computed(): ReadonlyMap<string, number> {
    return this.counts;
  }
}
