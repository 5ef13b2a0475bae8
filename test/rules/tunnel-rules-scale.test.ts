import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/ast/parse.js';
import { buildDevice } from '../../src/model/device.js';
import { compareIkeProposals, compareIpsecProposals, negotiatePairs } from '../../src/model/negotiation.js';
import { buildNetwork } from '../../src/network/build.js';
import { hubAndSpokes } from '../helpers/hub-network.js';
import { lintInputs } from '../helpers/rule-harness.js';

const RULES = [
  'ike-peer-mismatch',
  'ike-proposal-mismatch',
  'ipsec-proposal-mismatch',
  'pfs-mismatch',
  'pre-shared-key-mismatch',
  'remote-address-mismatch',
];
const SPOKES = 1000;

describe('tunnel rules on a hub with 1,000 spokes', () => {
  const inputs = hubAndSpokes(SPOKES);

  it('compares proposals once per tunnel, never hub entries against each other', () => {
    const devices = inputs.map((input, index) => {
      const parsed = parseConfig(input.text, input.file);
      return buildDevice({ file: input.file, text: parsed.text, ast: parsed.ast, index });
    });
    const network = buildNetwork(devices);
    expect(network.tunnels).toHaveLength(SPOKES);
    let ikeComparisons = 0;
    let ipsecComparisons = 0;
    for (const tunnel of network.tunnels) {
      const [a, b] = tunnel.ends;
      negotiatePairs(a.entry.ikeProposals, b.entry.ikeProposals, (x, y) => (ikeComparisons++, compareIkeProposals(x, y, 1)));
      negotiatePairs(a.entry.ipsecProposalSettings, b.entry.ipsecProposalSettings, (x, y) => (ipsecComparisons++, compareIpsecProposals(x, y)));
    }
    expect(ikeComparisons).toBe(SPOKES);
    expect(ipsecComparisons).toBe(SPOKES);
  });

  it('finds exactly the planted problems, one per spoke and rule', () => {
    const outcome = lintInputs(inputs, RULES);
    const byRule = new Map<string, number>();
    for (const finding of outcome.findings) byRule.set(finding.ruleId, (byRule.get(finding.ruleId) ?? 0) + 1);
    const perProblem = SPOKES / 10;
    expect(Object.fromEntries(byRule)).toEqual({
      'ike-peer-mismatch': 2 * perProblem,
      'ike-proposal-mismatch': 2 * perProblem,
      'ipsec-proposal-mismatch': 2 * perProblem,
      'pfs-mismatch': 2 * perProblem,
      'pre-shared-key-mismatch': 2 * perProblem,
      'remote-address-mismatch': perProblem,
    });
    expect(outcome.internalErrors).toEqual([]);
  });
});
