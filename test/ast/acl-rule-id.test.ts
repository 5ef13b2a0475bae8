import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/ast/parse.js';

describe('ACL rule ids', () => {
  it.each(['abc', '\u000e', '1.2'])('a rule id %j that is not a number is a syntax error at that token, not a crash', (id) => {
    const text = `#\nacl number 3000\n rule ${id} permit ip\n rule 10 permit ip\n#\nreturn\n`;
    const { ast } = parseConfig(text, 'r.cfg');
    expect(ast.diagnostics.map((d) => [d.code, d.range.line, d.range.column])).toEqual([['statement-syntax', 3, 7]]);
    expect(ast.diagnostics[0].message).not.toContain('internal');
    expect(ast.acls[0].rules.map((r) => r.id.value)).toEqual([10]);
  });
});
