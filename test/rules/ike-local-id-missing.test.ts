import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpus, examplesDir, lint, readConfigDir } from '../helpers/rule-harness.js';
import { at, ruleTester } from '../helpers/rule-tester.js';
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
  ruleTester(RULE, {
    fixedExample: true,
    documentationSets: true,
    valid: [
      { name: 'the AR NAT traversal pair uses fqdn with ike local-name', inputs: () => corpus('hwdoc-ar-natt-routera.cfg', 'hwdoc-ar-natt-routerb.cfg') },
      { name: 'fqdn: the sysname fallback counts', inputs: () => [withIdentity(' local-id-type fqdn\n')] },
      { name: 'fqdn: ike local-name counts without a sysname', inputs: () => [withIdentity(' local-id-type fqdn\n', 'ike local-name hq-fw\n', false)] },
      { name: 'user-fqdn accepts ike local-name', inputs: () => [withIdentity(' local-id-type user-fqdn\n', 'ike local-name vpn@example.com\n')] },
      { name: 'key-id with local-id', inputs: () => [withIdentity(' local-id-type key-id\n local-id branch01\n')] },
      {
        name: 'dn with certificate authentication',
        inputs: () => {
          const dn = withIdentity(' local-id-type dn\n');
          return [{ file: 'a.cfg', text: dn.text.replace(' authentication-method pre-share', ' authentication-method rsa-signature') }];
        },
      },
      { name: 'the standard pair', inputs: () => [siteA(), siteB()] },
      { name: 'the default ip identity', inputs: () => [withIdentity(' local-id-type ip\n')] },
    ],
    invalid: [
      {
        name: 'reports the local-id-type line of each flagged end (user-fqdn, no local-id, no ike local-name)',
        inputs: () => readConfigDir(path.join(dir, 'flagged')),
        findings: (inputs) => inputs.map((input) => ({ ...at(input, ' local-id-type user-fqdn'), severity: 'error' as const, objectPath: 'ike-peer:peer1/local-id' })),
      },
      {
        name: 'fqdn: an end with no sysname, local-id or ike local-name is flagged',
        inputs: () => [withIdentity(' local-id-type fqdn\n', '', false)],
        findings: ([a]) => [{ ...at(a, ' local-id-type fqdn'), message: 'no "sysname"' }],
      },
      {
        name: 'key-id needs local-id (ike local-name does not count)',
        inputs: () => [withIdentity(' local-id-type key-id\n', 'ike local-name vpn@example.com\n')],
        findings: ([a]) => [{ ...at(a, ' local-id-type key-id'), message: 'add "local-id KEY-ID"' }],
      },
      {
        name: 'dn: flagged with pre-shared keys only',
        inputs: () => [withIdentity(' local-id-type dn\n')],
        findings: ([a]) => [{ ...at(a, ' local-id-type dn') }],
      },
    ],
  });

  it('says what the user-fqdn end lacks and where to add it', () => {
    const findings = lint(readConfigDir(path.join(dir, 'flagged')), [RULE]);
    expect(findings[0].message).toBe(
      'IKE peer "peer1" identifies this device by user-fqdn ("local-id-type user-fqdn"), but the device has no value to send: no "local-id" in the peer and no global "ike local-name". It cannot build its local ID, so IKE negotiation fails ("construct local ID fail"); add "local-id user@domain" to the peer or "ike local-name user@domain" in the system view.',
    );
  });
});
