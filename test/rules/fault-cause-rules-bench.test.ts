import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lint, repoRoot } from '../helpers/rule-harness.js';

interface Generator {
  generateNetwork(n: number): { name: string; text: string }[];
}
const generator = (await import(pathToFileURL(path.join(repoRoot, 'bench/generate.js')).href)) as Generator;

/** The #16 fault-cause rules that read tunnel local, heartbeats, identities and SM algorithms. */
const RULES = ['tunnel-local-not-on-interface', 'sm-algorithm-with-ikev2', 'ike-heartbeat-mismatch', 'ike-local-id-missing', 'ikev1-template-sa-dependent'];

describe('fault-cause rules on the benchmark network', () => {
  it('report nothing on a generated 20-spoke hub network (the 1,000-spoke benchmark writes the same devices)', () => {
    const inputs = generator.generateNetwork(20).map(({ name, text }) => ({ file: name, text }));
    // The generator writes "tunnel local" on every policy: the rule checks real lines here.
    expect(inputs[0].text).toContain(' tunnel local ');
    expect(lint(inputs, RULES)).toEqual([]);
  });
});
