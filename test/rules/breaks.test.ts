import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { TUNNEL_PHASES, type RuleMeta, type TunnelPhase } from '../../rules/types.js';
import { phaseOf } from '../../src/engine/tunnel-review.js';
import { repoRoot } from '../helpers/rule-harness.js';

/** What a rule's "Why it breaks the VPN" section (or the message) must say for each phase it claims. */
const PHASE_WORDS: Record<TunnelPhase, RegExp> = {
  initiation: /triggered|triggers|never starts|nobody starts|never come up|never negotiated|no IKE packet/i,
  ike: /phase 1|IKE SA|IKE negotiation|IKE packets|IKE authentication|authentication fails|peer address mismatch|config ID mismatch|no policy applied on interface|negotiation fails/i,
  ipsec: /phase 2|IPSec SA|\bSAs?\b|flow (or peer )?mismatch/i,
  traffic: /traffic|packet|carr(y|ies)|communicate/i,
};

function whyItBreaks(id: string): string {
  const doc = readFileSync(path.join(repoRoot, 'rules', `${id}.md`), 'utf8');
  const start = doc.indexOf('## Why it breaks the VPN');
  expect(start, `rules/${id}.md has a "Why it breaks the VPN" section`).toBeGreaterThanOrEqual(0);
  const end = doc.indexOf('\n## ', start + 3);
  return doc.slice(start, end < 0 ? undefined : end);
}

function phasesOf(meta: RuleMeta): [string | undefined, TunnelPhase][] {
  const breaks = meta.breaks;
  if (breaks === undefined) return [];
  if (typeof breaks === 'string') return [[undefined, breaks]];
  return Object.entries(breaks).map(([messageId, phase]) => [messageId, phase as TunnelPhase]);
}

describe('RuleMeta.breaks: the phase of a tunnel a rule stops', () => {
  it.each(rules.map((rule) => [rule.meta.id, rule.meta] as const))('%s names a real phase for real messages, consistent with its docs', (id, meta) => {
    for (const [messageId, phase] of phasesOf(meta)) {
      expect(TUNNEL_PHASES).toContain(phase);
      if (messageId !== undefined) expect(Object.keys(meta.messages), `${id}: breaks names message ${messageId}`).toContain(messageId);
      const text = `${whyItBreaks(id)}\n${messageId === undefined ? Object.values(meta.messages).join('\n') : meta.messages[messageId]}`;
      expect(text, `${id}: the docs or the message say how it stops the ${phase} phase`).toMatch(PHASE_WORDS[phase]);
    }
  });

  it('every rule reported as an error by default stops a phase; rules that stop none are warnings (hygiene)', () => {
    for (const { meta } of rules) {
      if (meta.defaultSeverity === 'error') expect(meta.breaks, `${meta.id} is an error: which phase does it stop?`).toBeDefined();
      if (meta.breaks === undefined) expect(meta.defaultSeverity, meta.id).toBe('warning');
    }
  });

  it('hygiene rules (weak algorithms, DPD, TCP MSS, ESP without authentication, any, SA trigger) and duplicate-device (about the check, not the tunnel) stop nothing', () => {
    const hygiene = ['weak-crypto-algorithm', 'dpd-not-configured', 'tcp-mss-not-set', 'tcp-mss-exceeds-tunnel-mtu', 'esp-without-authentication', 'acl-rule-uses-any', 'sa-trigger-traffic-based', 'duplicate-device'];
    expect(rules.filter((rule) => rule.meta.breaks === undefined).map((rule) => rule.meta.id).sort()).toEqual(hygiene.sort());
  });

  it('phaseOf reads one phase for every message, or a phase per message with the others advice', () => {
    const byId = new Map(rules.map((rule) => [rule.meta.id, rule.meta]));
    expect(phaseOf(byId.get('ike-proposal-mismatch'), 'fieldMismatch')).toBe('ike');
    expect(phaseOf(byId.get('security-acl-mismatch'), 'noDirection')).toBe('ipsec');
    expect(phaseOf(byId.get('security-acl-mismatch'), 'notMirrored')).toBeUndefined();
    expect(phaseOf(byId.get('nat-traversal-mismatch'), 'differs')).toBeUndefined();
    expect(phaseOf(byId.get('weak-crypto-algorithm'), 'weak')).toBeUndefined();
    expect(phaseOf(undefined, 'x')).toBeUndefined();
  });
});
