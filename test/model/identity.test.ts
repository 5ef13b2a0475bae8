import { describe, expect, it } from 'vitest';
import { localIdentity, remoteIdentityProblem } from '../../src/model/identity.js';
import { deviceFrom } from './helpers.js';

function device(peerLines: string, globals = ''): ReturnType<typeof deviceFrom> {
  return deviceFrom(`#
${globals}
#
ike peer p
${peerLines}
#
ipsec policy m 10 isakmp
 ike-peer p
#
interface GigabitEthernet0/0/1
 ip address 1.1.1.1 255.255.255.0
 ipsec policy m
#
return
`);
}

describe('identity', () => {
  it('sends the local address as IP identity unless local-id names one', () => {
    const plain = device('');
    expect(localIdentity(plain, plain.entries[0])).toMatchObject({ type: 'ip', value: '1.1.1.1' });
    const named = device(' local-id 9.9.9.9');
    expect(localIdentity(named, named.entries[0])).toMatchObject({ type: 'ip', value: '9.9.9.9' });
  });

  it('sends local-id, else ike local-name, as FQDN identity', () => {
    const byId = device(' local-id-type fqdn\n local-id rta');
    expect(localIdentity(byId, byId.entries[0])).toMatchObject({ type: 'fqdn', value: 'rta' });
    const byName = device(' local-id-type fqdn', 'ike local-name rtb');
    expect(localIdentity(byName, byName.entries[0])).toMatchObject({ type: 'fqdn', value: 'rtb' });
    const none = device(' local-id-type fqdn');
    expect(localIdentity(none, none.entries[0])?.value).toBeUndefined();
  });

  it('sends the sysname as FQDN identity when neither local-id nor ike local-name is set (not for user-FQDN)', () => {
    const bySysname = device(' local-id-type fqdn', ' sysname RouterA');
    expect(localIdentity(bySysname, bySysname.entries[0])).toMatchObject({ type: 'fqdn', value: 'RouterA', valueRange: bySysname.ast.globals.sysname?.range });
    const localNameFirst = device(' local-id-type fqdn', ' sysname RouterA\n#\nike local-name rta');
    expect(localIdentity(localNameFirst, localNameFirst.entries[0])?.value).toBe('rta');
    const userFqdn = device(' local-id-type user-fqdn', ' sysname RouterA');
    expect(localIdentity(userFqdn, userFqdn.entries[0])?.value).toBeUndefined();
  });

  it('finds a remote-id or remote-id-type that does not accept the identity', () => {
    const sender = device(' local-id-type fqdn\n local-id rta');
    const sent = localIdentity(sender, sender.entries[0]);
    expect(remoteIdentityProblem(device(' remote-id rta').entries[0], sent)).toBeUndefined();
    expect(remoteIdentityProblem(device(' remote-id rtx').entries[0], sent)).toMatchObject({ kind: 'remote-id', expected: 'rtx', actual: 'rta' });
    expect(remoteIdentityProblem(device(' remote-id-type ip').entries[0], sent)).toMatchObject({ kind: 'remote-id-type' });
    expect(remoteIdentityProblem(device(' remote-id-type any').entries[0], sent)).toBeUndefined();
    expect(remoteIdentityProblem(device('').entries[0], sent)).toBeUndefined();
  });
});
