import { describe, expect, it } from 'vitest';
import type { FlatFinding } from '../helpers/rule-harness.js';
import { exactly, findingsMismatch } from '../helpers/rule-tester.js';

const finding = (line: number, message = 'm', related: FlatFinding['related'] = []): FlatFinding => ({
  ruleId: 'r',
  severity: 'error',
  file: 'a.cfg',
  line,
  column: 1,
  endLine: line,
  endColumn: 5,
  message,
  objectPath: 'x',
  related,
});

describe('rule tester: the findings equal the expected list exactly', () => {
  it('matches in any order, also when a partial expectation fits several findings', () => {
    const actual = [finding(3, 'first'), finding(3, 'second')];
    expect(findingsMismatch(actual, [{ file: 'a.cfg', line: 3, message: 'second' }, { file: 'a.cfg', line: 3 }])).toBe('');
    expect(findingsMismatch(actual, [{ file: 'a.cfg', line: 3 }, { file: 'a.cfg', line: 3, message: 'second' }])).toBe('');
  });

  it('fails on an extra finding, a missing one, and on any listed field that differs', () => {
    expect(findingsMismatch([finding(3), finding(4)], [{ file: 'a.cfg', line: 3 }])).toContain('unexpected: a.cfg:4:1');
    expect(findingsMismatch([finding(3)], [{ file: 'a.cfg', line: 3 }, { file: 'a.cfg', line: 3 }])).toContain('not found');
    expect(findingsMismatch([finding(3)], [{ file: 'a.cfg', line: 3, column: 2 }])).toContain('column 1 ≠ 2');
    expect(findingsMismatch([finding(3)], [{ file: 'a.cfg', line: 3, endColumn: 6 }])).toContain('endColumn');
    expect(findingsMismatch([finding(3)], [{ file: 'a.cfg', line: 3, severity: 'warning' }])).toContain('severity');
    expect(findingsMismatch([finding(3, 'abc')], [{ file: 'a.cfg', line: 3, message: ['a', 'z'] }])).toContain('message lacks "z"');
    expect(findingsMismatch([finding(3)], [{ file: 'a.cfg', line: 3, objectPath: /^y/ }])).toContain('objectPath');
  });

  it('checks all related locations, in order', () => {
    const related = [{ file: 'b.cfg', line: 7, column: 2, message: 'other end' }];
    expect(findingsMismatch([finding(3, 'm', related)], [{ file: 'a.cfg', line: 3, related: [{ file: 'b.cfg', line: 7, column: 2 }] }])).toBe('');
    expect(findingsMismatch([finding(3, 'm', related)], [{ file: 'a.cfg', line: 3, related: [] }])).toContain('1 related locations ≠ 0');
    expect(findingsMismatch([finding(3, 'm', related)], [{ file: 'a.cfg', line: 3, related: [{ file: 'b.cfg', line: 8 }] }])).toContain('related[0]');
    expect(findingsMismatch([finding(3, 'm', related)], [{ file: 'a.cfg', line: 3, related: [{ file: 'b.cfg', line: 7, message: exactly('other end') }] }])).toBe('');
    expect(findingsMismatch([finding(3, 'm', related)], [{ file: 'a.cfg', line: 3, related: [{ file: 'b.cfg', line: 7, message: exactly('other') }] }])).toContain('related[0]');
  });

  it('matches a message given by exactly() whole, its special characters literally', () => {
    expect(findingsMismatch([finding(3, 'MSS "1460" (p10).')], [{ file: 'a.cfg', line: 3, message: exactly('MSS "1460" (p10).') }])).toBe('');
    expect(findingsMismatch([finding(3, 'MSS "1460" (p10). More')], [{ file: 'a.cfg', line: 3, message: exactly('MSS "1460" (p10).') }])).toContain('message !~');
    expect(findingsMismatch([finding(3, 'MSS "1460" (p10)x')], [{ file: 'a.cfg', line: 3, message: exactly('MSS "1460" (p10).') }])).toContain('message !~');
  });

  it('recovers the message id from the templates', () => {
    const ids = (message: string): string[] => (message.startsWith('Peer') ? ['peer'] : []);
    expect(findingsMismatch([finding(3, 'Peer x')], [{ file: 'a.cfg', line: 3, messageId: 'peer' }], ids)).toBe('');
    expect(findingsMismatch([finding(3, 'Policy x')], [{ file: 'a.cfg', line: 3, messageId: 'peer' }], ids)).toContain('messageId');
  });
});
