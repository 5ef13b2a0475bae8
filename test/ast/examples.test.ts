import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/ast/parse.js';

const dir = resolve(import.meta.dirname, '../../configs-examples/site-to-site');
const load = (f: string) => parseConfig(readFileSync(resolve(dir, f)), f).ast;

describe('configs-examples/site-to-site', () => {
  const hq = load('hq.cfg');
  const br = load('branch.cfg');

  it('both ends parse with zero diagnostics and nothing unrecognised', () => {
    for (const ast of [hq, br]) {
      expect(ast.diagnostics).toEqual([]);
      expect(ast.unrecognised).toEqual([]);
      expect(ast.platform).toBe('usg');
      expect(ast.version?.value).toBe('V500R005C10SPC300');
    }
  });

  it('ACLs mirror, peers point at each other, proposals and PFS agree', () => {
    const [ra] = hq.acls[0].rules;
    const [rb] = br.acls[0].rules;
    expect(ra.source).toEqual({ ...rb.destination, range: ra.source!.range });
    expect(ra.destination).toEqual({ ...rb.source, range: ra.destination!.range });
    expect(hq.ikePeers[0].remoteAddresses[0].address?.value).toBe(br.interfaces[0].addresses[0].address.value);
    expect(br.ikePeers[0].remoteAddresses[0].address?.value).toBe(hq.interfaces[0].addresses[0].address.value);
    expect(hq.ipsecPolicies[0].pfs?.value).toBe(br.ipsecPolicies[0].pfs?.value);
    expect(hq.ikeProposals[0].encryption?.value).toEqual(br.ikeProposals[0].encryption?.value);
    expect(hq.ipsecProposals[0].espEncryption?.value).toEqual(br.ipsecProposals[0].espEncryption?.value);
    expect(hq.globals.ikeDpdType?.value).toBe('periodic');
    expect(hq.natRules.map((r) => r.action?.value)).toEqual(['no-nat', 'source-nat-easy-ip']);
    expect(br.ikePeers[0].preSharedKey?.encrypted).toBe(true);
  });
});
