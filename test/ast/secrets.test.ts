import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/ast/parse.js';

const SECRETS = [
  '%$%$~))(1AH)p1jT7(+$Z;C)\\>5,%$%$',
  '%^%#K{JG:rWVH # PMnf;5\\|,GW(Luq\'qi8BT4nOj%5W5=)%^%#',
  'Huawei@123',
  'My Secret With Spaces',
  '$1a$L,QMM\\!<w8$G4,*QFEiw=XE$:E;NA2>gKG=>}VD/3mF4v#`&zX\'$',
  'plainSnmpCommunity',
  '0x1234abcd5678',
  'pppChapSecret',
];

const config = [
  'ike peer a',
  ` pre-shared-key ${SECRETS[0]}`,
  'ike peer b',
  ` pre-shared-key cipher ${SECRETS[1]}`,
  'ike peer c',
  ` pre-shared-key ${SECRETS[2]}`,
  'ike peer d',
  ` pre-shared-key simple ${SECRETS[3]}`,
  'aaa',
  ` local-user super password irreversible-cipher ${SECRETS[4]}`,
  ' manager-user admin',
  `  password cipher ${SECRETS[1]}`,
  ' local-aaa-user password policy administrator',
  `snmp-agent community read  ${SECRETS[5]}`,
  `snmp-agent community write cipher ${SECRETS[0]}`,
  'ipsec policy m 10 manual',
  ` sa authentication-hex inbound esp cipher ${SECRETS[6]}`,
  ` sa encryption-hex outbound esp ${SECRETS[6]}`,
  'interface Dialer1',
  ` ppp chap password ${SECRETS[7]}`,
  'ipsec efficient-vpn evpn mode client',
  ` pre-shared-key cipher ${SECRETS[2]}`,
].join('\n');

describe('secrets', () => {
  const { ast } = parseConfig(config, 's.cfg');
  const json = JSON.stringify(ast);

  it('never appear in the AST, generic tokens or diagnostics', () => {
    for (const s of SECRETS) {
      for (const part of s.split(' ').filter((p) => p.length > 3)) expect(json).not.toContain(part);
    }
  });

  it('are classified as ciphertext or plaintext with a digest only for plaintext', () => {
    const [a, b, c, d] = ast.ikePeers;
    expect(a.preSharedKey).toMatchObject({ form: 'plain', encrypted: true });
    expect(a.preSharedKey?.digest).toBeUndefined();
    expect(b.preSharedKey).toMatchObject({ form: 'cipher', encrypted: true });
    expect(c.preSharedKey).toMatchObject({ form: 'plain', encrypted: false });
    expect(d.preSharedKey).toMatchObject({ form: 'simple', encrypted: false });
    expect(c.preSharedKey?.digest).not.toBe(d.preSharedKey?.digest);
    const same = parseConfig(`ike peer x\n pre-shared-key ${SECRETS[2]}\n`, 'y').ast.ikePeers[0].preSharedKey?.digest;
    expect(same).toBe(c.preSharedKey?.digest);
  });

  it('range covers the rest of the line', () => {
    const r = ast.ikePeers[1].preSharedKey!.range;
    expect(r).toMatchObject({ line: 4, column: 24 });
    expect(r.endColumn).toBe(24 + SECRETS[1].length);
  });

  it('manual SA keys are secrets', () => {
    expect(ast.ipsecPolicies[0].manual.keys.map((k) => [k.kind, k.direction, k.value.form])).toEqual([
      ['authentication-hex', 'inbound', 'cipher'],
      ['encryption-hex', 'outbound', 'plain'],
    ]);
  });

  it('generic statements that carried a secret are marked redacted', () => {
    expect(ast.generic.filter((g) => g.redacted).length).toBeGreaterThanOrEqual(5);
    expect(ast.generic.find((g) => g.tokens[0]?.value === 'local-aaa-user')?.redacted).toBeUndefined();
  });
});
