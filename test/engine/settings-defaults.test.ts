import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { topLevelDefaults } from '../../src/engine/settings.js';

function applySimple(schema: object, data: unknown): unknown {
  const copy = structuredClone(data);
  const defaults = topLevelDefaults(schema)!;
  if (typeof copy === 'object' && copy !== null && !Array.isArray(copy)) {
    const record = copy as Record<string, unknown>;
    for (const [key, value] of defaults) if (record[key] === undefined) record[key] = structuredClone(value);
  }
  return copy;
}

function applyAjv(schema: object, data: unknown): unknown {
  const copy = structuredClone(data);
  new Ajv2020({ strict: false, useDefaults: true, validateSchema: false }).compile(schema)(copy);
  return copy;
}

const option = fc.oneof(
  fc.dictionary(fc.constantFrom('allow', 'mode', 'other'), fc.oneof(fc.constant([]), fc.array(fc.string()), fc.integer())),
  fc.constant([]),
  fc.constant(null),
  fc.string(),
);

describe('topLevelDefaults', () => {
  it('fills top-level defaults as Ajv useDefaults does, for every rule schema it accepts', () => {
    const schemas = rules.map((rule) => rule.meta.optionsSchema).filter((schema): schema is NonNullable<typeof schema> => !!schema && topLevelDefaults(schema) !== undefined);
    expect(schemas.length).toBeGreaterThan(0);
    fc.assert(
      fc.property(fc.constantFrom(...schemas), option, (schema, data) => {
        expect(applySimple(schema, data)).toEqual(applyAjv(schema, data));
      }),
      { numRuns: 200 },
    );
  });

  it('lists top-level defaults and leaves schemas with nested defaults to Ajv', () => {
    expect(topLevelDefaults({ type: 'object', properties: { allow: { type: 'array', default: [] }, mode: { type: 'string' } } })).toEqual([['allow', []]]);
    expect(topLevelDefaults({ type: 'object', properties: { nested: { type: 'object', properties: { x: { default: 1 } } } } })).toBeUndefined();
    expect(topLevelDefaults({ type: 'object' })).toBeUndefined();
  });
});
