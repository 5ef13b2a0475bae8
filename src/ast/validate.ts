import { astSchema } from './schema.js';
import type { ConfigAst } from './types.js';

/*
 * Checks a JSON value against the AST schema (src/ast/schema.generated.ts, derived from types.ts) before the parse cache hands it
 * to the rules. The schema is interpreted, not compiled by Ajv: Ajv's compile costs ~0.7 s per
 * process and its generated code (hundreds of functions, each run a few thousand times) stays in
 * V8's interpreter for a whole run, which cost 100-300 ms on a 20,000-line AST. These few checkers
 * get optimised within the run and do the cache's range expansion in the same walk, so a checked
 * AST costs what an unchecked one did. Only the keywords the schema uses are known; another one
 * fails the compile (and the tests), and a test holds the verdicts equal to Ajv's.
 */

type Check = (value: unknown, parent: Record<string | number, unknown>, key: string | number) => boolean;
type SchemaNode = Record<string, unknown>;

const ANNOTATIONS = new Set(['$schema', '$id', 'title', 'description', '$comment', '$defs']);
const KEYWORDS = new Set([...ANNOTATIONS, '$ref', 'type', 'properties', 'required', 'additionalProperties', 'items', 'prefixItems', 'minItems', 'const', 'enum', 'minimum', 'maximum', 'oneOf', 'pattern']);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isPrimitive(value: unknown): boolean {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

function typeCheck(type: unknown): (value: unknown) => boolean {
  const one = (name: unknown): ((value: unknown) => boolean) => {
    switch (name) {
      case 'string':
        return (v) => typeof v === 'string';
      case 'integer':
        return (v) => Number.isInteger(v);
      case 'number':
        return (v) => typeof v === 'number' && Number.isFinite(v);
      case 'boolean':
        return (v) => typeof v === 'boolean';
      case 'null':
        return (v) => v === null;
      case 'array':
        return (v) => Array.isArray(v);
      case 'object':
        return isPlainObject;
      default:
        throw new Error(`AST schema: unknown type ${JSON.stringify(name)}`);
    }
  };
  if (!Array.isArray(type)) return one(type);
  const checks = type.map(one);
  return (v) => checks.some((check) => check(v));
}

/**
 * `properties` / `required` / `additionalProperties: false`, and (`typed`) the object type itself,
 * in one closure: the AST is mostly such nodes. Required fields are counted during the key walk.
 */
function objectCheck(properties: Map<string, { check: Check; required: boolean }>, requiredCount: number, closed: boolean, typed: boolean): Check {
  return (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return !typed;
    const object = value as Record<string, unknown>;
    let required = 0;
    for (const key in object) {
      const property = properties.get(key);
      if (property === undefined) {
        if (closed) return false;
        continue;
      }
      if (!property.check(object[key], object, key)) return false;
      if (property.required) required++;
    }
    return required === requiredCount;
  };
}

/** `prefixItems` / `items` / `minItems`, and (`typed`) the array type itself. */
function arrayCheck(prefix: readonly Check[], items: Check | false | undefined, minItems: number, typed: boolean): Check {
  if (prefix.length === 0 && minItems === 0 && items !== false && items !== undefined) {
    const each = items;
    return (value) => {
      if (!Array.isArray(value)) return !typed;
      const array = value as unknown[] as Record<number, unknown>;
      for (let i = 0; i < value.length; i++) if (!each(array[i], array, i)) return false;
      return true;
    };
  }
  return (value) => {
    if (!Array.isArray(value)) return !typed;
    if (value.length < minItems) return false;
    const array = value as unknown[] as Record<number, unknown>;
    for (let i = 0; i < value.length; i++) {
      const check = i < prefix.length ? prefix[i] : items;
      if (check === false) return false;
      if (check !== undefined && !check(array[i], array, i)) return false;
    }
    return true;
  };
}

/**
 * A `Range`: the object the schema describes, or the cache's six numbers in its field order (see `astToCacheJson` in
 * cache.ts: start line negated, so no other number array is taken for one), checked and replaced
 * by the object in place.
 */
function rangeCheck(asObject: Check): Check {
  return (value, parent, key) => {
    if (!Array.isArray(value)) return asObject(value, parent, key);
    if (value.length !== 6) return false;
    const numbers = value as unknown[];
    const line = numbers[0], column = numbers[1], offset = numbers[2], endLine = numbers[3], endColumn = numbers[4], endOffset = numbers[5];
    const ok =
      Number.isInteger(line) && (line as number) <= -1 &&
      Number.isInteger(column) && (column as number) >= 1 &&
      Number.isInteger(offset) && (offset as number) >= 0 &&
      Number.isInteger(endLine) && (endLine as number) >= 1 &&
      Number.isInteger(endColumn) && (endColumn as number) >= 1 &&
      Number.isInteger(endOffset) && (endOffset as number) >= 0;
    if (!ok) return false;
    parent[key] = { line: -(line as number), column, offset, endLine, endColumn, endOffset };
    return true;
  };
}

/**
 * The property every option of a `oneOf` requires with a distinct primitive `const` (AddressSpec's
 * `form`), so a value is checked against the one option it names instead of all of them.
 */
function discriminator(options: readonly SchemaNode[]): { name: string; constants: unknown[] } | undefined {
  const first = options[0];
  if (first === undefined || !isPlainObject(first.properties) || !Array.isArray(first.required)) return undefined;
  for (const name of first.required as string[]) {
    const constants: unknown[] = [];
    for (const option of options) {
      const property = isPlainObject(option.properties) ? option.properties[name] : undefined;
      const required = Array.isArray(option.required) && option.required.includes(name);
      if (!required || !isPlainObject(property) || !('const' in property) || !isPrimitive(property.const)) break;
      constants.push(property.const);
    }
    if (constants.length === options.length && new Set(constants).size === constants.length) return { name, constants };
  }
  return undefined;
}

/** Compiles a schema (the subset of JSON Schema 2020-12 the AST schema uses) to a check; `Range` accepts the compact form too. */
export function compileAstSchema(root: SchemaNode): Check {
  const defs = (root.$defs ?? {}) as Record<string, SchemaNode>;
  const compiled = new Map<string, { check?: Check }>();
  const ref = (target: unknown): Check => {
    const name = typeof target === 'string' && target.startsWith('#/$defs/') ? target.slice('#/$defs/'.length) : undefined;
    if (name === undefined || !(name in defs)) throw new Error(`AST schema: unresolved $ref ${JSON.stringify(target)}`);
    let slot = compiled.get(name);
    if (!slot) {
      slot = {};
      compiled.set(name, slot);
      slot.check = name === 'Range' ? rangeCheck(compile(defs[name])) : compile(defs[name]);
    }
    const resolved = slot;
    return (value, parent, key) => resolved.check!(value, parent, key);
  };

  function compile(schema: SchemaNode): Check {
    for (const keyword of Object.keys(schema)) if (!KEYWORDS.has(keyword)) throw new Error(`AST schema: keyword "${keyword}" is not supported`);
    const checks: Check[] = [];
    if (schema.$ref !== undefined) checks.push(ref(schema.$ref));
    const isObjectSchema = schema.properties !== undefined || schema.required !== undefined || schema.additionalProperties !== undefined;
    const isArraySchema = schema.items !== undefined || schema.prefixItems !== undefined || schema.minItems !== undefined;
    // The object or array check tests the type itself when that is all `type` says.
    const typeInside = (schema.type === 'object' && isObjectSchema) || (schema.type === 'array' && isArraySchema);
    if (schema.type !== undefined && !typeInside) {
      const type = typeCheck(schema.type);
      checks.push((value) => type(value));
    }
    if ('const' in schema) {
      const constant = schema.const;
      if (!isPrimitive(constant)) throw new Error('AST schema: const must be a primitive');
      checks.push((value) => value === constant);
    }
    if (schema.enum !== undefined) {
      const values = schema.enum as unknown[];
      if (!Array.isArray(values) || !values.every(isPrimitive)) throw new Error('AST schema: enum must list primitives');
      const set = new Set(values);
      checks.push((value) => set.has(value));
    }
    if (schema.minimum !== undefined) {
      const minimum = schema.minimum as number;
      checks.push((value) => typeof value !== 'number' || value >= minimum);
    }
    if (schema.maximum !== undefined) {
      const maximum = schema.maximum as number;
      checks.push((value) => typeof value !== 'number' || value <= maximum);
    }
    if (schema.pattern !== undefined) {
      const pattern = new RegExp(schema.pattern as string, 'u');
      checks.push((value) => typeof value !== 'string' || pattern.test(value));
    }
    if (isObjectSchema) {
      if (schema.additionalProperties !== undefined && schema.additionalProperties !== false) throw new Error('AST schema: additionalProperties must be false');
      const required = new Set((schema.required ?? []) as string[]);
      const properties = new Map<string, { check: Check; required: boolean }>();
      for (const [name, sub] of Object.entries((schema.properties ?? {}) as Record<string, SchemaNode>)) properties.set(name, { check: compile(sub), required: required.has(name) });
      // A required field the properties do not list: checked by presence (in a closed object it can never be valid, nor is it here).
      if (schema.additionalProperties !== false) for (const name of required) if (!properties.has(name)) properties.set(name, { check: () => true, required: true });
      checks.push(objectCheck(properties, required.size, schema.additionalProperties === false, typeInside));
    }
    if (isArraySchema) {
      const prefix = ((schema.prefixItems ?? []) as SchemaNode[]).map(compile);
      const items = schema.items === false ? false : schema.items === undefined ? undefined : compile(schema.items as SchemaNode);
      checks.push(arrayCheck(prefix, items, (schema.minItems ?? 0) as number, typeInside));
    }
    if (schema.oneOf !== undefined) {
      const options = (schema.oneOf as SchemaNode[]).map(compile);
      const tag = discriminator(schema.oneOf as SchemaNode[]);
      if (tag !== undefined) {
        // Each option requires `tag` with its own constant: only the option the value's tag names can hold.
        const byTag = new Map(tag.constants.map((constant, i) => [constant, options[i]]));
        checks.push((value, parent, key) => {
          if (!isPlainObject(value)) return false;
          const option = byTag.get(value[tag.name]);
          return option !== undefined && option(value, parent, key);
        });
      } else {
        // A failed option may already have expanded a compact range; `rangeCheck` takes either form.
        checks.push((value, parent, key) => options.filter((option) => option(value, parent, key)).length === 1);
      }
    }
    if (checks.length === 1) return checks[0];
    return (value, parent, key) => {
      for (const check of checks) if (!check(value, parent, key)) return false;
      return true;
    };
  }

  return compile(root);
}

let astCheck: Check | undefined;

/**
 * The value as a `ConfigAst` when it has the AST schema's shape (every node closed, every
 * required field present, every value of its type), its compact ranges expanded in place;
 * undefined otherwise.
 */
export function toConfigAst(value: unknown): ConfigAst | undefined {
  astCheck ??= compileAstSchema(astSchema);
  const holder: Record<string, unknown> = { value };
  return astCheck(value, holder, 'value') ? (holder.value as ConfigAst) : undefined;
}
