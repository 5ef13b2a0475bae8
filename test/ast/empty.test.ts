import { describe, expect, it } from 'vitest';
import { AST_LISTS, emptyAst } from '../../src/ast/empty.js';
import { astSchema } from '../../src/ast/schema.js';
import { parseConfig } from '../../src/ast/parse.js';

describe('emptyAst and the AST lists, read from the schema of the types', () => {
  it('is the AST of a parse that found nothing, keys in the order of the types', () => {
    expect(JSON.stringify(emptyAst('a.cfg'))).toBe(
      JSON.stringify({
        kind: 'config', file: 'a.cfg', platform: 'unknown', globals: {}, interfaces: [], zones: [], acls: [], ikeProposals: [],
        ikePeers: [], ipsecProposals: [], ipsecPolicies: [], policyTemplates: [], ipsecProfiles: [], natRules: [],
        natServers: [], natAddressGroups: [], addressSets: [], serviceSets: [], routes: [], ipv6Routes: [], l2tpGroups: [], generic: [],
        unmodelled: [], diagnostics: [], unrecognised: [], lineCount: 0,
      }),
    );
    expect(emptyAst('b.cfg', 'ar').platform).toBe('ar');
  });

  it('holds every required property of ConfigAst, and fresh lists each call', () => {
    const required = (astSchema as { required: string[] }).required;
    expect(Object.keys(emptyAst('a.cfg')).sort()).toEqual([...required].sort());
    const a = emptyAst('a.cfg');
    a.interfaces.push({} as never);
    expect(emptyAst('a.cfg').interfaces).toEqual([]);
  });

  it('lists every array of ConfigAst, and a parse fills them', () => {
    expect(AST_LISTS).toContain('l2tpGroups');
    expect(AST_LISTS).toContain('diagnostics');
    expect(AST_LISTS).not.toContain('globals');
    const { ast } = parseConfig('#\nsysname a\n#\ninterface GigabitEthernet0/0/1\n ip address 192.0.2.1 255.255.255.0\n#\nreturn\n', 'a.cfg');
    for (const list of AST_LISTS) expect(Array.isArray(ast[list]), list).toBe(true);
    expect(ast.interfaces).toHaveLength(1);
  });
});
