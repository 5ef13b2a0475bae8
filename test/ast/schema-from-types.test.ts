import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { AST_TYPES_FILE, astSchemaFromTypes, astSchemaModule } from '../../scripts/ast-schema.js';
import { emptyAst } from '../../src/ast/empty.js';
import { parseConfig } from '../../src/ast/parse.js';
import { astSchema, astSchemaText } from '../../src/ast/schema.js';
import { UNMODELLED_FEATURES } from '../../src/ast/unmodelled.js';
import { toConfigAst } from '../../src/ast/validate.js';
import { repoRoot } from '../helpers/rule-harness.js';

/*
 * The AST schema has one definition, src/ast/types.ts: scripts/ast-schema.ts derives
 * src/ast/schema.generated.ts (what the parse cache's check runs) and schemas/ast.schema.json from it.
 */

const read = (file: string): string => readFileSync(path.join(repoRoot, file), 'utf8');
const typesSource = read(AST_TYPES_FILE);

/** The schema derived from types.ts with `edit` applied to its text (the other files as they are). */
function derivedWith(edit: (source: string) => string): Record<string, unknown> {
  const edited = edit(typesSource);
  expect(edited, 'the edit must change types.ts').not.toBe(typesSource);
  return astSchemaFromTypes(repoRoot, (file) => (file === AST_TYPES_FILE ? edited : read(file)));
}

type Node = { properties: Record<string, Node>; required: string[]; $defs: Record<string, Node> } & Record<string, unknown>;
const defs = (astSchema as Node).$defs;

describe('the AST schema is derived from src/ast/types.ts', () => {
  it('src/ast/schema.generated.ts and schemas/ast.schema.json are what the types give (else: npm run generate)', () => {
    const derived = astSchemaFromTypes(repoRoot);
    expect(read('src/ast/schema.generated.ts'), 'src/ast/schema.generated.ts is stale: run npm run generate').toBe(astSchemaModule(derived));
    expect(read('schemas/ast.schema.json'), 'schemas/ast.schema.json is stale: run npm run generate').toBe(astSchemaText(derived));
    expect(astSchema).toEqual(derived);
  });

  it('changes when the types change: a field added, made optional, its bound changed', () => {
    const added = derivedWith((s) => s.replace('export interface ConfigAst {\n  kind: \'config\';', 'export interface ConfigAst {\n  kind: \'config\';\n  extra: string;')) as Node;
    expect(added.properties.extra).toEqual({ type: 'string' });
    expect(added.required).toContain('extra');
    const optional = derivedWith((s) => s.replace('  lineCount: number;', '  lineCount?: number;')) as Node;
    expect(optional.required).not.toContain('lineCount');
    const bound = derivedWith((s) => s.replace(' * @maximum 65535\n', ' * @maximum 1023\n')) as Node;
    expect(bound.$defs.PortSpec.properties.first).toMatchObject({ type: 'integer', minimum: 0, maximum: 1023 });
    const removed = derivedWith((s) => s.replace('  sub: boolean;\n', '')) as Node;
    expect(removed.$defs.InterfaceAddress.properties.sub).toBeUndefined();
  });

  it('refuses type syntax it cannot describe exactly, and a bound that bounds nothing', () => {
    expect(() => derivedWith((s) => s.replace('  lineCount: number;', '  lineCount: Record<string, number>;'))).toThrow(/Record/);
    expect(() => derivedWith((s) => s.replace('  lineCount: number;', '  lineCount: number | undefined;'))).toThrow(/not supported/);
    expect(() => derivedWith((s) => s.replace('  /** @minimum 0 */\n  lineCount: number;', '  /** @pattern ^x$ */\n  lineCount: number;'))).toThrow(/bounds nothing/);
    expect(() => derivedWith((s) => s.replace('  lineCount: number;', '  lineCount(): number;'))).toThrow(/property signatures/);
  });

  it('keeps every bound the types cannot say (IPv4 numbers, ports, protocols, digests, positions)', () => {
    const uint32 = { type: 'integer', minimum: 0, maximum: 4294967295 };
    expect(defs.ValIpv4.properties.value).toMatchObject(uint32);
    for (const name of ['InterfaceAddress', 'RouteNode']) for (const field of ['address', 'destination', 'mask', 'nextHop']) {
      const property = defs[name].properties[field];
      if (property) expect(property.$ref, `${name}.${field}`).toBe('#/$defs/ValIpv4');
    }
    expect(defs.ValAddress.properties.value.oneOf).toEqual([uint32, { type: 'string', pattern: '^[0-9a-f:.]+$' }]);
    expect(defs.PortSpec.properties.last).toMatchObject({ type: 'integer', minimum: 0, maximum: 65535 });
    expect(defs.ValProtocol.properties.value).toMatchObject({ type: ['integer', 'null'], minimum: 0, maximum: 255 });
    expect(defs.SecretValue.properties.digest).toMatchObject({ type: 'string', pattern: '^[0-9a-f]{64}$' });
    expect(defs.Range.properties.endLine).toMatchObject({ type: 'integer', minimum: 1 });
    expect(defs.ServiceSpec.properties.sourcePorts).toMatchObject({ type: 'array', items: false, minItems: 2 });
  });

  it('every node is closed', () => {
    const objects: Node[] = [];
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === 'object') {
        const node = value as Node;
        if (node.type === 'object') objects.push(node);
        Object.values(node).forEach(walk);
      }
    };
    walk(astSchema);
    expect(objects.length).toBeGreaterThan(40);
    expect(objects.filter((node) => node.additionalProperties !== false)).toEqual([]);
  });

  it('lists the unmodelled features UNMODELLED_FEATURES lists (the type and the array agree)', () => {
    expect(defs.UnmodelledNode.properties.feature.enum).toEqual([...UNMODELLED_FEATURES]);
  });

  it('holds emptyAst, the parse of an empty file, and is valid for Ajv in strict mode', () => {
    const validate = new Ajv2020({ strict: true }).compile(astSchema);
    for (const ast of [emptyAst('a.cfg'), parseConfig('', 'b.cfg').ast]) {
      expect(validate(structuredClone(ast)), JSON.stringify(validate.errors)).toBe(true);
      expect(toConfigAst(structuredClone(ast))).toEqual(ast);
    }
  });

  it('rejects forged values where the types bound them', () => {
    const { ast } = parseConfig(
      [
        'interface GigabitEthernet0/0/1',
        ' ip address 10.0.0.1 255.255.255.0',
        'acl number 3000',
        ' rule 5 permit tcp source 10.1.0.0 0.0.0.255 destination-port eq 80',
        'ike peer p',
        ' pre-shared-key simple abc',
        ' remote-address 192.0.2.1',
        'ip route-static 0.0.0.0 0.0.0.0 192.0.2.254',
        '',
      ].join('\n'),
      'forged.cfg',
    );
    const plain = JSON.parse(JSON.stringify(ast)) as Record<string, unknown>;
    expect(toConfigAst(structuredClone(plain))).toEqual(ast);
    const forgeries: [string, unknown][] = [
      ['interfaces.0.addresses.0.address.value', 4294967296],
      ['interfaces.0.addresses.0.mask.value', -1],
      ['routes.0.nextHop.value', 1.5],
      ['acls.0.rules.0.destinationPort.first', 65536],
      ['acls.0.rules.0.protocol.value', 256],
      ['acls.0.rules.0.source.wildcard', -1],
      ['ikePeers.0.remoteAddresses.0.address.value', 'G::1'],
      ['ikePeers.0.remoteAddresses.0.address.value', 4294967296],
      ['ikePeers.0.preSharedKey.digest', 'A'.repeat(64)],
      ['ikePeers.0.preSharedKey.secret', false],
      ['interfaces.0.range.line', 0],
      ['lineCount', -1],
      ['platform', 'cisco'],
      ['unmodelled', [{ kind: 'unmodelled', feature: 'telnet', command: 'x', range: ast.interfaces[0].range }]],
    ];
    for (const [at, value] of forgeries) {
      const forged = structuredClone(plain);
      const keys = at.split('.');
      let parent = forged as Record<string, unknown>;
      for (const key of keys.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
      expect(parent, at).toBeDefined();
      expect(keys.at(-1)! in parent, `${at} exists in the sample`).toBe(true);
      parent[keys.at(-1)!] = value;
      expect(toConfigAst(forged), `${at} = ${JSON.stringify(value)}`).toBeUndefined();
    }
  });
});
