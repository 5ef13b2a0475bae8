import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Memo, MemoSlot } from '../../src/model/memo.js';
import { lookupsOf } from '../../src/model/lookups.js';
import { buildNetwork } from '../../src/network/build.js';
import { tunnelsOfEntry } from '../../src/network/entry-tunnels.js';
import { deviceFrom } from './helpers.js';
import { repoRoot } from '../helpers/rule-harness.js';

describe('Memo', () => {
  it('computes a slot value once per key and keeps slots apart', () => {
    const memo = new Memo();
    const doubled = new MemoSlot<{ n: number }, number>('doubled');
    const negated = new MemoSlot<{ n: number }, number>('negated');
    const a = { n: 2 };
    const b = { n: 5 };
    let calls = 0;
    const double = (key: { n: number }) => (calls++, key.n * 2);
    expect(memo.peek(doubled, a)).toBeUndefined();
    expect(memo.get(doubled, a, double)).toBe(4);
    expect(memo.get(doubled, a, double)).toBe(4);
    expect(memo.get(doubled, b, double)).toBe(10);
    expect(memo.get(negated, a, (key) => -key.n)).toBe(-2);
    expect(calls).toBe(2);
    expect(memo.peek(doubled, a)).toBe(4);
    expect([...memo.computed()]).toEqual([['doubled', 2], ['negated', 1]]);
  });

  it('keeps a computed undefined instead of computing it again', () => {
    const memo = new Memo();
    const slot = new MemoSlot<object, undefined>('nothing');
    const key = {};
    let calls = 0;
    memo.get(slot, key, () => void calls++);
    memo.get(slot, key, () => void calls++);
    expect(calls).toBe(1);
  });

  it('a device keeps its facts in its own memo, a network in its own: a second run computes again', () => {
    const text = '#\nacl number 3000\n rule 5 permit ip source 10.1.1.0 0.0.0.255 destination 10.2.2.0 0.0.0.255\n#\nipsec policy m 10 isakmp\n security acl 3000\n#\nreturn\n';
    const device = deviceFrom(text);
    const entry = device.entries[0];
    expect(entry.mirroredProtectedFlows).toBe(entry.mirroredProtectedFlows);
    expect(lookupsOf(device.ast).memo.computed().get('mirrored protected flows')).toBe(1);
    const first = buildNetwork([device]);
    const second = buildNetwork([device]);
    tunnelsOfEntry(first, entry);
    tunnelsOfEntry(first, entry);
    expect(first.memo.computed().get('tunnels by entry')).toBe(1);
    expect(second.memo.computed().get('tunnels by entry')).toBeUndefined();
  });
});

/**
 * Derived facts live in a `Memo` owned by what they describe (src/model/memo.ts). What stays at
 * module level is process-wide on purpose, each with its reason; a new module-level cache fails here.
 */
const PROCESS_WIDE_CACHES: Record<string, string> = {
  'src/model/lookups.ts': 'lookupsByAst: the anchor from an AST to its Lookups, which own the device memo',
  'src/model/ipsec-control-traffic.ts': 'controlTrafficCache: a pure function of its address and option text, bounded (65,536 keys)',
  'src/flow/address.ts': 'wordCache: IPv6 text to words, a pure function of the text, bounded (65,536 keys)',
};

describe('no module-level caches outside the memo', () => {
  it('src/model, src/network, src/flow and rules/ declare none but the listed process-wide ones', () => {
    const found = new Set<string>();
    for (const dir of ['src/model', 'src/network', 'src/flow', 'rules', 'rules/_lib']) {
      for (const name of readdirSync(path.join(repoRoot, dir)).filter((n) => n.endsWith('.ts'))) {
        const file = `${dir}/${name}`;
        const text = readFileSync(path.join(repoRoot, file), 'utf8');
        // a top-level `const x = new WeakMap|WeakSet|Map<…>()` with no entries: a cache, not a table
        if (/^(?:export )?const \w+(?:: [^=]+)? = new (?:WeakMap|WeakSet|Map)<[^>]*(?:<[^>]*>[^>]*)*>\(\);/m.test(text)) found.add(file);
      }
    }
    expect([...found].sort()).toEqual(Object.keys(PROCESS_WIDE_CACHES).sort());
  });
});
