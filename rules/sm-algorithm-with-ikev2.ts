import type { IpsecProposalNode, Val } from '../src/ast/types.js';
import type { PolicyEntry } from '../src/model/types.js';
import type { DeviceRule, DeviceRuleContext } from './types.js';
import { NO_OPTIONS } from './_lib/options.js';

/** SM1 and SM4 (encryption) and SM3 (hash), Chinese national algorithms; IKEv2 negotiates none of them in IPSec proposals. */
const SM = new Set(['sm1', 'sm3', 'sm4']);

function smLines(proposal: IpsecProposalNode): { line: Val<string[]>; names: string[] }[] {
  const out: { line: Val<string[]>; names: string[] }[] = [];
  for (const line of [proposal.espEncryption, proposal.espAuthentication, proposal.ahAuthentication]) {
    if (!line) continue;
    const names = line.value.filter((name) => SM.has(name.toLowerCase()));
    if (names.length > 0) out.push({ line, names });
  }
  return out;
}

/** The configuration line holding `offset`, trimmed (the version line named in the message). */
function lineText(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const end = text.indexOf('\n', offset);
  return text.slice(start, end === -1 ? text.length : end).trim();
}

/** The line's algorithms with SM ones replaced: sm1/sm4 by aes-256, sm3 by sha2-256 (duplicates dropped). */
function replacementOf(names: readonly string[]): string[] {
  const out = names.map((name) => {
    const lower = name.toLowerCase();
    if (lower === 'sm3') return 'sha2-256';
    return SM.has(lower) ? 'aes-256' : name;
  });
  return [...new Set(out)];
}

/** True when the entry's IKE peer negotiates IKEv2 and nothing else. */
function ikev2Only(entry: PolicyEntry): boolean {
  const versions = entry.peerSettings?.versions;
  return versions !== undefined && versions.source !== 'unknown' && versions.value.length === 1 && versions.value[0] === 2;
}

const rule: DeviceRule = {
  meta: {
    id: 'sm-algorithm-with-ikev2',
    description: 'An IPSec proposal with an SM algorithm (SM1, SM3, SM4) is used by a policy whose IKE peer negotiates IKEv2 only',
    scope: 'device',
    defaultSeverity: 'error',
    presets: ['recommended', 'strict'],
    tags: ['ipsec-proposal', 'ike-peer', 'crypto'],
    breaks: 'ipsec',
    messages: {
      smWithIkev2:
        'IPSec proposal "{{proposal}}" uses {{algorithms}}, but policy "{{policy}}" uses it with IKE peer "{{peer}}", which negotiates IKEv2 only ({{versionLine}}); IKEv2 does not negotiate SM algorithms in IPSec proposals, so phase 2 fails ("ikev2 not support sm in ipsec proposal"). Make IKE peer "{{peer}}" negotiate IKEv1 ("version 1" and "undo version 2") on both ends, or replace {{algorithms}} with non-SM algorithms (aes-256, sha2-256).',
    },
    hasSuggestions: true,
    optionsSchema: NO_OPTIONS,
    reasons: ['ikev2 not support sm in ipsec proposal', 'proposal mismatch or use sm in ikev2'],
    since: '0.1.0',
  },
  check(context: DeviceRuleContext) {
    const { device } = context;
    const reported = new Set<string>();
    for (const entry of context.entries) {
      if (entry.role === 'manual' || !entry.ikePeer || !ikev2Only(entry)) continue;
      const versions = entry.peerSettings?.versions;
      const versionLine =
        versions?.source === 'explicit' ? `"${lineText(device.text, versions.range.offset)}"` : 'by default on this platform';
      for (const proposal of entry.ipsecProposals) {
        for (const { line, names } of smLines(proposal)) {
          const key = `${proposal.path}@${line.range.offset}`;
          if (reported.has(key)) continue;
          reported.add(key);
          const algorithms = names.map((name) => `"${name}"`).join(', ');
          context.report({
            range: line.range,
            messageId: 'smWithIkev2',
            data: {
              proposal: proposal.name.value,
              algorithms,
              policy: entry.kind === 'profile' ? entry.group : `${entry.group} ${entry.seq}`,
              peer: entry.ikePeer.name.value,
              versionLine,
            },
            objectPath: `${proposal.path}/sm-with-ikev2`,
            // Unsafe: the other end's proposal must change the same way.
            suggestions: [
              {
                desc: `Replace ${algorithms} with ${replacementOf(line.value).map((n) => `"${n}"`).join(', ')} (the other end's proposal too)`,
                change: { applicability: 'unsafe', edits: [{ kind: 'replace', range: line.range, text: replacementOf(line.value).join(' ') }] },
              },
            ],
            related: versions?.source === 'explicit' ? [{ file: device.file, range: versions.range, message: `IKE peer "${entry.ikePeer.name.value}" negotiates IKEv2 only` }] : [],
          });
        }
      }
    }
  },
};

export default rule;
