import type { ConfigAst } from './types.js';

/** An AST without any statement: the starting point of a parse and the fallback of a model build. */
export function emptyAst(file: string): ConfigAst {
  return {
    kind: 'config', file, platform: 'unknown', globals: {}, interfaces: [], zones: [], acls: [], ikeProposals: [],
    ikePeers: [], ipsecProposals: [], ipsecPolicies: [], policyTemplates: [], ipsecProfiles: [], natRules: [],
    natServers: [], natAddressGroups: [], addressSets: [], serviceSets: [], routes: [], ipv6Routes: [], l2tpGroups: [], generic: [],
    unmodelled: [],
    diagnostics: [], unrecognised: [], lineCount: 0,
  };
}
