import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpus, examplesDir, expectSilentOnFixedAndDocs, lineOf, lint, readConfigDir } from '../helpers/rule-harness.js';
import { siteA, siteB } from '../helpers/site-config.js';

const RULE = 'ike-local-id-missing';
const dir = path.join(examplesDir, RULE);

/** Site A (USG) with the peer's identity lines replaced by `identity` and the globals in `globals`. */
function withIdentity(identity: string, globals = '', sysname = true): { file: string; text: string } {
  let text = siteA().text.replace(' exchange-mode main\n', ` exchange-mode aggressive\n${identity}`);
  if (globals) text = text.replace(' ike dpd type periodic\n', ` ike dpd type periodic\n${globals}`);
  if (!sysname) text = text.replace(' sysname A\n', '');
  return { file: 'a.cfg', text };
}

describe(RULE, () => {
  it('reports the local-id-type line of each flagged end (user-fqdn, no local-id, no ike local-name)', () => {
    const [a, b] = readConfigDir(path.join(dir, 'flagged'));
    const findings = lint([a, b], [RULE]);
    expect(findings.map((f) => [f.file, f.line, f.severity, f.objectPath])).toEqual([
      [a.file, lineOf(a.text, ' local-id-type user-fqdn'), 'error', 'ike-peer:peer1/local-id'],
      [b.file, lineOf(b.text, ' local-id-type user-fqdn'), 'error', 'ike-peer:peer1/local-id'],
    ]);
    expect(findings[0].message).toBe(
      'IKE peer "peer1" identifies this device by user-fqdn ("local-id-type user-fqdn"), but the device has no value to send: no "local-id" in the peer and no global "ike local-name". It cannot build its local ID, so IKE negotiation fails ("construct local ID fail"); add "local-id user@domain" to the peer or "ike local-name user@domain" in the system view.',
    );
  });

  it('is quiet on the fixed example and the corpus documentation pairs (the AR NAT traversal pair uses fqdn with ike local-name)', () => {
    expectSilentOnFixedAndDocs(RULE);
    expect(lint(corpus('hwdoc-ar-natt-routera.cfg', 'hwdoc-ar-natt-routerb.cfg'), [RULE])).toEqual([]);
  });

  it('fqdn: the sysname fallback counts, and an fqdn end with no sysname, local-id or ike local-name is flagged', () => {
    expect(lint([withIdentity(' local-id-type fqdn\n')], [RULE])).toEqual([]);
    const bare = withIdentity(' local-id-type fqdn\n', '', false);
    expect(lint([bare], [RULE])).toEqual([expect.objectContaining({ line: lineOf(bare.text, ' local-id-type fqdn'), message: expect.stringContaining('no "sysname"') })]);
    expect(lint([withIdentity(' local-id-type fqdn\n', 'ike local-name hq-fw\n', false)], [RULE])).toEqual([]);
  });

  it('user-fqdn accepts ike local-name; key-id needs local-id', () => {
    expect(lint([withIdentity(' local-id-type user-fqdn\n', 'ike local-name vpn@example.com\n')], [RULE])).toEqual([]);
    const keyId = withIdentity(' local-id-type key-id\n', 'ike local-name vpn@example.com\n');
    expect(lint([keyId], [RULE])).toEqual([expect.objectContaining({ line: lineOf(keyId.text, ' local-id-type key-id'), message: expect.stringContaining('add "local-id KEY-ID"') })]);
    expect(lint([withIdentity(' local-id-type key-id\n local-id branch01\n')], [RULE])).toEqual([]);
  });

  it('dn: flagged with pre-shared keys only, quiet with certificate authentication', () => {
    const dn = withIdentity(' local-id-type dn\n');
    expect(lint([dn], [RULE])).toEqual([expect.objectContaining({ line: lineOf(dn.text, ' local-id-type dn') })]);
    const rsa = { file: 'a.cfg', text: dn.text.replace(' authentication-method pre-share', ' authentication-method rsa-signature') };
    expect(lint([rsa], [RULE])).toEqual([]);
  });

  it('is quiet on the default ip identity and on the standard pair', () => {
    expect(lint([siteA(), siteB()], [RULE])).toEqual([]);
    expect(lint([withIdentity(' local-id-type ip\n')], [RULE])).toEqual([]);
  });
});
