import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { findReason, HUAWEI_REASONS, normaliseReason, rulesForReason } from '../../src/engine/huawei-reasons.js';

const metas = rules.map((rule) => rule.meta);
const ruleIds = new Set(metas.map((meta) => meta.id));

describe('the Huawei reason table', () => {
  it('holds the 43 negotiation and 27 teardown causes of the fault cause reference, once each', () => {
    // huawei-fault-causes.md §3a and §3b (EDOC1100086053); the other rows are §4's strings.
    const extraNegotiation = ['flow mismatch', 'exchange mode mismatch', 'max transmit reached', 'uncritical drop', 'short packet', 'form cert payload fail', 'peer cert is expired', 'peer cert is revoked by CRL', 'sa with same user exists'];
    const extraTeardown = ['admin down', 'forward down', 'reset sa by ike user'];
    const negotiation = HUAWEI_REASONS.filter((row) => row.kind === 'negotiation' && !extraNegotiation.includes(row.reason));
    const teardown = HUAWEI_REASONS.filter((row) => row.kind === 'teardown' && !extraTeardown.includes(row.reason));
    expect(negotiation).toHaveLength(43);
    expect(teardown).toHaveLength(27);
    const names = HUAWEI_REASONS.flatMap((row) => [row.reason, ...(row.aliases ?? [])].map(normaliseReason));
    expect(new Set(names).size).toBe(names.length);
  });

  it('every reason a rule names is in the table', () => {
    for (const meta of metas) for (const reason of meta.reasons ?? []) expect(findReason(reason), `${meta.id}: "${reason}"`).toBeDefined();
  });

  it('every row names an existing rule, says runtime only, or names the rule proposed for it', () => {
    for (const row of HUAWEI_REASONS) {
      const detecting = rulesForReason(row, metas);
      for (const id of detecting) expect(ruleIds.has(id)).toBe(true);
      if (row.runtimeOnly) expect(detecting, `"${row.reason}" is runtime only, yet rules name it`).toEqual([]);
      else if (detecting.length === 0) expect(row.proposed, `"${row.reason}" has configurable causes but no rule and no proposed rule`).toBeTruthy();
    }
  });

  it('matches case-insensitively with Huawei spelling variants, and never guesses', () => {
    expect(findReason('Malformed-Message')?.reason).toBe('malformed message');
    expect(findReason('flow conflict')?.reason).toBe('flow confict');
    expect(findReason('acl configuration mismatch')?.reason).toBe('flow or peer mismatch');
    expect(findReason('port mismatch after inbound sa miss')?.reason).toBe('hard expiry triggered by port mismatch');
    expect(findReason('phase1 hardware expire')?.reason).toBe('phase1 hard expiry');
    expect(findReason('phase1 proposal dh mismatch')?.reason).toBe('phase1 proposal mismatch');
    expect(findReason('phase1 proposal')).toBeUndefined();
    expect(findReason('flow')).toBeUndefined();
    expect(findReason('DPD-Timeout')?.reason).toBe('dpd timeout');
  });

  it('"flow or peer mismatch" is detected by security-acl-mismatch and remote-address-mismatch', () => {
    const row = findReason('flow or peer mismatch');
    expect(row && rulesForReason(row, metas)).toEqual(expect.arrayContaining(['remote-address-mismatch', 'security-acl-mismatch']));
  });
});
