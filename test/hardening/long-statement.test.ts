import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/ast/parse.js';
import { MAX_STATEMENT_WORDS } from '../../src/grammar/shapes.js';

describe('statements far longer than VRP allows', () => {
  it('a 1 MB line of 500,000 words is a syntax diagnostic, not an internal parser error, and the rest of the file still parses', () => {
    const text = ['#', ' sysname long', '#', 'acl number 3000', ` rule 5 permit ip source 10.0.0.0 0.0.0.255 description${' x'.repeat(500_000)}`, ' rule 10 permit ip source 10.1.0.0 0.0.0.255', '#', 'return', ''].join('\n');
    const { ast } = parseConfig(text, 'long.cfg');
    expect(ast.diagnostics.map((d) => d.message).filter((m) => m.startsWith('internal parser error'))).toEqual([]);
    const diagnostic = ast.diagnostics.find((d) => d.code === 'statement-syntax');
    expect(diagnostic?.range.line).toBe(5);
    expect(ast.acls[0]?.rules.map((r) => r.id.value)).toContain(10);
  });

  it('lines up to the word cap still go through the grammar', () => {
    const words = Array.from({ length: MAX_STATEMENT_WORDS - 8 }, () => 'x').join(' ');
    const { ast } = parseConfig(['#', 'ike peer p', ` remote-address 192.0.2.1`, ` description ${words}`, '#', 'return', ''].join('\n'), 'cap.cfg');
    expect(ast.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(ast.ikePeers[0]?.name.value).toBe('p');
  });
});
