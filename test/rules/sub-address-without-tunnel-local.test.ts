import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allCorpusFiles, corpus, examplesDir, lineOf, lint, lintDir, readConfigDir } from '../helpers/rule-harness.js';
import { siteA as standardSiteA, siteB as standardSiteB, type SiteOptions } from '../helpers/site-config.js';

const RULE = 'sub-address-without-tunnel-local';
const dir = path.join(examplesDir, RULE);

/** Site A with a sub address 203.0.113.5 that site B peers with. */
const siteA = (o: Partial<SiteOptions> = {}) => standardSiteA({ subAddresses: ['203.0.113.5'], ...o });
const siteB = (o: Partial<SiteOptions> = {}) => standardSiteB({ remoteAddresses: ['203.0.113.5'], ...o });

describe(RULE, () => {
  it('is an error when the other end points at the sub address, with its remote-address line as related location', () => {
    const [a, b] = readConfigDir(path.join(dir, 'flagged'));
    const findings = lint([a, b], [RULE]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: RULE,
      severity: 'error',
      file: a.file,
      line: lineOf(a.text, 'ipsec policy map1 10 isakmp'),
      column: 1,
      objectPath: 'ipsec-policy:map1/10',
      related: [{ file: b.file, line: lineOf(b.text, ' remote-address 203.0.6.18'), column: 2, message: expect.stringContaining('subaddr-B-flagged') }],
    });
    expect(findings[0].message).toContain('Add "tunnel local 203.0.6.18"');
    expect(findings[0].message).toContain('primary address "203.0.6.17"');
  });

  it('finds nothing in the fixed example (tunnel local names the sub address)', () => {
    expect(lintDir(path.join(dir, 'fixed'), [RULE])).toEqual([]);
  });

  it('warns when nobody in the run points at a sub address', () => {
    const a = siteA();
    const findings = lint([a, siteB({ remoteAddresses: ['203.0.113.1'] })], [RULE]);
    expect(findings).toEqual([expect.objectContaining({ severity: 'warning', file: 'a.cfg', line: lineOf(a.text, 'ipsec policy map1 10 isakmp'), related: [] })]);
    expect(findings[0].message).toContain('("203.0.113.5")');
    expect(lint([a], [RULE])).toHaveLength(1);
  });

  it('accepts a peer local-address or tunnel local instead of the primary address', () => {
    expect(lint([siteA({ tunnelLocal: '203.0.113.5' }), siteB()], [RULE])).toEqual([]);
    const a = siteA();
    const text = a.text.replace(' remote-address 198.51.100.1\n', ' remote-address 198.51.100.1\n local-address 203.0.113.5\n');
    expect(lint([{ file: 'a.cfg', text }, siteB()], [RULE])).toEqual([]);
  });

  it('flags a template responder whose initiator points at the sub address', () => {
    const a = siteA({ mode: 'template', remoteAddresses: [] });
    const findings = lint([a, siteB()], [RULE]);
    expect(findings).toEqual([expect.objectContaining({ severity: 'error', line: lineOf(a.text, 'ipsec policy map1 10 isakmp template tpl1') })]);
  });

  it('ignores interfaces without sub addresses', () => {
    expect(lint([siteA({ subAddresses: [] }), siteB({ remoteAddresses: ['203.0.113.1'] })], [RULE])).toEqual([]);
  });

  it('finds nothing in the corpus', () => {
    expect(lint(corpus(...allCorpusFiles()), [RULE])).toEqual([]);
  });
});
