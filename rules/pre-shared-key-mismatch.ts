import type { SecretValue } from '../src/ast/types.js';
import { endPairs, relatedAt, type TunnelRule } from './_lib/tunnel-ends.js';
import { NO_OPTIONS } from './_lib/options.js';
import { KEY_PLACEHOLDER, preSharedKeyCommand } from './_lib/key-command.js';

/** Plaintext keys carry a per-run digest; ciphertext differs per device even for equal keys. */
function comparable(key: SecretValue): boolean {
  return !key.encrypted && key.digest !== undefined;
}

const rule: TunnelRule = {
  meta: {
    id: 'pre-shared-key-mismatch',
    description: 'The plaintext pre-shared keys of the two ends of a tunnel differ',
    scope: 'tunnel',
    defaultSeverity: 'error',
    presets: ['recommended', 'strict'],
    tags: ['ike', 'phase1', 'authentication', 'two-end'],
    breaks: 'ike',
    messages: {
      differs:
        'The pre-shared key of IKE peer "{{peer}}" differs from the key of peer "{{otherPeer}}" on {{other}}, so IKE authentication fails and no SA is established; enter the same key on both ends.',
    },
    hasSuggestions: true,
    optionsSchema: NO_OPTIONS,
    reasons: ['authentication fail', 'malformed message'],
    since: '0.1.0',
  },
  check(context) {
    const [first, second] = context.tunnel.ends;
    const keyA = first.entry.ikePeer?.preSharedKey;
    const keyB = second.entry.ikePeer?.preSharedKey;
    if (!keyA || !keyB) return;
    if (!comparable(keyA) || !comparable(keyB)) {
      context.note(first.device.file, `cannot verify the pre-shared keys of ${context.tunnel.id}: ciphertext cannot be compared across devices`);
      return;
    }
    if (keyA.digest === keyB.digest) return;
    for (const [end, other] of endPairs(context.tunnel)) {
      const peer = end.entry.ikePeer;
      const otherPeer = other.entry.ikePeer;
      const key = peer?.preSharedKey;
      const otherKey = otherPeer?.preSharedKey;
      if (!peer || !otherPeer || !key || !otherKey) continue;
      context.report({
        file: end.device.file,
        range: key.range,
        objectPath: peer.path,
        messageId: 'differs',
        data: { peer: peer.name.value, otherPeer: otherPeer.name.value, other: other.device.name },
        related: relatedAt(other, otherKey.range, `pre-shared key of peer "${otherPeer.name.value}" on ${other.device.name}`),
        // A choice (which end's key is the right one), so a suggestion on each end; commands only:
        // a key is a secret fwlint never writes, so the file is edited by hand.
        suggestions: [
          {
            desc: `Make the key of IKE peer "${peer.name.value}" the key of peer "${otherPeer.name.value}" on ${other.device.name}: type these commands on ${end.device.name} with that key in place of ${KEY_PLACEHOLDER}, then edit this file by hand (fwlint never writes a key, so the file is left unchanged)`,
            change: { file: end.device.file, edits: [{ kind: 'device-only', line: key.range.line, commands: [preSharedKeyCommand(end.device.ast.platform, key)] }] },
          },
        ],
      });
    }
  },
};

export default rule;
