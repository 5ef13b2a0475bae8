import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/ast/parse.js';
import { astToJson } from '../../src/ast/redact.js';
import type { ConfigAst } from '../../src/ast/types.js';
import { astToCacheJson as cacheAstJson, hasSecretDigest, ParseCache } from '../../src/engine/cache.js';
import { runsDynamicRouting } from '../../src/model/route-sources.js';
import { buildConfig, leaked, planArb } from '../helpers/secret-config.js';

const NBSP = '\u00a0';

/** Every stored or printed form of an AST: `fwlint parse --json`, the redacting JSON, the cache's JSON. */
function forms(ast: ConfigAst): string[] {
  return [JSON.stringify(ast, null, 2), astToJson(ast), cacheAstJson(ast)];
}

function expectNoneIn(ast: ConfigAst, secrets: readonly string[]): void {
  for (const form of forms(ast)) {
    const lower = form.toLowerCase();
    for (const secret of secrets) expect(lower.includes(secret.toLowerCase()), `${secret} in ${form.slice(0, 4000)}`).toBe(false);
  }
}

/** The bytes a real cache file holds for this text. */
function cacheBytes(text: string, file = 'x.cfg'): { bytes: string; stored: boolean } {
  const dir = mkdtempSync(path.join(tmpdir(), 'fwlint-secret-cache-'));
  const config = path.join(dir, file);
  writeFileSync(config, text);
  const location = path.join(dir, '.fwlintcache');
  const cache = ParseCache.load(location, 'test');
  const { ast, text: decoded } = parseConfig(text, file);
  cache.set(config, text, decoded, ast);
  cache.save();
  // Nothing to write when the only entry was refused (an AST with plaintext-key digests).
  const bytes = existsSync(location) ? readFileSync(location, 'utf8') : '';
  const stored = ParseCache.load(location, 'test').get(config, text, decoded) !== undefined;
  return { bytes, stored };
}

const REGRESSIONS: { name: string; text: string; secrets: string[] }[] = [
  {
    name: 'ospf authentication-mode md5 <id> plain',
    text: '#\nsysname R1\n#\ninterface GigabitEthernet0/0/1\n ip address 10.0.0.1 255.255.255.0\n ospf authentication-mode md5 1 plain OspfPlainKey42\n#\nreturn\n',
    secrets: ['OspfPlainKey42'],
  },
  {
    name: 'snmp-agent usm-user authentication-mode / privacy-mode ciphertext',
    text: '#\nsysname R1\n#\nsnmp-agent usm-user v3 admin authentication-mode md5 %$%$UsmAuthCipher7%$%$ privacy-mode des56 %$%$UsmPrivCipher8%$%$\n#\nreturn\n',
    secrets: ['UsmAuthCipher7', 'UsmPrivCipher8'],
  },
  {
    name: 'snmp-agent target-host … securityname',
    text: '#\nsysname R1\n#\nsnmp-agent target-host trap address udp-domain 192.0.2.1 params securityname TrapCommunity9 v2c\n#\nreturn\n',
    secrets: ['TrapCommunity9'],
  },
  {
    name: 'ntp-service authentication-mode md5 ciphertext',
    text: '#\nsysname R1\n#\nntp-service authentication-keyid 1 authentication-mode md5 %$%$NtpCipherKey10%$%$\n#\nreturn\n',
    secrets: ['NtpCipherKey10'],
  },
  {
    name: 'a mistyped pre-shared-ky simple',
    text: '#\nsysname R1\n#\nike peer hq\n pre-shared-ky simple TypoPlainKey11\n remote-address 192.0.2.2\n#\nreturn\n',
    secrets: ['TypoPlainKey11'],
  },
  {
    name: 'a key pasted with non-breaking spaces',
    text: `#\nsysname R1\n#\nike peer hq\n pre-shared-key${NBSP}simple${NBSP}NbspPasted12\n remote-address 192.0.2.2\n#\nike peer br\n pre-shared-key simple${NBSP}NbspPasted13${NBSP}Second14\n#\naaa\n local-user u password${NBSP}irreversible-cipher${NBSP}NbspHash15\n#\nreturn\n`,
    secrets: ['NbspPasted12', 'NbspPasted13', 'Second14', 'NbspHash15'],
  },
  {
    name: 'a cipher marker in a line with no secret keyword',
    text: '#\nsysname R1\n#\ninfo-center loghost 192.0.2.3 %^%#MarkerOnly16 x%^%#\nfoo bar %@%@MarkerOnly17%@%@ tail\n#\nreturn\n',
    secrets: ['MarkerOnly16', 'MarkerOnly17'],
  },
  {
    name: 'words past the first three of an unrecognised line',
    text: '#\nsysname R1\n#\nwlan security-profile name p1\n security wpa2 psk pass-phrase WlanPhrase18 aes\nfoo-service enable server mode TailWord19\n#\nreturn\n',
    secrets: ['WlanPhrase18', 'TailWord19'],
  },
];

/** Files that are not VRP: none of their words is kept. */
const FOREIGN: { name: string; text: string; secrets: string[] }[] = [
  {
    name: 'FortiOS',
    text: [
      'config system global',
      '    set hostname "FGT-HQ"',
      'end',
      'config vpn ipsec phase1-interface',
      '    edit "to-branch"',
      '        set interface "wan1"',
      '        set remote-gw 203.0.113.2',
      '        set psksecret ENC FortiPskCipher20',
      '    next',
      'end',
      'config system admin',
      '    edit "admin"',
      '        set password ENC FortiAdminHash21',
      '    next',
      'end',
      '',
    ].join('\n'),
    secrets: ['FortiPskCipher20', 'FortiAdminHash21', 'FGT-HQ', 'to-branch'],
  },
  {
    name: 'MikroTik RouterOS',
    text: [
      '# jan/02/1970 00:00:00 by RouterOS 6.48.6',
      '# software id = ABCD-1234',
      '/ip ipsec peer',
      'add address=203.0.113.2/32 name=hq',
      '/ip ipsec identity',
      'add peer=hq secret=MikrotikSecret22',
      '/user',
      'add name=admin password=MikrotikPass23 group=full',
      '',
    ].join('\n'),
    secrets: ['MikrotikSecret22', 'MikrotikPass23', 'address=203.0.113.2'],
  },
  {
    name: 'a notes file with a token',
    text: ['Notes for the VPN migration', '', 'HQ api token: NotesToken24', 'rotate it after the change window', 'ghp_NotesGithubToken25', ''].join('\n'),
    secrets: ['NotesToken24', 'NotesGithubToken25', 'migration', 'rotate'],
  },
  {
    name: 'a FortiOS snippet without its config line',
    text: ['    edit "to-branch"', '        set psksecret ENC FortiSnippet26', '        set remote-gw 203.0.113.2', '    next', ''].join('\n'),
    secrets: ['FortiSnippet26', 'psksecret', 'remote-gw'],
  },
  {
    name: 'an environment file',
    text: ['API_TOKEN=EnvToken27', 'export DEPLOY_KEY EnvDeployKey28', 'vpn_psk EnvPsk29', ''].join('\n'),
    secrets: ['EnvToken27', 'EnvDeployKey28', 'EnvPsk29', 'vpn_psk'],
  },
];

describe('secrets are found by structure, in every statement', () => {
  for (const { name, text, secrets } of REGRESSIONS) {
    it(`${name}: not in the AST JSON nor the cache file`, () => {
      const { ast } = parseConfig(text, 'r.cfg');
      expectNoneIn(ast, secrets);
      const { bytes, stored } = cacheBytes(text);
      // ASTs with plaintext-key digests are never cached (their salt is per run); the others are.
      expect(stored, 'the AST is cached').toBe(!hasSecretDigest(ast));
      expect(leaked(bytes, secrets.map((c) => ({ text: c, cores: [c] })))).toEqual([]);
    });
  }

  for (const { name, text, secrets } of FOREIGN) {
    it(`${name}: a file not detected as VRP keeps none of its words`, () => {
      const { ast } = parseConfig(text, 'f.cfg');
      expectNoneIn(ast, secrets);
      for (const g of ast.generic) {
        expect(g.tokens).toEqual([]);
        expect(g.view).toEqual([]);
      }
      const { bytes } = cacheBytes(text);
      expect(leaked(bytes, secrets.map((c) => ({ text: c, cores: [c] })))).toEqual([]);
    });
  }

  it('unrecognised lines keep at most their first three words, and never one after a secret keyword', () => {
    const { ast } = parseConfig(
      '#\nsysname R1\n#\nfoo-service enable server mode extra\nstp password simple\nlldp Huawei@123 enable\nospf 1\n area 0.0.0.0\n#\nreturn\n',
      'x.cfg',
    );
    expect(ast.generic.map((g) => g.tokens.map((t) => t.value))).toEqual([['foo-service', 'enable', 'server'], ['stp', 'password'], ['lldp'], ['ospf', '1'], ['area', '0.0.0.0']]);
    // The range still spans the whole line.
    expect(ast.generic[0].range.endColumn).toBe('foo-service enable server mode extra'.length + 1);
    expect(ast.generic[4].view).toEqual(['ospf 1']);
    expect(runsDynamicRouting(ast)).toBe(true);
    // A recognised view header is kept whole in the view path of the lines inside it.
    const policy = parseConfig('ipsec policy map1 10 isakmp\n foo-thing a b\n ssh secret thing here\n', 'x.cfg').ast;
    expect(policy.generic.map((g) => [g.view, g.tokens.map((t) => t.value)])).toEqual([
      [['ipsec policy map1 10 isakmp'], ['foo-thing', 'a', 'b']],
      [['ipsec policy map1 10 isakmp'], ['ssh', 'secret', 'thing']],
    ]);
  });

  it('typed secrets keep their form, ciphertext flag and digest', () => {
    const { ast } = parseConfig(
      `ike peer a\n pre-shared-key${NBSP}simple${NBSP}Same-Key\nike peer b\n pre-shared-key Same-Key\nike peer c\n pre-shared-key cipher %^%#abc def%^%#\nipsec policy m 10 manual\n sa string-key inbound esp cipher %^%#x%^%#\n sa authentication-hex outbound ah 0x1234\n`,
      'x.cfg',
    );
    const [a, b, c] = ast.ikePeers.map((p) => p.preSharedKey);
    expect(a).toMatchObject({ form: 'simple', encrypted: false });
    expect(b).toMatchObject({ form: 'plain', encrypted: false });
    expect(a?.digest).toBe(b?.digest);
    expect(c).toMatchObject({ form: 'cipher', encrypted: true });
    expect(c?.digest).toBeUndefined();
    expect(ast.ipsecPolicies[0].manual.keys.map((k) => [k.kind, k.direction, k.protocol, k.value.form, k.value.encrypted])).toEqual([
      ['string-key', 'inbound', 'esp', 'cipher', true],
      ['authentication-hex', 'outbound', 'ah', 'plain', false],
    ]);
    expect(ast.diagnostics).toEqual([]);
  });
});

describe('random secrets never reach the AST JSON or the cache', () => {
  test.prop([planArb], { numRuns: 60 })('in every known position and in unrecognised lines', (plan) => {
    const { text, secrets } = buildConfig(plan, { sysname: 'prop-a' });
    const { ast } = parseConfig(text, 'p.cfg');
    for (const form of forms(ast)) expect(leaked(form, secrets)).toEqual([]);
    expect(ast.ikePeers.length).toBeGreaterThan(5);
  });

  test.prop([planArb], { numRuns: 20 })('in the bytes of a cache file that stores the AST', (plan) => {
    const { text, secrets } = buildConfig(plan, { sysname: 'prop-b', cacheable: true });
    const { bytes, stored } = cacheBytes(text);
    expect(stored).toBe(true);
    expect(leaked(bytes, secrets)).toEqual([]);
  });
});
