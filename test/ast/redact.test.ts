import { expect, it } from 'vitest';
import { parseConfig } from '../../src/ast/parse.js';
import { astToJson } from '../../src/ast/redact.js';

it('astToJson output contains no secret text', () => {
  const { ast } = parseConfig('ike peer a\n pre-shared-key cipher TopSecret#1\n', 'a');
  const json = astToJson(ast);
  expect(json).not.toContain('TopSecret');
  expect(JSON.parse(json).ikePeers[0].preSharedKey.form).toBe('cipher');
});
