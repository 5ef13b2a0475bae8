import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { RuleRegistry } from '../../src/engine/registry.js';
import { phaseOf, reviewTunnels, verdictOfPhase, type TunnelReview, type TunnelVerdict } from '../../src/engine/tunnel-review.js';
import { END_VALUE_KEYS, NEGOTIATED_KEYS } from '../../src/engine/tunnel-values.js';
import { hubAndSpokes, spokeProblem } from '../helpers/hub-network.js';
import { examplesDir, lintInputs, readConfigDir, type Input } from '../helpers/rule-harness.js';

const metas = new RuleRegistry(rules).metas;
const allRules = rules.map((rule) => rule.meta.id);
/** duplicate-device is about which file stands for a device, not about a tunnel: its example is checked on its own below. */
const NOT_A_TUNNEL_FAULT = ['duplicate-device'];
const ruleDirs = readdirSync(examplesDir)
  .filter((name) => existsSync(path.join(examplesDir, name, 'flagged')) && !NOT_A_TUNNEL_FAULT.includes(name))
  .sort();

/** The review with every rule on (strict preset included), as `fwlint tunnels --rule …` would give it. */
function review(inputs: readonly Input[]): TunnelReview[] {
  return reviewTunnels(lintInputs(inputs, allRules), metas);
}

/**
 * The verdict each rule's flagged example leads to. It is the verdict of the phase the rule stops
 * (RuleMeta.breaks), `up` for hygiene rules, with one documented exception: a rule stopping the
 * initiation of one end gives `ike-fails` when the other end can still start the negotiation
 * (the policy that is disabled, undefined or refused cannot answer it), and `never-initiated` only
 * when no end can.
 */
const EXPECTED: Record<string, TunnelVerdict> = {
  'acl-overlap-in-policy-group': 'traffic-blocked',
  'acl-rule-uses-any': 'up',
  'ah-with-nat-traversal': 'traffic-blocked',
  'authentication-address-missing': 'ike-fails',
  'destination-nat-translates-protected-flow': 'traffic-blocked',
  'dpd-not-configured': 'up',
  'dynamic-address-without-tunnel-local': 'ike-fails',
  'ecmp-routes-without-tunnel-local': 'traffic-blocked',
  'esp-without-authentication': 'up',
  'flow-overlap-across-tunnels': 'ipsec-fails',
  'ike-heartbeat-mismatch': 'traffic-blocked',
  'ike-local-id-missing': 'ike-fails',
  'ike-peer-mismatch': 'ike-fails',
  'ike-peer-vpn-instance-mismatch': 'ike-fails',
  'ike-proposal-mismatch': 'ike-fails',
  'ikev1-template-sa-dependent': 'unpaired',
  'ipsec-policy-disabled': 'ike-fails',
  'ipsec-policy-unapplied': 'ike-fails',
  'ipsec-proposal-mismatch': 'ipsec-fails',
  'ipsec-reference-undefined': 'ike-fails',
  'l2tp-over-ipsec-acl-mismatch': 'ipsec-fails',
  'manual-sa-key-mismatch': 'ipsec-fails',
  'nat-not-excluding-protected-flow': 'traffic-blocked',
  'nat-server-reverse-translates-protected-flow': 'traffic-blocked',
  'nat-translates-ike-packets': 'traffic-blocked',
  'nat-traversal-mismatch': 'traffic-blocked',
  'pfs-mismatch': 'ipsec-fails',
  'pre-shared-key-mismatch': 'ike-fails',
  'remote-address-mismatch': 'ike-fails',
  'remote-address-unreachable': 'ike-fails',
  'route-missing-to-ike-peer': 'ike-fails',
  'route-missing-to-protected-subnet': 'traffic-blocked',
  'sa-trigger-traffic-based': 'up',
  'security-acl-mismatch': 'ipsec-fails',
  'security-policy-blocks-ike': 'ike-fails',
  'security-policy-blocks-protected-flow': 'traffic-blocked',
  'sha2-compat-mismatch': 'traffic-blocked',
  'sm-algorithm-with-ikev2': 'ipsec-fails',
  'sub-address-without-tunnel-local': 'ike-fails',
  'tcp-mss-exceeds-tunnel-mtu': 'up',
  'tcp-mss-not-set': 'up',
  'template-policy-initiator': 'never-initiated',
  'template-policy-name-collision': 'ike-fails',
  'tunnel-local-not-on-interface': 'ike-fails',
  'weak-crypto-algorithm': 'up',
};
/** The initiation exception above: the other end of these examples can start the negotiation. */
const OTHER_END_INITIATES = ['ipsec-policy-disabled', 'ipsec-reference-undefined', 'template-policy-name-collision'];
/**
 * Rules about an end whose other end is, by definition, not in the run (ikev1-template-sa-dependent:
 * the initiator of a template hub is a device whose configuration is not there): the flagged and the
 * fixed set are one hub, its row is `unpaired` (the review cannot judge a tunnel with one end), the
 * finding is attached to that row without deciding it, and the fixed row carries no finding.
 */
const OTHER_END_OUTSIDE_RUN = ['ikev1-template-sa-dependent'];

describe('tunnel review of configs-examples', () => {
  it('duplicate-device: the tunnel of the live files is up, the archived copy is reported and stands for nothing', () => {
    const reviews = review(readConfigDir('configs-examples/duplicate-device/flagged'));
    const live = reviews.filter((t) => !t.id.includes('archive/'));
    expect(live.length).toBeGreaterThan(0);
    for (const tunnel of live) expect(tunnel.verdict, tunnel.id).toBe('up');
    const copy = reviews.filter((t) => t.id.includes('archive/'));
    for (const tunnel of copy) expect(tunnel.findings.map((f) => f.ruleId)).toContain('duplicate-device');
  });

  it('names a verdict for every rule with examples', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(ruleDirs);
  });

  it.each(ruleDirs)('%s: the flagged set gets the verdict its rule implies, resting on the rule', (id) => {
    const reviews = review(readConfigDir(`configs-examples/${id}/flagged`));
    expect(reviews.length).toBeGreaterThan(0);
    for (const tunnel of reviews) {
      expect(tunnel.verdict, `${tunnel.id}: ${JSON.stringify(tunnel.findings.map((f) => [f.ruleId, f.phase, f.scope]))}`).toBe(EXPECTED[id]);
      const own = tunnel.findings.filter((f) => f.ruleId === id);
      expect(own.length, `${id} findings are attached to ${tunnel.id}`).toBeGreaterThan(0);
      if (EXPECTED[id] !== 'up' && !OTHER_END_OUTSIDE_RUN.includes(id)) expect(own.some((f) => f.decisive)).toBe(true);
    }
    if (OTHER_END_OUTSIDE_RUN.includes(id)) return;
    // The verdict follows from RuleMeta.breaks.
    const phases = new Set(reviews.flatMap((t) => t.findings.filter((f) => f.ruleId === id).map((f) => f.phase)));
    const implied = [...phases].filter((p) => p !== null).map((p) => verdictOfPhase(p!));
    if (implied.length === 0) expect(EXPECTED[id]).toBe('up');
    else if (OTHER_END_INITIATES.includes(id)) expect([implied[0], EXPECTED[id]]).toEqual(['never-initiated', 'ike-fails']);
    else expect(implied).toContain(EXPECTED[id]);
  });

  it.each(ruleDirs)('%s: every tunnel of the fixed set is up, with no finding', (id) => {
    const reviews = review(readConfigDir(`configs-examples/${id}/fixed`));
    const verdict = OTHER_END_OUTSIDE_RUN.includes(id) ? 'unpaired' : 'up';
    expect(reviews.map((t) => [t.verdict, t.findings.map((f) => f.ruleId)])).toEqual(reviews.map(() => [verdict, []]));
  });

  it('the site-to-site example: one tunnel, up, both ends and every negotiated value known', () => {
    const [tunnel, ...others] = review(readConfigDir('configs-examples/site-to-site'));
    expect(others).toEqual([]);
    expect(tunnel.verdict).toBe('up');
    expect(tunnel.ends.map((end) => end.device).sort()).toEqual(['BRANCH-FW', 'HQ-FW']);
    expect(Object.keys(tunnel.negotiated)).toEqual([...NEGOTIATED_KEYS]);
    expect(Object.keys(tunnel.ends[0].values)).toEqual([...END_VALUE_KEYS]);
    expect(tunnel.negotiated.ikeVersion).toMatch(/^IKEv[12]$/);
    expect(tunnel.negotiated.ikeProposal).not.toBe('cannot verify');
    expect(tunnel.differences).toEqual([]);
    for (const end of tunnel.ends) {
      expect(end.line).toBeGreaterThan(0);
      expect(end.localAddress.value).toMatch(/^\d+\.\d+\.\d+\.\d+/);
      expect(end.interface.line).toBeGreaterThan(0);
    }
  });

  it('shows where a flagged set differs: the IKE proposal of ike-proposal-mismatch, highlighted and unmatched', () => {
    const [tunnel] = review(readConfigDir('configs-examples/ike-proposal-mismatch/flagged'));
    expect(tunnel.differences).toContain('ikeProposal');
    expect(tunnel.negotiated.ikeProposal).toBe('no proposal in common');
    expect(tunnel.ends.map((end) => end.values.ikeProposal.value)).toEqual([expect.stringContaining('aes-256'), expect.stringContaining('aes-128')]);
  });

  it('an entry whose peer is not in the input is one-ended and unpaired', () => {
    const [tunnel, ...others] = review(readConfigDir('configs-examples/site-to-site').slice(0, 1));
    expect(others).toEqual([]);
    expect(tunnel.verdict).toBe('unpaired');
    expect(tunnel.ends).toHaveLength(1);
    expect(tunnel.reasons[0]).toMatch(/^unpaired: no device in this run owns/);
  });

  it('a hub with 60 spokes: each spoke problem gives its own tunnel its verdict and leaves the others up', () => {
    const reviews = review(hubAndSpokes(60));
    const bySpoke = new Map(reviews.map((t) => [t.ends.find((end) => end.device !== 'HUB')?.device, t]));
    const expected: Record<string, TunnelVerdict> = { pfs: 'ipsec-fails', 'ike-encryption': 'ike-fails', psk: 'ike-fails', 'remote-address': 'ike-fails', 'esp-encryption': 'ipsec-fails', version: 'ike-fails' };
    for (let i = 0; i < 60; i++) {
      const problem = spokeProblem(i);
      const tunnel = bySpoke.get(`S${i}`);
      expect(tunnel, `S${i}`).toBeDefined();
      expect(tunnel!.verdict, `S${i} (${problem ?? 'correct'}): ${JSON.stringify(tunnel!.findings.map((f) => f.ruleId))}`).toBe(problem ? expected[problem] : 'up');
    }
  });

  it('phases map to verdicts in the order of the issue', () => {
    expect(['initiation', 'ike', 'ipsec', 'traffic'].map((p) => verdictOfPhase(p as never))).toEqual(['never-initiated', 'ike-fails', 'ipsec-fails', 'traffic-blocked']);
    expect(phaseOf(metas.get('pfs-mismatch'), 'differs')).toBe('ipsec');
  });
});

describe('tunnel changes (--changed)', () => {
  it('matches tunnels by id and says what moved, changed ones first', async () => {
    const { compareReviews, changeSummary } = await import('../../src/engine/tunnel-changes.js');
    const fixed = review(readConfigDir('configs-examples/pfs-mismatch/fixed'));
    const site = review(readConfigDir('configs-examples/site-to-site'));
    const broken = fixed.map((t) => ({ ...t, verdict: 'ipsec-fails' as const }));
    const changes = compareReviews([...fixed, ...site], broken);
    expect(changes.map((c) => [c.before, c.after])).toEqual([
      ['up', 'ipsec-fails'],
      ['up', null],
    ]);
    expect(changeSummary(changes)).toEqual(['1 tunnel goes from up to ipsec-fails', '1 tunnel removed (up before)']);
    expect(changeSummary(compareReviews(site, site))).toEqual(['1 tunnel unchanged']);
    expect(changeSummary([])).toEqual(['no tunnel touched by the change']);
  });
});
