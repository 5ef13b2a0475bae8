import type { SecretValue } from '../src/ast/types.js';
import { endPairs, relatedAt, type TunnelRule } from './_lib/tunnel-ends.js';
import { NO_OPTIONS } from './_lib/options.js';

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
    noFix:
      'The right key is a secret a fix never copies, and a line with the placeholder "<the key of the other end>" would still differ from the other end (the finding stays); enter the agreed key by hand on one end: "ike peer NAME", then "pre-shared-key cipher <the key of the other end>".',
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
      });
    }
  },
};

export default rule;
