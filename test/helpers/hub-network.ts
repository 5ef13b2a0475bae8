import type { Input } from './rule-harness.js';

/** What spoke `i` gets wrong, cycling through one problem per tunnel rule (i % 10 ≥ 6: nothing). */
export const SPOKE_PROBLEMS = ['pfs', 'ike-encryption', 'psk', 'remote-address', 'esp-encryption', 'version'] as const;

export function spokeProblem(i: number): (typeof SPOKE_PROBLEMS)[number] | undefined {
  return SPOKE_PROBLEMS[i % 10];
}

const spokeWan = (i: number): string => `20.${i >> 8}.${i & 255}.1`;

const proposals = (encryption: string, esp: string): string => `ike proposal 1
 encryption-algorithm ${encryption}
 dh group14
 authentication-algorithm sha2-256
 authentication-method pre-share
 integrity-algorithm hmac-sha2-256
 prf hmac-sha2-256
#
ipsec proposal t
 encapsulation-mode tunnel
 esp authentication-algorithm sha2-256
 esp encryption-algorithm ${esp}
#
`;

/** A hub (IKEv1 only, plaintext keys) with one policy seq per spoke, and `count` spokes. */
export function hubAndSpokes(count: number): Input[] {
  let hub = `!Software Version V500R005C10SPC300\n#\n sysname HUB\n#\n${proposals('aes-256', 'aes-256')}`;
  for (let i = 0; i < count; i++) {
    hub += `ike peer s${i}\n undo version 2\n pre-shared-key simple Shared-Key-1\n ike-proposal 1\n remote-address ${spokeWan(i)}\n#\n`;
    hub += `ipsec policy hub ${i + 1} isakmp\n ike-peer s${i}\n proposal t\n pfs dh-group14\n#\n`;
  }
  hub += 'interface GigabitEthernet0/0/1\n ip address 1.1.1.1 255.255.255.0\n ipsec policy hub\n#\nreturn\n';
  const inputs: Input[] = [{ file: 'hub.cfg', text: hub }];
  for (let i = 0; i < count; i++) {
    const problem = spokeProblem(i);
    const spoke = `!Software Version V500R005C10SPC300
#
 sysname S${i}
#
${proposals(problem === 'ike-encryption' ? 'aes-128' : 'aes-256', problem === 'esp-encryption' ? 'aes-128' : 'aes-256')}ike peer hub
 ${problem === 'version' ? 'undo version 1' : 'undo version 2'}
 pre-shared-key simple ${problem === 'psk' ? 'Other-Key-2' : 'Shared-Key-1'}
 ike-proposal 1
 remote-address ${problem === 'remote-address' ? '1.1.1.2' : '1.1.1.1'}
#
ipsec policy m 10 isakmp
 ike-peer hub
 proposal t
${problem === 'pfs' ? '' : ' pfs dh-group14\n'}#
interface GigabitEthernet0/0/1
 ip address ${spokeWan(i)} 255.255.255.0
 ipsec policy m
#
return
`;
    inputs.push({ file: `s${i}.cfg`, text: spoke });
  }
  return inputs;
}
