import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { examplesDir, lint, lintDir, readConfigDir } from '../helpers/rule-harness.js';

const OWN = ['ah-with-nat-traversal', 'sub-address-without-tunnel-local', 'template-policy-initiator', 'template-policy-name-collision'];
const recommended = () => rules.filter((r) => r.meta.presets.includes('recommended')).map((r) => r.meta.id);

describe('issue 4 examples', () => {
  it.each(OWN)('the fixed set of %s is clean for every recommended rule', (id) => {
    expect(lintDir(path.join(examplesDir, id, 'fixed'), recommended())).toEqual([]);
  });

  it.each(OWN)('the flagged set of %s triggers only its own rule', (id) => {
    const findings = lintDir(path.join(examplesDir, id, 'flagged'), recommended());
    expect(findings.length).toBeGreaterThan(0);
    expect(new Set(findings.map((f) => f.ruleId))).toEqual(new Set([id]));
  });

  it('every fixed example of the repository, linted as one network, gives these rules nothing to report', () => {
    const fixed = readConfigDir(examplesDir).filter((input) => input.file.includes('/fixed/') || input.file.includes('/site-to-site/'));
    expect(lint(fixed, OWN)).toEqual([]);
  });
});
