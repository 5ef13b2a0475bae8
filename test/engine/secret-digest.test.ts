import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import type { ConfigAst } from '../../src/ast/types.js';
import { hasSecretDigest } from '../../src/engine/cache.js';
import { parseConfig } from '../../src/ast/parse.js';

const asAst = (value: unknown): ConfigAst => value as ConfigAst;

describe('hasSecretDigest', () => {
  it('finds a digest deep in nested arrays and objects, and none in a parsed cipher-only config', () => {
    const deep = { kind: 'config', ikePeers: [{ name: 'a', settings: [[{ preSharedKey: { secret: true, form: 'simple', digest: 'abc' } }]] }] };
    const cipher = parseConfig(`ike peer a\n pre-shared-key %^%#${'x'.repeat(40)}%^%#\n#\nreturn\n`, 'a.cfg').ast;
    expect(hasSecretDigest(asAst(deep))).toBe(true);
    expect(hasSecretDigest(cipher)).toBe(false);
  });

  test.prop([fc.jsonValue({ maxDepth: 6 }), fc.boolean(), fc.nat()])('agrees with searching the JSON text for a digest key', (value, plant, where) => {
    const tree = { kind: 'config', items: [value] } as { kind: string; items: unknown[] };
    if (plant) tree.items.splice(where % 2, 0, { nested: [{ secret: '****', digest: 'abc' }] });
    const json = JSON.stringify(tree);
    expect(hasSecretDigest(asAst(tree))).toBe(/"digest":"/.test(json));
  });
});
